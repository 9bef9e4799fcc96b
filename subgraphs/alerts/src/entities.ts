import { Alert } from './modules/alert/alert.entity.ts';

/** Every entity of the alerts database; the service and the seed open it with this same list. */
export const entities = [Alert];
