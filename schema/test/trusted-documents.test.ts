import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTrustedDocuments, trustedDocumentsPath } from '../src/trusted-documents.ts';
import { readOperationFiles } from '../src/operation-files.ts';

describe('schema/trusted-documents.json', () => {
  it('is what `npm run trusted-documents` writes from schema/operations/ (run it after changing an operation)', () => {
    expect(JSON.parse(readFileSync(trustedDocumentsPath, 'utf8'))).toEqual(buildTrustedDocuments());
  });

  it('registers every operation once, under the SHA-256 of its body', () => {
    const { operations } = buildTrustedDocuments();
    expect(operations).toHaveLength(readOperationFiles().length);
    for (const operation of operations) expect(operation.id).toBe(createHash('sha256').update(operation.body).digest('hex'));
    expect(new Set(operations.map((o) => o.id)).size).toBe(operations.length);
  });
});
