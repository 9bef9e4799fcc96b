import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { CALLER_HEADER, signCallerToken, verifyAccessToken } from '@petcare/service-kit';

// Peer subjects of `npm run bench -- gateway`: Hive Gateway as the published benchmark configures it (inbound
// in-flight deduplication on), with HIVE_ROUTER_RUNTIME=1 its Rust query planner (@graphql-hive/router-runtime).
// With GATEWAY_SIGNING_SECRET set (our subgraphs) the caller is verified and signed for every subgraph fetch, and
// outbound in-flight deduplication is off: Hive keys it without the header added here, so with it on, users who
// ask the same operation at once share one user's answer (see the measurements).
const signingSecret = process.env['GATEWAY_SIGNING_SECRET'];
const accessSecret = process.env['ACCESS_TOKEN_SECRET'] ?? '';
const outboundDedup = process.env['HIVE_OUTBOUND_DEDUP'] === '1' || !signingSecret;

const gateway = createGatewayRuntime({
  supergraph: process.env['SUPERGRAPH_PATH']!,
  logging: 'error',
  inboundInflightRequestDeduplication: true,
  ...(process.env['HIVE_ROUTER_RUNTIME'] === '1' && { unifiedGraphHandler }),
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: outboundDedup } } },
  ...(signingSecret && {
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request }) => {
        const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
        const caller = token ? await verifyAccessToken(accessSecret, token) : { userId: null, roles: [] };
        return { [CALLER_HEADER]: await signCallerToken(signingSecret, caller) };
      },
    },
  }),
});
http.createServer(gateway).listen(Number(process.env['PORT']), '127.0.0.1', () => console.log('ready'));
