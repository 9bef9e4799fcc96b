import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Extra cost of fields whose resolver is a spatial search (a PostGIS query over a boundary or a radius), by schema
 * coordinate. One such field costs what this many plain fields do; 1,000 aliases of one are what issue 10 measured.
 */
export const SPATIAL_FIELD_COST: Readonly<Record<string, number>> = {
  'Query.hospitalsNear': 50,
  'Query.searchHospitals': 50,
  'Query.neighborhoodAt': 50,
  'Neighborhood.hospitals': 50,
};

/** Every list the subgraphs page refuses `first` above this; counting more would only hide their error naming `first`. */
const LARGEST_PAGE = 100;

/** What operationCost needs: the operation to run, the document's fragments and the request's variables. */
export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variables?: Readonly<Record<string, unknown>> | undefined;
  /** Weights by schema coordinate (`Type.field`); SPATIAL_FIELD_COST unless given. */
  weights?: Readonly<Record<string, number>>;
}

/**
 * The cost of an operation before it runs: each field costs 1 plus its weight, and the fields under a field taking
 * `first` count once per item it may return (`first` from the literal, the variable, the variable's default or the
 * argument's default, at most LARGEST_PAGE). `@skip`/`@include` are ignored: the cost is an upper bound.
 * Each fragment is costed once (memoised by name; its type condition fixes its parent type), so the work is linear
 * in the document however many times fragments spread one another. Unknown fields and fragments cost nothing:
 * validation reports them.
 */
export function operationCost({ schema, operation, fragments, variables = {}, weights = SPATIAL_FIELD_COST }: CostInput): number {
  const fragmentCost = new Map<string, number>();
  const variableDefaults = new Map(
    (operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue] as const),
  );

  const pageSize = (field: GraphQLField<unknown, unknown>, selection: { arguments?: readonly { name: { value: string }; value: unknown }[] }) => {
    const argument = field.args.find((a) => a.name === 'first');
    if (!argument) return 1;
    const node = selection.arguments?.find((a) => a.name.value === 'first')?.value as Parameters<typeof valueFromAST>[0] | undefined;
    let size: unknown = argument.defaultValue;
    if (node?.kind === Kind.VARIABLE) {
      const name = node.name.value;
      const fallback = variableDefaults.get(name);
      size = name in variables ? variables[name] : fallback ? valueFromAST(fallback, argument.type) : size;
    } else if (node) {
      size = valueFromAST(node, argument.type);
    }
    return typeof size === 'number' && Number.isFinite(size) ? Math.min(Math.max(size, 0), LARGEST_PAGE) : LARGEST_PAGE;
  };

  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        // Introspection is priced by the depth limit alone (GraphiQL's query is large but bounded); __typename is a field.
        if (name === '__schema' || name === '__type') continue;
        if (name === '__typename') {
          cost += 1;
          continue;
        }
        if (!(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const type = getNamedType(field.type);
        const below = selection.selectionSet && isCompositeType(type) ? costOf(selection.selectionSet, type) : 0;
        cost += 1 + (weights[`${parent.name}.${name}`] ?? 0) + pageSize(field, selection) * below;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) cost += costOf(selection.selectionSet, type);
      } else {
        const name = selection.name.value;
        const known = fragmentCost.get(name);
        if (known !== undefined) {
          cost += known;
          continue;
        }
        const fragment = fragments[name];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        // Zero while it is being costed: a cycle is another rule's error and must not recurse forever.
        fragmentCost.set(name, 0);
        const own = fragment && type && isCompositeType(type) ? costOf(fragment.selectionSet, type) : 0;
        fragmentCost.set(name, own);
        cost += own;
      }
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? costOf(operation.selectionSet, root) : 0;
}
