import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';

/** The bounds every operation is checked against before anything executes (HTTP and graphql-ws alike). */
export interface QueryLimits {
  /** Deepest field nesting; fragments and inline fragments add no level of their own. */
  maxDepth: number;
  /** Aliased fields, counted through every fragment spread (a fragment spread twice counts twice). */
  maxAliases: number;
  /** Directives used (`@include`, `@skip`, …), counted like aliases. */
  maxDirectives: number;
  /** Lexical tokens in the document; enforced by graphql-js's parser itself (`parse(…, { maxTokens })`). */
  maxTokens: number;
  /** Cost budget of one operation (see operationCost). */
  maxCost: number;
}

/** Which limit an error is about, in `extensions.limit`, so a client can tell them apart without parsing text. */
export type QueryLimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

/** The error every limit answers with: a validation failure (HTTP 400) whose message and extensions name the limit. */
export function queryLimitError(limit: QueryLimitName, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, http: { status: 400 } } });
}

/**
 * GraphQL Armor's depth, alias and directive rules as graphql-js validation rules. Each memoises fragments by name,
 * so a document of fragments that each spread the previous one twice is measured in one pass over its text, not
 * once per expansion. Armor throws its rejection (a "Syntax Error: …" that aborts validation); here it is reported
 * instead, reworded, next to graphql-js's own errors.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const reportAs =
    (limit: QueryLimitName, describe: (found: string) => string) =>
    (context: ValidationContext | null, error: GraphQLError) => {
      const found = /found (\d+)/.exec(error.message)?.[1] ?? 'more';
      context?.reportError(queryLimitError(limit, describe(found)));
    };
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      // Only field nesting multiplies subgraph work; GraphiQL's introspection query is deeper than any app screen.
      flattenFragments: true,
      ignoreIntrospection: true,
      onReject: [reportAs('depth', (found) => `the operation is nested ${found} fields deep; the depth limit is ${limits.maxDepth}`)],
    }),
    maxAliasesRule({
      ...common,
      n: limits.maxAliases,
      onReject: [reportAs('aliases', (found) => `the operation uses ${found} aliases; the limit is ${limits.maxAliases}`)],
    }),
    maxDirectivesRule({
      ...common,
      n: limits.maxDirectives,
      onReject: [reportAs('directives', (found) => `the operation uses ${found} directives; the limit is ${limits.maxDirectives}`)],
    }),
  ];
}

const TOKEN_LIMIT = /^Syntax Error: Document contains more that (\d+) tokens/;

/**
 * graphql-js's own parse error for a document over `maxTokens`, reworded and marked like the other limits; any other
 * error as it is. graphql-js enforces the limit while lexing, which is what makes it cheap; only its wording is ours.
 */
export function withTokenLimitNamed<E extends { message: string; extensions?: Record<string, unknown> | undefined }>(error: E): E {
  const limit = TOKEN_LIMIT.exec(error.message)?.[1];
  if (!limit) return error;
  return {
    ...error,
    message: `the document has more than ${limit} tokens, the limit: send a smaller document`,
    extensions: { ...error.extensions, limit: 'tokens' },
  };
}
