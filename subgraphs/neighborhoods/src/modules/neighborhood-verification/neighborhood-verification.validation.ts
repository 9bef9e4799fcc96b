import { badUserInput } from '@petcare/service-kit';

/** Beyond this no phone's fix says where someone is (cell-tower fixes report a few km at worst). */
const ABSURD_ACCURACY_METERS = 10_000;

/**
 * The accuracy radius the app reports with a GPS fix, in metres: omitted or null means the app sent none.
 * Throws BAD_USER_INPUT naming `field` for a value no real fix has (zero, negative, not finite, over 10 km).
 */
export function checkAccuracy(field: string, accuracy: number | null | undefined): number | null {
  if (accuracy == null) return null;
  if (!Number.isFinite(accuracy) || accuracy <= 0) throw badUserInput(field, `must be the fix's accuracy radius in metres, greater than 0, got ${accuracy}`);
  if (accuracy > ABSURD_ACCURACY_METERS) throw badUserInput(field, `is not a usable GPS fix (over ${ABSURD_ACCURACY_METERS / 1000} km): wait for a better GPS fix`);
  return accuracy;
}
