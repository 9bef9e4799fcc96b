import {
  getNullableType,
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  Kind,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { scalarResolver } from '@petcare/service-kit';

// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL refuses in text.
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A value no subgraph can use, with the dot path of the argument or input field that holds it (`input.email`). */
function refuse(field: string, problem: string): GraphQLError {
  return new GraphQLError(`${field}: ${problem}`, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 200 } } });
}

/**
 * Checks every argument value of the operation to run, literal or from a variable, against its declared type
 * before any subgraph sees it, and returns the first problem naming its field (null when there is none):
 * - a string holding NUL or a lone UTF-16 surrogate, whatever the field (PostgreSQL refuses the one, stores the
 *   other as U+FFFD while the answer echoes the original);
 * - a custom scalar's value refused by the very resolver the subgraphs parse it with (EmailAddress, Latitude, …),
 *   and a built-in scalar's or enum's by graphql-js's own parser.
 * So a mistake is BAD_USER_INPUT with `extensions.field` (graphql-js's own coercion errors name no field) and the
 * same HTTP status (200, like every resolver's BAD_USER_INPUT) whether the value was written inline or sent as a
 * variable. Missing values and nulls are left to graphql-js, whose errors say so. Each fragment is visited once.
 */
export function inputError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError | null {
  let found: GraphQLError | null = null;

  const check = (value: unknown, type: GraphQLInputType, field: string): GraphQLError | null => {
    if (value === null || value === undefined) return null;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const items = Array.isArray(value) ? value : [value];
      for (const [i, item] of items.entries()) {
        const problem = check(item, nullable.ofType, `${field}.${i}`);
        if (problem) return problem;
      }
      return null;
    }
    if (isInputObjectType(nullable)) {
      if (typeof value !== 'object' || Array.isArray(value)) return refuse(field, `must be an object of type ${nullable.name}`);
      const fields = nullable.getFields();
      for (const [key, inner] of Object.entries(value)) {
        const definition = fields[key];
        if (!definition) continue; // graphql-js names unknown input fields itself
        const problem = check(inner, definition.type, `${field}.${key}`);
        if (problem) return problem;
      }
      return null;
    }
    if (typeof value === 'string') {
      if (NUL.test(value)) return refuse(field, 'must not contain NUL characters');
      if (LONE_SURROGATE.test(value)) return refuse(field, 'must not contain lone UTF-16 surrogates');
    }
    const parser = isScalarType(nullable) ? (scalarResolver(nullable.name) ?? nullable) : isEnumType(nullable) ? nullable : null;
    if (!parser) return null;
    try {
      if (parser.parseValue(value) === undefined) return refuse(field, `is not a valid ${nullable.name}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return refuse(field, `is not a valid ${nullable.name}: ${reason}`);
    }
    return null;
  };

  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(operation) {
        // Only the operation that will run, and the fragments (which any operation may spread).
        const chosen = operationName ? operation.name?.value === operationName : true;
        return chosen ? undefined : false;
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (found || !argument) return false;
        if (node.value.kind === Kind.VARIABLE && !(variables && node.value.name.value in variables)) return false;
        found = check(valueFromASTUntyped(node.value, variables ?? undefined), argument.type, node.name.value);
        return false;
      },
    }),
  );
  return found;
}
