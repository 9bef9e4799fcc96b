import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/compose-supergraph.ts';

describe('schema/supergraph.graphql', () => {
  it('is what composing the subgraphs\' current SDLs gives (stale: run npm run compose)', () => {
    const result = composeSupergraph();
    if (!result.ok) {
      throw new Error(`the subgraphs do not compose:\n${result.errors.map((e) => `[${String(e.extensions['code'])}] ${e.message}`).join('\n')}`);
    }
    const committed = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
    // A plain equality assertion would print a 1,000-line diff; the first differing line says enough.
    if (committed !== result.fileText) {
      const a = committed.split('\n');
      const b = result.fileText.split('\n');
      const line = a.findIndex((text, i) => text !== b[i]);
      expect.fail(
        `schema/supergraph.graphql is stale: run npm run compose (first difference at line ${line + 1}: ` +
          `committed ${JSON.stringify(a[line])}, composed ${JSON.stringify(b[line])})`,
      );
    }
  });

  it('composes all four subgraphs', () => {
    const result = composeSupergraph();
    expect(result.missing).toEqual([]);
    expect(result.composed).toEqual(['users', 'neighborhoods', 'hospitals', 'alerts']);
  });
});
