import { describe, expect, it } from 'vitest';
import { subgraphCacheHint } from '../src/subgraphs/subgraph-cache-hint.ts';

describe('subgraphCacheHint', () => {
  it('reads max-age and the scope as @apollo/gateway does', () => {
    expect(subgraphCacheHint('max-age=60, public')).toEqual({ maxAge: 60, scope: 'PUBLIC' });
    expect(subgraphCacheHint(' private ,max-age="30"')).toEqual({ maxAge: 30, scope: 'PRIVATE' });
  });

  it('makes an answer without a usable max-age uncacheable', () => {
    expect(subgraphCacheHint(undefined)).toEqual({ maxAge: 0 });
    expect(subgraphCacheHint('no-store')).toEqual({ maxAge: 0 });
    expect(subgraphCacheHint('max-age=soon')).toEqual({ maxAge: 0 });
    expect(subgraphCacheHint('max-age=-5, public')).toEqual({ maxAge: 0, scope: 'PUBLIC' });
  });
});
