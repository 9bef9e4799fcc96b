import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import {
  checkDistrict,
  checkNeighborhoodCode,
  checkNeighborhoodPageSize,
  neighborhoodCursor,
} from '../src/modules/neighborhood/neighborhood.validation.ts';
import { isVerificationActive, verificationStatus } from '../src/modules/neighborhood-verification/neighborhood-verification.status.ts';
import { checkAccuracy } from '../src/modules/neighborhood-verification/neighborhood-verification.validation.ts';

function rejection(fn: () => unknown): Record<string, unknown> | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphQLError) return { ...error.extensions, message: error.message };
    throw error;
  }
  return undefined;
}

describe('neighborhood argument checks', () => {
  it('accepts a 10-digit code, trimmed, and names the field otherwise', () => {
    expect(checkNeighborhoodCode('code', ' 1168064000 ')).toBe('1168064000');
    for (const bad of ['116806400', '11680640000', '11680-6400', '역삼1동', '']) {
      expect(rejection(() => checkNeighborhoodCode('code', bad))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    }
  });

  it('bounds the page size to 1..200, defaulting to 50', () => {
    expect(checkNeighborhoodPageSize('first', null)).toBe(50);
    expect(checkNeighborhoodPageSize('first', undefined)).toBe(50);
    expect(checkNeighborhoodPageSize('first', 1)).toBe(1);
    expect(checkNeighborhoodPageSize('first', 200)).toBe(200);
    for (const bad of [0, -3, 201]) {
      expect(rejection(() => checkNeighborhoodPageSize('first', bad))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('round-trips cursors and rejects ones it did not issue', () => {
    expect(neighborhoodCursor.decode('after', neighborhoodCursor.encode('1168064000'))).toBe('1168064000');
    expect(neighborhoodCursor.decode('after', null)).toBeNull();
    const forged = Buffer.from(JSON.stringify(['neighborhoods', '123'])).toString('base64url');
    for (const bad of ['1168064000', 'garbage', forged, '']) {
      expect(rejection(() => neighborhoodCursor.decode('after', bad))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('treats an omitted district as "all" and a blank one as a mistake', () => {
    expect(checkDistrict('district', undefined)).toBeNull();
    expect(checkDistrict('district', ' 강남구 ')).toBe('강남구');
    expect(rejection(() => checkDistrict('district', '  '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'district' });
  });
});

describe('verification status', () => {
  it('is active strictly before its expiry', () => {
    const expiresAt = new Date('2026-12-25T00:00:00Z');
    expect(isVerificationActive({ expiresAt }, new Date('2026-12-24T23:59:59Z'))).toBe(true);
    expect(isVerificationActive({ expiresAt }, expiresAt)).toBe(false);
    expect(isVerificationActive({ expiresAt }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('verification status and GPS accuracy', () => {
  const now = new Date('2026-12-20T00:00:00Z');
  it('is EXPIRING_SOON within the reminder period, EXPIRED at its expiry', () => {
    expect(verificationStatus({ expiresAt: new Date('2026-12-25T00:00:00Z') }, 3, now)).toBe('ACTIVE');
    expect(verificationStatus({ expiresAt: new Date('2026-12-23T00:00:00Z') }, 3, now)).toBe('EXPIRING_SOON');
    expect(verificationStatus({ expiresAt: now }, 3, now)).toBe('EXPIRED');
  });

  it('takes the accuracy the phone reports and refuses what no fix has, naming the field', () => {
    expect(checkAccuracy('accuracyMeters', undefined)).toBeNull();
    expect(checkAccuracy('accuracyMeters', 12.5)).toBe(12.5);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 10_001]) {
      expect(rejection(() => checkAccuracy('accuracyMeters', bad))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accuracyMeters' });
    }
  });
});
