/**
 * Numbers the `?` placeholders of a statement assembled from pieces (`$1`, `$2`… in order), so each piece can push
 * its values beside its text without knowing its position. Question marks inside single-quoted literals stay; the
 * search statement uses no PostgreSQL `?` operator.
 */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}
