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

describe('readHospitalRow', () => {
  it('turns a licence into a row, converting the point and the dates', () => {
    const outcome = readHospitalRow(record);
    expect(outcome).toMatchObject({
      kind: 'row',
      missingLocation: null,
      problems: [],
      row: {
        id: '322000001020220002',
        name: '동물치과병원메이',
        status: 'OPEN',
        statusCode: '01',
        open24Hours: false,
        postalCode: '06236',
        licensedAt: '2022-04-27',
        closedAt: null,
        sourceUpdatedAt: new Date('2022-04-27T05:02:11Z'),
      },
    });
    if (outcome.kind !== 'row') throw new Error('expected a row');
    expect(outcome.row.location?.latitude).toBeCloseTo(37.49586, 4);
  });

  it('skips rows it cannot identify or classify, saying why', () => {
    expect(readHospitalRow({ ...record, id: ' ' })).toMatchObject({ kind: 'skipped', problem: { reason: 'no 관리번호: skipped' } });
    expect(readHospitalRow({ ...record, name: '' })).toMatchObject({ kind: 'skipped', problem: { reason: 'no 사업장명: skipped' } });
    expect(readHospitalRow({ ...record, statusCode: '09' })).toMatchObject({
      kind: 'skipped',
      problem: { reason: 'unknown 영업상태구분코드: skipped', detail: '관리번호 322000001020220002 has code "09"' },
    });
  });

  it('keeps a licence whose coordinates are missing, garbled or abroad, without a location', () => {
    expect(readHospitalRow({ ...record, x: '', y: '' })).toMatchObject({ kind: 'row', missingLocation: 'no coordinates', problems: [], row: { location: null } });
    expect(readHospitalRow({ ...record, x: '12a.5' })).toMatchObject({ kind: 'row', missingLocation: 'unparsable coordinates', row: { location: null } });
    expect(readHospitalRow({ ...record, x: '0', y: '0' })).toMatchObject({ missingLocation: 'unparsable coordinates' });
    expect(readHospitalRow({ ...record, y: '-900000' })).toMatchObject({ kind: 'row', missingLocation: 'outside Korea', row: { location: null } });
  });

  it('keeps a licence with an unreadable date, nulling only that date', () => {
    const outcome = readHospitalRow({ ...record, licensedAt: '2023-13-45' });
    expect(outcome).toMatchObject({ kind: 'row', row: { licensedAt: null }, problems: [{ reason: 'unparsable 인허가일자: stored as null' }] });
  });

  it('maps every status code and derives open24Hours from the name', () => {
    const statuses = ['01', '02', '03', '04'].map((statusCode) => readHospitalRow({ ...record, statusCode }));
    expect(statuses.map((o) => (o.kind === 'row' ? o.row.status : o.kind))).toEqual(['OPEN', 'SUSPENDED', 'CLOSED', 'REVOKED']);
    expect(readHospitalRow({ ...record, name: '강남24동물메디컬센터' })).toMatchObject({ row: { open24Hours: true } });
  });
});
