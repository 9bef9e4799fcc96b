import { Counter, Gauge, register } from 'prom-client';

type PartitionLabels = 'group' | 'topic' | 'partition';

/** The consumer's metrics, registered once per process in prom-client's default registry (what `/metrics` serves). */
export interface ConsumerMetrics {
  running: Gauge<'group'>;
  stuck: Gauge<PartitionLabels>;
  lag: Gauge<PartitionLabels>;
  deadLettered: Counter<'group'>;
}

// Several consumers in one process (tests, a service with two groups) share one metric, told apart by labels.
function existingOr<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * `cdc_consumer_running` per group (1 while it consumes), `cdc_consumer_stuck` (1 while a partition cannot go on) and
 * `cdc_consumer_lag_messages` per group, topic and partition, `cdc_dead_lettered_changes_total` per group.
 */
export function consumerMetrics(): ConsumerMetrics {
  return {
    running: existingOr('cdc_consumer_running', () => new Gauge({ name: 'cdc_consumer_running', help: 'CDC consumer: 1 while it consumes, 0 once stopped, halted or crashed for good', labelNames: ['group'] })),
    stuck: existingOr('cdc_consumer_stuck', () => new Gauge({ name: 'cdc_consumer_stuck', help: 'CDC consumer: 1 while the partition waits on a change that keeps failing with a non-data error (not SQLSTATE 22/23)', labelNames: ['group', 'topic', 'partition'] })),
    lag: existingOr('cdc_consumer_lag_messages', () => new Gauge({ name: 'cdc_consumer_lag_messages', help: 'CDC consumer: messages between the last one applied and the end of the partition', labelNames: ['group', 'topic', 'partition'] })),
    deadLettered: existingOr('cdc_dead_lettered_changes_total', () => new Counter({ name: 'cdc_dead_lettered_changes_total', help: 'CDC consumer: changes sent to the dead-letter topic since the process started', labelNames: ['group'] })),
  };
}
