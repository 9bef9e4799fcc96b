import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const keySchema = z.object({
  type: z.literal('service_account'),
  project_id: z.string().min(1),
  private_key: z.string().refine((pem) => {
    try {
      createPrivateKey(pem);
      return true;
    } catch {
      return false;
    }
  }, 'is not a PEM private key'),
  client_email: z.email(),
});

/** The fields of a Firebase service-account key file that sending needs (the file holds more). */
export type ServiceAccountKey = z.infer<typeof keySchema> & Record<string, unknown>;

/**
 * Reads and checks a service-account key file, so a wrong path or a truncated key stops the service at
 * start with the reason, instead of failing the first push of the day.
 */
export function readServiceAccountKey(file: string): ServiceAccountKey {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = keySchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${file} is not a service-account key: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
  }
  return { ...(raw as Record<string, unknown>), ...parsed.data };
}
