export { supergraphPath } from './supergraph-path.ts';
export { readOperationFiles, type OperationFile } from './operation-files.ts';
export { buildTrustedDocuments, trustedDocumentsPath, type TrustedDocument, type TrustedDocumentManifest } from './trusted-documents.ts';
