// Control characters (but tab, line feed and carriage return), the bidi embeddings, overrides and isolates
// that make text display in another order than it is stored, and lone UTF-16 surrogates (which PostgreSQL
// would store as U+FFFD while the response echoed the original).
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when text holds something no person means to write: control characters, bidi overrides, broken surrogates. */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}
