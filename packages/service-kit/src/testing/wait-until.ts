/**
 * Polls `check` every 200 ms until it holds, or fails naming `what`: for effects that arrive
 * asynchronously (CDC copies), where a fixed sleep would be either flaky or slow.
 */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting until ${what}`);
}
