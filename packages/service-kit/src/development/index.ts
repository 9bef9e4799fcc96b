export { DEMO_ACCOUNT } from './demo-account.ts';
