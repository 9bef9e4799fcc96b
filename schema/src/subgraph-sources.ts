import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, Source } from 'graphql';
import type { ServiceDefinition } from '@apollo/federation-internals';

/** A subgraph the supergraph is composed from: its name in the supergraph, its SDL file and its default URL. */
export interface SubgraphSource {
  name: string;
  /** Absolute path of the subgraph's `src/schema.graphql`. */
  sdlPath: string;
  /** Where the subgraph listens by default; the gateway overrides it from its own config. */
  url: string;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The four subgraphs, in composition order; their names are what the gateway maps to configured URLs. */
export const SUBGRAPHS: readonly SubgraphSource[] = (['users', 'neighborhoods', 'hospitals', 'alerts'] as const).map((name, i) => ({
  name,
  sdlPath: fileURLToPath(new URL(`../../subgraphs/${name}/src/schema.graphql`, import.meta.url)),
  url: `http://127.0.0.1:${4001 + i}/graphql`,
}));

/** What was found on disk: the parsed subgraphs and the names of those without a schema file yet. */
export interface LoadedSubgraphs {
  services: ServiceDefinition[];
  missing: string[];
}

/**
 * Reads and parses every subgraph's SDL. A subgraph whose file does not exist yet is reported as missing
 * rather than failing, so the graph can be composed while a service is still being written; a file that
 * exists but does not parse throws a GraphQLError located in that file.
 */
export function loadSubgraphs(sources: readonly SubgraphSource[] = SUBGRAPHS): LoadedSubgraphs {
  const services: ServiceDefinition[] = [];
  const missing: string[] = [];
  for (const source of sources) {
    if (!existsSync(source.sdlPath)) {
      missing.push(source.name);
      continue;
    }
    // Naming the Source after the file makes composition errors print `file:line:column` with an excerpt.
    const sdl = new Source(readFileSync(source.sdlPath, 'utf8'), relative(repoRoot, source.sdlPath));
    services.push({ name: source.name, url: source.url, typeDefs: parse(sdl) });
  }
  return { services, missing };
}
