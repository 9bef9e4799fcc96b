import { ConnectError } from './connect-error.ts';
import type { ConnectorStatus } from './connector-status.ts';

/** A connector's config as Connect stores it: a flat map of strings. */
export type ConnectorConfig = Record<string, string>;

const DEBEZIUM_POSTGRES = 'io.debezium.connector.postgresql.PostgresConnector';

/**
 * Kafka Connect's REST API, the calls this project makes. Every unexpected answer throws a ConnectError
 * naming the call; "not there" (404) is an answer (undefined or false), not an error.
 */
export class ConnectClient {
  constructor(readonly url: string) {}

  /** Connect answers and has the Debezium PostgreSQL plugin loaded. */
  async ready(): Promise<boolean> {
    try {
      const plugins = await this.request<{ class: string }[]>('GET', '/connector-plugins', { timeoutMs: 5_000 });
      return plugins.some((p) => p.class === DEBEZIUM_POSTGRES);
    } catch {
      return false;
    }
  }

  /** Names of the registered connectors, sorted. */
  async connectors(): Promise<string[]> {
    return (await this.request<string[]>('GET', '/connectors')).sort();
  }

  async config(name: string): Promise<ConnectorConfig | undefined> {
    return this.request<ConnectorConfig>('GET', `/connectors/${enc(name)}/config`, { missingOk: true });
  }

  async status(name: string): Promise<ConnectorStatus | undefined> {
    return this.request<ConnectorStatus>('GET', `/connectors/${enc(name)}/status`, { missingOk: true });
  }

  /** Creates or reconfigures a connector. Connect restarts it on every PUT, even with the same config. */
  async putConfig(name: string, config: ConnectorConfig): Promise<'created' | 'updated'> {
    const res = await this.send('PUT', `/connectors/${enc(name)}/config`, { body: config, timeoutMs: 120_000 });
    return res.status === 201 ? 'created' : 'updated';
  }

  /** Restarts the connector and all its tasks. */
  async restart(name: string): Promise<void> {
    await this.send('POST', `/connectors/${enc(name)}/restart?includeTasks=true`, { timeoutMs: 30_000 });
  }

  /** Stops the connector (it stays registered, with its offsets; needed before resetting them). */
  async stop(name: string): Promise<void> {
    await this.send('PUT', `/connectors/${enc(name)}/stop`, { timeoutMs: 30_000 });
  }

  /** Resumes a stopped or paused connector. */
  async resume(name: string): Promise<void> {
    await this.send('PUT', `/connectors/${enc(name)}/resume`, { timeoutMs: 30_000 });
  }

  /** The source offsets Connect has stored for a connector (Debezium PostgreSQL: `lsn`, `lsn_commit`, `txId`…). */
  async offsets(name: string): Promise<Record<string, unknown>[]> {
    const body = await this.request<{ offsets?: { offset?: Record<string, unknown> }[] }>('GET', `/connectors/${enc(name)}/offsets`, { timeoutMs: 30_000 });
    return (body?.offsets ?? []).flatMap((o) => (o.offset ? [o.offset] : []));
  }

  /** Deletes a stopped connector's source offsets, so a re-registration starts with a snapshot. */
  async resetOffsets(name: string): Promise<void> {
    await this.send('DELETE', `/connectors/${enc(name)}/offsets`, { timeoutMs: 30_000 });
  }

  /** Deletes a connector; false if there was none. */
  async delete(name: string): Promise<boolean> {
    const res = await this.send('DELETE', `/connectors/${enc(name)}`, { timeoutMs: 30_000, missingOk: true });
    return res.status !== 404;
  }

  private async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, options);
    return (res.status === 404 ? undefined : await res.json()) as T;
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        ...(options.body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      throw new ConnectError(method, path, undefined, `(${this.url}: ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)})`);
    }
    if (res.ok) return res;
    if (res.status === 404 && options.missingOk) {
      await res.body?.cancel();
      return res;
    }
    throw new ConnectError(method, path, res.status, (await res.text()).slice(0, 2000));
  }
}

interface RequestOptions {
  body?: unknown;
  timeoutMs?: number;
  /** A 404 is an answer ("no such connector"), not an error. */
  missingOk?: boolean;
}

const enc = encodeURIComponent;
