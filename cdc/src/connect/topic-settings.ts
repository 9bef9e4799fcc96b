import kafkajs from 'kafkajs';
import type { ConnectorConfig } from './connect-client.ts';

// kafkajs is CommonJS: Node's ESM loader does not see these two among its named exports.
const { ConfigResourceTypes, ConfigSource, Kafka, logLevel } = kafkajs;

// Keys of a `topic.creation.<group>.*` block that say how Connect creates a topic, not what the topic is.
const CREATION_ONLY = new Set(['replication.factor', 'partitions', 'include', 'exclude']);

/**
 * The topic-level settings a connector's `topic.creation.*` keys give a topic (Kafka Connect's KIP-158 groups:
 * the first group in `topic.creation.groups` whose `include` matches, else `default`), without the
 * creation-only keys. Connect applies them only when it creates a topic; `alignTopicSettings` applies them to
 * topics that already exist.
 */
export function topicSettingsFor(config: ConnectorConfig, topic: string): Record<string, string> {
  const groups = (config['topic.creation.groups'] ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  const matches = (group: string) =>
    (config[`topic.creation.${group}.include`] ?? '').split(',').some((p) => p.trim() !== '' && new RegExp(`^(?:${p.trim()})$`).test(topic));
  const group = groups.find(matches) ?? 'default';
  const settingsOf = (g: string) => {
    const prefix = `topic.creation.${g}.`;
    return Object.fromEntries(
      Object.entries(config)
        .filter(([k]) => k.startsWith(prefix) && !CREATION_ONLY.has(k.slice(prefix.length)))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    );
  };
  // A custom group inherits what it does not set from the default group, as Connect does.
  return group === 'default' ? settingsOf('default') : { ...settingsOf('default'), ...settingsOf(group) };
}

/**
 * A dead-letter topic (`<service>.cdc.dlq`, tests' `….dlq`): written by a consuming service, read and re-driven by
 * people. Delete retention — the broker's `log.retention.hours`, 7 days — never compaction, which would keep only
 * the last failure per key and drop the others before anyone saw them (cdc/README.md, "Topic settings").
 */
const isDeadLetterTopic = (topic: string) => topic.endsWith('.dlq');

/** The settings `alignTopicSettings` gives a dead-letter topic a connector's prefix also covers. */
const deadLetterTopicSettings: Readonly<Record<string, string>> = { 'cleanup.policy': 'delete' };

/**
 * Whether a topic is written by this connector: its table topics (`<topic.prefix>.<schema>.<table>` of a table its
 * `table.include.list` names, matched whole and case-insensitively as Debezium does; any table without a list)
 * and the outbox topics it routes. A dead-letter topic named after the same prefix (`users.cdc.dlq` beside
 * `users-cdc`'s `users.*`) is not one of them.
 */
function writesTopic(config: ConnectorConfig, topic: string): boolean {
  const prefix = config['topic.prefix'];
  if (isDeadLetterTopic(topic)) return false;
  if (prefix && topic.startsWith(`${prefix}.`)) {
    const tables = (config['table.include.list'] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const table = topic.slice(prefix.length + 1);
    return tables.length === 0 || tables.some((t) => new RegExp(`^(?:${t})$`, 'i').test(table));
  }
  return Object.entries(config).some(
    ([k, v]) => /^transforms\.[^.]+\.route\.topic\.replacement$/.test(k) && topic.startsWith(v.replace(/\$\{.*$/, '')),
  );
}

/** A dead-letter topic under the connector's prefix: `register` once compacted these with the table topics. */
const deadLettersUnder = (config: ConnectorConfig, topic: string) => {
  const prefix = config['topic.prefix'];
  return Boolean(prefix) && topic.startsWith(`${prefix}.`) && isDeadLetterTopic(topic);
};

/**
 * Gives the existing topics a connector writes the settings its config declares (compaction, retention), so a
 * topic created before the settings existed — or by a consumer that started first — ends up as declared; a
 * dead-letter topic under the connector's prefix gets delete retention back (an earlier `register` compacted it).
 * Returns the topics changed, with what changed.
 */
export async function alignTopicSettings(brokers: string[], config: ConnectorConfig): Promise<{ topic: string; changed: Record<string, string> }[]> {
  const admin = new Kafka({ clientId: 'cdc-topic-settings', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => writesTopic(config, t) || deadLettersUnder(config, t));
    if (topics.length === 0) return [];
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    const changes: { topic: string; changed: Record<string, string> }[] = [];
    for (const resource of described.resources) {
      const wanted = deadLettersUnder(config, resource.resourceName) ? deadLetterTopicSettings : topicSettingsFor(config, resource.resourceName);
      const current = new Map(resource.configEntries.map((e) => [e.configName, e.configValue]));
      const changed = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => current.get(k) !== v));
      if (Object.keys(changed).length === 0) continue;
      // incrementalAlterConfigs is not in kafkajs; alterConfigs replaces a topic's dynamic settings, so send them all.
      const dynamic = Object.fromEntries(resource.configEntries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG).map((e) => [e.configName, e.configValue]));
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: resource.resourceName,
            configEntries: Object.entries({ ...dynamic, ...wanted }).map(([name, value]) => ({ name, value })),
          },
        ],
      });
      changes.push({ topic: resource.resourceName, changed });
    }
    return changes;
  } finally {
    await admin.disconnect();
  }
}
