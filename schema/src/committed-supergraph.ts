import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';

/** The committed schema/supergraph.graphql, the one the gateway serves, as federation's model of it. */
export function loadCommittedSupergraph(): Supergraph {
  return Supergraph.build(readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8'));
}
