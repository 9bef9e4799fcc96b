import { randomUUID } from 'node:crypto';

/** Header carrying one client request's id from the gateway to every subgraph fetch it causes, and back to the client. */
export const REQUEST_ID_HEADER = 'x-request-id';

// What a client or proxy may choose as its own id; anything else (too long, odd characters) is replaced.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,64}$/;

/** The id to log a request under: the one it came with when acceptable, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
}
