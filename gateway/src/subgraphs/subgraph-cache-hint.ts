/** What a subgraph's `Cache-Control` header allows the gateway's whole answer, in Apollo Server's cache hint terms. */
export interface SubgraphCacheHint {
  maxAge: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/**
 * The cache hint @apollo/gateway derives from a subgraph answer's `Cache-Control` (RemoteGraphQLDataSource honours
 * it by default): `max-age` in whole seconds, else 0, and `public`/`private` as the scope. Kept identical so that
 * sending subgraph fetches ourselves (signed-data-source.ts) leaves the gateway's caching semantics as they were.
 */
export function subgraphCacheHint(header: string | undefined): SubgraphCacheHint {
  const directives = new Map<string, string | true>();
  for (const part of (header ?? '').trim().split(/\s*,\s*/)) {
    if (!part) continue;
    const [name, value] = part.split(/\s*=\s*/, 2) as [string, string | undefined];
    directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const maxAge = directives.get('max-age');
  const hint: SubgraphCacheHint = { maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0 };
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  return hint;
}
