/** The encodings LOCALDATA dumps come in: the publisher's CP949, or a UTF-8 re-save (with or without BOM). */
export type CsvEncoding = 'utf8' | 'cp949';

/** How many leading bytes of a file `detectEncoding` needs to decide. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decides a dump's encoding from its first bytes: a UTF-8 BOM means UTF-8; otherwise bytes that decode as
 * strict UTF-8 mean UTF-8 (Korean CP949 text essentially never does, and the header row alone is Korean);
 * anything else is CP949. `wholeFile` says the sample is the entire file, so a sequence cut at its end is an error.
 */
export function detectEncoding(sample: Uint8Array, wholeFile: boolean): CsvEncoding {
  if (UTF8_BOM.every((byte, i) => sample[i] === byte)) return 'utf8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !wholeFile });
    return 'utf8';
  } catch {
    return 'cp949';
  }
}
