import { KOREA_BOUNDS } from '@petcare/service-kit';
import { epsg5174ToWgs84, type LatLng } from './epsg5174.ts';
import type { LocalDataRecord } from './localdata-columns.ts';
import { parseKstTimestamp, parseLocalDate } from './localdata-dates.ts';
import { looksOpen24Hours } from './open-24-hours.ts';
import { codeOfStatus, statusFromCode, type HospitalStatus } from './hospital-status.ts';

/** A licence ready to upsert: the columns of the `hospital` table, location already in WGS84. */
export interface HospitalRow {
  id: string;
  name: string;
  status: HospitalStatus;
  statusCode: string;
  detailStatus: string | null;
  open24Hours: boolean;
  phone: string | null;
  address: string | null;
  roadAddress: string | null;
  postalCode: string | null;
  location: LatLng | null;
  licensedAt: string | null;
  closedAt: string | null;
  sourceUpdatedAt: Date | null;
}

/** Why a stored row has no location: the register gave none, gave garbage, or gave a point outside Korea. */
export type MissingLocation = 'no coordinates' | 'unparsable coordinates' | 'outside Korea';

/** Something wrong with one row: `reason` groups alike problems in the summary, `detail` says what was read. */
export interface RowProblem {
  reason: string;
  detail: string;
}

/** What became of one data row. */
export type RowOutcome =
  | { kind: 'row'; row: HospitalRow; missingLocation: MissingLocation | null; problems: RowProblem[] }
  | { kind: 'skipped'; problem: RowProblem };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function text(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function inKorea({ latitude, longitude }: LatLng): boolean {
  const b = KOREA_BOUNDS;
  return latitude >= b.minLatitude && latitude <= b.maxLatitude && longitude >= b.minLongitude && longitude <= b.maxLongitude;
}

function readLocation(record: LocalDataRecord): { location: LatLng | null; missing: MissingLocation | null; problem?: RowProblem } {
  const x = text(record.x);
  const y = text(record.y);
  if (x === null && y === null) return { location: null, missing: 'no coordinates' };
  const detail = `좌표정보 x=${JSON.stringify(record.x ?? '')}, y=${JSON.stringify(record.y ?? '')}`;
  // 0,0 is a placeholder some registries type in, and it converts to a plausible point off Jeju.
  if (x === null || y === null || !NUMBER.test(x) || !NUMBER.test(y) || (Number(x) === 0 && Number(y) === 0)) {
    return { location: null, missing: 'unparsable coordinates', problem: { reason: 'unparsable coordinates: stored without location', detail } };
  }
  const location = epsg5174ToWgs84(Number(x), Number(y));
  if (!inKorea(location)) {
    const where = `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`;
    return { location: null, missing: 'outside Korea', problem: { reason: 'coordinates outside Korea: stored without location', detail: `${detail} → ${where}` } };
  }
  return { location, missing: null };
}

function readDate<T>(parse: (value: string) => T | null, value: string | undefined, column: string, problems: RowProblem[]): T | null {
  try {
    return parse(value ?? '');
  } catch (error) {
    problems.push({ reason: `unparsable ${column}: stored as null`, detail: (error as Error).message });
    return null;
  }
}

/**
 * Turns one LOCALDATA record into a row to upsert, or says why it cannot be one. Rows lacking 관리번호,
 * 사업장명 or a known 영업상태구분코드 are skipped; bad coordinates or dates only lose that value.
 */
export function readHospitalRow(record: LocalDataRecord): RowOutcome {
  const id = text(record.id);
  if (id === null) return { kind: 'skipped', problem: { reason: 'no 관리번호: skipped', detail: 'the 관리번호 column is empty' } };
  const name = text(record.name);
  if (name === null) return { kind: 'skipped', problem: { reason: 'no 사업장명: skipped', detail: `관리번호 ${id} has no name` } };
  const status = statusFromCode(record.statusCode ?? '');
  if (!status) {
    return {
      kind: 'skipped',
      problem: { reason: 'unknown 영업상태구분코드: skipped', detail: `관리번호 ${id} has code ${JSON.stringify(record.statusCode ?? '')}` },
    };
  }
  const problems: RowProblem[] = [];
  const { location, missing, problem } = readLocation(record);
  if (problem) problems.push(problem);
  const row: HospitalRow = {
    id,
    name,
    status,
    statusCode: codeOfStatus(status),
    detailStatus: text(record.detailStatus),
    open24Hours: looksOpen24Hours(name),
    phone: text(record.phone),
    address: text(record.address),
    roadAddress: text(record.roadAddress),
    postalCode: text(record.roadPostalCode) ?? text(record.postalCode),
    location,
    licensedAt: readDate(parseLocalDate, record.licensedAt, '인허가일자', problems),
    closedAt: readDate(parseLocalDate, record.closedAt, '폐업일자', problems),
    sourceUpdatedAt: readDate(parseKstTimestamp, record.lastModifiedAt, '최종수정시점', problems),
  };
  return { kind: 'row', row, missingLocation: missing, problems };
}
