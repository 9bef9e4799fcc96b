import { basename } from 'node:path';
import type { ImportCounts, ImportSummary } from './hospital.importer.ts';

/** The six counts of a summary, for `--json`'s last line. */
export function importCounts(s: ImportSummary): ImportCounts {
  return { read: s.read, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, delisted: s.delisted };
}

const n = (value: number) => value.toLocaleString('en-US');
const kst = (date: Date) => new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') + ' KST';

/** What an operator reads after an import: where the export stands, the counts, and every rejected row (up to `maxRejections`). */
export function formatImportSummary(s: ImportSummary, maxRejections = 50): string[] {
  const lines: string[] = [];
  const previous = s.previousExportVersion;
  const standing = !s.exportVersion
    ? 'no usable row'
    : !previous
      ? 'the first export imported'
      : !s.newest
        ? `OLDER than the export of ${kst(previous)} already imported: only licences it has newer data of were taken`
        : s.exportVersion.getTime() === previous.getTime()
          ? 'as new as the newest already imported'
          : `newer than the last one, of ${kst(previous)}`;
  lines.push(`${basename(s.file)}: ${s.encoding}, export of ${s.exportVersion ? kst(s.exportVersion) : '—'} (${standing})`);
  lines.push(`  ${n(s.read)} read · ${n(s.inserted)} inserted · ${n(s.updated)} updated · ${n(s.unchanged)} unchanged · ${n(s.rejected)} rejected · ${n(s.delisted)} delisted`);
  if (s.events > 0) lines.push(`  ${n(s.events)} news event(s) for neighbours (openings, reopenings, closures)`);
  if (s.withoutCoordinates > 0) lines.push(`  ${n(s.withoutCoordinates)} licence(s) without usable coordinates: kept, but not on the map`);
  for (const w of s.warnings) lines.push(`  ${n(w.count)} × ${w.reason} (first on line ${w.examples[0]?.line})`);
  if (s.rejections.length > 0) {
    lines.push('rejected rows (the rest of the file was imported):');
    for (const r of s.rejections.slice(0, maxRejections)) lines.push(`  line ${r.line}: ${r.reason}`);
    if (s.rejections.length > maxRejections) lines.push(`  … and ${n(s.rejections.length - maxRejections)} more`);
  }
  lines.push(`done in ${s.seconds} s`);
  return lines;
}
