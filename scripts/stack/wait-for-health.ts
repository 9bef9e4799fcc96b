/**
 * Polls a health URL until it answers 200, or fails after `timeoutMs` with the last answer seen.
 * `abort` rejects the wait early, e.g. when the process being waited for has exited.
 */
export async function waitForHealth(url: string, timeoutMs: number, abort?: Promise<never>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  const poll = (async () => {
    while (Date.now() < deadline) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
        last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${url} not healthy after ${timeoutMs / 1000}s (last: ${last})`);
  })();
  await (abort ? Promise.race([poll, abort]) : poll);
}
