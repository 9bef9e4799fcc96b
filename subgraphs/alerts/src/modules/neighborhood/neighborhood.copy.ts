import { z } from 'zod';
import { defineCopy } from '@petcare/cdc-consumer';

/**
 * `neighborhood_copy`: the names of the neighborhoods service's 행정동, so an alert's text (and its push, which
 * no gateway resolves) can say "역삼1동". The boundary that travels with each change is not kept.
 */
export const neighborhoodCopy = (topic: string) =>
  defineCopy({
    topic,
    table: 'neighborhood_copy',
    key: ['code'],
    columns: { code: z.string().regex(/^\d{10}$/), name: z.string().min(1), district: z.string() },
  });
