import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        contextType: '../context.ts#NeighborhoodsContext',
        mappers: {
          Neighborhood: '../modules/neighborhood/neighborhood.entity.ts#Neighborhood',
          NeighborhoodConnection: '../modules/neighborhood/neighborhood.repository.ts#NeighborhoodPage',
          NeighborhoodVerification: '../modules/neighborhood-verification/neighborhood-verification.entity.ts#NeighborhoodVerification',
          User: '../modules/user/user-reference.ts#UserReference',
        },
        scalars: { DateTime: 'Date', Latitude: 'number', Longitude: 'number' },
        enumsAsTypes: true,
        mapperTypeSuffix: 'Model',
      },
    },
  },
};
export default config;
