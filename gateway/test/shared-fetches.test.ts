import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALLER_HEADER } from '@petcare/service-kit';
import { SharedFetches, type SubgraphPost } from '../src/subgraphs/shared-fetches.ts';

const url = new URL('http://127.0.0.1:1/graphql');
const query = JSON.stringify({ query: 'query Me__users__0{me{id}}', variables: {} });
const mutation = JSON.stringify({ query: 'mutation M__users__0{markAllAlertsRead}', variables: {} });

/** A subgraph that answers after a tick with the caller it was sent, and counts what reached it. */
function echoSubgraph(): { post: SubgraphPost; sent: () => number } {
  let sent = 0;
  const post: SubgraphPost = async (_url, headers) => {
    sent++;
    await new Promise((r) => setTimeout(r, 5));
    return { status: 200, headers: {}, body: JSON.stringify({ data: { me: { id: headers[CALLER_HEADER] } } }) };
  };
  return { post, sent: () => sent };
}

const callers = Array.from({ length: 20 }, (_, i) => `caller-token-${i}`);

describe('SharedFetches', () => {
  it('shares a query in flight only among requests of the same caller', async () => {
    const subgraph = echoSubgraph();
    const shared = new SharedFetches(subgraph.post, { callerIndependent: new Set(['hospitals']), ttlMs: 5_000 });
    const asks = callers.flatMap((c) => [c, c, c]);
    const answers = await Promise.all(asks.map((c) => shared.fetch('users', url, { [CALLER_HEADER]: c }, query)));
    answers.forEach((answer, i) => expect(JSON.parse(answer.body).data.me.id).toBe(asks[i]));
    expect(subgraph.sent()).toBe(callers.length);
    // Nothing of a caller-dependent subgraph is kept after it is answered.
    await shared.fetch('users', url, { [CALLER_HEADER]: callers[0]! }, query);
    expect(subgraph.sent()).toBe(callers.length + 1);
  });

  it('shares a caller-independent subgraph query across callers, in flight and for the TTL after', async () => {
    const subgraph = echoSubgraph();
    const shared = new SharedFetches(subgraph.post, { callerIndependent: new Set(['hospitals']), ttlMs: 5_000 });
    await Promise.all(callers.map((c) => shared.fetch('hospitals', url, { [CALLER_HEADER]: c }, query)));
    await shared.fetch('hospitals', url, { [CALLER_HEADER]: 'someone-else' }, query);
    expect(subgraph.sent()).toBe(1);
  });

  it('never shares a mutation, even of one caller to a caller-independent subgraph', async () => {
    const subgraph = echoSubgraph();
    const shared = new SharedFetches(subgraph.post, { callerIndependent: new Set(['hospitals']), ttlMs: 5_000 });
    await Promise.all([1, 2, 3].map(() => shared.fetch('hospitals', url, { [CALLER_HEADER]: callers[0]! }, mutation)));
    expect(subgraph.sent()).toBe(3);
  });

  describe('answers fetched together', () => {
    afterEach(() => vi.useRealTimers());

    it('expire spread over the TTL, each reused for at most the TTL', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.UTC(2026, 11, 2, 12, 0, 0, 0);
      vi.setSystemTime(start);
      let sent = 0;
      const post: SubgraphPost = async () => {
        sent++;
        return { status: 200, headers: {}, body: '{"data":{"neighborhood":{"hospitals":[]}}}' };
      };
      const ttlMs = 5_000;
      const shared = new SharedFetches(post, { callerIndependent: new Set(['hospitals']), ttlMs });
      // 200 행정동's hospitals, all fetched within the same millisecond (a cold start).
      const bodies = Array.from({ length: 200 }, (_, i) => JSON.stringify({ query: 'query H__hospitals__2($code:String!){h(code:$code)}', variables: { code: `11${String(i).padStart(8, '0')}` } }));
      const askAll = async () => {
        const before = sent;
        for (const body of bodies) await shared.fetch('hospitals', url, { [CALLER_HEADER]: 'any' }, body);
        return sent - before;
      };
      expect(await askAll()).toBe(200);
      const refetched: number[] = [];
      for (let fifth = 1; fifth <= 5; fifth++) {
        vi.setSystemTime(start + (fifth * ttlMs) / 5);
        refetched.push(await askAll());
      }
      // A fixed TTL refetched nothing for 4 fifths and then all 200 at once.
      for (const n of refetched) expect(n).toBeGreaterThan(20);
      for (const n of refetched) expect(n).toBeLessThan(60);
      // Within one TTL each answer expired exactly once: none was reused past the TTL, none refetched twice.
      expect(refetched.reduce((a, b) => a + b, 0)).toBe(200);
    });
  });
});
