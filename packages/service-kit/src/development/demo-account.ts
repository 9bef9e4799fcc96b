/**
 * The demo account `npm start` seeds in every service, so the app shows a populated home screen on first run.
 * Each service seeds only its own rows for it; the shared id is what ties them together, as CDC would.
 */
export const DEMO_ACCOUNT = {
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'demo@petcare.kr',
  password: 'petcare-demo-1234',
  displayName: '데모 집사',
  /**
   * 역삼2동, 강남구: where the demo user has verified (adm_cd2 of the 2021-04 boundaries); two 24-hour hospitals of the
   * 2023-07 register are open there, so the home screen's list is not empty.
   */
  neighborhoodCode: '1168065000',
  /** A point inside 역삼2동 (near 24시OK동물병원, 도곡로51길). */
  location: { latitude: 37.4955, longitude: 127.0451 },
} as const;
