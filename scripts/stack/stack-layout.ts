import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { LocalSecrets } from './local-secrets.ts';

/** Repository root, whatever the caller's working directory. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** One process of the stack: where it lives, what it listens on, what it is told. */
export interface StackProcess {
  name: string;
  dir: string;
  port: number;
  healthUrl: string;
  env: Record<string, string>;
}

/** Where the stack's processes listen and which PostgreSQL server holds their databases. */
export interface StackOptions {
  secrets: LocalSecrets;
  /** PostgreSQL server URL without a database, e.g. postgres://postgres@127.0.0.1:5432 */
  postgresUrl: string;
  /** Gateway port; subgraphs take the next four. */
  basePort: number;
  /** Suffix for database names, so tests can run a stack beside a developer's. */
  databaseSuffix?: string;
  /** Kafka brokers the services' CDC consumers read from. */
  kafkaBrokers: string;
  /** Prefix of CDC topics and consumer groups (see systemTopics); empty for the developer's stack. */
  cdcNamespace?: string;
  logLevel?: string;
}

const subgraphNames = ['users', 'neighborhoods', 'hospitals', 'alerts'] as const;
/** The four subgraphs, in the order their ports follow the gateway's. */
export type SubgraphName = (typeof subgraphNames)[number];

/** Database URL of one service for these options. */
export function databaseUrl(options: StackOptions, service: SubgraphName): string {
  const url = new URL(options.postgresUrl);
  url.pathname = `/petcare_${service}${options.databaseSuffix ?? ''}`;
  return url.toString();
}

/** The four subgraphs, the gateway and the verification-timers Kafka Streams app, with the environment each needs. */
export function stackLayout(options: StackOptions): { subgraphs: StackProcess[]; gateway: StackProcess; timers: StackProcess } {
  const common = {
    GATEWAY_SIGNING_SECRET: options.secrets.GATEWAY_SIGNING_SECRET,
    LOG_LEVEL: options.logLevel ?? 'info',
    HOST: '127.0.0.1',
  };
  const subgraphs = subgraphNames.map((name, i): StackProcess => {
    const port = options.basePort + 1 + i;
    return {
      name,
      dir: resolve(repoRoot, 'subgraphs', name),
      port,
      healthUrl: `http://127.0.0.1:${port}/health`,
      env: {
        ...common,
        PORT: String(port),
        DATABASE_URL: databaseUrl(options, name),
        KAFKA_BROKERS: options.kafkaBrokers,
        CDC_TOPIC_NAMESPACE: options.cdcNamespace ?? '',
        ...(name === 'users' ? { ACCESS_TOKEN_SECRET: options.secrets.ACCESS_TOKEN_SECRET } : {}),
      },
    };
  });
  const urls = Object.fromEntries(subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}/graphql`]));
  const gateway: StackProcess = {
    name: 'gateway',
    dir: resolve(repoRoot, 'gateway'),
    port: options.basePort,
    healthUrl: `http://127.0.0.1:${options.basePort}/health`,
    env: {
      ...common,
      ...urls,
      PORT: String(options.basePort),
      ACCESS_TOKEN_SECRET: options.secrets.ACCESS_TOKEN_SECRET,
      // The live alerts of alertAdded come from the alerts database's CDC topic.
      KAFKA_BROKERS: options.kafkaBrokers,
      CDC_TOPIC_NAMESPACE: options.cdcNamespace ?? '',
    },
  };
  // One instance: no standby replica to place (the app would warn at every rebalance). Its RocksDB stores live
  // under .data/, one directory per stack, so a test stack never opens the developer's.
  const timersPort = options.basePort + 5;
  const timers: StackProcess = {
    name: 'verification-timers',
    dir: resolve(repoRoot, 'streams/verification-timers'),
    port: timersPort,
    healthUrl: `http://127.0.0.1:${timersPort}/health`,
    env: {
      HOST: '127.0.0.1',
      PORT: String(timersPort),
      LOG_LEVEL: options.logLevel ?? 'info',
      KAFKA_BROKERS: options.kafkaBrokers,
      CDC_TOPIC_NAMESPACE: options.cdcNamespace ?? '',
      TIMERS_STATE_DIR: resolve(repoRoot, '.data', `verification-timers${options.databaseSuffix ?? ''}`),
      TIMERS_STANDBY_REPLICAS: '0',
    },
  };
  return { subgraphs, gateway, timers };
}
