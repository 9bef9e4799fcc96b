import { describe, expect, it } from 'vitest';
import { readHospitalRow } from '../src/modules/hospital/localdata-row.ts';
import type { LocalDataRecord } from '../src/modules/hospital/localdata-columns.ts';

const record: LocalDataRecord = {
  id: '322000001020220002',
  name: ' 동물치과병원메이 ',
  statusCode: '01',
  detailStatus: '정상',
  licensedAt: '20220427',
  closedAt: '',
  phone: '02-797-4408',
  postalCode: '',
  roadPostalCode: '06236',
  address: '서울특별시 강남구 역삼동 827-67',
  roadAddress: '서울특별시 강남구 테헤란로8길 46, 2층 (역삼동)',
  lastModifiedAt: '2022-04-27 14:02:11',
  x: '202780.126797022',
  y: '443740.045139197',
};

const rowOf = (r: LocalDataRecord) => {
  const outcome = readHospitalRow(r);
  if (outcome.kind !== 'row') throw new Error(`expected a row, got: ${outcome.reason}`);
  return outcome;
};

describe('readHospitalRow', () => {
  it('turns a licence into a row, converting the point and the dates, with its search keys', () => {
    const outcome = rowOf(record);
    expect(outcome).toMatchObject({
      missingLocation: null,
      warnings: [],
      row: {
        id: '322000001020220002',
        name: '동물치과병원메이',
        status: 'OPEN',
        statusCode: '01',
        nameSays24Hours: false,
        postalCode: '06236',
        licensedAt: '2022-04-27',
        closedAt: null,
        sourceUpdatedAt: new Date('2022-04-27T05:02:11Z'),
        city: '서울특별시',
        district: '강남구',
        searchName: '동물치과병원메이',
        searchArea: '서울특별시강남구역삼동',
      },
    });
    expect(outcome.row.location?.latitude).toBeCloseTo(37.49586, 4);
    expect(outcome.row.searchGrams).toEqual(expect.arrayContaining(['동물', '병원', '메이', '강남', '역삼']));
  });

  it('rejects rows it cannot identify, classify, place or order, saying why', () => {
    expect(readHospitalRow({ ...record, id: ' ' })).toEqual({ kind: 'rejected', reason: 'no 관리번호' });
    expect(readHospitalRow({ ...record, name: '' })).toEqual({ kind: 'rejected', reason: '관리번호 322000001020220002: no 사업장명' });
    expect(readHospitalRow({ ...record, statusCode: '09' })).toEqual({
      kind: 'rejected',
      reason: '관리번호 322000001020220002: 영업상태구분코드 "09" does not exist (01..04)',
    });
    expect(readHospitalRow({ ...record, x: '12a.5' })).toEqual({
      kind: 'rejected',
      reason: '관리번호 322000001020220002: coordinates are not numbers (좌표정보 x="12a.5", y="443740.045139197")',
    });
    expect(readHospitalRow({ ...record, y: '' })).toMatchObject({ kind: 'rejected' });
    expect(readHospitalRow({ ...record, lastModifiedAt: '' })).toEqual({ kind: 'rejected', reason: '관리번호 322000001020220002: no 최종수정시점' });
    expect(readHospitalRow({ ...record, lastModifiedAt: 'yesterday' })).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('최종수정시점 unreadable') });
  });

  it('keeps a licence without coordinates, or placed abroad or at the 0,0 placeholder, without a location', () => {
    expect(rowOf({ ...record, x: '', y: '' })).toMatchObject({ missingLocation: 'no coordinates', warnings: [], row: { location: null } });
    expect(rowOf({ ...record, x: '0', y: '0' })).toMatchObject({ missingLocation: 'outside Korea', row: { location: null } });
    expect(rowOf({ ...record, y: '-900000' })).toMatchObject({
      missingLocation: 'outside Korea',
      warnings: [{ reason: 'coordinates outside Korea: stored without location' }],
    });
  });

  it('keeps a licence with an unreadable date, nulling only that date', () => {
    expect(rowOf({ ...record, licensedAt: '2023-13-45' })).toMatchObject({ row: { licensedAt: null }, warnings: [{ reason: 'unparsable 인허가일자: stored as null' }] });
  });

  it('maps every status code and reads the 24-hour signal from the name', () => {
    const statuses = ['01', '02', '03', '04'].map((statusCode) => rowOf({ ...record, statusCode }).row.status);
    expect(statuses).toEqual(['OPEN', 'SUSPENDED', 'CLOSED', 'REVOKED']);
    expect(rowOf({ ...record, name: '강남24동물메디컬센터' }).row.nameSays24Hours).toBe(true);
  });
});
