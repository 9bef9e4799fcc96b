import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { AlertPosition } from './alert-position.ts';
import type { AlertSubscriptionPlan } from './alert-subscription-plan.ts';

/** One `next` payload of an alertAdded subscription, and which alert it is. */
export interface AlertDelivery {
  position: AlertPosition;
  payload: FormattedExecutionResult;
}

/**
 * What resolving one planned query gave: an answer to deliver (possibly partial, with errors for fields a
 * subgraph could not resolve), no alert (it is not the caller's, or it is gone), or a failure: no data, with
 * `transient` when a subgraph was unavailable and asking again later may succeed.
 */
export type AlertOutcome =
  | { kind: 'alert'; payload: FormattedExecutionResult }
  | { kind: 'none' }
  | { kind: 'failed'; transient: boolean; errors: readonly GraphQLFormattedError[] };

const TRANSIENT_CODES = new Set(['SERVICE_UNAVAILABLE']);

type Failure = Extract<AlertOutcome, { kind: 'failed' }>;

function failure(errors: readonly GraphQLFormattedError[]): Failure {
  return { kind: 'failed', transient: errors.some((e) => TRANSIENT_CODES.has(String(e.extensions?.['code']))), errors };
}

/** Classifies the result of `plan.alert(id)`. */
export function alertOutcome(result: FormattedExecutionResult, plan: Pick<AlertSubscriptionPlan, 'responseKey'>): AlertOutcome {
  const data = result.data;
  // A root field skipped by @skip/@include is absent from data: the client asked for an empty object.
  if (data && !(plan.responseKey in data)) return { kind: 'alert', payload: result };
  if (data?.[plan.responseKey] != null) return { kind: 'alert', payload: result };
  return result.errors?.length ? failure(result.errors) : { kind: 'none' };
}

/**
 * Splits the result of `plan.backlog(…)` into one payload per alert, oldest first, each shaped like a live one:
 * `{ data: { <responseKey>: alert }, errors }`, the hidden position fields removed and each error's path
 * re-rooted from `[key, index, …]` to `[key, …]`. A page that failed as a whole is a failure outcome.
 */
export function splitBacklog(
  result: FormattedExecutionResult,
  plan: Pick<AlertSubscriptionPlan, 'responseKey' | 'hidden'>,
): { kind: 'page'; alerts: AlertDelivery[] } | Failure {
  const list = result.data?.[plan.responseKey];
  if (!Array.isArray(list)) return failure(result.errors ?? [{ message: 'the backlog query returned no list' }]);
  const errorsAt = new Map<number, GraphQLFormattedError[]>();
  for (const error of result.errors ?? []) {
    const [key, index, ...rest] = error.path ?? [];
    if (key !== plan.responseKey || typeof index !== 'number') continue;
    errorsAt.set(index, [...(errorsAt.get(index) ?? []), { ...error, path: [key, ...rest] }]);
  }
  const alerts = list.map((item: Record<string, unknown>, index: number): AlertDelivery => {
    const { [plan.hidden.id]: id, [plan.hidden.createdAt]: createdAt, ...alert } = item;
    const errors = errorsAt.get(index);
    return {
      position: { id: String(id), createdAt: Date.parse(String(createdAt)) },
      payload: { data: { [plan.responseKey]: alert }, ...(errors ? { errors } : {}) },
    };
  });
  return { kind: 'page', alerts };
}
