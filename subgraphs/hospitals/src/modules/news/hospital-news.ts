/**
 * News for neighbours: what the hospitals service announces through its outbox (topic `outbox.event.hospital`,
 * cdc/README.md), and the rule for what counts as news. The event shapes are the contract in @petcare/cdc
 * (`hospitalNewsEvent`); this module writes them in SQL, inside the transaction of the change they report.
 */

/** Only changes the register recorded this many days before the export's own date are news; older ones are history. */
export const NEWS_WINDOW_DAYS = 30;

/** The outbox's aggregate type: Debezium routes these rows to `outbox.event.hospital`, keyed by hospital id. */
export const HOSPITAL_AGGREGATE = 'hospital';

/** SQL expressions (trusted code, never input) for the values an event is made of. */
export interface NewsColumns {
  hospitalId: string;
  /** An SQL text expression: the event type. */
  type: string;
  /** What makes the id unique within a licence and type: the register's 최종수정시점, or the operator review's id. */
  stamp: string;
  occurredAt: string;
  name: string;
  neighborhoodCode: string;
  open24Hours: string;
  status: string;
  previousStatus: string;
  district: string;
  address: string;
  latitude: string;
  longitude: string;
}

/**
 * The event id: a UUID derived from the licence, the transition and its stamp, so re-importing a file, or replaying
 * one, can only ever produce the same id for the same transition (and consumers deduplicate on it).
 */
export function newsIdSql(c: Pick<NewsColumns, 'hospitalId' | 'type' | 'stamp'>): string {
  // An MD5 name-based UUID: version 3 and the RFC variant stamped on the digest.
  return `overlay(overlay(md5(concat_ws(':', 'hospital-news', ${c.hospitalId}, ${c.type}, ${c.stamp})) placing '3' from 13) placing '8' from 17)::uuid`;
}

/** The event's JSON, in the one shape of the system's events: id, type, occurredAt, then the subject's fields. */
export function newsPayloadSql(c: NewsColumns): string {
  return `jsonb_build_object(
    'id', ${newsIdSql(c)},
    'type', ${c.type},
    'occurredAt', to_char(${c.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'hospitalId', ${c.hospitalId},
    'name', ${c.name},
    'neighborhoodCode', ${c.neighborhoodCode},
    'open24Hours', ${c.open24Hours},
    'status', ${c.status},
    'previousStatus', ${c.previousStatus},
    'district', ${c.district},
    'address', ${c.address},
    'location', case when ${c.latitude} is null then null else jsonb_build_object('latitude', ${c.latitude}, 'longitude', ${c.longitude}) end
  )`;
}

/**
 * Writes events staged in a table with columns (id, hospital_id, type, payload) to the outbox and deletes them in
 * the same transaction: Debezium has the inserts from the WAL, and the table stays empty.
 */
export function publishStagedSql(stagingTable: string): string[] {
  return [
    `insert into outbox_event (id, aggregatetype, aggregateid, type, payload)
      select id, '${HOSPITAL_AGGREGATE}', hospital_id, type, payload from ${stagingTable}`,
    `delete from outbox_event where id in (select id from ${stagingTable})`,
  ];
}
