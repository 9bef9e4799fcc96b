/**
 * The demo account `npm start` seeds in every service, so the app shows a populated home screen on first run.
 * Each service seeds only its own rows for it; the shared id is what ties them together, as CDC would.
 */
export const DEMO_ACCOUNT = {
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'demo@petcare.kr',
  password: 'petcare-demo-1234',
  displayName: '데모 집사',
  /** 역삼1동, 강남구: where the demo user has verified (adm_cd2 of the 2021-04 boundaries). */
  neighborhoodCode: '1168064000',
  /** A point inside 역삼1동 (near Yeoksam station). */
  location: { latitude: 37.5006, longitude: 127.0364 },
} as const;
