import { describe, expect, it } from 'vitest';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { depthLimit } from '../src/validation/depth-limit.ts';

// A cycle (User → friends → User) lets a query nest as deep as it likes, which is what the rule exists for.
const schema = buildSchema(`type Query { me: User } type User { name: String friends: [User!]! }`);
const check = (query: string, max = 3) => validate(schema, parse(query), [...specifiedRules, depthLimit(max)]).map((e) => e.message);

describe('depthLimit', () => {
  it('accepts an operation at the limit and refuses one beyond it, naming both depths', () => {
    expect(check('query Ok { me { friends { name } } }')).toEqual([]);
    expect(check('query Deep { me { friends { friends { name } } } }')).toEqual(["'Deep' is nested 4 fields deep; the limit is 3"]);
  });

  it('counts through fragments and inline fragments', () => {
    const viaFragments = `
      query Sneaky { me { ...F } }
      fragment F on User { friends { ... on User { friends { name } } } }`;
    expect(check(viaFragments)).toEqual(["'Sneaky' is nested 4 fields deep; the limit is 3"]);
  });

  it('lets GraphiQL introspect under the gateway limit', () => {
    expect(check(getIntrospectionQuery(), 12)).toEqual([]);
  });
});
