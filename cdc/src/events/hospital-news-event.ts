import { z } from 'zod';
import { absentAsNull, systemEvent } from './system-event.ts';

/** What happened to a hospital that its neighbours hear about. */
export const hospitalNewsTypes = ['HOSPITAL_OPENED', 'HOSPITAL_REOPENED', 'HOSPITAL_CLOSED', 'HOSPITAL_CONFIRMED_24H'] as const;

const status = z.enum(['OPEN', 'SUSPENDED', 'CLOSED', 'REVOKED']);

/**
 * An event of topic `outbox.event.hospital` (systemTopics().hospitalNews), produced by the hospitals service through
 * its outbox; key = the hospital id (a JSON string). The alerts service tells the users verified in
 * `neighborhoodCode` (HOSPITAL_UPDATE alerts). Openings, reopenings and closures come from imports of the register
 * (only changes recorded in the 30 days before the export's date, and never from the first import); confirmations
 * from an operator. A suspension (휴업) is a HOSPITAL_CLOSED with `status: SUSPENDED`.
 */
export const hospitalNewsEvent = systemEvent.extend({
  type: z.enum(hospitalNewsTypes),
  hospitalId: z.string().min(1),
  name: z.string().min(1),
  /** The 10-digit 행정동 containing the hospital; null outside the loaded boundaries or without a location. */
  neighborhoodCode: absentAsNull(z.string().regex(/^\d{10}$/)),
  open24Hours: z.boolean(),
  status,
  /** The status before an import's transition; for a new licence, null. */
  previousStatus: absentAsNull(status),
  district: absentAsNull(z.string()),
  address: absentAsNull(z.string()),
  location: absentAsNull(z.object({ latitude: z.number(), longitude: z.number() })),
});

/** A parsed hospital news event. */
export type HospitalNewsEvent = z.output<typeof hospitalNewsEvent>;
