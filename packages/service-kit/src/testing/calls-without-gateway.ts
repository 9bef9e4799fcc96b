import { CALLER_HEADER } from '../identity/caller-token.ts';

/** What a subgraph answered to a call that did not come through the gateway. */
export interface RefusedCall {
  status: number;
  code: unknown;
}

/**
 * Sends `query` to a subgraph twice as an attacker would: with no caller header, and with a forged one. Every
 * subgraph must refuse both (401 UNAUTHENTICATED), whatever the query.
 */
export async function callsWithoutGateway(url: string, query: string): Promise<{ direct: RefusedCall; forged: RefusedCall }> {
  const send = async (headers: Record<string, string>): Promise<RefusedCall> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { errors?: { extensions?: { code?: unknown } }[] };
    return { status: res.status, code: body.errors?.[0]?.extensions?.code };
  };
  return {
    direct: await send({}),
    forged: await send({ [CALLER_HEADER]: 'eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ4In0.forged' }),
  };
}
