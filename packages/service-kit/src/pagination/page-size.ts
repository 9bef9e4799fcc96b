import { badUserInput } from '../errors/graphql-errors.ts';

/** How long a list's pages may be, and how long they are when the client does not say. */
export interface PageSizeLimits {
  defaultSize: number;
  max: number;
}

/**
 * The page size a `first` argument asks for: the default when omitted or an explicit null, else an integer in
 * 1..max; throws BAD_USER_INPUT naming `field` otherwise.
 */
export function checkPageSize(field: string, first: number | null | undefined, limits: PageSizeLimits): number {
  const size = first ?? limits.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > limits.max) {
    throw badUserInput(field, `must be between 1 and ${limits.max}, got ${size}`);
  }
  return size;
}
