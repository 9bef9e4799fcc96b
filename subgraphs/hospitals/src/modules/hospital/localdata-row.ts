import { KOREA_BOUNDS } from '@petcare/service-kit';
import { epsg5174ToWgs84, type LatLng } from './epsg5174.ts';
import type { LocalDataRecord } from './localdata-columns.ts';
import { parseKstTimestamp, parseLocalDate } from './localdata-dates.ts';
import { looksOpen24Hours } from './open-24-hours.ts';
import { codeOfStatus, statusFromCode, type HospitalStatus } from './hospital-status.ts';
import { addressArea, searchKey, syllablePairs } from '../search/search-text.ts';

/** A licence ready to merge: the `hospital` columns an import writes, location already in WGS84. */
export interface HospitalRow {
  id: string;
  name: string;
  status: HospitalStatus;
  statusCode: string;
  detailStatus: string | null;
  /** What the name says (see open-24-hours.ts); an operator's confirmation, when there is one, wins over it. */
  nameSays24Hours: boolean;
  phone: string | null;
  address: string | null;
  roadAddress: string | null;
  postalCode: string | null;
  location: LatLng | null;
  licensedAt: string | null;
  closedAt: string | null;
  /** 최종수정시점: when the licensing office last changed the record; orders data of one licence across exports. */
  sourceUpdatedAt: Date;
  city: string | null;
  district: string | null;
  searchName: string;
  searchArea: string;
  searchGrams: string[];
}

/** Why a stored row has no location: the register gave none, or gave a point outside Korea (or the 0,0 placeholder). */
export type MissingLocation = 'no coordinates' | 'outside Korea';

/** Something odd about a row that is still imported: `reason` groups alike ones in the summary, `detail` says what was read. */
export interface RowWarning {
  reason: string;
  detail: string;
}

/** What became of one data row: imported (perhaps with warnings), or rejected with the reason. */
export type RowOutcome =
  | { kind: 'row'; row: HospitalRow; missingLocation: MissingLocation | null; warnings: RowWarning[] }
  | { kind: 'rejected'; reason: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function text(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function inKorea({ latitude, longitude }: LatLng): boolean {
  const b = KOREA_BOUNDS;
  return latitude >= b.minLatitude && latitude <= b.maxLatitude && longitude >= b.minLongitude && longitude <= b.maxLongitude;
}

type LocationOutcome = { location: LatLng | null; missing: MissingLocation | null; warning?: RowWarning } | { rejected: string };

function readLocation(record: LocalDataRecord): LocationOutcome {
  const x = text(record.x);
  const y = text(record.y);
  if (x === null && y === null) return { location: null, missing: 'no coordinates' };
  const detail = `좌표정보 x=${JSON.stringify(record.x ?? '')}, y=${JSON.stringify(record.y ?? '')}`;
  if (x === null || y === null || !NUMBER.test(x) || !NUMBER.test(y)) return { rejected: `coordinates are not numbers (${detail})` };
  // 0,0 is a placeholder some registries type in, and it converts to a plausible point off Jeju.
  const location = Number(x) === 0 && Number(y) === 0 ? null : epsg5174ToWgs84(Number(x), Number(y));
  if (!location || !inKorea(location)) {
    const where = location ? ` → ${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}` : '';
    return { location: null, missing: 'outside Korea', warning: { reason: 'coordinates outside Korea: stored without location', detail: `${detail}${where}` } };
  }
  return { location, missing: null };
}

function readDate(value: string | undefined, column: string, warnings: RowWarning[]): string | null {
  try {
    return parseLocalDate(value ?? '');
  } catch (error) {
    warnings.push({ reason: `unparsable ${column}: stored as null`, detail: (error as Error).message });
    return null;
  }
}

/**
 * Turns one LOCALDATA record into a row to merge, or says why it cannot be one: no 관리번호 or 사업장명, a
 * 영업상태구분코드 that does not exist, coordinates that are not numbers, or no readable 최종수정시점 (without it
 * nothing says whether the row is newer than what is stored). A point abroad or an unreadable date loses only that value.
 */
export function readHospitalRow(record: LocalDataRecord): RowOutcome {
  const id = text(record.id);
  if (id === null) return { kind: 'rejected', reason: 'no 관리번호' };
  const name = text(record.name);
  if (name === null) return { kind: 'rejected', reason: `관리번호 ${id}: no 사업장명` };
  const status = statusFromCode(record.statusCode ?? '');
  if (!status) return { kind: 'rejected', reason: `관리번호 ${id}: 영업상태구분코드 ${JSON.stringify(record.statusCode ?? '')} does not exist (01..04)` };
  const located = readLocation(record);
  if ('rejected' in located) return { kind: 'rejected', reason: `관리번호 ${id}: ${located.rejected}` };
  let sourceUpdatedAt: Date | null;
  try {
    sourceUpdatedAt = parseKstTimestamp(record.lastModifiedAt ?? '');
  } catch (error) {
    return { kind: 'rejected', reason: `관리번호 ${id}: 최종수정시점 unreadable (${(error as Error).message})` };
  }
  if (!sourceUpdatedAt) return { kind: 'rejected', reason: `관리번호 ${id}: no 최종수정시점` };

  const warnings: RowWarning[] = located.warning ? [located.warning] : [];
  const address = text(record.address);
  const roadAddress = text(record.roadAddress);
  const area = addressArea(address, roadAddress);
  const searchName = searchKey(name);
  const row: HospitalRow = {
    id,
    name,
    status,
    statusCode: codeOfStatus(status),
    detailStatus: text(record.detailStatus),
    nameSays24Hours: looksOpen24Hours(name),
    phone: text(record.phone),
    address,
    roadAddress,
    postalCode: text(record.roadPostalCode) ?? text(record.postalCode),
    location: located.location,
    licensedAt: readDate(record.licensedAt, '인허가일자', warnings),
    closedAt: readDate(record.closedAt, '폐업일자', warnings),
    sourceUpdatedAt,
    city: area.city,
    district: area.district,
    searchName,
    searchArea: area.areaKey,
    searchGrams: [...new Set([...syllablePairs(searchName), ...syllablePairs(area.areaKey)])],
  };
  return { kind: 'row', row, missingLocation: located.missing, warnings };
}
