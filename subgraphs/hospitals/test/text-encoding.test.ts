import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { detectEncoding } from '../src/modules/hospital/text-encoding.ts';

const header = '"번호","관리번호","사업장명",\n';

describe('detectEncoding', () => {
  it('reads the publisher\'s CP949 as cp949', () => {
    expect(detectEncoding(iconv.encode(header, 'cp949'), true)).toBe('cp949');
  });

  it('reads UTF-8 re-saves, with or without BOM, as utf8', () => {
    expect(detectEncoding(Buffer.from(`\uFEFF${header}`, 'utf8'), true)).toBe('utf8');
    expect(detectEncoding(Buffer.from(header, 'utf8'), true)).toBe('utf8');
  });

  it('does not mistake a sample cut inside a UTF-8 character for CP949', () => {
    const bytes = Buffer.from(header, 'utf8');
    const cut = bytes.subarray(0, 5); // '"' + '번' (3 bytes) + first byte of '호'
    expect(detectEncoding(cut, false)).toBe('utf8');
  });
});
