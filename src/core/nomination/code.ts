/**
 * Reference codes easy to read out over the phone: NTV-2026-00042 (prefix, year, sequence).
 */

export const NOMINATION_CODE_PREFIX = 'NTV';

/** Formats a reference code; the sequence is zero-padded to five digits (more digits when needed). */
export function formatReferenceCode(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(5, '0')}`;
}

/** Reads a code as typed ("ntv 2026 42", "NTV-2026-00042") back to its canonical form, or undefined. */
export function parseReferenceCode(input: string, prefix = NOMINATION_CODE_PREFIX): string | undefined {
  const match = new RegExp(`^\\s*${prefix}[\\s\\-_.]*(\\d{4})[\\s\\-_.]*(\\d{1,7})\\s*$`, 'i').exec(input);
  if (!match) return undefined;
  return formatReferenceCode(prefix, Number(match[1]), Number(match[2]));
}
