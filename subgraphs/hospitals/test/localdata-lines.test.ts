import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { UnpairedQuoteFilter } from '../src/modules/hospital/localdata-lines.ts';

async function filter(chunks: string[]) {
  const quotes = new UnpairedQuoteFilter();
  const out = await text(Readable.from(chunks).pipe(quotes));
  return { out, dropped: quotes.dropped };
}

describe('UnpairedQuoteFilter', () => {
  it('blanks a line whose quotes do not pair up, keeping every other line and the line count', async () => {
    const { out, dropped } = await filter(['"a","b"\n"c","d\n', '"e","f"\n']);
    expect(out).toBe('"a","b"\n\n"e","f"\n');
    expect(dropped).toEqual([{ line: 2, reason: 'broken quote: a field opens a quote it never closes' }]);
  });

  it('reads lines split across chunks, CRLF endings and a last line without a newline', async () => {
    const { out, dropped } = await filter(['"a","b', '"\r\n"c"', ',"d""x"""\r\n"bad\r\n"e"']);
    expect(out).toBe('"a","b"\r\n"c","d""x"""\r\n\n"e"');
    expect(dropped.map((d) => d.line)).toEqual([3]);
  });
});
