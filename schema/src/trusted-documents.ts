import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Kind, print, type OperationDefinitionNode } from 'graphql';
import { readOperationFiles } from './operation-files.ts';

/** One registered operation: what the app sends by id instead of its text. */
export interface TrustedDocument {
  /** Hex SHA-256 of `body`: the id the app sends (as APQ's `extensions.persistedQuery.sha256Hash`). */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The operation as graphql-js prints it (comments and formatting normalised). */
  body: string;
}

/** The manifest, in the format of Apollo's persisted-query manifests (`@apollo/generate-persisted-query-manifest`). */
export interface TrustedDocumentManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: TrustedDocument[];
}

/** Where the committed manifest lives: schema/trusted-documents.json. */
export const trustedDocumentsPath = fileURLToPath(new URL('../trusted-documents.json', import.meta.url));

/** The manifest of every operation in schema/operations/, sorted by name: what `npm run trusted-documents` writes. */
export function buildTrustedDocuments(): TrustedDocumentManifest {
  const operations = readOperationFiles().map(({ document }) => {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const body = print(document);
    return { id: createHash('sha256').update(body).digest('hex'), name: operation.name?.value ?? '', type: operation.operation, body };
  });
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}
