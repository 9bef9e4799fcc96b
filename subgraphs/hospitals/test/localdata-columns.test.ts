import { describe, expect, it } from 'vitest';
import { mapHeader, MissingColumnsError, recordOf } from '../src/modules/hospital/localdata-columns.ts';

const olderHeader = ['번호', '관리번호', '인허가일자', '영업상태구분코드', '상세영업상태명', '폐업일자', '소재지전화', '소재지우편번호',
  '소재지전체주소', '도로명전체주소', '도로명우편번호', '사업장명', '최종수정시점', '좌표정보(x)', '좌표정보(y)', ''];

describe('mapHeader', () => {
  it('maps the columns it reads and drops the rest, including the trailing comma\'s empty one', () => {
    expect(mapHeader(olderHeader)).toEqual([false, 'id', 'licensedAt', 'statusCode', 'detailStatus', 'closedAt', 'phone', 'postalCode',
      'address', 'roadAddress', 'roadPostalCode', 'name', 'lastModifiedAt', 'x', 'y', false]);
  });

  it('accepts the newer coordinate headers, a BOM and stray spacing or case', () => {
    const mapped = mapHeader(['\uFEFF관리번호', ' 사업장명 ', '영업상태구분코드', '최종수정시점', '좌표정보x(EPSG5174)', '좌표정보y(epsg5174)']);
    expect(mapped).toEqual(['id', 'name', 'statusCode', 'lastModifiedAt', 'x', 'y']);
  });

  it('keeps the first of two columns that mean the same', () => {
    expect(mapHeader(['관리번호', '사업장명', '영업상태구분코드', '최종수정일자', '좌표정보(x)', '좌표정보x(epsg5174)'])).toEqual([
      'id', 'name', 'statusCode', 'lastModifiedAt', 'x', false,
    ]);
  });

  it('refuses a file that is not this dataset, naming the missing columns', () => {
    expect(() => mapHeader(['번호', '사업장명'])).toThrow(MissingColumnsError);
    expect(() => mapHeader(['번호', '사업장명'])).toThrow('관리번호, 영업상태구분코드, 최종수정시점');
  });

  it('picks a row\'s values by the header\'s positions', () => {
    const header = mapHeader(['번호', '관리번호', '사업장명', '영업상태구분코드', '최종수정시점', '']);
    expect(recordOf(['1', 'A-1', '메이', '01', '2023-01-02 03:04:05', ''], header)).toEqual({
      id: 'A-1', name: '메이', statusCode: '01', lastModifiedAt: '2023-01-02 03:04:05',
    });
  });
});
