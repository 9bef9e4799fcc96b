import { Gauge, register } from 'prom-client';

/** The consumer's gauges, registered once per process in prom-client's default registry (what `/metrics` serves). */
export interface ConsumerMetrics {
  stuck: Gauge<'group' | 'topic' | 'partition'>;
  lag: Gauge<'group' | 'topic' | 'partition'>;
}

function gauge(name: string, help: string): Gauge<'group' | 'topic' | 'partition'> {
  // Several consumers in one process (tests, a service with two groups) share one gauge, told apart by labels.
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Gauge<'group' | 'topic' | 'partition'>;
  return new Gauge({ name, help, labelNames: ['group', 'topic', 'partition'] });
}

/** `cdc_consumer_stuck` (1 while a partition cannot go on) and `cdc_consumer_lag_messages` per group, topic, partition. */
export function consumerMetrics(): ConsumerMetrics {
  return {
    stuck: gauge('cdc_consumer_stuck', 'CDC consumer: 1 while the partition waits on a change that keeps failing with a non-data error (not SQLSTATE 22/23)'),
    lag: gauge('cdc_consumer_lag_messages', 'CDC consumer: messages between the last one applied and the end of the partition'),
  };
}
