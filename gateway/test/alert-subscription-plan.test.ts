import { describe, expect, it } from 'vitest';
import { buildSchema, parse, print, validate } from 'graphql';
import { planAlertSubscription } from '../src/subscriptions/alert-subscription-plan.ts';

// The part of the API schema the rewriting touches; every rewritten query must validate against it as Apollo will.
const schema = buildSchema(`
  type Query { alert(id: ID!): Alert  alertsAfter(id: ID!, first: Int = 100): [Alert!]!  me: String }
  type Mutation { markAllAlertsRead: Int! }
  type Subscription { alertAdded(after: ID): Alert! }
  type Alert { id: ID!  title: String!  createdAt: String!  neighborhood: Neighborhood  hospital: Hospital }
  type Neighborhood { code: ID!  name: String! }
  type Hospital { id: ID!  name: String!  phone: String }
`);

const plan = (source: string, variables?: Record<string, unknown>) => planAlertSubscription(schema, parse(source), variables);
const normalized = (query: string) => print(parse(query));
const valid = (query: string) => expect(validate(schema, parse(query)).map(String)).toEqual([]);

describe('planAlertSubscription', () => {
  it('turns the subscription into a query for one alert by id, keeping the selection, fragments and operation name', () => {
    const p = plan(
      `subscription AlertAdded($after: ID) {
      alertAdded(after: $after) { id title ...Places }
    }
    fragment Places on Alert { neighborhood { code name } hospital { name } }`,
      { after: '0191e4a0-0000-7000-8000-000000000001' },
    );

    expect(p.after).toBe('0191e4a0-0000-7000-8000-000000000001');
    expect(p.responseKey).toBe('alertAdded');
    const one = p.alert('a-1');
    expect(normalized(one.query)).toBe(
      normalized(`query AlertAdded($alertId: ID!) {
      alertAdded: alert(id: $alertId) { id title ...Places }
    }
    fragment Places on Alert { neighborhood { code name } hospital { name } }`),
    );
    // $after is not used by the query, so it is neither declared nor passed (Apollo would refuse an unused variable).
    expect(one).toMatchObject({ operationName: 'AlertAdded', variables: { alertId: 'a-1' } });
    valid(one.query);
  });

  it('keeps the alias as the response key, and directives with the variables they use', () => {
    const p = plan(
      `subscription ($withPlace: Boolean!, $after: ID) {
      latest: alertAdded(after: $after) @include(if: true) { id neighborhood @include(if: $withPlace) { name } }
    }`,
      { withPlace: false },
    );
    expect(p.after).toBeNull();
    expect(p.responseKey).toBe('latest');
    const one = p.alert('a-2');
    expect(normalized(one.query)).toBe(
      normalized(`query ($withPlace: Boolean!, $alertId: ID!) {
      latest: alert(id: $alertId) @include(if: true) { id neighborhood @include(if: $withPlace) { name } }
    }`),
    );
    expect(one.variables).toEqual({ withPlace: false, alertId: 'a-2' });
    valid(one.query);
  });

  it('plans the backlog as alertsAfter with hidden position fields whose names clash with nothing', () => {
    const p = plan(
      `subscription ($alertId: String) {
      alertAdded(after: "0191e4a0-0000-7000-8000-000000000002") { _alertId: title createdAt }
    }`,
      {},
    );
    expect(p.after).toBe('0191e4a0-0000-7000-8000-000000000002');
    expect(p.hidden).toEqual({ id: '_alertId2', createdAt: '_alertCreatedAt' });
    const page = p.backlog('0191e4a0-0000-7000-8000-000000000002', 50);
    expect(normalized(page.query)).toBe(
      normalized(`query ($alertId2: ID!, $first: Int!) {
      alertAdded: alertsAfter(id: $alertId2, first: $first) { _alertId2: id _alertCreatedAt: createdAt _alertId: title createdAt }
    }`),
    );
    expect(page.variables).toEqual({ alertId2: '0191e4a0-0000-7000-8000-000000000002', first: 50 });
    valid(page.query);
  });

  it('refuses what validation allows but the gateway does not serve, saying what to do instead', () => {
    expect(() => plan('query { me }')).toThrow(/subscriptions only: send queries over HTTP POST/);
    expect(() => plan('mutation { markAllAlertsRead }')).toThrow(/send mutations over HTTP POST/);
    expect(() => plan('subscription A { alertAdded { id } } subscription B { alertAdded { title } }')).toThrow(
      /one operation per subscribe message; this document has 2/,
    );
    expect(() => plan('subscription { ...Root } fragment Root on Subscription { alertAdded { id } }')).toThrow(/without a fragment/);
  });

  it("reports a variable that does not coerce with graphql-js's error", () => {
    expect(() => plan('subscription ($after: ID) { alertAdded(after: $after) { id } }', { after: { not: 'an id' } })).toThrow(/\$after/);
  });
});
