export { supergraphPath } from './supergraph-path.ts';
export { readOperationFiles, readFragmentFiles, type OperationFile, type FragmentFile } from './operation-files.ts';
export { buildTrustedDocuments, trustedDocumentsPath, type TrustedDocument, type TrustedDocumentManifest } from './trusted-documents.ts';
