import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, Source, type DocumentNode } from 'graphql';

/** One file of schema/operations: an operation the mobile app sends. */
export interface OperationFile {
  /** File name, e.g. `home-screen.graphql`. */
  file: string;
  source: string;
  document: DocumentNode;
}

const directory = fileURLToPath(new URL('../operations/', import.meta.url));

/** Reads and parses every `schema/operations/*.graphql`, sorted by file name; a parse error names the file. */
export function readOperationFiles(): OperationFile[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const source = readFileSync(directory + file, 'utf8');
      return { file, source, document: parse(new Source(source, `schema/operations/${file}`)) };
    });
}
