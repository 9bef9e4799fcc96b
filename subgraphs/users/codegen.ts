import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        contextType: '../context.ts#UsersContext',
        mappers: {
          User: '../modules/user/user.entity.ts#User',
          Device: '../modules/device/device.entity.ts#Device',
        },
        scalars: { DateTime: 'Date', EmailAddress: 'string' },
        enumsAsTypes: true,
        mapperTypeSuffix: 'Model',
      },
    },
  },
};
export default config;
