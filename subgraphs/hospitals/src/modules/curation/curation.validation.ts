import { badUserInput } from '@petcare/service-kit';
import { refuseNul } from '../hospital/hospital.validation.ts';

/** Longest note an operator may leave on a review. */
export const REVIEW_NOTE_MAX = 500;

/** The note of an operator's review, trimmed: 1..500 characters without NUL, else BAD_USER_INPUT naming `note`. */
export function checkReviewNote(note: string): string {
  refuseNul('note', note);
  const trimmed = note.trim();
  if (trimmed.length === 0) throw badUserInput('note', 'must say how the hours were checked (e.g. "phoned on 2026-12-01: open all night")');
  if (Array.from(trimmed).length > REVIEW_NOTE_MAX) throw badUserInput('note', `must be at most ${REVIEW_NOTE_MAX} characters`);
  return trimmed;
}
