import { defineEntity, p } from '@mikro-orm/postgresql';
import { Neighborhood } from '../neighborhood/neighborhood.entity.ts';

const NeighborhoodVerificationSchema = defineEntity({
  name: 'NeighborhoodVerification',
  tableName: 'neighborhood_verification',
  properties: {
    /** The users service's id; no foreign key, users live in another database. One row per user. */
    userId: p.uuid().primary(),
    neighborhood: () => p.manyToOne(Neighborhood).fieldName('neighborhood_code'),
    verifiedAt: p.datetime(),
    expiresAt: p.datetime(),
  },
});

/** A user's current 동네인증: where they last proved by GPS to be, and until when that counts. */
export class NeighborhoodVerification extends NeighborhoodVerificationSchema.class {}
NeighborhoodVerificationSchema.setClass(NeighborhoodVerification);
