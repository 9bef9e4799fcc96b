import { generate } from 'selfsigned';

/** The Google hosts firebase-admin calls to send a message: FCM itself and the OAuth token endpoint. */
export const GOOGLE_HOSTS = ['fcm.googleapis.com', 'oauth2.googleapis.com'] as const;

/**
 * A fresh self-signed certificate for {@link GOOGLE_HOSTS}, made at each start so no key is ever committed.
 * EC P-256 keeps the handshake cheap, which matters when the bench counts CPU.
 */
export async function localGoogleCertificate(): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: GOOGLE_HOSTS[0] }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: GOOGLE_HOSTS.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
