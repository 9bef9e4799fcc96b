import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { parse, type CsvError } from 'csv-parse';
import { mapHeader, recordOf, type LocalDataField } from './localdata-columns.ts';
import { readHospitalRow, type HospitalRow, type RowWarning } from './localdata-row.ts';
import { UnpairedQuoteFilter } from './localdata-lines.ts';
import { detectEncoding, ENCODING_SAMPLE_BYTES, type CsvEncoding } from './text-encoding.ts';

/** A data row that was not imported: its line in the file and why. */
export interface Rejection {
  line: number;
  reason: string;
}

/** Warnings of one kind (rows imported all the same): how many, and the first few with their line numbers. */
export interface WarningGroup {
  reason: string;
  count: number;
  examples: { line: number; detail: string }[];
}

/** What reading a LOCALDATA export found (its usable rows went to `onRows` as they were read). */
export interface LocalDataExport {
  file: string;
  encoding: CsvEncoding;
  /** Data rows in the file (the header and blank lines excluded), rejected ones included. */
  read: number;
  /** Rows handed to `onRows`. */
  usable: number;
  /** In line order. */
  rejections: Rejection[];
  warnings: WarningGroup[];
  withoutCoordinates: number;
  /** The export's own date: its latest 최종수정시점. Orders exports whatever order they are imported in. */
  exportVersion: Date | null;
}

/** Where the usable rows of an export go, and who hears of progress. */
export interface ReadOptions {
  /**
   * Receives the usable rows in batches, in file order. Reading waits for the promise it returns, so a consumer
   * that returns before its work is done (one batch in flight) lets the next batch be parsed meanwhile.
   */
  onRows: (rows: HospitalRow[]) => Promise<void>;
  onProgress?: (read: number) => void;
}

/** Usable rows per `onRows` call. */
const BATCH_ROWS = 2000;

/** The file cannot be read at all (missing, a folder, no permission) or is empty; the message names the path. */
export class ExportFileError extends Error {
  override name = 'ExportFileError';
}

const EXAMPLES_PER_WARNING = 20;

// csv-parse's messages quote the offending byte, not the character; the operator needs what is wrong, by line.
const csvProblems: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field is followed by text before the next comma',
  INVALID_OPENING_QUOTE: 'a quote opens in the middle of an unquoted field',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has a different number of fields',
};

async function sampleOf(file: string): Promise<{ bytes: Buffer; wholeFile: boolean }> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(ENCODING_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead === 0) throw new ExportFileError(`${file} is empty: expected a LOCALDATA 동물병원 CSV with a header row`);
    return { bytes: buffer.subarray(0, bytesRead), wholeFile: bytesRead < buffer.length };
  } catch (error) {
    if (error instanceof ExportFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new ExportFileError(`cannot read ${file}: ${why}`, { cause: error });
  } finally {
    await handle?.close();
  }
}

/**
 * Reads a LOCALDATA 동물병원 CSV (CP949 or UTF-8 with or without BOM, either header generation, quoted or not):
 * every usable row, every rejected one with its line and reason. Throws ExportFileError for an unreadable path and
 * MissingColumnsError for a file that is not this dataset, both before anything is written anywhere.
 */
export async function readLocalDataFile(file: string, { onRows, onProgress }: ReadOptions): Promise<LocalDataExport> {
  const sample = await sampleOf(file);
  const encoding = detectEncoding(sample.bytes, sample.wholeFile);
  const result: LocalDataExport = { file, encoding, read: 0, usable: 0, rejections: [], warnings: [], withoutCoordinates: 0, exportVersion: null };
  let batch: HospitalRow[] = [];
  const warnings = new Map<string, WarningGroup>();
  const firstLineOf = new Map<string, number>();
  const warn = (line: number, w: RowWarning) => {
    const group = warnings.get(w.reason) ?? { reason: w.reason, count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < EXAMPLES_PER_WARNING) group.examples.push({ line, detail: w.detail });
    warnings.set(w.reason, group);
  };
  let header: (LocalDataField | false)[] | null = null;

  const take = (line: number, values: string[]) => {
    if (!header) {
      header = mapHeader(values);
      return;
    }
    result.read += 1;
    if (onProgress && result.read % 500 === 0) onProgress(result.read);
    const outcome = readHospitalRow(recordOf(values, header));
    if (outcome.kind === 'rejected') {
      result.rejections.push({ line, reason: outcome.reason });
      return;
    }
    const { row } = outcome;
    const first = firstLineOf.get(row.id);
    if (first !== undefined) {
      result.rejections.push({ line, reason: `관리번호 ${row.id}: duplicate of line ${first}` });
      return;
    }
    firstLineOf.set(row.id, line);
    for (const w of outcome.warnings) warn(line, w);
    if (outcome.missingLocation) result.withoutCoordinates += 1;
    if (!result.exportVersion || row.sourceUpdatedAt > result.exportVersion) result.exportVersion = row.sourceUpdatedAt;
    result.usable += 1;
    batch.push(row);
  };
  const handOver = (done: (error?: Error | null) => void) => {
    const rows = batch;
    batch = [];
    onRows(rows).then(() => done(), done);
  };

  const quotes = new UnpairedQuoteFilter();
  // Arrays rather than csv-parse's column objects (mapped by position here): half the parser's time.
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, bom: true, skip_records_with_error: true, info: true });
  // One rejection per line: the parser may stumble more than once in the same broken row.
  const malformed = new Map<number, Rejection>();
  parser.on('skip', (error: CsvError & { lines?: number }) => {
    const line = error.lines ?? 0;
    if (!malformed.has(line)) malformed.set(line, { line, reason: `malformed CSV: ${csvProblems[error.code] ?? error.code}` });
  });
  const sink = new Writable({
    objectMode: true,
    write: ({ record, info }: { record: string[]; info: { lines: number } }, _encoding, done) => {
      try {
        take(info.lines, record);
      } catch (error) {
        done(error as Error);
        return;
      }
      if (batch.length >= BATCH_ROWS) handOver(done);
      else done();
    },
    final: (done) => (batch.length > 0 ? handOver(done) : done()),
  });
  await pipeline(createReadStream(file), iconv.decodeStream(encoding), quotes, parser, sink);
  if (!header) throw new ExportFileError(`${file} has no header row: expected a LOCALDATA 동물병원 CSV`);

  const dropped = [...quotes.dropped.filter((d) => d.line > 1), ...malformed.values()];
  result.read += dropped.length;
  result.rejections.push(...dropped);
  result.rejections.sort((a, b) => a.line - b.line);
  result.warnings = [...warnings.values()];
  return result;
}
