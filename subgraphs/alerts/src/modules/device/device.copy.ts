import { z } from 'zod';
import { defineCopy } from '@petcare/cdc-consumer';

/** `device_copy`: the users service's devices, the FCM tokens pushes go to. */
export const deviceCopy = (topic: string) =>
  defineCopy({
    topic,
    table: 'device_copy',
    key: ['id'],
    columns: { id: z.uuid(), user_id: z.uuid(), token: z.string().min(1), platform: z.enum(['ANDROID', 'IOS']) },
  });
