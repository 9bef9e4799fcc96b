import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const subgraphsDir = fileURLToPath(new URL('../../subgraphs/', import.meta.url));

/**
 * What each subgraph's resolvers receive and return where that differs from the SDL's shape: the entity or
 * page object its resolvers work with (paths relative to the generated file), and the TypeScript type of each
 * custom scalar.
 */
const subgraphs: Record<string, { context: string; mappers: Record<string, string>; scalars: Record<string, string> }> = {
  users: {
    context: 'UsersContext',
    mappers: { User: 'modules/user/user-record.ts#UserRecord', Device: 'modules/device/device.entity.ts#Device' },
    scalars: { DateTime: 'Date', EmailAddress: 'string' },
  },
  neighborhoods: {
    context: 'NeighborhoodsContext',
    mappers: {
      Neighborhood: 'modules/neighborhood/neighborhood-record.ts#NeighborhoodRecord',
      NeighborhoodConnection: 'modules/neighborhood/neighborhood.repository.ts#NeighborhoodPage',
      NeighborhoodVerification: 'modules/neighborhood-verification/neighborhood-verification-record.ts#NeighborhoodVerificationRecord',
      User: 'modules/user/user-reference.ts#UserReference',
    },
    scalars: { DateTime: 'Date', Latitude: 'number', Longitude: 'number' },
  },
  hospitals: {
    context: 'HospitalsContext',
    mappers: {
      Hospital: 'modules/hospital/hospital-record.ts#HospitalRecord',
      NearbyHospital: 'modules/hospital/hospital.repository.ts#HospitalAtDistance',
      HospitalSearchConnection: 'modules/search/hospital-search.repository.ts#HospitalSearchPage',
      HospitalSearchEdge: 'modules/search/hospital-search.repository.ts#HospitalSearchHit',
      Neighborhood: 'modules/neighborhood/neighborhood-reference.ts#NeighborhoodReference',
    },
    scalars: { DateTime: 'Date', Latitude: 'number', Longitude: 'number' },
  },
  alerts: {
    context: 'AlertsContext',
    mappers: {
      Alert: 'modules/alert/alert.entity.ts#Alert',
      AlertConnection: 'modules/alert/alert-connection.ts#AlertConnection',
      AlertDelivery: 'modules/push/delivery-progress.ts#DeliveryProgress',
      User: 'modules/user/user-reference.ts#UserReference',
    },
    scalars: { DateTime: 'Date', JSONObject: 'Record<string, unknown>' },
  },
};

/** The generated file of one subgraph. */
export function resolverTypesFile(subgraph: string): string {
  return `${subgraphsDir}${subgraph}/src/generated/graphql.ts`;
}

/** GraphQL Code Generator's config for every subgraph's `src/generated/graphql.ts`, one `generates` entry each. */
export function resolverTypesConfig(): CodegenConfig {
  const generates: CodegenConfig['generates'] = {};
  for (const [name, { context, mappers, scalars }] of Object.entries(subgraphs)) {
    generates[resolverTypesFile(name)] = {
      schema: `${subgraphsDir}${name}/src/schema.graphql`,
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        contextType: `../context.ts#${context}`,
        mappers: Object.fromEntries(Object.entries(mappers).map(([type, target]) => [type, `../${target}`])),
        scalars,
        enumsAsTypes: true,
        mapperTypeSuffix: 'Model',
      },
    };
  }
  return { generates, silent: true };
}
