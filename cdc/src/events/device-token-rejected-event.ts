import { z } from 'zod';
import { absentAsNull, systemEvent } from './system-event.ts';

/**
 * An event of topic `outbox.event.device-token` (systemTopics().deviceTokenEvents), produced by the alerts
 * service through its outbox when FCM says a device's token is dead (UNREGISTERED, an invalid token, a sender
 * mismatch); key = the device id. The users service, which owns devices, removes the device if it still holds
 * that token (a re-registered token is alive again).
 */
export const deviceTokenRejectedEvent = systemEvent.extend({
  type: z.literal('DEVICE_TOKEN_REJECTED'),
  deviceId: z.uuid(),
  token: z.string().min(1),
  userId: z.uuid(),
  reason: absentAsNull(z.string()),
});

/** A parsed rejected-token event. */
export type DeviceTokenRejectedEvent = z.output<typeof deviceTokenRejectedEvent>;
