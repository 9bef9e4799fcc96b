import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/postgresql';
import { roles } from '@petcare/service-kit';

const UserSchema = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    /** Stored lower-cased: e-mail identity is case-insensitive for sign-in. */
    email: p.string().length(254).unique(),
    passwordHash: p.string().length(200).hidden(),
    displayName: p.string().length(40),
    /** Granted from the command line only (`npm run operator`); stated in the access token at sign-in. */
    roles: p.enum([...roles]).array().columnType('text[]').onCreate(() => []),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

/** An account: who signs in. Its devices point at it (Device.user); the relation is read through a loader, not a collection. */
export class User extends UserSchema.class {}
UserSchema.setClass(User);
