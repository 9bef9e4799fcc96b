import { resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { systemTopics } from '@petcare/cdc';
import { connectSettings } from '@petcare/cdc/connect';
import { redriveDeadLetters } from '@petcare/cdc-consumer';
import { localSecrets } from './stack/local-secrets.ts';
import { databaseUrl, repoRoot, type SubgraphName } from './stack/stack-layout.ts';

// `npm run cdc -- redrive <service>`: re-drives the service's dead letters once each, against the local stack's
// Kafka and the service's database (its bookkeeping says whether a dead letter was superseded, then applied).
const services = ['users', 'neighborhoods', 'hospitals', 'alerts'] as const;
const service = process.argv[2] as SubgraphName | undefined;
if (!service || !services.includes(service)) {
  console.error(`usage: npm run cdc -- redrive <${services.join('|')}>`);
  process.exit(2);
}
const options = {
  secrets: localSecrets(resolve(repoRoot, '.data/secrets.json')),
  postgresUrl: process.env['POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
  basePort: 0,
  kafkaBrokers: connectSettings.brokers.join(','),
  ...(connectSettings.instance ? { databaseSuffix: `_${connectSettings.instance}` } : {}),
};
const { groupId, deadLetterTopic } = systemTopics(process.env['CDC_TOPIC_NAMESPACE'] ?? '').consumer(service);
const orm = await MikroORM.init({ clientUrl: databaseUrl(options, service), entities: [], discovery: { warnWhenNoEntities: false } });
try {
  const results = await redriveDeadLetters({ brokers: connectSettings.brokers, groupId, deadLetterTopic, orm, log: (line) => console.log(`[cdc] redrive ${line}`) });
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  console.log(
    `[cdc] redrive ${service}: ${results.length} dead letter(s): ${count('applied')} applied, ${count('superseded')} superseded, ${count('dead-lettered again')} dead-lettered again, ${count('not applied yet')} not applied yet`,
  );
  if (count('dead-lettered again') + count('not applied yet') > 0) process.exitCode = 1;
} finally {
  await orm.close();
}
