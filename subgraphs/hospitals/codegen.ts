import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        contextType: '../context.ts#HospitalsContext',
        mappers: {
          Hospital: '../modules/hospital/hospital.entity.ts#Hospital',
          Neighborhood: '../modules/neighborhood/neighborhood-reference.ts#NeighborhoodReference',
        },
        scalars: { DateTime: 'Date', Latitude: 'number', Longitude: 'number' },
        enumsAsTypes: true,
        mapperTypeSuffix: 'Model',
      },
    },
  },
};
export default config;
