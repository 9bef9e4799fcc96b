import type { z } from 'zod';
import { ConfigError } from './config-error.ts';

/**
 * Parses the environment once, at start, against a service's zod schema.
 * Fails fast with every offending variable named, so a misconfigured deploy dies before it listens.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** A service's `loadConfig`: parses the environment (or `env`) against `schema` with {@link parseConfig}. */
export function configLoader<S extends z.ZodType>(schema: S): (env?: NodeJS.ProcessEnv) => z.infer<S> {
  return (env = process.env) => parseConfig(schema, env);
}
