import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@petcare/service-kit';
import { hospitalRecord, type HospitalRecord } from '../hospital/hospital-record.ts';
import { hospitalColumns, OPEN_AND_LISTED } from '../hospital/hospital.repository.ts';
import { numberedPlaceholders } from './numbered-placeholders.ts';
import type { TermMatcher } from './search-terms.ts';
import type { GramFrequencies } from './gram-frequencies.ts';
import { indexLookup, type IndexLookup } from './index-lookup.ts';

/** Where a result stands in the ranking: what a cursor carries. */
export interface SearchPosition {
  /** Summed match quality of the words (higher first). */
  score: number;
  /** Metres from `near`; null without a point. */
  distance: number | null;
  /** Syllables of the folded name: among equal matches, the shorter (more exact) name first. */
  length: number;
  id: string;
}

/** A search, validated. */
export interface HospitalSearch {
  terms: TermMatcher[];
  district: string | null;
  near: { latitude: number; longitude: number; radiusMeters: number } | null;
  includeClosed: boolean;
  first: number;
  after: SearchPosition | null;
}

/** One result: the hospital, its distance from `near`, and its place in the ranking. */
export interface HospitalSearchHit {
  hospital: HospitalRecord;
  distanceMeters: number | null;
  position: SearchPosition;
}

/** A page of results, before cursors are encoded. */
export interface HospitalSearchPage {
  hits: HospitalSearchHit[];
  hasNextPage: boolean;
}

/**
 * A search is prepared (one plan PostgreSQL may keep) only while the index narrows each of its words to at most this
 * share of hospitals. There the custom plans read the index as well (they do up to about 15%: "남도", 1,427 of
 * 9,736), so a kept generic plan, which reads the index without knowing the word, is the same plan. A common word
 * keeps being planned with its value: for "동물병원" a scan of the table beats reading nine tenths of it by index.
 */
const PREPARED_SHARE_MAX = 0.05;

/**
 * How many statement texts (one per shape: number of words, variants, filters) may be prepared. Each stays prepared
 * on every pooled connection with its plan, and a user choosing word lengths can make shapes without end; the
 * shapes the app really sends are a few dozen.
 */
const PREPARED_SHAPES_MAX = 64;
const preparedShapes = new Set<string>();

// Whether a search statement may go as a prepared statement (see PREPARED_SHARE_MAX and PREPARED_SHAPES_MAX).
function mayPrepare(sql: string, search: HospitalSearch, lookups: (IndexLookup | null)[], frequencies: GramFrequencies): boolean {
  // Not with `near`: a generic plan would have to guess between the name index and the location index.
  if (!frequencies.known || search.near || !lookups.every((l) => l !== null && l.share <= PREPARED_SHARE_MAX)) return false;
  if (preparedShapes.has(sql)) return true;
  if (preparedShapes.size >= PREPARED_SHAPES_MAX) return false;
  preparedShapes.add(sql);
  return true;
}

// Scores of one word: it starts the name (4), occurs in it (3), occurs in the area (2), or matches the name with one
// syllable wrong (1, the only way left once the word's condition held). Exact occurrences are tested with strpos
// (no wildcards to escape, and cheaper than LIKE on multibyte text); only typo patterns need LIKE's `_`.
// `lookup` is null for a one-syllable word, which has no pair to look up (see indexLookup).
function termSql(t: TermMatcher, lookup: IndexLookup | null, where: unknown[], score: unknown[]): { where: string; score: string } {
  if (!lookup) {
    where.push(t.prefixPattern);
    return { where: 'h.search_name like ?', score: '4' };
  }
  const typos = t.typos.map(() => ' or h.search_name like ?').join('');
  where.push(lookup.grams, t.term, t.term, ...t.typos.map((typo) => typo.pattern));
  score.push(t.term, t.term);
  return {
    where: `(h.search_grams && ?::text[] and (strpos(h.search_name, ?) > 0 or strpos(h.search_area, ?) > 0${typos}))`,
    score: 'case strpos(h.search_name, ?) when 1 then 4 when 0 then case when strpos(h.search_area, ?) > 0 then 2 else 1 end else 3 end',
  };
}

/**
 * Ranked name search, one page (keyset: score, distance, name length, id). The SQL's shape depends only on how
 * many words and variants there are; every value typed by the user travels as a parameter. Every word's
 * condition leads with an overlap on the syllable-pair GIN index (see indexLookup) or a prefix range of the name
 * index. `frequencies` choose the pairs looked up, and whether the statement may be prepared: only when every word is
 * rare, so that the one plan PostgreSQL may keep for it (an index scan) is right for any values it is sent with.
 */
export async function searchHospitalPage(em: EntityManager, search: HospitalSearch, frequencies: GramFrequencies): Promise<HospitalSearchPage> {
  const whereParams: unknown[] = [];
  const scoreParams: unknown[] = [];
  const conditions: string[] = [];
  const scores: string[] = [];
  const lookups: (IndexLookup | null)[] = [];
  for (const t of search.terms) {
    const lookup = t.exact ? indexLookup(t, frequencies) : null;
    lookups.push(lookup);
    const { where, score } = termSql(t, lookup, whereParams, scoreParams);
    conditions.push(where);
    scores.push(score);
  }
  if (!search.includeClosed) conditions.push(OPEN_AND_LISTED);
  if (search.district) {
    conditions.push(`(h.district = ? or h.city || ' ' || h.district = ?)`);
    whereParams.push(search.district, search.district);
  }
  const pointParams: unknown[] = [];
  let distance = 'null::float8';
  if (search.near) {
    const { longitude, latitude, radiusMeters } = search.near;
    conditions.push('st_dwithin(h.location, st_setsrid(st_makepoint(?, ?), 4326)::geography, ?)');
    whereParams.push(longitude, latitude, radiusMeters);
    distance = 'st_distance(h.location, st_setsrid(st_makepoint(?, ?), 4326)::geography)';
    pointParams.push(longitude, latitude);
  }
  const keyset: string[] = [];
  const keysetParams: unknown[] = [];
  if (search.after) {
    const a = search.after;
    const tail = `(m.name_length > ? or (m.name_length = ? and m.id > ?))`;
    const afterDistance = search.near && a.distance !== null ? `(m.distance_meters > ? or (m.distance_meters = ? and ${tail}))` : tail;
    keyset.push(`where m.score < ? or (m.score = ? and ${afterDistance})`);
    keysetParams.push(a.score, a.score, ...(search.near && a.distance !== null ? [a.distance, a.distance] : []), a.length, a.length, a.id);
  }
  // Ranked on the narrow columns first; the page's 21 rows only are then read whole (points unpacked and all).
  const sql = numberedPlaceholders(`with ranked as (
       select * from (
         select h.id, (${scores.join(' + ')}) as score, ${distance} as distance_meters, char_length(h.search_name) as name_length
         from hospital h
         where ${conditions.join(' and ')}
       ) m
       ${keyset.join('')}
       order by m.score desc, ${search.near ? 'm.distance_meters, ' : ''}m.name_length, m.id
       limit ?
     )
     select ${hospitalColumns}, ranked.score, ranked.distance_meters, ranked.name_length
     from ranked join hospital h on h.id = ranked.id
     order by ranked.score desc, ${search.near ? 'ranked.distance_meters, ' : ''}ranked.name_length, ranked.id`);
  const rows = await executeBound<Record<string, unknown> & { score: number; distance_meters: number | null; name_length: number }>(
    em,
    sql,
    [...scoreParams, ...pointParams, ...whereParams, ...keysetParams, search.first + 1],
    { prepared: mayPrepare(sql, search, lookups, frequencies) },
  );
  const platform = em.getPlatform();
  const hits = rows.slice(0, search.first).map((row) => ({
    hospital: hospitalRecord(row, platform),
    distanceMeters: row.distance_meters,
    position: { score: Number(row.score), distance: row.distance_meters, length: Number(row.name_length), id: String(row['id']) },
  }));
  return { hits, hasNextPage: rows.length > search.first };
}
