import { Gauge, type Registry } from 'prom-client';

/** What a CDC consumer says of itself (CdcConsumer.describe's `cdc`), as far as metrics read it. */
interface CdcState {
  running?: boolean;
  lag?: number;
  deadLettered?: number;
}

/**
 * `cdc_consumer_running`, `cdc_consumer_lag_messages` and `cdc_dead_lettered_changes` on `registry`, read at scrape
 * time from `state` (the service's `/health` fields): nothing is pushed, so they cannot drift from what /health says.
 * A service without a consumer reports none of them.
 */
export function registerCdcMetrics(registry: Registry, state: () => Record<string, unknown>): void {
  const cdc = () => state()['cdc'] as CdcState | undefined;
  const gauge = (name: string, help: string, read: (c: CdcState) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const value = cdc();
        const n = value ? read(value) : undefined;
        if (n !== undefined) this.set(n);
      },
    });
  gauge('cdc_consumer_running', '1 while the CDC consumer runs, 0 once it stopped or crashed for good', (c) => (c.running === undefined ? undefined : c.running ? 1 : 0));
  gauge('cdc_consumer_lag_messages', 'Messages the CDC consumer is behind, over all its partitions', (c) => c.lag);
  gauge('cdc_dead_lettered_changes', 'Changes sent to the dead-letter topic since the process started', (c) => c.deadLettered);
}
