/**
 * `npm run compose`: composes subgraphs/*\/src/schema.graphql into schema/supergraph.graphql, the file the
 * gateway serves. Prints every composition error (and exits 1, leaving the committed file alone) or hint
 * (`--verbose` prints hints in full).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLError, printError } from 'graphql';
import { composeSupergraph } from './compose-supergraph.ts';

const target = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

function describe(error: GraphQLError): string {
  const code = error.extensions['code'];
  return `${typeof code === 'string' ? `[${code}] ` : ''}${printError(error)}`;
}

let result: ReturnType<typeof composeSupergraph>;
try {
  result = composeSupergraph();
} catch (error) {
  // A subgraph SDL that does not even parse: graphql-js's error already names the file and line.
  console.error(`compose: ${error instanceof GraphQLError ? describe(error) : String(error)}`);
  process.exit(1);
}

for (const name of result.missing) {
  console.warn(`compose: warning: subgraphs/${name}/src/schema.graphql does not exist; ${name} is left out of the supergraph`);
}

if (!result.ok) {
  console.error(`compose: ${result.errors.length} composition error(s) in ${result.composed.join(', ')}:\n`);
  for (const error of result.errors) console.error(`${describe(error)}\n`);
  console.error('compose: schema/supergraph.graphql was NOT updated.');
  process.exit(1);
}

// Hints are advice (e.g. descriptions that differ between subgraphs); one line each unless --verbose.
const verbose = process.argv.includes('--verbose');
for (const hint of result.hints) {
  const message = verbose ? hint.message : hint.message.split('\n')[0];
  console.warn(`compose: hint: [${hint.definition.code}] ${message}`);
}
writeFileSync(target, result.fileText);
console.log(`compose: wrote schema/supergraph.graphql from ${result.composed.join(', ')} (${result.hints.length} hint(s))`);
