/**
 * `npm run trusted-documents`: writes schema/trusted-documents.json, the manifest of the app's operations
 * (schema/operations/) that a production gateway serves by id and alone. A test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { buildTrustedDocuments, trustedDocumentsPath } from './trusted-documents.ts';

const manifest = buildTrustedDocuments();
writeFileSync(trustedDocumentsPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`trusted-documents: ${manifest.operations.length} operations written to schema/trusted-documents.json`);
