import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';

/**
 * Remembers which operations a request-time check has accepted, for operations whose verdict cannot depend on the
 * request: those that declare no variables (arguments are then literals of the document). Apollo Server keeps one
 * parsed document per query text in its document store, so the app's operations come back as the same object on
 * every request and are checked once per supergraph instead of once per request. Keyed weakly by schema and
 * document: a new supergraph or an evicted document drops its entries. Refusals are not remembered: each refused
 * request gets its own error object, and refusing is already cheap.
 */
export class AcceptedDocuments {
  readonly #accepted = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Set<string>>>();

  /** Runs `refusal` unless this operation was accepted before; returns its error, or null when accepted. */
  check<E>(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, refusal: () => E | null): E | null {
    if ((operation.variableDefinitions?.length ?? 0) > 0) return refusal();
    const name = operation.name?.value ?? '';
    let documents = this.#accepted.get(schema);
    const names = documents?.get(document);
    if (names?.has(name)) return null;
    const error = refusal();
    if (error !== null) return error;
    if (!documents) {
      documents = new WeakMap();
      this.#accepted.set(schema, documents);
    }
    if (names) names.add(name);
    else documents.set(document, new Set([name]));
    return null;
  }
}
