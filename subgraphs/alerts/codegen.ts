import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        contextType: '../context.ts#AlertsContext',
        mappers: {
          Alert: '../modules/alert/alert.entity.ts#Alert',
          AlertConnection: '../modules/alert/alert-connection.ts#AlertConnection',
          User: '../modules/user/user-reference.ts#UserReference',
        },
        scalars: { DateTime: 'Date', JSONObject: 'Record<string, unknown>' },
        enumsAsTypes: true,
        mapperTypeSuffix: 'Model',
      },
    },
  },
};
export default config;
