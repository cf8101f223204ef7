/**
 * Vietnamese text rules for everything a person types: NFC first, invisible characters out,
 * names title-cased on composed text, and accent-free folding for search.
 */

// C0/C1 controls except tab and newline, bidi embeddings/overrides/isolates, directional and
// zero-width marks, the BOM and soft hyphen: invisible, and a way to make equal text compare unequal.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** Half of a surrogate pair without its other half (not text at all). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A zero-width joiner goes too, except inside an emoji sequence (👨‍👩‍👧 must not become three people). */
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Normalises typed text: NFC, no invisible characters, tidy spaces; keeps single line breaks. */
export function cleanText(input: string): string {
  // Invisible characters go before composing: one between a letter and its combining marks would
  // otherwise keep the text decomposed ("e\u200B\u0302\u0303" must still become "ễ").
  return input
    // A lone surrogate half (never valid text) becomes U+FFFD, so the database accepts what is stored.
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(INVISIBLE, '')
    .replace(STRAY_JOINER, '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Like {@link cleanText}, on one line (for names, places, roles). */
export function cleanLine(input: string): string {
  return cleanText(input).replace(/\s*\n\s*/g, ' ');
}

/**
 * Title-cases a person's name: "nguyễn  văn AN" → "Nguyễn Văn An". Works on NFC text, so a
 * decomposed input never becomes "NguyễN". Hyphenated and apostrophe parts are capitalised too.
 */
export function titleCaseName(input: string): string {
  return cleanLine(input)
    .toLocaleLowerCase('vi')
    .replace(/(^|[\s\-'’(])(\p{L})/gu, (_match, separator: string, letter: string) => separator + letter.toLocaleUpperCase('vi'));
}

/** Upper-cases the first letter only, leaving the rest as typed (for names of collectives: "Trường THCS …"). */
export function capitaliseFirst(input: string): string {
  const text = cleanLine(input);
  return text.replace(/\p{L}/u, (letter) => letter.toLocaleUpperCase('vi'));
}

/**
 * Folds text for accent-insensitive matching: strips every diacritic (so old and new tone
 * placement, "hoà"/"hòa", fold alike), maps đ/Đ to d, lower-cases, and keeps letters and digits.
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True when every word of the query starts a word of the candidate, ignoring accents ("my dinh" ~ "Mỹ Đình 1"). */
export function matchesSearch(candidate: string, query: string): boolean {
  const words = foldVietnamese(candidate).split(' ');
  const terms = foldVietnamese(query).split(' ').filter(Boolean);
  if (terms.length === 0) return false;
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

/** Counts user-perceived characters, so length limits treat "ễ" (NFC or NFD) as one letter. */
export function visibleLength(input: string): number {
  return [...input.normalize('NFC')].length;
}
