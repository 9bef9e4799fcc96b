import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@petcare/service-kit';
import type { HospitalRow } from './localdata-row.ts';
import { NEWS_WINDOW_DAYS, newsIdSql, newsPayloadSql, publishStagedSql } from '../news/hospital-news.ts';

/** How to take an export. */
export interface MergeOptions {
  /**
   * The file lists every licence of the register (a full export, the default), so a licence it lacks is no longer
   * listed. False for a partial export (변동분): it updates what it lists and delists nothing.
   */
  fullExport: boolean;
}

/** The file being merged, as `hospital_import` records it. */
export interface ExportFacts {
  file: string;
  exportVersion: Date;
  read: number;
  rejected: number;
  startedAt: Date;
}

/** What merging an export changed. */
export interface MergeResult {
  inserted: number;
  /** Rows whose data changed, plus licences listed again after a newer export had dropped them. */
  updated: number;
  unchanged: number;
  delisted: number;
  /** News events written to the outbox. */
  events: number;
  /** The export is at least as new as every full export before it (its data can delist and make news). */
  newest: boolean;
  /** The newest full export imported before this one, by its date. */
  previousExportVersion: Date | null;
}

// Serialises writers of `hospital` rows in bulk (imports, and boundary changes re-tagging hospitals): row locks
// taken in different orders by two of them would deadlock. Readers are never blocked.
export const REGISTER_WRITE_LOCK = `select pg_advisory_xact_lock(hashtext('hospital register write'))`;

// The staged columns and their types, in the order `staged` writes them; the grams travel as one space-separated
// string (keys hold no whitespace), which PostgreSQL splits far faster than it reads a JSON array into text[].
const STAGED = [
  ['id', 'text'], ['name', 'text'], ['status', 'text'], ['status_code', 'text'], ['detail_status', 'text'], ['name_says_24_hours', 'boolean'],
  ['phone', 'text'], ['address', 'text'], ['road_address', 'text'], ['postal_code', 'text'], ['longitude', 'float8'], ['latitude', 'float8'],
  ['licensed_at', 'date'], ['closed_at', 'date'], ['source_updated_at', 'timestamptz'], ['city', 'text'], ['district', 'text'],
  ['search_name', 'text'], ['search_area', 'text'], ['search_grams', 'text[]'],
] as const;
const stagedRecord = STAGED.map(([name, type]) => `${name} ${type === 'text[]' ? 'text' : type}`).join(', ');
const stagedTable = `${STAGED.map(([name, type]) => `${name} ${type}`).join(', ')}, content_hash text`;
const stagedSelect = STAGED.map(([name, type]) => (type === 'text[]' ? `string_to_array(j.${name}, ' ')` : `j.${name}`)).join(', ');

function staged(r: HospitalRow) {
  return {
    id: r.id, name: r.name, status: r.status, status_code: r.statusCode, detail_status: r.detailStatus, name_says_24_hours: r.nameSays24Hours,
    phone: r.phone, address: r.address, road_address: r.roadAddress, postal_code: r.postalCode, longitude: r.location?.longitude ?? null,
    latitude: r.location?.latitude ?? null, licensed_at: r.licensedAt, closed_at: r.closedAt, source_updated_at: r.sourceUpdatedAt.toISOString(),
    city: r.city, district: r.district, search_name: r.searchName, search_area: r.searchArea, search_grams: r.searchGrams.join(' '),
  };
}

const point = (alias: string) => `st_setsrid(st_makepoint(${alias}.longitude, ${alias}.latitude), 4326)`;

// Bound parameter ($1): a batch of the file travels as one JSON value (see executeBound). Each row's digest is the
// MD5 of its JSON text as `staged` wrote it — everything an import writes, in a fixed order, independent of session
// settings (time zone, date style) — so equal digests mean nothing to write; PostgreSQL computes it, not the parser.
const stageSql = `insert into import_staged
  select ${stagedSelect}, md5(e::text)
  from json_array_elements($1::json) as e cross join lateral json_to_record(e) as j(${stagedRecord})`;

// A row's data is taken when it is at least as new as the stored one, compared first by the licence's own
// 최종수정시점 and then by the export's date (the publisher rewrites addresses and coordinates in bulk without
// touching 최종수정시점), and only when it differs: unchanged rows are never rewritten, nor sent through CDC.
const classifySql = `create temp table import_row on commit drop as
  select s.*, case
      when h.id is null then 'insert'
      when (s.source_updated_at, ?::timestamptz) >= (coalesce(h.source_updated_at, '-infinity'), coalesce(h.export_version, '-infinity'))
        and h.content_hash is distinct from s.content_hash then 'update'
      else 'same' end as action,
    h.neighborhood_code
  from import_staged s left join hospital h on h.id = s.id`;

// The 행정동 of each new or changed row: cleared where its old one no longer contains it, then set where one does.
const untagSql = `update import_row r set neighborhood_code = null
  where r.action <> 'same' and r.neighborhood_code is not null and (r.longitude is null
    or not exists (select 1 from neighborhood_copy n where n.code = r.neighborhood_code and st_contains(n.geom, ${point('r')})))`;
const tagSql = `update import_row r set neighborhood_code = n.code
  from neighborhood_copy n
  where r.action <> 'same' and r.longitude is not null and r.neighborhood_code is null and st_contains(n.geom, ${point('r')})`;

// News: a licence first seen OPEN with a recent 인허가일자, or one whose status crossed OPEN with a recent
// 최종수정시점. Stored state is "before", the staged row "after"; only rows whose data this import takes.
const newsTypeSql = `case
    when h.id is null then case when r.status_code = '01' and r.licensed_at >= (?::timestamptz at time zone 'Asia/Seoul')::date - ${NEWS_WINDOW_DAYS} then 'HOSPITAL_OPENED' end
    when r.source_updated_at < ?::timestamptz - interval '${NEWS_WINDOW_DAYS} days' then null
    when h.status_code <> '01' and r.status_code = '01' then 'HOSPITAL_REOPENED'
    when h.status_code = '01' and r.status_code <> '01' then 'HOSPITAL_CLOSED'
  end`;
const newsColumns = {
  hospitalId: 'r.id', type: 't.type', stamp: `to_char(r.source_updated_at at time zone 'UTC', 'YYYYMMDDHH24MISS')`, occurredAt: 'r.source_updated_at',
  name: 'r.name', neighborhoodCode: 'r.neighborhood_code', open24Hours: `case when h.open_24_hours_source = 'OPERATOR' then h.open_24_hours else r.name_says_24_hours end`,
  status: 'r.status', previousStatus: 'h.status', district: 'r.district', address: 'coalesce(r.road_address, r.address)', latitude: 'r.latitude', longitude: 'r.longitude',
};
const stageNewsSql = `insert into import_event (id, hospital_id, type, payload)
  select ${newsIdSql(newsColumns)}, r.id, t.type, ${newsPayloadSql(newsColumns)}
  from import_row r left join hospital h on h.id = r.id
  cross join lateral (select ${newsTypeSql} as type) t
  where r.action <> 'same' and t.type is not null`;

const location = `case when r.longitude is null then null else ${point('r')}::geography end`;
const insertSql = `insert into hospital (id, name, status, status_code, detail_status, open_24_hours, phone, address, road_address, postal_code,
    location, licensed_at, closed_at, source_updated_at, imported_at, updated_at, listed, delisted_at, export_version, content_hash, city, district,
    search_name, search_area, search_grams, neighborhood_code)
  select r.id, r.name, r.status, r.status_code, r.detail_status, r.name_says_24_hours, r.phone, r.address, r.road_address, r.postal_code,
    ${location}, r.licensed_at, r.closed_at, r.source_updated_at, now(), now(), ?::boolean, case when ?::boolean then null else now() end,
    ?::timestamptz, r.content_hash, r.city, r.district, r.search_name, r.search_area, r.search_grams, r.neighborhood_code
  from import_row r where r.action = 'insert'`;

// An operator's 24-hour decision survives: the name signal only rules rows nobody has reviewed.
const updateSql = `update hospital h set name = r.name, status = r.status, status_code = r.status_code, detail_status = r.detail_status,
    open_24_hours = case when h.open_24_hours_source = 'OPERATOR' then h.open_24_hours else r.name_says_24_hours end,
    phone = r.phone, address = r.address, road_address = r.road_address, postal_code = r.postal_code, location = ${location},
    licensed_at = r.licensed_at, closed_at = r.closed_at, source_updated_at = r.source_updated_at, updated_at = now(),
    listed = h.listed or ?::boolean, delisted_at = case when h.listed or ?::boolean then null else h.delisted_at end,
    export_version = ?::timestamptz, content_hash = r.content_hash, city = r.city, district = r.district, search_name = r.search_name,
    search_area = r.search_area, search_grams = r.search_grams, neighborhood_code = r.neighborhood_code
  from import_row r where r.id = h.id and r.action = 'update'`;

const relistSql = `update hospital h set listed = true, delisted_at = null, updated_at = now()
  from import_row r where r.id = h.id and r.action = 'same' and not h.listed`;

// A licence with data newer than this export came from a later partial export: this one cannot speak for it.
const delistSql = `update hospital h set listed = false, delisted_at = now(), updated_at = now()
  where h.listed and coalesce(h.source_updated_at, '-infinity') <= ?::timestamptz
    and not exists (select 1 from import_row r where r.id = h.id)`;

/**
 * Starts an import in the caller's transaction: takes the register's write lock (other imports and boundary
 * re-tagging wait; readers never do) and opens the staging table that `stageRows` fills as the file is read.
 */
export async function beginImport(tx: EntityManager): Promise<void> {
  await tx.execute(REGISTER_WRITE_LOCK);
  await tx.execute(`create temp table import_staged (${stagedTable}) on commit drop`);
}

/** Adds a batch of the file's usable rows to the staging table (see beginImport). */
export async function stageRows(tx: EntityManager, rows: readonly HospitalRow[]): Promise<void> {
  await executeBound(tx, stageSql, [JSON.stringify(rows.map(staged))]);
}

/**
 * Merges the staged export into `hospital`, in the transaction beginImport started (an error leaves everything as
 * it was). Whether the export is newer than what was imported before is read from its data, never from the order
 * of imports: an older export fills in only licences it has newer data of (none, usually), lists nothing and
 * delists nothing; the newest full export lists exactly its licences. News is written to the outbox only when the
 * database already held licences (the first import is the baseline, not 9,000 openings).
 */
export async function mergeStaged(tx: EntityManager, facts: ExportFacts, options: MergeOptions): Promise<MergeResult> {
  const run = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => tx.execute<T[]>(sql, params);
  const count = async (sql: string, params: unknown[] = []) => (await tx.execute<{ affectedRows: number }>(sql, params, 'run')).affectedRows;
  const [before] = await run<{ newest: string | null; baseline: boolean; staged: number }>(
    `select (select max(export_version) from hospital_import where full_export) as newest, exists (select 1 from hospital) as baseline,
      (select count(*)::int from import_staged) as staged`,
  );
  const previousExportVersion = before?.newest ? new Date(before.newest) : null;
  const newest = previousExportVersion === null || facts.exportVersion >= previousExportVersion;
  const version = facts.exportVersion.toISOString();

  await run(classifySql, [version]);
  await run(untagSql);
  await run(tagSql);
  let events = 0;
  if (newest && before?.baseline) {
    await run('create temp table import_event (id uuid primary key, hospital_id text not null, type text not null, payload jsonb not null) on commit drop');
    events = await count(stageNewsSql, [version, version]);
    for (const sql of publishStagedSql('import_event')) await run(sql);
  }
  const inserted = await count(insertSql, [newest, newest, version]);
  let updated = await count(updateSql, [newest, newest, version]);
  if (newest) updated += await count(relistSql);
  const delisted = newest && options.fullExport ? await count(delistSql, [version]) : 0;
  const result = { inserted, updated, unchanged: (before?.staged ?? 0) - inserted - updated, delisted, events, newest, previousExportVersion };
  await run(
    `insert into hospital_import (id, file, export_version, full_export, newest, started_at, finished_at, read, inserted, updated, unchanged, rejected, delisted, events)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, clock_timestamp(), ?, ?, ?, ?, ?, ?, ?)`,
    [facts.file, version, options.fullExport, newest, facts.startedAt.toISOString(), facts.read, inserted, updated, result.unchanged, facts.rejected, delisted, events],
  );
  return result;
}

/** Merges the search index's fast-update list, which the planner holds against the index (see the migration). */
export const MERGE_SEARCH_INDEX_LIST = `select gin_clean_pending_list('hospital_search_grams_idx')`;

/**
 * After the import's transaction, so no lock is held for it: merges what the rows just written left in the search
 * index's fast-update list, and after a large change (a first import) refreshes the statistics of the columns
 * searches filter on — without them the planner scans the table (70 ms) instead of the index (0.2 ms). Both are
 * what autovacuum would do a minute later; the geography columns, whose statistics cost most, are left to it.
 */
export async function tidyIndexes(em: EntityManager, written: number, rows: number): Promise<void> {
  if (written === 0) return;
  await em.execute(MERGE_SEARCH_INDEX_LIST);
  if (written > rows / 10) await em.execute('analyze hospital (status_code, listed, open_24_hours, search_grams, search_name, neighborhood_code)');
}
