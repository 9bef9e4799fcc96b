const DATE = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})$/;
// Dumps write 최종수정시점 as "2021-10-31 19:10:35", "20211031191035" or "2021-11-02 02:40:00.0".
const TIMESTAMP = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T]?(\d{2}):?(\d{2})(?::?(\d{2})(?:\.\d+)?)?)?$/;
const KST_OFFSET_HOURS = 9;

function checkedUtc(text: string, y: string, mo: string, d: string, h = '0', mi = '0', s = '0'): Date {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2023-02-30 over to March; a rolled-over date was not a real one.
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    hour < 24 && minute < 60 && second < 60;
  if (!real) throw new RangeError(`"${text}" is not a real date`);
  return date;
}

/**
 * Reads a LOCALDATA calendar date ("20121224" in older dumps, "2012-12-24" in newer ones) as "YYYY-MM-DD".
 * Blank means "not set" and gives null; anything else unreadable throws a RangeError saying what it got.
 */
export function parseLocalDate(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const m = DATE.exec(trimmed);
  if (!m) throw new RangeError(`"${trimmed}" is not a date (expected YYYYMMDD or YYYY-MM-DD)`);
  return checkedUtc(trimmed, m[1]!, m[2]!, m[3]!).toISOString().slice(0, 10);
}

/**
 * Reads a LOCALDATA wall-clock time, which is Korea Standard Time (UTC+9, no daylight saving), as an instant.
 * Blank gives null; anything else unreadable throws a RangeError.
 */
export function parseKstTimestamp(text: string): Date | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const m = TIMESTAMP.exec(trimmed);
  if (!m) throw new RangeError(`"${trimmed}" is not a timestamp (expected YYYY-MM-DD HH:MM:SS or YYYYMMDDHHMMSS)`);
  const wallClock = checkedUtc(trimmed, m[1]!, m[2]!, m[3]!, m[4], m[5], m[6]);
  return new Date(wallClock.getTime() - KST_OFFSET_HOURS * 3600_000);
}
