import { describe, expect, it } from 'vitest';
import { parseKstTimestamp, parseLocalDate } from '../src/modules/hospital/localdata-dates.ts';

describe('parseLocalDate', () => {
  it('reads the older and the newer dump formats alike', () => {
    expect(parseLocalDate('20121224')).toBe('2012-12-24');
    expect(parseLocalDate('2012-12-24')).toBe('2012-12-24');
    expect(parseLocalDate(' 2012-12-24 ')).toBe('2012-12-24');
  });

  it('gives null for a blank cell', () => {
    expect(parseLocalDate('')).toBeNull();
    expect(parseLocalDate('   ')).toBeNull();
  });

  it('rejects what is not a real date, saying what it got', () => {
    expect(() => parseLocalDate('2023-13-45')).toThrow('"2023-13-45" is not a real date');
    expect(() => parseLocalDate('20230229')).toThrow(RangeError);
    expect(() => parseLocalDate('24/12/2012')).toThrow('not a date');
  });
});

describe('parseKstTimestamp', () => {
  it('reads Korean wall-clock time in every format the dumps use', () => {
    const expected = new Date('2021-10-31T10:10:35Z');
    expect(parseKstTimestamp('2021-10-31 19:10:35')).toEqual(expected);
    expect(parseKstTimestamp('20211031191035')).toEqual(expected);
    expect(parseKstTimestamp('2021-10-31 19:10:35.0')).toEqual(expected);
  });

  it('takes a bare date as midnight in Korea', () => {
    expect(parseKstTimestamp('2021-11-02')).toEqual(new Date('2021-11-01T15:00:00Z'));
  });

  it('gives null for blank and throws for garbage', () => {
    expect(parseKstTimestamp('')).toBeNull();
    expect(() => parseKstTimestamp('2021-10-31 25:00:00')).toThrow(RangeError);
    expect(() => parseKstTimestamp('yesterday')).toThrow('not a timestamp');
  });
});
