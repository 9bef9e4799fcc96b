import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens (port 0 picks a free one) and resolves with the GraphQL URL actually bound. */
export function listenHttp(httpServer: http.Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      const { port: bound } = httpServer.address() as AddressInfo;
      resolve(`http://${host}:${bound}/graphql`);
    });
  });
}

/** Closes a server if it is listening; resolves once open connections have ended. */
export async function closeHttp(httpServer: http.Server): Promise<void> {
  if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
}
