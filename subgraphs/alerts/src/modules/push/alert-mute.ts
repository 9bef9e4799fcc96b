import type { EntityManager } from '@mikro-orm/postgresql';
import type { AlertKind } from '../alert/alert-kind.ts';

/** Stops pushes of `kind` to the user's devices; alerts of that kind still reach the inbox. Idempotent. */
export async function muteAlertKind(em: EntityManager, userId: string, kind: AlertKind): Promise<void> {
  await em.execute('insert into alert_mute (user_id, kind) values (?, ?) on conflict do nothing', [userId, kind]);
}

/** Pushes `kind` again. Idempotent. */
export async function unmuteAlertKind(em: EntityManager, userId: string, kind: AlertKind): Promise<void> {
  await em.execute('delete from alert_mute where user_id = ? and kind = ?', [userId, kind]);
}

/** The kinds the user muted. */
export async function mutedAlertKinds(em: EntityManager, userId: string): Promise<AlertKind[]> {
  const rows = await em.execute<{ kind: AlertKind }[]>('select kind from alert_mute where user_id = ? order by kind', [userId]);
  return rows.map((r) => r.kind);
}
