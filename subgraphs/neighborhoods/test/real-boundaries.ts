import { resolve } from 'node:path';

// The shared public data, as the seed reads it; DATA_DIR overrides the location on machines laid out differently.
const dataDir = process.env['DATA_DIR'] || '/work/shared/data';

/** Seoul's 425 행정동 (2021-04), the file `npm run seed` loads by default. */
export const realBoundariesFile = resolve(dataDir, 'boundaries/seoul-hangjeongdong-2021-04.geojson');

/** The small hand-written fixture: 역삼1동, 역삼2동, 사직동 as squares, plus two broken features. */
export const fixtureBoundariesFile = new URL('./fixtures/gangnam-jongno-squares.geojson', import.meta.url).pathname;
