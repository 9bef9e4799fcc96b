import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { CALLER_HEADER, signCallerToken, verifyAccessToken, type Caller } from '@petcare/service-kit';

// Peer subject of `npm run bench -- gateway`: stock @apollo/gateway with default settings, served as its README
// shows (startStandaloneServer), one process like the published benchmark's with FORK=1. With
// GATEWAY_SIGNING_SECRET set (our subgraphs), the least glue our subgraphs need: the bearer token verified once
// per request, the caller signed on every subgraph fetch, as a RemoteGraphQLDataSource hook usually does it.
process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
const signingSecret = process.env['GATEWAY_SIGNING_SECRET'];
const accessSecret = process.env['ACCESS_TOKEN_SECRET'] ?? '';

interface Context {
  caller: Caller;
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env['SUPERGRAPH_PATH']!, 'utf8'),
  ...(signingSecret && {
    buildService: ({ url }) =>
      new (class extends RemoteGraphQLDataSource<Context> {
        override async willSendRequest({ request, context }: { request: { http?: { headers: { set(k: string, v: string): void } } }; context: Partial<Context> }) {
          request.http?.headers.set(CALLER_HEADER, await signCallerToken(signingSecret, context.caller ?? { userId: null, roles: [] }));
        }
      })({ url }),
  }),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env['PORT']), host: '127.0.0.1' },
  context: async ({ req }) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return { caller: token ? await verifyAccessToken(accessSecret, token) : { userId: null, roles: [] } };
  },
});
console.log(`ready ${url}`);
