import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getArgumentValues,
  getVariableValues,
  print,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type NameNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** The subscription field this plan serves; the only one the supergraph has. */
export const ALERT_ADDED = 'alertAdded';

/** One operation the gateway runs through its own executor for a subscription: a printed query and its variables. */
export interface PlannedQuery {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

/**
 * How the gateway serves one `alertAdded` subscription by key-then-resolve: the event names an alert, and the
 * client's selection is resolved for that alert by a query through the gateway's own planner, so fields other
 * subgraphs own (neighborhood, hospital) come from them exactly as over HTTP.
 */
export interface AlertSubscriptionPlan {
  /** The key the client reads the alert under: `alertAdded`, or the alias it gave. */
  responseKey: string;
  /** The coerced `after` argument: the id of the alert the client resumes after, or null when it gave none. */
  after: string | null;
  /** `query { <responseKey>: alert(id: …) { <the client's selection> } }` for one alert. */
  alert(alertId: string): PlannedQuery;
  /**
   * `query { <responseKey>: alertsAfter(id: …, first: …) { <hidden id and createdAt> <the client's selection> } }`:
   * one page of the backlog, oldest first. Split it with `splitBacklog`.
   */
  backlog(afterId: string, first: number): PlannedQuery;
  /** Response keys added to the backlog's selection so each alert's position is known; removed before delivery. */
  hidden: { id: string; createdAt: string };
}

const isOperation = (d: DocumentNode['definitions'][number]): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION;
const isFragment = (d: DocumentNode['definitions'][number]): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION;
const name = (value: string): NameNode => ({ kind: Kind.NAME, value });
const variable = (value: string) => ({ kind: Kind.VARIABLE, name: name(value) }) as const;
const argument = (arg: string, variableName: string): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: name(arg),
  value: variable(variableName),
});
const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });

/**
 * Plans a subscription document that has already passed validation against `schema` (the supergraph's API
 * schema). Throws a GraphQLError the client can act on for what validation allows but the gateway does not
 * serve: more than one operation, a query or mutation, a fragment at the root, bad variables.
 */
export function planAlertSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  rawVariables: Record<string, unknown> | null | undefined,
): AlertSubscriptionPlan {
  const operations = document.definitions.filter(isOperation);
  if (operations.length !== 1) throw badRequest(`send one operation per subscribe message; this document has ${operations.length}`);
  const operation = operations[0]!;
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    throw badRequest(
      `the WebSocket endpoint runs subscriptions only: send ${operation.operation === OperationTypeNode.QUERY ? 'queries' : 'mutations'} over HTTP POST to /graphql`,
    );
  }
  const [root, ...others] = operation.selectionSet.selections;
  if (!root || others.length > 0 || root.kind !== Kind.FIELD)
    throw badRequest(`select ${ALERT_ADDED} directly in the subscription, without a fragment around it`);
  if (root.name.value !== ALERT_ADDED) throw badRequest(`the gateway serves the ${ALERT_ADDED} subscription only, not ${root.name.value}`);

  const variableDefinitions = operation.variableDefinitions ?? [];
  const coerced = getVariableValues(schema, variableDefinitions, rawVariables ?? {});
  if (coerced.errors) throw coerced.errors[0]!;
  const field = schema.getSubscriptionType()?.getFields()[ALERT_ADDED];
  if (!field) throw new Error(`the API schema has no Subscription.${ALERT_ADDED}`);
  const after = getArgumentValues(field, root, coerced.coerced)['after'];

  const fragments = document.definitions.filter(isFragment);
  const names = namesIn(document);
  const idVariable = unused('alertId', names.variables);
  const firstVariable = unused('first', names.variables);
  const hidden = { id: unused('_alertId', names.keys), createdAt: unused('_alertCreatedAt', names.keys) };
  const responseKey = root.alias?.value ?? root.name.value;
  const operationName = operation.name?.value;

  const plan = (fieldName: string, args: ArgumentNode[], added: VariableDefinitionNode[], selections: readonly SelectionNode[]) => {
    const rewritten: FieldNode = {
      ...root,
      alias: name(responseKey),
      name: name(fieldName),
      arguments: args,
      selectionSet: { kind: Kind.SELECTION_SET, selections },
    };
    const used = variablesUsed(rewritten, fragments);
    const kept = variableDefinitions.filter((d) => used.has(d.variable.name.value));
    const query: OperationDefinitionNode = {
      kind: Kind.OPERATION_DEFINITION,
      operation: OperationTypeNode.QUERY,
      ...(operation.name ? { name: operation.name } : {}),
      variableDefinitions: [...kept, ...added],
      directives: [],
      selectionSet: { kind: Kind.SELECTION_SET, selections: [rewritten] },
    };
    const text = print({ kind: Kind.DOCUMENT, definitions: [query, ...fragments] });
    const passed = Object.fromEntries(
      kept
        .filter((d) => rawVariables && d.variable.name.value in rawVariables)
        .map((d) => [d.variable.name.value, rawVariables![d.variable.name.value]]),
    );
    return { text, passed };
  };

  const definition = (variableName: string, type: string, nonNull: boolean): VariableDefinitionNode => {
    const named = { kind: Kind.NAMED_TYPE, name: name(type) } as const;
    return {
      kind: Kind.VARIABLE_DEFINITION,
      variable: variable(variableName),
      type: nonNull ? { kind: Kind.NON_NULL_TYPE, type: named } : named,
    };
  };
  const selections = root.selectionSet?.selections ?? [];
  const one = plan('alert', [argument('id', idVariable)], [definition(idVariable, 'ID', true)], selections);
  const hiddenFields: FieldNode[] = [
    { kind: Kind.FIELD, alias: name(hidden.id), name: name('id') },
    { kind: Kind.FIELD, alias: name(hidden.createdAt), name: name('createdAt') },
  ];
  const page = plan(
    'alertsAfter',
    [argument('id', idVariable), argument('first', firstVariable)],
    [definition(idVariable, 'ID', true), definition(firstVariable, 'Int', true)],
    [...hiddenFields, ...selections],
  );

  return {
    responseKey,
    after: typeof after === 'string' ? after : null,
    hidden,
    alert: (alertId) => ({ query: one.text, operationName, variables: { ...one.passed, [idVariable]: alertId } }),
    backlog: (afterId, first) => ({
      query: page.text,
      operationName,
      variables: { ...page.passed, [idVariable]: afterId, [firstVariable]: first },
    }),
  };
}

/** Variable names, and every alias and field name (response keys), a document uses. */
function namesIn(document: DocumentNode): { variables: Set<string>; keys: Set<string> } {
  const variables = new Set<string>();
  const keys = new Set<string>();
  visit(document, {
    Variable: (node) => void variables.add(node.name.value),
    Field: (node) => {
      keys.add(node.name.value);
      if (node.alias) keys.add(node.alias.value);
    },
  });
  return { variables, keys };
}

/** The variables a field (its arguments, directives and selection) and the fragments it may spread use. */
function variablesUsed(field: FieldNode, fragments: readonly FragmentDefinitionNode[]): Set<string> {
  const used = new Set<string>();
  const collect = { Variable: (node: { name: NameNode }) => void used.add(node.name.value) };
  visit(field, collect);
  // Every fragment of a valid single-operation document is spread somewhere under the one root field.
  for (const fragment of fragments) visit(fragment, collect);
  return used;
}

function unused(preferred: string, taken: ReadonlySet<string>): string {
  if (!taken.has(preferred)) return preferred;
  for (let n = 2; ; n++) if (!taken.has(`${preferred}${n}`)) return `${preferred}${n}`;
}
