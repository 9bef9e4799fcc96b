import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/postgresql';
import { alertKinds } from './alert-kind.ts';

const AlertSchema = defineEntity({
  name: 'Alert',
  tableName: 'alert',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    /** The users service owns accounts, so this is a plain id, not a foreign key. */
    userId: p.uuid(),
    kind: p.enum([...alertKinds]),
    title: p.text(),
    body: p.text(),
    data: p.json<Record<string, unknown>>().nullable(),
    /** Names the event that caused the alert, so a replayed event cannot create it twice; null for one-offs. */
    dedupeKey: p.text().nullable().unique(),
    /** Millisecond precision, like a JS Date, so a page cursor holds the exact value it is compared with. */
    createdAt: p.datetime(3).onCreate(() => new Date()),
    readAt: p.datetime(3).nullable(),
  },
});

/** A notification stored for one user. */
export class Alert extends AlertSchema.class {}
AlertSchema.setClass(Alert);
