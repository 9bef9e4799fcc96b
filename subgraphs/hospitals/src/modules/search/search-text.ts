/**
 * How names and addresses are folded for search, on both sides (stored keys and typed queries): NFKC (full-width
 * digits and letters become ASCII, compatibility jamo are composed), lower case, and no whitespace, because
 * Korean trading names are written with and without spaces alike ("쿨 펫 동물병원" / "쿨펫동물병원").
 */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** The words of a query, each folded like `searchKey`, without repeats, in the order typed. */
export function searchTerms(query: string): string[] {
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/u).filter((w) => w.length > 0);
  return [...new Set(words)];
}

/**
 * The pairs of adjacent syllables of a key (a one-syllable key is its own pair): what the search index holds.
 * Every substring of two or more syllables is found by the pairs it contains, so any partial match is answered
 * from the index. (Trigrams, pg_trgm's unit, cannot index the two-syllable words Korean searches are mostly made
 * of, and rate "동물메디칼" against "…동물메디컬…" at 0.33, below unrelated names sharing "동물병원".)
 */
export function syllablePairs(key: string): string[] {
  const chars = Array.from(key);
  if (chars.length === 1) return chars;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}

/** Where a hospital is, in the words people search by, read from its address. */
export interface AddressArea {
  /** 시·도, e.g. "서울특별시". */
  city: string | null;
  /** 시·군·구, e.g. "강남구", or "수원시 장안구" where a 시 has 구. */
  district: string | null;
  /** City, district and 동·읍·면 folded by `searchKey`, e.g. "서울특별시강남구역삼동"; "" when unknown. */
  areaKey: string;
}

const DONG_IN_PARENTHESES = /\(([^,)]+?(?:동|읍|면|가|리))[,)]/u;

/**
 * Reads city, district and 동 from a LOCALDATA address: the 지번 address ("서울특별시 강남구 역삼동 827-67") names
 * the 동 third (fourth under a 시 with 구); a road address ("서울특별시 강남구 테헤란로8길 46, 2층 (역삼동)") names it
 * in brackets at the end.
 */
export function addressArea(address: string | null, roadAddress: string | null): AddressArea {
  const source = address ?? roadAddress;
  if (!source) return { city: null, district: null, areaKey: '' };
  const words = source.trim().split(/\s+/u);
  const city = words[0] ?? null;
  let district = words[1] ?? null;
  let next = 2;
  if (district?.endsWith('시') && words[2]?.endsWith('구')) {
    district = `${district} ${words[2]}`;
    next = 3;
  }
  const dong = address ? words[next] : DONG_IN_PARENTHESES.exec(source)?.[1];
  return { city, district, areaKey: searchKey([city, district, dong].filter(Boolean).join('')) };
}
