import { createHmac } from 'node:crypto';

/**
 * personId = 'P' + the first 20 hex digits of HMAC-SHA256(idNumber, PERSON_ID_KEY): one
 * person, one id, without the ID number in any key or log. The ID number is normalised
 * (trimmed, x → X) first so the same person never gets two ids.
 */
export function personIdOf(idNumber: string, key: string): string {
  const normalised = idNumber.trim().toUpperCase();
  return 'P' + createHmac('sha256', key).update(normalised, 'utf8').digest('hex').slice(0, 20);
}

