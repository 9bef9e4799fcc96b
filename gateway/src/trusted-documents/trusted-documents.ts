import { readFileSync } from 'node:fs';
import type { TrustedDocumentManifest } from '@petcare/schema';

/** What a request asks to run, as far as trusted documents are concerned. */
export interface DocumentRequest {
  query?: unknown;
  extensions?: unknown;
}

/** The outcome: the text to run (from the manifest), nothing to change, or a refusal to answer with 400. */
export type DocumentResolution = { query: string } | { unchanged: true } | { refused: { code: string; message: string } };

/**
 * The app's registered operations (schema/trusted-documents.json), looked up by the id the app sends in APQ's wire
 * format, `extensions.persistedQuery.sha256Hash`. With `required`, nothing else runs: an unknown id, or a query sent
 * as text without a registered id, is refused. Without it (development), ids are resolved and text runs as sent.
 */
export class TrustedDocuments {
  readonly #byId: ReadonlyMap<string, string>;

  constructor(
    manifest: TrustedDocumentManifest,
    readonly required: boolean,
  ) {
    this.#byId = new Map(manifest.operations.map((o) => [o.id, o.body]));
  }

  /** Reads the manifest at `path` (a missing or unreadable file stops the gateway at start, naming it). */
  static load(path: string, required: boolean): TrustedDocuments {
    let manifest: TrustedDocumentManifest;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as TrustedDocumentManifest;
    } catch (error) {
      throw new Error(`cannot read the trusted documents manifest ${path} (npm run trusted-documents writes it): ${String(error)}`, { cause: error });
    }
    if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations))
      throw new Error(`${path} is not a persisted-query manifest (npm run trusted-documents writes it)`);
    return new TrustedDocuments(manifest, required);
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Decides what a request runs; see the class. */
  resolve({ query, extensions }: DocumentRequest): DocumentResolution {
    const persisted = typeof extensions === 'object' && extensions !== null ? (extensions as { persistedQuery?: unknown }).persistedQuery : undefined;
    const id = typeof persisted === 'object' && persisted !== null ? (persisted as { sha256Hash?: unknown }).sha256Hash : undefined;
    const body = typeof id === 'string' ? this.#byId.get(id) : undefined;
    if (body !== undefined) {
      if (query !== undefined && query !== body)
        return { refused: { code: 'BAD_REQUEST', message: 'the query sent is not the registered document of this id: send the id alone' } };
      return { query: body };
    }
    if (!this.required) return { unchanged: true };
    if (typeof id === 'string')
      return { refused: { code: 'PERSISTED_QUERY_NOT_FOUND', message: `no registered operation has the id ${id.slice(0, 64)}` } };
    return {
      refused: {
        code: 'PERSISTED_QUERY_REQUIRED',
        message: "this gateway runs only the app's registered operations: send extensions.persistedQuery.sha256Hash of one (schema/trusted-documents.json)",
      },
    };
  }
}
