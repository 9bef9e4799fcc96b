import { describe, expect, it } from 'vitest';
import { alertOutcome, splitBacklog } from '../src/subscriptions/alert-result.ts';

const plan = { responseKey: 'alertAdded', hidden: { id: '_alertId', createdAt: '_alertCreatedAt' } };

describe('alertOutcome', () => {
  it('delivers an alert, even a partial one with errors for fields a subgraph could not resolve', () => {
    const partial = {
      data: { alertAdded: { id: 'a', hospital: null } },
      errors: [
        { message: 'the hospitals service is unavailable', path: ['alertAdded', 'hospital'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
      ],
    };
    expect(alertOutcome(partial, plan)).toEqual({ kind: 'alert', payload: partial });
  });

  it('skips an alert the alerts service does not return, and tells transient failures from others', () => {
    expect(alertOutcome({ data: { alertAdded: null } }, plan)).toEqual({ kind: 'none' });
    const down = { data: { alertAdded: null }, errors: [{ message: 'down', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
    expect(alertOutcome(down, plan)).toMatchObject({ kind: 'failed', transient: true });
    expect(alertOutcome({ errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }, plan)).toMatchObject({
      kind: 'failed',
      transient: false,
    });
  });
});

describe('splitBacklog', () => {
  it('makes one live-shaped payload per alert, oldest first, without the hidden fields, with its own errors re-rooted', () => {
    const result = {
      data: {
        alertAdded: [
          { _alertId: 'a1', _alertCreatedAt: '2026-11-01T00:00:00.000Z', title: 'one', hospital: null },
          { _alertId: 'a2', _alertCreatedAt: '2026-11-01T00:00:00.500Z', title: 'two', hospital: { name: 'H' } },
        ],
      },
      errors: [{ message: 'hospitals down', path: ['alertAdded', 0, 'hospital'], extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    };
    const split = splitBacklog(result, plan);
    expect(split).toEqual({
      kind: 'page',
      alerts: [
        {
          position: { id: 'a1', createdAt: Date.parse('2026-11-01T00:00:00.000Z') },
          payload: {
            data: { alertAdded: { title: 'one', hospital: null } },
            errors: [{ message: 'hospitals down', path: ['alertAdded', 'hospital'], extensions: { code: 'SERVICE_UNAVAILABLE' } }],
          },
        },
        {
          position: { id: 'a2', createdAt: Date.parse('2026-11-01T00:00:00.500Z') },
          payload: { data: { alertAdded: { title: 'two', hospital: { name: 'H' } } } },
        },
      ],
    });
  });

  it('is a failure when the page itself failed', () => {
    const down = { data: null, errors: [{ message: 'alerts down', path: ['alertAdded'], extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
    expect(splitBacklog(down, plan)).toMatchObject({ kind: 'failed', transient: true });
  });
});
