import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { performance } from 'node:perf_hooks';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import type { EntityManager } from '@mikro-orm/postgresql';
import { mapHeader, type LocalDataRecord } from './localdata-columns.ts';
import { readHospitalRow, type HospitalRow, type RowProblem } from './localdata-row.ts';
import { detectEncoding, ENCODING_SAMPLE_BYTES, type CsvEncoding } from './text-encoding.ts';

/** Problems of one kind met during an import: how many, and the first few with their line numbers. */
export interface ImportProblemGroup {
  reason: string;
  count: number;
  examples: { line: number; detail: string }[];
}

/** What an import did, for the seed's log line and for tests. */
export interface ImportSummary {
  file: string;
  encoding: CsvEncoding;
  /** Data rows in the file (header excluded). */
  rowsRead: number;
  /** Rows handed to the upsert: inserted + updated + unchanged. */
  upserted: number;
  inserted: number;
  updated: number;
  /** Rows identical to what the database already held, so left untouched. */
  unchanged: number;
  /** Upserted rows stored without a location, whatever the reason (of which the two below). */
  withoutCoordinates: number;
  outsideKorea: number;
  unparsableCoordinates: number;
  /** Rows not stored at all (see `problems`). */
  skipped: number;
  problems: ImportProblemGroup[];
  seconds: number;
}

/** Tuning knobs; the defaults suit the ~10k-row national file. */
export interface ImportOptions {
  /** Rows per INSERT statement. */
  batchSize?: number;
}

const EXAMPLES_PER_PROBLEM = 20;

// Values of one row, in the order of the `v(...)` column list below.
function rowValues(r: HospitalRow): unknown[] {
  return [
    r.id, r.name, r.status, r.statusCode, r.detailStatus, r.open24Hours, r.phone, r.address, r.roadAddress, r.postalCode,
    r.location?.longitude ?? null, r.location?.latitude ?? null, r.licensedAt, r.closedAt, r.sourceUpdatedAt?.toISOString() ?? null,
  ];
}
const VALUES_PER_ROW = 15;

// Rows whose data did not change are left alone (the `where`), so a daily re-import touches only what moved and
// CDC carries only real changes. `location::text` compares the exact point: geography's `=` compares
// float4 bounding boxes, blind to moves under a metre or so. `xmax = 0` tells an insert from an update.
const upsertSql = (tuples: string) => `
  insert into hospital (id, name, status, status_code, detail_status, open_24_hours, phone, address, road_address,
    postal_code, location, licensed_at, closed_at, source_updated_at, imported_at, updated_at)
  select v.id, v.name, v.status, v.status_code, v.detail_status, v.open_24_hours::boolean, v.phone, v.address,
    v.road_address, v.postal_code,
    case when v.longitude is null then null
      else st_setsrid(st_makepoint(v.longitude::float8, v.latitude::float8), 4326)::geography end,
    v.licensed_at::date, v.closed_at::date, v.source_updated_at::timestamptz, now(), now()
  from (values ${tuples}) as v(id, name, status, status_code, detail_status, open_24_hours, phone, address,
    road_address, postal_code, longitude, latitude, licensed_at, closed_at, source_updated_at)
  on conflict (id) do update set
    name = excluded.name, status = excluded.status, status_code = excluded.status_code,
    detail_status = excluded.detail_status, open_24_hours = excluded.open_24_hours, phone = excluded.phone,
    address = excluded.address, road_address = excluded.road_address, postal_code = excluded.postal_code,
    location = excluded.location, licensed_at = excluded.licensed_at, closed_at = excluded.closed_at,
    source_updated_at = excluded.source_updated_at, updated_at = excluded.updated_at
  where (hospital.name, hospital.status, hospital.status_code, hospital.detail_status, hospital.open_24_hours,
      hospital.phone, hospital.address, hospital.road_address, hospital.postal_code, hospital.location::text,
      hospital.licensed_at, hospital.closed_at, hospital.source_updated_at)
    is distinct from (excluded.name, excluded.status, excluded.status_code, excluded.detail_status,
      excluded.open_24_hours, excluded.phone, excluded.address, excluded.road_address, excluded.postal_code,
      excluded.location::text, excluded.licensed_at, excluded.closed_at, excluded.source_updated_at)
  returning (xmax = 0) as inserted`;

async function upsertBatch(em: EntityManager, rows: HospitalRow[]): Promise<{ inserted: number; updated: number }> {
  const tuple = `(${Array(VALUES_PER_ROW).fill('?').join(', ')})`;
  const sql = upsertSql(rows.map(() => tuple).join(',\n'));
  const written = await em.getConnection().execute<{ inserted: boolean }[]>(sql, rows.flatMap(rowValues), 'all', em.getTransactionContext());
  const inserted = written.filter((w) => w.inserted).length;
  return { inserted, updated: written.length - inserted };
}

async function sampleOf(file: string): Promise<{ bytes: Buffer; wholeFile: boolean }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(ENCODING_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, bytesRead), wholeFile: bytesRead < buffer.length };
  } finally {
    await handle.close();
  }
}

class ProblemLog {
  readonly #groups = new Map<string, ImportProblemGroup>();

  add(line: number, problem: RowProblem): void {
    const group = this.#groups.get(problem.reason) ?? { reason: problem.reason, count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < EXAMPLES_PER_PROBLEM) group.examples.push({ line, detail: problem.detail });
    this.#groups.set(problem.reason, group);
  }

  groups(): ImportProblemGroup[] {
    return [...this.#groups.values()];
  }
}

/**
 * Imports a LOCALDATA 동물병원 CSV (CP949 or UTF-8, either header generation) into `hospital`, upserting by
 * 관리번호 in batches inside ONE transaction: a file that breaks half-way (bad CSV, lost connection) leaves the
 * previous data exactly as it was. Licences missing from the file are kept: the register never deletes them,
 * it marks them closed. Throws only for a file that cannot be read as this dataset at all.
 */
export async function importHospitals(em: EntityManager, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 1000;
  const sample = await sampleOf(file);
  const encoding = detectEncoding(sample.bytes, sample.wholeFile);
  const problems = new ProblemLog();
  const counts = { rowsRead: 0, inserted: 0, updated: 0, upserted: 0, withoutCoordinates: 0, outsideKorea: 0, unparsableCoordinates: 0, skipped: 0 };
  const firstLineOf = new Map<string, number>();

  await em.fork().transactional(async (tx) => {
    let batch: HospitalRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const written = await upsertBatch(tx, batch);
      counts.inserted += written.inserted;
      counts.updated += written.updated;
      batch = [];
    };
    // pipeline() destroys the parser when any stage fails, so the loop below throws instead of hanging.
    const records = pipeline(
      createReadStream(file),
      iconv.decodeStream(encoding),
      // Every line ends with a comma, i.e. an extra empty column: relax_column_count tolerates files with and without it.
      parse({ columns: mapHeader, relax_column_count: true, skip_empty_lines: true, bom: true, info: true }),
      () => {},
    );
    for await (const { record, info } of records as AsyncIterable<{ record: LocalDataRecord; info: { lines: number } }>) {
      counts.rowsRead += 1;
      const outcome = readHospitalRow(record);
      if (outcome.kind === 'skipped') {
        counts.skipped += 1;
        problems.add(info.lines, outcome.problem);
        continue;
      }
      const { row } = outcome;
      const firstLine = firstLineOf.get(row.id);
      if (firstLine !== undefined) {
        // One statement cannot upsert a key twice; the register holds none, so the first occurrence wins.
        counts.skipped += 1;
        problems.add(info.lines, { reason: 'duplicate 관리번호: skipped', detail: `관리번호 ${row.id} already on line ${firstLine}` });
        continue;
      }
      firstLineOf.set(row.id, info.lines);
      for (const problem of outcome.problems) problems.add(info.lines, problem);
      counts.upserted += 1;
      if (outcome.missingLocation) counts.withoutCoordinates += 1;
      if (outcome.missingLocation === 'outside Korea') counts.outsideKorea += 1;
      if (outcome.missingLocation === 'unparsable coordinates') counts.unparsableCoordinates += 1;
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  });

  return {
    file,
    encoding,
    ...counts,
    unchanged: counts.upserted - counts.inserted - counts.updated,
    problems: problems.groups(),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
