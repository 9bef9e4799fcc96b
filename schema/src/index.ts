export { supergraphPath } from './supergraph-path.ts';
export { readOperationFiles, type OperationFile } from './operation-files.ts';
