import { defineEventHandler } from '@petcare/cdc-consumer';
import { deviceTokenRejectedEvent } from '@petcare/cdc';

/**
 * Removes a device whose FCM token the alerts service found dead, but only while the device still holds that
 * token: a phone that registered again since has a live token. The delete travels back to the alerts service's
 * device copy through CDC, like any other.
 */
export const rejectedTokenHandler = (topic: string) =>
  defineEventHandler({
    topic,
    event: deviceTokenRejectedEvent,
    apply: async (em, events) => {
      for (const event of events) await em.execute('delete from device where id = ? and token = ?', [event.deviceId, event.token]);
    },
  });
