import { Migration } from '@mikro-orm/migrations';

/**
 * The hospital licence table. `status` and `status_code` are both stored (the enum for readers, the code as
 * published) and tied together by a check. `imported_at` is when a licence first arrived; `updated_at` moves
 * only when an import changes its data, so unchanged re-imports write nothing (and emit no CDC events).
 */
export class Migration20261125Initial extends Migration {
  override name = 'Migration20261125Initial';

  override up(): void {
    this.addSql('create extension if not exists postgis');
    this.addSql(`create table hospital (
      id text primary key,
      name text not null,
      status text not null,
      status_code text not null,
      detail_status text,
      open_24_hours boolean not null,
      phone text,
      address text,
      road_address text,
      postal_code text,
      location geography(Point, 4326),
      licensed_at date,
      closed_at date,
      source_updated_at timestamptz,
      imported_at timestamptz not null,
      updated_at timestamptz not null,
      constraint hospital_status_matches_code check (
        (status, status_code) in (('OPEN', '01'), ('SUSPENDED', '02'), ('CLOSED', '03'), ('REVOKED', '04'))
      )
    )`);
    // hospitalsNear: KNN (<->) and ST_DWithin on geography. The default search (open licences) gets a
    // partial index half the size; the 24-hour filter gets its own tiny one.
    this.addSql('create index hospital_location_idx on hospital using gist (location)');
    this.addSql(`create index hospital_open_location_idx on hospital using gist (location) where status_code = '01'`);
    this.addSql('create index hospital_open_24_hours_location_idx on hospital using gist (location) where open_24_hours');
    // Neighborhood.hospitals: ST_Contains(polygon geometry, point) needs a geometry index, which the
    // geography one is not.
    this.addSql('create index hospital_location_geometry_idx on hospital using gist ((location::geometry))');
  }

  override down(): void {
    this.addSql('drop table hospital');
  }
}
