/** A Connect REST call that answered with an unexpected status, or did not answer at all. */
export class ConnectError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    /** HTTP status, or undefined when Connect could not be reached. */
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`${method} ${path}: ${status === undefined ? 'no answer' : `HTTP ${status}`}${detail ? ` ${detail}` : ''}`);
    this.name = 'ConnectError';
  }
}
