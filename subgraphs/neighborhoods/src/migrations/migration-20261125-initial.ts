import { Migration } from '@mikro-orm/migrations';

/**
 * 행정동 boundaries and each user's current 동네인증.
 * The centre is stored beside the polygon (filled by the importer in the same statement) rather than as a generated
 * column, because PostgreSQL 15's logical decoding leaves generated columns out and CDC copies must see it.
 */
export class Migration20261125Initial extends Migration {
  override name = 'Migration20261125Initial';

  override up(): void {
    this.addSql('create extension if not exists postgis');
    this.addSql(`create table neighborhood (
      code char(10) primary key check (code ~ '^[0-9]{10}$'),
      adm_cd varchar(10),
      name text not null,
      district text not null,
      city text not null,
      full_name text not null,
      geom geometry(MultiPolygon, 4326) not null,
      center_latitude double precision not null,
      center_longitude double precision not null,
      updated_at timestamptz not null
    )`);
    // Point-in-polygon lookups (ST_Intersects with a point) are answered from this index.
    this.addSql('create index neighborhood_geom_idx on neighborhood using gist (geom)');
    // Browsing one 구 page by page, ordered by code.
    this.addSql('create index neighborhood_district_code_idx on neighborhood (district, code)');

    // One row per user (the primary key is the unique constraint that serialises concurrent verifications);
    // no history is kept: a trail of where someone proved to be is location data we have no use for.
    this.addSql(`create table neighborhood_verification (
      user_id uuid primary key,
      neighborhood_code char(10) not null references neighborhood (code),
      verified_at timestamptz not null,
      expires_at timestamptz not null,
      check (expires_at > verified_at)
    )`);
    // Who is currently verified in a 행정동 (e.g. to notify neighbours), and the foreign key's own lookups.
    this.addSql('create index neighborhood_verification_code_expires_idx on neighborhood_verification (neighborhood_code, expires_at)');
  }

  override down(): void {
    this.addSql('drop table neighborhood_verification');
    this.addSql('drop table neighborhood');
  }
}
