import { describe, expect, it } from 'vitest';
import { GraphQLError, parse } from 'graphql';
import { z } from 'zod';
import { scalarResolversFor } from '../src/graphql/scalar-resolvers.ts';
import { requireRole, requireSelf, requireUserId } from '../src/identity/caller-guards.ts';
import { checkPageSize } from '../src/pagination/page-size.ts';
import { opaqueCursor } from '../src/pagination/opaque-cursor.ts';

const alice = '0b3c6b7e-1111-4a4a-8a8a-000000000001';
const bob = '0b3c6b7e-1111-4a4a-8a8a-000000000002';

function refusal(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphQLError) return { ...error.extensions, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('scalars from the SDL', () => {
  it('registers a graphql-scalars resolver for each scalar a subgraph declares, and only those', () => {
    const resolvers = scalarResolversFor(parse('scalar DateTime\nscalar Latitude\ntype Query { a: Int }'));
    expect(Object.keys(resolvers).sort()).toEqual(['DateTime', 'Latitude']);
    expect(() => resolvers['Latitude']!.parseValue(91)).toThrow();
  });

  it('refuses a scalar it has no resolver for, naming it, instead of letting it accept anything', () => {
    expect(() => scalarResolversFor(parse('scalar Money\ntype Query { a: Money }'))).toThrow(/scalar Money/);
  });
});

describe('caller guards', () => {
  const ctx = (userId: string | null, roles: ('OPERATOR')[] = []) => ({ caller: { userId, roles } });

  it('names the signed-in user, lower-cased, and refuses anonymous or malformed callers', () => {
    expect(requireUserId(ctx(alice.toUpperCase()))).toBe(alice);
    expect(refusal(() => requireUserId(ctx(null)))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refusal(() => requireUserId(ctx('user-42')))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets only the owner read what is private', () => {
    expect(requireSelf(ctx(alice), alice.toUpperCase(), 'alerts')).toBe(alice);
    expect(refusal(() => requireSelf(ctx(bob), alice, 'alerts'))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('alerts') });
  });

  it('lets only an account with the role through', () => {
    expect(requireRole(ctx(alice, ['OPERATOR']), 'OPERATOR')).toBe(alice);
    expect(refusal(() => requireRole(ctx(alice), 'OPERATOR'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(() => requireRole(ctx(null), 'OPERATOR'))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('page sizes', () => {
  const limits = { defaultSize: 20, max: 100 };
  it('defaults when omitted or null and bounds to 1..max, naming the argument', () => {
    expect(checkPageSize('first', undefined, limits)).toBe(20);
    expect(checkPageSize('first', null, limits)).toBe(20);
    expect(checkPageSize('first', 100, limits)).toBe(100);
    for (const bad of [0, -1, 101, 1.5, 2 ** 53]) {
      expect(refusal(() => checkPageSize('first', bad, limits))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });
});

describe('opaque cursors', () => {
  const cursor = opaqueCursor('things', z.object({ n: z.number().int() }));
  it('round-trips a position and refuses a cursor of another list', () => {
    expect(cursor.decode('after', cursor.encode({ n: 7 }))).toEqual({ n: 7 });
    const other = opaqueCursor('others', z.object({ n: z.number().int() }));
    expect(refusal(() => cursor.decode('after', other.encode({ n: 7 })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(refusal(() => cursor.decode('after', cursor.encode({ n: 1.5 })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
