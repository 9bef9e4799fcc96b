import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyParsed, parseMessage } from '@petcare/cdc-consumer';
import { createLogger, type Role } from '@petcare/service-kit';
import { dropTestDatabase, gatewaySignedRequest, testDatabaseUrl } from '@petcare/service-kit/testing';
import { loadConfig } from '../../src/config.ts';
import { buildHospitalsService, type HospitalsService } from '../../src/server.ts';
import { importHospitals } from '../../src/modules/hospital/hospital.importer.ts';
import { neighborhoodCopy } from '../../src/modules/neighborhood/neighborhood.copy.ts';

/** The shared public data: DATA_DIR when set, else the checkout's sibling `shared/data` (as on dev machines and CI). */
export const dataDir = process.env['DATA_DIR'] ?? fileURLToPath(new URL('../../../../../shared/data', import.meta.url));
export const HOSPITALS_2022 = join(dataDir, 'hospitals', 'localdata-animal-hospitals-2022-11.csv');
export const HOSPITALS_2023 = join(dataDir, 'hospitals', 'localdata-animal-hospitals-2023-07.csv');
export const SEOUL_DONGS = join(dataDir, 'boundaries', 'seoul-hangjeongdong-2021-04.geojson');

const secret = 'test-gateway-signing-secret-0123456789';

/** A hospitals subgraph on its own database, listening on a free port, with what the tests send it. */
export interface HospitalsUnderTest {
  service: HospitalsService;
  url: string;
  databaseUrl: string;
  call: <T = any>(query: string, variables?: Record<string, unknown>, caller?: { userId: string; roles?: Role[] }) => Promise<{ status: number; data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  sql: <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

/**
 * Builds the service (its migrations), imports `files` in order, and fills its copy of Seoul's 행정동 the way CDC
 * does: Debezium snapshot records (PostGIS `{wkb, srid}`, the shape the real pipeline delivers, see
 * cdc/test/hospital-news.int.test.ts) applied by the service's own declared copy, which re-tags the hospitals.
 */
export async function startHospitals(files: string[]): Promise<HospitalsUnderTest> {
  const databaseUrl = testDatabaseUrl('hospitals');
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, GATEWAY_SIGNING_SECRET: secret, LOG_LEVEL: 'silent' });
  const service = await buildHospitalsService(config, createLogger('hospitals', 'silent'));
  const close = async () => {
    await service.close();
    await dropTestDatabase(databaseUrl);
  };
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => service.orm.em.getConnection().execute<T[]>(query, params);
  try {
    const url = await service.server.listen(0);
    for (const file of files) await importHospitals(service.orm.em, file);
    await loadSeoulBoundaries(service, sql);
    const call: HospitalsUnderTest['call'] = (query, variables = {}, caller) =>
      gatewaySignedRequest(url, secret, query, variables, caller?.userId ?? null, caller?.roles ?? []);
    return { service, url, databaseUrl, sql, call, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function loadSeoulBoundaries(service: HospitalsService, sql: HospitalsUnderTest['sql']): Promise<void> {
  const geojson = JSON.parse(await readFile(SEOUL_DONGS, 'utf8')) as { features: { properties: { adm_cd2: string; adm_nm: string; sggnm: string }; geometry: unknown }[] };
  const handler = neighborhoodCopy('test.neighborhoods.public.neighborhood');
  const wkbs = await sql<{ wkb: string }>(
    `select translate(encode(st_asewkb(st_multi(st_setsrid(st_geomfromgeojson(g), 4326))), 'base64'), E'\\n', '') as wkb
     from unnest(array[?]::text[]) with ordinality as f(g, i) order by i`,
    [geojson.features.map((f) => JSON.stringify(f.geometry))],
  );
  const messages = geojson.features.map((f, i) => {
    const after = { code: f.properties.adm_cd2, name: f.properties.adm_nm.split(' ').at(-1), district: f.properties.sggnm, geom: { wkb: wkbs[i]!.wkb, srid: 4326 } };
    return parseMessage(handler, {
      key: Buffer.from(JSON.stringify({ code: after.code })),
      value: Buffer.from(JSON.stringify({ op: 'r', before: null, after, source: { lsn: i + 1, ts_ms: 0, table: 'neighborhood' } })),
      offset: String(i),
    });
  });
  await applyParsed(service.orm.em.fork(), handler, messages);
}
