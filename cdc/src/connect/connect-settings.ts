import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const defaultConnectorsDir = fileURLToPath(new URL('../../connectors/', import.meta.url));

const schema = z.object({
  /** Kafka Connect's REST address; wins over CONNECT_PORT. */
  CONNECT_URL: z.url().optional(),
  /** Port of the local Connect worker (`cdc.sh start`), used when CONNECT_URL is unset. */
  CONNECT_PORT: z.coerce.number().int().min(1).max(65535).default(8083),
  /**
   * Every worker of the running Connect group, comma separated, in the order to try them (`cdc.sh` sets it: one
   * URL on one node, two with `--ha`); unset: the one of CONNECT_URL / CONNECT_PORT.
   */
  CONNECT_URLS: z.string().regex(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, 'must be url[,url…]').optional(),
  /** Broker list, comma separated; else the local broker on KAFKA_PORT. */
  KAFKA_BROKERS: z.string().regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port…]').optional(),
  KAFKA_PORT: z.coerce.number().int().min(1).max(65535).default(9092),
  /** Folder of the connector configs `register` and `unregister` read. */
  CDC_CONNECTORS_DIR: z.string().min(1).default(defaultConnectorsDir),
  /** Seconds a connector may take to reach RUNNING after a register. */
  CDC_REGISTER_TIMEOUT: z.coerce.number().positive().default(120),
  /** Connect's log file, whose tail a register that times out prints (set by cdc.sh). */
  CDC_CONNECT_LOG: z.string().optional(),
  /**
   * This checkout's own name on a shared PostgreSQL: databases `petcare_<svc>_<instance>`, slots and publications
   * `<instance>_<svc>_cdc`. Empty: the plain names, which one checkout per server may claim.
   */
  PETCARE_INSTANCE: z.string().regex(/^[a-z0-9_]{0,24}$/, 'lower-case letters, digits and _ only (it names databases and slots)').default(''),
});

/** Where Connect and the broker are, and what the connector commands read; from the environment, once. */
export interface ConnectSettings {
  connectUrl: string;
  /** The Connect group's workers in the order the connector commands try them; the first is connectUrl's. */
  connectUrls: string[];
  brokers: string[];
  connectorsDir: string;
  registerTimeoutMs: number;
  connectLog: string | undefined;
  /** PETCARE_INSTANCE: this checkout's name for its databases, slots and publications; '' for the plain names. */
  instance: string;
}

function parse(env: NodeJS.ProcessEnv): ConnectSettings {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = result.data;
  const trim = (url: string) => url.replace(/\/+$/, '');
  const connectUrl = trim(e.CONNECT_URL ?? `http://127.0.0.1:${e.CONNECT_PORT}`);
  const others = (e.CONNECT_URLS ?? '').split(',').filter(Boolean).map(trim);
  return {
    connectUrl,
    connectUrls: [connectUrl, ...others.filter((url) => url !== connectUrl)],
    brokers: (e.KAFKA_BROKERS ?? `127.0.0.1:${e.KAFKA_PORT}`).split(','),
    connectorsDir: e.CDC_CONNECTORS_DIR,
    registerTimeoutMs: e.CDC_REGISTER_TIMEOUT * 1000,
    connectLog: e.CDC_CONNECT_LOG,
    instance: e.PETCARE_INSTANCE,
  };
}

/** The settings of this process, parsed at first import: a bad variable fails at once, by name. */
export const connectSettings: ConnectSettings = parse(process.env);

/** Kafka Connect's REST address (CONNECT_URL, else the local runtime's CONNECT_PORT). */
export const connectUrl = connectSettings.connectUrl;

/** Broker list for tests (KAFKA_BROKERS, comma separated, else 127.0.0.1:KAFKA_PORT). */
export const testBrokers = connectSettings.brokers;
