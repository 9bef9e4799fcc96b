import { defineEntity, p } from '@mikro-orm/postgresql';
import { Neighborhood } from '../neighborhood/neighborhood.entity.ts';

const NeighborhoodVerificationSchema = defineEntity({
  name: 'NeighborhoodVerification',
  tableName: 'neighborhood_verification',
  properties: {
    /** The users service's id; no foreign key, users live in another database. */
    userId: p.uuid().primary(),
    neighborhood: () => p.manyToOne(Neighborhood).fieldName('neighborhood_code').primary(),
    verifiedAt: p.datetime(),
    expiresAt: p.datetime(),
    /** The accuracy radius of the GPS fix that proved it, as the phone reported it; null when the app sent none. */
    accuracyMeters: p.float().columnType('real').nullable(),
    /** The 동네 the user chose as their home screen's; exactly one of a user's 동네 is primary. */
    isPrimary: p.boolean(),
  },
});

/** A user's 동네인증 in one 행정동: where they proved by GPS to be, and until when that counts. A user holds at most two. */
export class NeighborhoodVerification extends NeighborhoodVerificationSchema.class {}
NeighborhoodVerificationSchema.setClass(NeighborhoodVerification);
