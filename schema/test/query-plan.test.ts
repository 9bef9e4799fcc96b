import { describe, expect, it } from 'vitest';
import { parseOperation } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan, type FetchNode, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import { loadCommittedSupergraph } from '../src/committed-supergraph.ts';
import { readOperationFiles } from '../src/operation-files.ts';

const supergraph = loadCommittedSupergraph();
const planner = new QueryPlanner(supergraph);

function planFor(file: string) {
  const operation = readOperationFiles().find((f) => f.file === file);
  if (!operation) throw new Error(`schema/operations/${file} is missing`);
  return planner.buildQueryPlan(parseOperation(supergraph.schema, operation.source));
}

function fetches(node: PlanNode | SubscriptionNode | undefined): FetchNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node];
    case 'Flatten':
      return fetches(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetches);
    case 'Condition':
      return [...fetches(node.ifClause), ...fetches(node.elseClause)];
    default:
      throw new Error(`plan node ${node.kind} not expected in these operations`);
  }
}

describe('query plans', () => {
  it('plans HomeScreen across all four subgraphs with one fetch per subgraph', () => {
    const plan = planFor('home-screen.graphql');
    const all = fetches(plan.node);
    const printed = prettyFormatQueryPlan(plan);

    // One fetch per subgraph means the gateway sends one `_entities` call for all hospitals' neighbourhoods etc.,
    // never one per item; a second fetch to a subgraph would show up here as a duplicate name.
    expect(all.map((f) => f.serviceName).sort(), printed).toEqual(['alerts', 'hospitals', 'neighborhoods', 'users']);

    const [root, ...entityFetches] = all;
    expect(root?.serviceName, printed).toBe('users');
    expect(root?.requires, 'the root fetch needs no representations').toBeUndefined();
    expect(entityFetches.every((f) => f.requires !== undefined && f.operation.includes('_entities')), printed).toBe(true);

    // hospitals runs after neighborhoods, which names the user's 행정동; it needs only its code (hospitals keeps its own
    // copy of the boundaries), so no boundary polygon travels through the gateway for the home screen.
    const neighborhoods = all.find((f) => f.serviceName === 'neighborhoods');
    const hospitals = all.find((f) => f.serviceName === 'hospitals');
    expect(neighborhoods?.operation, printed).not.toContain('boundary');
    expect(JSON.stringify(hospitals?.requires), printed).toContain('"code"');
    expect(JSON.stringify(hospitals?.requires), printed).not.toContain('"boundary"');
    expect(printed.indexOf('Fetch(service: "hospitals")')).toBeGreaterThan(printed.indexOf('Fetch(service: "neighborhoods")'));
  });

  it('plans Alert (what each live alert is resolved with) from alerts, then neighborhoods and hospitals by key', () => {
    const plan = planFor('alert.graphql');
    const [root, ...entityFetches] = fetches(plan.node);
    const printed = prettyFormatQueryPlan(plan);
    expect(root?.serviceName, printed).toBe('alerts');
    expect(entityFetches.map((f) => f.serviceName).sort(), printed).toEqual(['hospitals', 'neighborhoods']);
    expect(entityFetches.every((f) => f.operation.includes('_entities')), printed).toBe(true);
  });

  it('plans every app operation', () => {
    for (const { file } of readOperationFiles()) {
      expect(() => planFor(file), file).not.toThrow();
    }
  });
});
