import { badUserInput, hasUnsafeCharacters, isUuid } from '@petcare/service-kit';
import type { PushRequest } from './push-request.ts';
import type { AlertKind } from '../alert/alert-kind.ts';

const TITLE_MAX = 100;
const BODY_MAX = 1000;
const KEY_MAX = 200;

/** What an operator's `sendAlert` input says, as the GraphQL layer hands it over. */
export interface SendAlertInput {
  userIds?: readonly string[] | null;
  neighborhoodCode?: string | null;
  kind?: AlertKind | null;
  title: string;
  body: string;
  data?: Record<string, unknown> | null;
  idempotencyKey?: string | null;
}

function text(field: string, value: string, max: number, allowEmpty: boolean): string {
  const trimmed = value.trim();
  if (!allowEmpty && trimmed.length === 0) throw badUserInput(field, 'must not be empty');
  if ([...trimmed].length > max) throw badUserInput(field, `must be at most ${max} characters`);
  if (hasUnsafeCharacters(trimmed)) throw badUserInput(field, 'must not contain control characters, bidi overrides or broken surrogates');
  return trimmed;
}

/**
 * Checks an operator's alert and turns it into a push request; throws BAD_USER_INPUT naming the input field.
 * The idempotency key is the operator's, kept apart from the system's own keys by a prefix.
 */
export function checkSendAlert(input: SendAlertInput, operatorId: string): PushRequest {
  const hasUsers = input.userIds != null;
  const hasCode = input.neighborhoodCode != null;
  if (hasUsers === hasCode) throw badUserInput('input.userIds', 'give either userIds or neighborhoodCode, not both or neither');
  if (hasUsers && input.userIds!.some((id) => !isUuid(id))) throw badUserInput('input.userIds', 'must be user ids (UUIDs)');
  if (hasCode && !/^\d{10}$/.test(input.neighborhoodCode!)) throw badUserInput('input.neighborhoodCode', 'must be a 10-digit 행정동 code');
  const key = input.idempotencyKey == null ? null : text('input.idempotencyKey', input.idempotencyKey, KEY_MAX, false);
  return {
    audience: hasUsers ? { userIds: [...input.userIds!] } : { neighborhoodCode: input.neighborhoodCode! },
    kind: input.kind ?? 'NEIGHBORHOOD_NOTICE',
    title: text('input.title', input.title, TITLE_MAX, false),
    body: text('input.body', input.body, BODY_MAX, true),
    data: input.data ?? null,
    dedupeKey: key === null ? null : `operator:${operatorId}:${key}`,
  };
}
