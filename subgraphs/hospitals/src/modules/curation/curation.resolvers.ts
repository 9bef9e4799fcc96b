import { notFound, requireRole } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { recordHoursReview } from './hospital-review.repository.ts';
import { checkReviewNote } from './curation.validation.ts';

/** What operators curate: a hospital's 24-hour status, checked by hand. */
export function curationResolvers(): Resolvers {
  return {
    Mutation: {
      confirmHospital24Hours: async (_root, args, ctx) => {
        const operatorId = requireRole(ctx, 'OPERATOR');
        const hospital = await recordHoursReview(ctx.em, {
          hospitalId: args.id,
          open24Hours: args.open24Hours,
          note: checkReviewNote(args.note),
          operatorId,
          requestId: ctx.requestId,
        });
        if (!hospital) throw notFound(`hospital ${args.id}`);
        ctx.log.info({ hospitalId: args.id, open24Hours: args.open24Hours, operatorId }, 'operator reviewed 24-hour status');
        return hospital;
      },
    },
  };
}
