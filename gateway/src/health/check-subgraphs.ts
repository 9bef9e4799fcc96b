/** One subgraph's answer to `GET /health`, as the gateway reports it. */
export type SubgraphHealth = { status: 'up'; latencyMs: number } | { status: 'down'; latencyMs: number; error: string };

/** The gateway's `GET /health` body: ok only when every subgraph is up. */
export interface GatewayHealth {
  status: 'ok' | 'degraded';
  subgraphs: Record<string, SubgraphHealth>;
}

const TIMEOUT_MS = 2_000;

/** Asks every subgraph's `/health` in parallel, each bounded by a 2 s timeout so one hung service cannot hang the probe. */
export async function checkSubgraphs(graphqlUrls: Record<string, string>): Promise<GatewayHealth> {
  const entries = await Promise.all(
    Object.entries(graphqlUrls).map(async ([name, url]) => [name, await checkOne(new URL('/health', url))] as const),
  );
  const subgraphs = Object.fromEntries(entries);
  return { status: entries.every(([, h]) => h.status === 'up') ? 'ok' : 'degraded', subgraphs };
}

async function checkOne(healthUrl: URL): Promise<SubgraphHealth> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(healthUrl, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.body?.cancel();
    if (res.ok) return { status: 'up', latencyMs: latencyMs() };
    return { status: 'down', latencyMs: latencyMs(), error: `${healthUrl.href} answered HTTP ${res.status}` };
  } catch (error) {
    return { status: 'down', latencyMs: latencyMs(), error: `${healthUrl.href}: ${describe(error)}` };
  }
}

function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS} ms`;
  // undici hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause ? String(cause.code) : undefined;
  return code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
