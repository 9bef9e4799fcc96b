import type { FetcherHeaders } from '@apollo/utils.fetcher';

/**
 * A subgraph answer's headers as @apollo/gateway reads them (`get('content-type')`, `get('cache-control')`), over the
 * record Node's HTTP client already built with lower-case names. The WHATWG `Headers` class validates and sorts every
 * name and value on construction, a cost paid on every subgraph fetch for two lookups. Read-only: nothing in the
 * gateway writes to a response's headers, so a write is a bug and throws.
 */
export class PlainHeaders implements FetcherHeaders {
  constructor(private readonly record: Readonly<Record<string, string>>) {}

  get(name: string): string | null {
    const key = name.toLowerCase();
    return Object.hasOwn(this.record, key) ? this.record[key]! : null;
  }

  has(name: string): boolean {
    return Object.hasOwn(this.record, name.toLowerCase());
  }

  append(): never {
    throw new TypeError('a subgraph response’s headers are read-only');
  }

  delete(): never {
    throw new TypeError('a subgraph response’s headers are read-only');
  }

  set(): never {
    throw new TypeError('a subgraph response’s headers are read-only');
  }

  entries(): Iterator<[string, string]> {
    return Object.entries(this.record)[Symbol.iterator]();
  }

  keys(): Iterator<string> {
    return Object.keys(this.record)[Symbol.iterator]();
  }

  values(): Iterator<string> {
    return Object.values(this.record)[Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.entries();
  }
}
