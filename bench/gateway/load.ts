import autocannon from 'autocannon';

/** One request shape the load sends: the body and headers, and how to judge its answer. */
export interface LoadRequest {
  body: string;
  headers: Record<string, string>;
  /** Null when the answer is right; else what is wrong ("mismatch", or "other user's data" which fails the run). */
  check(status: number, body: string): 'mismatch' | 'otherUser' | 'error' | null;
}

/** What one measured run gave. */
export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Transport errors (timeouts included), non-2xx answers and answers with GraphQL errors. */
  errors: number;
  /** Of those, requests that got no answer within autocannon's 10 s timeout. */
  timeouts: number;
  /** Answers that differ from the expected one (not another user's). */
  mismatches: number;
  /** Answers carrying another user's data. */
  otherUsersData: number;
  requests: number;
}

/**
 * Sends `requests` round-robin (each connection takes the next) at `connections` connections for a warm-up, then
 * for the measured `seconds`, checking every answer of both phases; only the measured phase's figures are returned.
 */
export async function runLoad(url: string, requests: LoadRequest[], options: { connections: number; warmupSeconds: number; seconds: number; beforeMeasure?: () => void }): Promise<LoadResult> {
  const once = async (seconds: number) => {
    let next = 0;
    const counts = { mismatches: 0, otherUsersData: 0, graphqlErrors: 0 };
    const result = await autocannon({
      url,
      connections: options.connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (req, context) => {
            const r = requests[next++ % requests.length]!;
            (context as { r?: LoadRequest }).r = r;
            return { ...req, body: r.body, headers: { ...r.headers, 'content-type': 'application/json' } };
          },
          onResponse: (status, body, context) => {
            const verdict = (context as { r: LoadRequest }).r.check(status, body);
            if (verdict === 'mismatch') counts.mismatches++;
            else if (verdict === 'otherUser') counts.otherUsersData++;
            else if (verdict === 'error') counts.graphqlErrors++;
          },
        },
      ],
    });
    return { result, counts };
  };
  const warm = options.warmupSeconds > 0 ? (await once(options.warmupSeconds)).counts : { mismatches: 0, otherUsersData: 0 };
  options.beforeMeasure?.();
  const { result, counts } = await once(options.seconds);
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // autocannon's errors include its timeouts; non-2xx answers are judged by check(). Each failure counts once.
    errors: result.errors + counts.graphqlErrors,
    timeouts: result.timeouts,
    // A wrong answer during the warm-up fails the subject as much as one measured.
    mismatches: warm.mismatches + counts.mismatches,
    otherUsersData: warm.otherUsersData + counts.otherUsersData,
    requests: result.requests.total,
  };
}
