import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Hospital } from '../hospital/hospital.entity.ts';
import { HOSPITAL_AGGREGATE, newsIdSql, newsPayloadSql } from '../news/hospital-news.ts';

/** An operator's finding on a hospital's hours. */
export interface HoursReview {
  hospitalId: string;
  open24Hours: boolean;
  note: string;
  operatorId: string;
  /** The client request that made the review: the event it publishes carries it as its `requestId` header. */
  requestId: string;
}

const confirmedColumns = {
  // `stamp` is the review id, a parameter: it occurs twice (the id, and the id inside the payload).
  hospitalId: 'h.id', type: `'HOSPITAL_CONFIRMED_24H'`, stamp: '?::text', occurredAt: 'h.open_24_hours_reviewed_at', name: 'h.name',
  neighborhoodCode: 'h.neighborhood_code', open24Hours: 'h.open_24_hours', status: 'h.status', previousStatus: 'null::text',
  district: 'h.district', address: 'coalesce(h.road_address, h.address)', latitude: 'st_y(h.location::geometry)', longitude: 'st_x(h.location::geometry)',
};

/**
 * Records a review in ONE transaction: the review itself (kept, with who and when), the hospital's 24-hour status
 * and its source (OPERATOR, which imports leave alone), and — when this confirms a hospital as 24-hour that was not
 * already confirmed so — the HOSPITAL_CONFIRMED_24H event in the outbox, its id derived from the review's.
 * Returns the updated hospital, or null when no licence has that id.
 */
export async function recordHoursReview(em: EntityManager, review: HoursReview): Promise<Hospital | null> {
  const found = await em.fork().transactional(async (tx) => {
    const [before] = await tx.execute<{ open_24_hours: boolean; open_24_hours_source: string }[]>(
      'select open_24_hours, open_24_hours_source from hospital where id = ? for update',
      [review.hospitalId],
    );
    if (!before) return false;
    const reviewId = randomUUID();
    await tx.execute(
      'insert into hospital_24_hours_review (id, hospital_id, open_24_hours, note, operator_id, reviewed_at) values (?, ?, ?, ?, ?, now())',
      [reviewId, review.hospitalId, review.open24Hours, review.note, review.operatorId],
    );
    await tx.execute(
      `update hospital set open_24_hours = ?, open_24_hours_source = 'OPERATOR', open_24_hours_note = ?, open_24_hours_reviewed_at = now(),
        updated_at = now() where id = ?`,
      [review.open24Hours, review.note, review.hospitalId],
    );
    const alreadyConfirmed = before.open_24_hours_source === 'OPERATOR' && before.open_24_hours;
    if (review.open24Hours && !alreadyConfirmed) {
      const [event] = await tx.execute<{ id: string }[]>(
        `insert into outbox_event (id, aggregatetype, aggregateid, type, payload, request_id)
         select ${newsIdSql(confirmedColumns)}, '${HOSPITAL_AGGREGATE}', h.id, ${confirmedColumns.type}, ${newsPayloadSql(confirmedColumns)}, ?
         from hospital h where h.id = ? returning id`,
        [reviewId, reviewId, review.requestId, review.hospitalId],
      );
      await tx.execute('delete from outbox_event where id = ?', [event!.id]);
    }
    return true;
  });
  return found ? em.fork().findOne(Hospital, { id: review.hospitalId }) : null;
}
