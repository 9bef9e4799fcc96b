import { Migration } from '@mikro-orm/migrations';

/**
 * The neighborhoods service's 행정동 boundaries, copied by CDC (topic neighborhoods.public.neighborhood), so each
 * hospital can be tagged with the 행정동 it lies in: for the news events' audience and for Neighborhood.hospitals
 * without a boundary travelling through the gateway. Plus the bookkeeping that applies changes once, in order.
 */
export class Migration20261201NeighborhoodCopy extends Migration {
  override name = 'Migration20261201NeighborhoodCopy';

  override up(): void {
    this.addSql(`create table cdc_applied_change (
      topic text not null,
      key text not null,
      lsn numeric(20, 0) not null,
      kafka_offset bigint not null,
      deleted boolean not null,
      applied_at timestamptz not null default now(),
      primary key (topic, key)
    )`);
    this.addSql(`create table neighborhood_copy (
      code char(10) primary key,
      name text not null,
      district text not null,
      geom geometry(MultiPolygon, 4326) not null,
      copied_at timestamptz not null default now()
    )`);
    this.addSql('create index neighborhood_copy_geom_idx on neighborhood_copy using gist (geom)');
  }

  override down(): void {
    this.addSql('drop table neighborhood_copy');
    this.addSql('drop table cdc_applied_change');
  }
}
