import { isIsoDate, type IsoDate } from '../dates';

/**
 * The 18-digit citizen identity number (GB 11643-1999): 6 digits of area code, the birth
 * date as YYYYMMDD, a 3-digit sequence whose last digit is odd for men and even for women,
 * and a check character computed with ISO 7064 MOD 11-2 (0–9 or X).
 */

const SHAPE = /^\d{17}[\dXx]$/;
/** Weight of each of the first 17 digits: 2^(17−i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for (Σ digit·weight) mod 11. */
const CHECK_CHARS = '10X98765432';

/** 18 characters, the first 17 digits and the last a digit or X (lower-case x tolerated). */
export function hasIdNumberShape(id: string): boolean {
  return SHAPE.test(id);
}

/** The MOD 11-2 check character for the first 17 digits of an id, or null if not 17 digits. */
export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? null;
}

/** Shape and checksum. Does not check the area code (no list is kept) or the birth date. */
export function isValidIdNumber(id: string): boolean {
  if (!hasIdNumberShape(id)) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id.slice(17).toUpperCase();
}

/** The birth date embedded in an id (positions 7–14), or null when it is not a real date. */
export function birthDateFromIdNumber(id: string): IsoDate | null {
  if (!hasIdNumberShape(id)) return null;
  const date = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isIsoDate(date) ? date : null;
}

/** Gender from the sequence's last digit (position 17): odd = M, even = F. */
export function genderFromIdNumber(id: string): 'M' | 'F' | null {
  if (!hasIdNumberShape(id)) return null;
  const d = id.charCodeAt(16) - 48;
  return d % 2 === 1 ? 'M' : 'F';
}
