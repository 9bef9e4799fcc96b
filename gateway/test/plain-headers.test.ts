import { describe, expect, it } from 'vitest';
import { PlainHeaders } from '../src/subgraphs/plain-headers.ts';

describe('PlainHeaders', () => {
  const headers = new PlainHeaders({ 'content-type': 'application/json', 'cache-control': 'max-age=60, public' });

  it('finds a header whatever the case the gateway asks in, as Headers does', () => {
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('cache-control')).toBe('max-age=60, public');
    expect(headers.has('CACHE-CONTROL')).toBe(true);
  });

  it('answers null for a missing header, including the names of Object.prototype', () => {
    expect(headers.get('etag')).toBeNull();
    expect(headers.get('constructor')).toBeNull();
    expect(headers.has('toString')).toBe(false);
  });

  it('iterates like Headers and refuses writes', () => {
    expect([...headers]).toEqual([
      ['content-type', 'application/json'],
      ['cache-control', 'max-age=60, public'],
    ]);
    expect(() => headers.set()).toThrow(TypeError);
  });
});
