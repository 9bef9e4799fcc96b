import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { database } from '../src/database.ts';
import { importBoundaries, importBoundaryFile } from '../src/modules/neighborhood/neighborhood.importer.ts';
import { seedDemoVerification } from '../src/modules/neighborhood-verification/neighborhood-verification.demo.ts';
import { fixtureBoundariesFile, realBoundariesFile } from './real-boundaries.ts';

const databaseUrl = testDatabaseUrl('neighborhoods');
let orm: MikroORM;

const sql = <T = any>(query: string, params: unknown[] = []) => orm.em.getConnection().execute<T[]>(query, params);
const rowCount = async () => (await sql<{ n: number }>('select count(*)::int as n from neighborhood'))[0]?.n;

beforeAll(async () => {
  orm = await openDatabase({ url: databaseUrl, ...database, log: createLogger('neighborhoods', 'silent') });
});

afterAll(async () => {
  await orm?.close();
  await dropTestDatabase(databaseUrl);
});

describe('boundary importer', () => {
  it('loads the fixture, skipping and counting broken features, with the polygon stored as a MultiPolygon', async () => {
    expect(await seedDemoVerification(orm.em.fork(), 30)).toBe(false);

    const report = await importBoundaryFile(orm.em.fork(), fixtureBoundariesFile);
    expect(report).toMatchObject({ features: 5, inserted: 3, updated: 0, unchanged: 0, repaired: 0 });
    expect(report.skipped.map((s) => s.index)).toEqual([3, 4]);

    const rows = await sql(`select code, name, district, city, full_name, ST_GeometryType(geom) as type,
      ST_Contains(geom, ST_SetSRID(ST_MakePoint(center_longitude, center_latitude), 4326)) as center_inside
      from neighborhood order by code`);
    expect(rows).toEqual([
      { code: '1111053000', name: '사직동', district: '종로구', city: '서울특별시', full_name: '서울특별시 종로구 사직동', type: 'ST_MultiPolygon', center_inside: true },
      { code: '1168064000', name: '역삼1동', district: '강남구', city: '서울특별시', full_name: '서울특별시 강남구 역삼1동', type: 'ST_MultiPolygon', center_inside: true },
      { code: '1168065000', name: '역삼2동', district: '강남구', city: '서울특별시', full_name: '서울특별시 강남구 역삼2동', type: 'ST_MultiPolygon', center_inside: true },
    ]);
  });

  it('re-imports without duplicating, touching only what changed', async () => {
    const [before] = await sql<{ updated_at: Date }>(`select updated_at from neighborhood where code = '1111053000'`);
    const again = await importBoundaryFile(orm.em.fork(), fixtureBoundariesFile);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await rowCount()).toBe(3);

    const renamed = JSON.parse(readFileSync(fixtureBoundariesFile, 'utf8'));
    renamed.features[0].properties.adm_nm = '서울특별시 강남구 역삼일동';
    const changed = await importBoundaries(orm.em.fork(), renamed);
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await sql(`select name from neighborhood where code = '1168064000'`)).toEqual([{ name: '역삼일동' }]);
    expect(await sql(`select updated_at from neighborhood where code = '1111053000'`)).toEqual([before]);
  });

  it('writes nothing from a file it rejects whole', async () => {
    const projected = JSON.parse(readFileSync(fixtureBoundariesFile, 'utf8'));
    projected.crs.properties.name = 'urn:ogc:def:crs:EPSG::5179';
    projected.features[0].properties.adm_nm = '서울특별시 강남구 바뀐동';
    await expect(importBoundaries(orm.em.fork(), projected)).rejects.toThrow(/EPSG::5179/);
    expect(await sql(`select name from neighborhood where code = '1168064000'`)).toEqual([{ name: '역삼일동' }]);
  });

  it('loads the real Seoul file to exactly 425 행정동, and again without change', async () => {
    const report = await importBoundaryFile(orm.em.fork(), realBoundariesFile);
    expect(report).toMatchObject({ features: 425, inserted: 422, updated: 3, skipped: [] });
    expect(await rowCount()).toBe(425);
    expect(await sql(`select count(*)::int as n from neighborhood where not ST_IsValid(geom)
      or not ST_Contains(geom, ST_SetSRID(ST_MakePoint(center_longitude, center_latitude), 4326))`)).toEqual([{ n: 0 }]);

    const again = await importBoundaryFile(orm.em.fork(), realBoundariesFile);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 425 });
    expect(await rowCount()).toBe(425);
  });

  it('gives the demo account a fresh 30-day verification in 역삼1동, renewed on every seed', async () => {
    expect(await seedDemoVerification(orm.em.fork(), 30)).toBe(true);
    await sql(`update neighborhood_verification set verified_at = now() - interval '40 days', expires_at = now() - interval '10 days'`);
    expect(await seedDemoVerification(orm.em.fork(), 30)).toBe(true);
    const rows = await sql<{ user_id: string; neighborhood_code: string; days: number }>(
      `select user_id, neighborhood_code, round(extract(epoch from expires_at - now()) / 86400)::int as days from neighborhood_verification`,
    );
    expect(rows).toEqual([{ user_id: DEMO_ACCOUNT.userId, neighborhood_code: DEMO_ACCOUNT.neighborhoodCode, days: 30 }]);
  });
});
