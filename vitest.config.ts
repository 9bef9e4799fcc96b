import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// One project per kind of test, told apart by suffix: `*.test.ts` pure logic, `*.int.test.ts` against
// real Postgres/Kafka/Connect, `*.e2e.test.ts` against the whole running stack.
const everywhere = ['packages', 'subgraphs', 'gateway', 'cdc', 'streams', 'schema', 'scripts', 'e2e'].map((d) => `${d}/**/`);

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: everywhere.map((d) => `${d}*.test.ts`),
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.e2e.test.ts', '**/*.ha.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          sequence: { groupOrder: 1 },
          include: everywhere.map((d) => `${d}*.int.test.ts`),
          exclude: ['**/node_modules/**'],
          // One file at a time: the fault tests restart the shared broker and Connect under everyone.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // Fault tests on the three-node cluster (`*.ha.test.ts`): only with CDC_HA=1, which `npm run test:ha` sets
      // after starting that cluster; `npm test` runs on one node and leaves them out.
      ...(process.env['CDC_HA'] === '1'
        ? [
            {
              extends: true as const,
              test: {
                name: 'ha',
                sequence: { groupOrder: 3 },
                include: everywhere.map((d) => `${d}*.ha.test.ts`),
                exclude: ['**/node_modules/**'],
                fileParallelism: false,
                testTimeout: 420_000,
                hookTimeout: 300_000,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: everywhere.map((d) => `${d}*.e2e.test.ts`),
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
