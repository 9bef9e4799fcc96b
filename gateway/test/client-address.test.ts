import { describe, expect, it } from 'vitest';
import { clientAddress } from '../src/http/client-address.ts';

const request = (peer: string, forwardedFor?: string | string[]) => ({
  socket: { remoteAddress: peer } as never,
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor as string },
});

describe('clientAddress', () => {
  it('is the socket peer by default, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'), 0)).toBe('203.0.113.7');
    expect(clientAddress(request('203.0.113.7'), 0)).toBe('203.0.113.7');
  });

  it('behind one proxy, is the entry that proxy appended (the last), not what the client wrote before it', () => {
    expect(clientAddress(request('10.0.0.2', '1.2.3.4, 198.51.100.1'), 1)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.2', '198.51.100.1'), 1)).toBe('198.51.100.1');
  });

  it('behind two proxies, is the entry two hops back; repeated headers count as one list', () => {
    expect(clientAddress(request('10.0.0.2', ['6.6.6.6, 198.51.100.1', '10.0.0.1']), 2)).toBe('198.51.100.1');
  });

  it('with fewer entries than trusted hops, is the furthest known, and the peer without a header', () => {
    expect(clientAddress(request('10.0.0.2', '198.51.100.1'), 3)).toBe('198.51.100.1');
    expect(clientAddress(request('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.2', ' , '), 1)).toBe('10.0.0.2');
  });
});
