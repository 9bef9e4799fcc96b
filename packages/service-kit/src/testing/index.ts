export { testDatabaseUrl, dropTestDatabase } from './test-database.ts';
export { gatewaySignedRequest, type GraphQLResponse } from './gateway-signed-request.ts';
export { recordQueries, type RecordedQuery } from './record-queries.ts';
export { waitUntil } from './wait-until.ts';
export { startTestSubgraph, TEST_GATEWAY_SECRET, type TestSubgraph } from './test-subgraph.ts';
export { callsWithoutGateway, type RefusedCall } from './calls-without-gateway.ts';
