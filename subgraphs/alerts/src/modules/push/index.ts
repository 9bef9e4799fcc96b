export { buildPushDelivery } from './push-delivery.ts';
export { createFcmAgent } from './fcm-agent.ts';
export { enqueuePush, enqueueStoredAlertPushes } from './push-request.ts';
export { getDeliveryProgress } from './delivery-progress.ts';
