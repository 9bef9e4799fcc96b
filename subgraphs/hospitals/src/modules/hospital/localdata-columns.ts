/** The LOCALDATA columns the importer reads, by the name it uses for them. */
export type LocalDataField =
  | 'id'
  | 'name'
  | 'statusCode'
  | 'detailStatus'
  | 'licensedAt'
  | 'closedAt'
  | 'phone'
  | 'postalCode'
  | 'roadPostalCode'
  | 'address'
  | 'roadAddress'
  | 'lastModifiedAt'
  | 'x'
  | 'y';

/** One data row keyed by field; a column missing from the file reads as undefined. */
export type LocalDataRecord = Partial<Record<LocalDataField, string>>;

// Header spellings seen across dumps, compared after `normalizeHeader`. Newer exports name the projection in
// the coordinate headers; older ones put the axis in brackets.
const aliases: Record<LocalDataField, string[]> = {
  id: ['관리번호'],
  name: ['사업장명'],
  statusCode: ['영업상태구분코드'],
  detailStatus: ['상세영업상태명'],
  licensedAt: ['인허가일자'],
  closedAt: ['폐업일자'],
  phone: ['소재지전화', '소재지전화번호'],
  postalCode: ['소재지우편번호'],
  roadPostalCode: ['도로명우편번호'],
  address: ['소재지전체주소'],
  roadAddress: ['도로명전체주소'],
  lastModifiedAt: ['최종수정시점', '최종수정일자'],
  x: ['좌표정보(x)', '좌표정보x', '좌표정보x(epsg5174)', '좌표정보(x)(epsg5174)'],
  y: ['좌표정보(y)', '좌표정보y', '좌표정보y(epsg5174)', '좌표정보(y)(epsg5174)'],
};

/**
 * Without these a row cannot become a Hospital, so a file lacking them is not this dataset. 최종수정시점 is among
 * them: it is what tells newer data from older, licence by licence and export by export.
 */
export const requiredFields: readonly LocalDataField[] = ['id', 'name', 'statusCode', 'lastModifiedAt'];

const fieldByHeader = new Map(
  Object.entries(aliases).flatMap(([field, names]) => names.map((name) => [normalizeHeader(name), field as LocalDataField])),
);

/** Folds the ways one header gets spelled (BOM, width, spaces, case) into one key. */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Thrown when a file's header lacks a column every row needs. */
export class MissingColumnsError extends Error {
  override name = 'MissingColumnsError';
}

/**
 * Maps a header row to the importer's fields, position by position; `false` drops a column (unknown ones, the
 * empty one the trailing comma makes, and a repeat of a column already seen). Throws MissingColumnsError naming
 * every required column the header lacks.
 */
export function mapHeader(header: readonly string[]): (LocalDataField | false)[] {
  const seen = new Set<LocalDataField>();
  const mapped = header.map((name) => {
    const field = fieldByHeader.get(normalizeHeader(name));
    if (!field || seen.has(field)) return false;
    seen.add(field);
    return field;
  });
  const missing = requiredFields.filter((field) => !seen.has(field));
  if (missing.length > 0) {
    const names = missing.map((field) => aliases[field][0]).join(', ');
    throw new MissingColumnsError(`not a LOCALDATA 동물병원 file: the header has no ${names} column`);
  }
  return mapped;
}

/** Picks a data row's values by the positions `mapHeader` found. */
export function recordOf(values: readonly string[], header: readonly (LocalDataField | false)[]): LocalDataRecord {
  const record: LocalDataRecord = {};
  header.forEach((field, i) => {
    if (field) record[field] = values[i];
  });
  return record;
}
