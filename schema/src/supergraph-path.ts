import { fileURLToPath } from 'node:url';

/** The committed, composed supergraph the gateway serves (regenerate with `npm run compose`). */
export const supergraphPath = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
