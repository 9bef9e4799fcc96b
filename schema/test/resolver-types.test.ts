import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import { resolverTypesConfig } from '../src/resolver-types-config.ts';

describe("each subgraph's src/generated/graphql.ts", () => {
  it("is what GraphQL Code Generator makes of the subgraph's current SDL (stale: run npm run codegen)", async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...resolverTypesConfig(), cwd: process.cwd() }, false);
    expect(outputs).toHaveLength(4);
    for (const { filename, content } of outputs) {
      const committed = readFileSync(filename, 'utf8');
      if (committed !== content) expect.fail(`${relative(process.cwd(), filename)} is stale: run npm run codegen`);
    }
  }, 60_000);
});
