import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { operationCost } from './operation-cost.ts';
import { queryLimitError } from './query-limits.ts';

/**
 * The error for an operation of `document` over its cost budget, or null when it fits (or when there is no single
 * operation to run: graphql-js's own errors say so). Needs the request's variables, so it runs after validation.
 */
export function costLimitError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  maxCost: number,
): GraphQLError | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const cost = operationCost({ schema, operation, fragments, variables: variables ?? {} });
  if (cost <= maxCost) return null;
  const shown = Number.isFinite(cost) ? Math.round(cost).toString() : 'more than any budget';
  return queryLimitError(
    'cost',
    `the operation costs ${shown}; the budget is ${maxCost} (each field 1, spatial searches 50, lists times their \`first\`): ask for fewer fields, aliases or items`,
  );
}
