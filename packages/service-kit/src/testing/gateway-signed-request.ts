import { CALLER_HEADER, signCallerToken } from '../identity/caller-token.ts';
import type { Role } from '../identity/caller.ts';

/** A GraphQL response as the tests read it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Sends one operation to a subgraph as the gateway would: with a signed caller token (a user id, and their roles if any). */
export async function gatewaySignedRequest<T = Record<string, unknown>>(
  url: string,
  secret: string,
  query: string,
  variables: Record<string, unknown> = {},
  userId: string | null = null,
  roles: readonly Role[] = [],
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: await signCallerToken(secret, { userId, roles }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}
