import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/postgresql';
import { User } from '../user/user.entity.ts';

/** Phone platforms an FCM token can come from. */
export const platforms = ['ANDROID', 'IOS'] as const;

const DeviceSchema = defineEntity({
  name: 'Device',
  tableName: 'device',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    /** One FCM token belongs to one app install, so at most one user at a time. */
    token: p.string().length(4096).unique(),
    platform: p.enum([...platforms]),
    registeredAt: p.datetime().onCreate(() => new Date()),
  },
});

/** One app install that receives a user's push notifications. */
export class Device extends DeviceSchema.class {}
DeviceSchema.setClass(Device);
