/**
 * Vietnamese phone numbers as people type them: "0912 345 678", "+84 912.345.678",
 * "84-912-345-678", "(024) 3825 1234". Stored as E.164, shown in the local grouping.
 */

export type PhoneResult =
  | { ok: true; e164: string; display: string; kind: 'mobile' | 'landline' }
  | { ok: false; reason: 'format' | 'length' | 'prefix' };

/** Parses a typed or shared phone number. Mobiles: 10 digits starting 03/05/07/08/09; landlines 02x, 11 digits. */
export function parsePhone(input: string): PhoneResult {
  const compact = input.normalize('NFKC').replace(/[\s.\-()\u00A0]/g, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: 'format' };
  let national: string;
  if (compact.startsWith('+84')) national = `0${compact.slice(3)}`;
  else if (compact.startsWith('+')) return { ok: false, reason: 'prefix' };
  else if (compact.startsWith('84') && compact.length >= 11) national = `0${compact.slice(2)}`;
  else if (compact.startsWith('0')) national = compact;
  else return { ok: false, reason: 'prefix' };
  if (national.startsWith('00')) return { ok: false, reason: 'prefix' };

  if (/^0[35789]/.test(national)) {
    if (national.length !== 10) return { ok: false, reason: 'length' };
    return { ok: true, kind: 'mobile', e164: `+84${national.slice(1)}`, display: formatNational(national) };
  }
  if (/^02/.test(national)) {
    if (national.length !== 11) return { ok: false, reason: 'length' };
    return { ok: true, kind: 'landline', e164: `+84${national.slice(1)}`, display: formatNational(national) };
  }
  return { ok: false, reason: 'prefix' };
}

/** Shows a stored E.164 number the way Vietnamese readers expect: 0912 345 678, 024 3825 1234. */
export function displayPhone(e164: string): string {
  return e164.startsWith('+84') ? formatNational(`0${e164.slice(3)}`) : e164;
}

function formatNational(national: string): string {
  if (national.length === 10) return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  // Hanoi (024) and Ho Chi Minh City (028) have 3-digit area codes; the other provinces 4.
  if (/^02[48]/.test(national)) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}
