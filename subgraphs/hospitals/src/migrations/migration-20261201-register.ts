import { Migration } from '@mikro-orm/migrations';

/**
 * What curating the register needs beside the licence data:
 * - whether the newest full export still lists a licence (`listed`, `delisted_at`): the register drops licences
 *   without closing them, and a dropped one must leave default searches without losing its history;
 * - which export each row's data came from (`export_version`, that export's latest 최종수정시점) and a digest of it
 *   (`content_hash`), so an older export never overwrites newer data and an unchanged row is never rewritten;
 * - where 24-hour status came from (`open_24_hours_source`: the name, or an operator whose note and time are kept,
 *   every review in `hospital_24_hours_review`);
 * - search keys: the folded name and area, and their syllable pairs (GIN, see search-text.ts), the
 *   시·도 and 시·군·구 read from the address, and the 행정동 whose boundary contains the point;
 * - every import (`hospital_import`), which tells whether a later export is newer and whether there is news.
 * The partial GIST indexes now leave delisted licences out, as the default searches do.
 */
export class Migration20261201Register extends Migration {
  override name = 'Migration20261201Register';

  override up(): void {
    this.addSql(`alter table hospital
      add column listed boolean not null default true,
      add column delisted_at timestamptz,
      add column export_version timestamptz,
      add column content_hash text,
      add column open_24_hours_source text not null default 'NAME',
      add column open_24_hours_note text,
      add column open_24_hours_reviewed_at timestamptz,
      add column city text,
      add column district text,
      add column search_name text not null default '',
      add column search_area text not null default '',
      add column search_grams text[] not null default '{}',
      add column neighborhood_code char(10),
      add constraint hospital_listed_matches_delisted check (listed = (delisted_at is null)),
      add constraint hospital_open_24_hours_source_known check (open_24_hours_source in ('NAME', 'OPERATOR')),
      add constraint hospital_operator_review_complete check (
        (open_24_hours_source = 'OPERATOR') = (open_24_hours_reviewed_at is not null and open_24_hours_note is not null))`);
    this.addSql('drop index hospital_open_location_idx');
    this.addSql(`create index hospital_open_location_idx on hospital using gist (location) where status_code = '01' and listed`);
    this.addSql('drop index hospital_open_24_hours_location_idx');
    this.addSql(`create index hospital_open_24_hours_location_idx on hospital using gist (location) where open_24_hours and status_code = '01' and listed`);
    // Neighborhood.hospitals: one 행정동's few dozen hospitals (sorted after), and nothing to maintain for the untagged.
    this.addSql('create index hospital_neighborhood_idx on hospital (neighborhood_code) where neighborhood_code is not null');
    // A bounded fast-update list (256 kB, not 4 MB): while entries wait there the planner prices the index so high
    // that searches scan the table instead (70 ms against 0.2 ms, measured); writers merge it (see tidyIndexes).
    this.addSql('create index hospital_search_grams_idx on hospital using gin (search_grams) with (gin_pending_list_limit = 256)');
    // A one-syllable query matches the start of names: a prefix range of this index.
    this.addSql('create index hospital_search_name_prefix_idx on hospital (search_name text_pattern_ops)');
    // Re-tagging hospitals when a boundary changes finds them through the geography index; this one is not needed.
    this.addSql('drop index hospital_location_geometry_idx');

    this.addSql(`create table hospital_24_hours_review (
      id uuid primary key,
      hospital_id text not null references hospital (id),
      open_24_hours boolean not null,
      note text not null,
      operator_id uuid not null,
      reviewed_at timestamptz not null
    )`);
    this.addSql('create index hospital_24_hours_review_hospital_idx on hospital_24_hours_review (hospital_id, reviewed_at)');

    this.addSql(`create table hospital_import (
      id uuid primary key,
      file text not null,
      export_version timestamptz,
      full_export boolean not null,
      newest boolean not null,
      started_at timestamptz not null,
      finished_at timestamptz not null,
      read int not null,
      inserted int not null,
      updated int not null,
      unchanged int not null,
      rejected int not null,
      delisted int not null,
      events int not null
    )`);
  }

  override down(): void {
    this.addSql('drop table hospital_import');
    this.addSql('drop table hospital_24_hours_review');
    this.addSql('create index hospital_location_geometry_idx on hospital using gist ((location::geometry))');
    this.addSql('drop index hospital_search_name_prefix_idx');
    this.addSql('drop index hospital_search_grams_idx');
    this.addSql('drop index hospital_neighborhood_idx');
    this.addSql(`alter table hospital drop column listed, drop column delisted_at, drop column export_version, drop column content_hash,
      drop column open_24_hours_source, drop column open_24_hours_note, drop column open_24_hours_reviewed_at, drop column city,
      drop column district, drop column search_name, drop column search_area, drop column search_grams, drop column neighborhood_code`);
  }
}
