import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, Source, visit, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

/** One file of schema/operations: an operation the mobile app sends, with the shared fragments it spreads. */
export interface OperationFile {
  /** File name, e.g. `home-screen.graphql`. */
  file: string;
  /** The file's text followed by the text of every fragment it spreads (directly or through another fragment): the
   * document the app sends. */
  source: string;
  document: DocumentNode;
}

/** One file of schema/operations/fragments: a selection several screens share. */
export interface FragmentFile {
  /** File name, e.g. `alert-fields.graphql`. */
  file: string;
  source: string;
  definition: FragmentDefinitionNode;
}

const directory = fileURLToPath(new URL('../operations/', import.meta.url));

const graphqlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort();

function parseFile(path: string, file: string): { source: string; document: DocumentNode } {
  const source = readFileSync(directory + path + file, 'utf8');
  return { source, document: parse(new Source(source, `schema/operations/${path}${file}`)) };
}

/** Reads every `schema/operations/fragments/*.graphql`: one fragment definition per file, sorted by file name. */
export function readFragmentFiles(): FragmentFile[] {
  return graphqlFiles(directory + 'fragments/').map((file) => {
    const { source, document } = parseFile('fragments/', file);
    const [definition, ...more] = document.definitions;
    if (definition?.kind !== Kind.FRAGMENT_DEFINITION || more.length > 0) {
      throw new Error(`schema/operations/fragments/${file} must hold exactly one fragment definition`);
    }
    return { file, source, definition };
  });
}

const spreadNames = (node: DocumentNode | FragmentDefinitionNode): string[] => {
  const names: string[] = [];
  visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
  return names;
};

/**
 * Reads and parses every `schema/operations/*.graphql`, sorted by file name, each completed with the shared fragments
 * it spreads (in the order first needed); a parse error names the file, an unknown fragment the operation.
 */
export function readOperationFiles(): OperationFile[] {
  const fragments = new Map(readFragmentFiles().map((f) => [f.definition.name.value, f]));
  return graphqlFiles(directory).map((file) => {
    const own = parseFile('', file);
    const ownFragments = new Set(
      own.document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])),
    );
    const needed: FragmentFile[] = [];
    const pending = spreadNames(own.document);
    for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
      if (ownFragments.has(name) || needed.some((f) => f.definition.name.value === name)) continue;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`schema/operations/${file} spreads ...${name}, which no file in fragments/ defines`);
      needed.push(fragment);
      pending.push(...spreadNames(fragment.definition));
    }
    if (needed.length === 0) return { file, ...own };
    const source = [own.source, ...needed.map((f) => f.source)].join('\n');
    return { file, source, document: parse(new Source(source, `schema/operations/${file}`)) };
  });
}
