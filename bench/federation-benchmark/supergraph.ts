import { composeServices } from '@apollo/composition';
import { benchmarkSubgraphs } from './subgraphs.ts';

/** Composes the benchmark's subgraphs (served at `${baseUrl}/<name>`) into a supergraph SDL. */
export function benchmarkSupergraph(baseUrl: string): string {
  const result = composeServices(benchmarkSubgraphs.map((s) => ({ name: s.name, url: `${baseUrl}/${s.name}`, typeDefs: s.typeDefs })));
  if (result.errors) throw new Error(`the benchmark's subgraphs do not compose: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}

