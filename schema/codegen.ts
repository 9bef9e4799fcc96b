import type { CodegenConfig } from '@graphql-codegen/cli';
import { resolverTypesConfig } from './src/resolver-types-config.ts';

/** `npm run codegen`: each subgraph's typed resolvers, from its SDL (a test fails when a committed file is stale). */
const config: CodegenConfig = resolverTypesConfig();
export default config;
