/** Where a hospital's 24-hour status comes from: its name, or an operator who checked. */
export const open24HoursSources = ['NAME', 'OPERATOR'] as const;

// "24" standing as a number of its own: not a piece of "2424" (read 이사이사, a pun on moving house),
// "124" or "240". Whatever follows (시, 시간, h, a space, a letter) does not matter: names shorten
// "24시간" every way they can ("24시", "24h", "강남24동물메디컬센터").
const STANDALONE_24 = /(?<![0-9])24(?![0-9])/;

/**
 * Guesses from a hospital's 사업장명 whether it runs round the clock. The register holds no opening hours,
 * so this is a weak signal by design: a "24" that is a number of its own, after folding full-width digits
 * (２４) to ASCII. Numbers spelled in Chinese characters or Hangul ("二十四", "이십사") are not read.
 */
export function looksOpen24Hours(name: string): boolean {
  return STANDALONE_24.test(name.normalize('NFKC'));
}
