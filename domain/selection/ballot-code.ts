/**
 * 民主推荐 ballot codes (DESIGN §7, S-RECOMMEND): what a voter types from a printed slip.
 *
 * 12 characters of a 31-letter alphabet without the look-alikes 0/O and 1/I/L, grouped ABCD-EFGH-JKMN for reading aloud and typing on a phone.
 *
 * How large the space is, and why guessing is hopeless:
 *   31^12 = 787,662,783,788,549,761 ≈ 7.9 × 10^17 ≈ 2^59.4 codes.
 *   A district round issues at most a few thousand units × a few hundred codes; take a
 *   generous 10^6 live codes. One random guess hits one of them with probability
 *   10^6 / 7.9 × 10^17 ≈ 1.3 × 10^-12.
 *   The public ballot routes are throttled (contracts/ballot.ts BALLOT_THROTTLE: 10 requests
 *   a second across all callers, burst 20, on API Gateway and in the local gateway alike).
 *   At that ceiling for a whole 30-day ballot, 10 × 86,400 × 30 ≈ 2.6 × 10^7 guesses hit
 *   a live code with probability ≈ 2.6 × 10^7 × 1.3 × 10^-12 ≈ 3.3 × 10^-5 — and a hit
 *   would cast one vote among hundreds, not see anything else.
 * Codes are drawn by the adapter (functions/shared/ballot-secrets.ts) with node:crypto's
 * randomInt (a CSPRNG, unbiased); only an HMAC of a code is stored.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 12;
const GROUP = 4;

/** The alphabet's size, for the arithmetic above (a test checks the two agree). */
export const CODE_ALPHABET_SIZE = CODE_ALPHABET.length;

/** A code as printed: ABCD-EFGH-JKMN. */
export function formatCode(raw: string): string {
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i += GROUP) parts.push(raw.slice(i, i + GROUP));
  return parts.join('-');
}

/**
 * What a voter typed, as the 12 characters that are hashed, or undefined when it cannot be a
 * code. Forgiving in what a person does (lower case, spaces, dashes), strict in the result: anything else is no code,
 * and the caller answers exactly as for an unknown code.
 */
export function normalizeCode(input: string): string | undefined {
  if (input.length > 40) return undefined;
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== CODE_LENGTH) return undefined;
  for (const ch of raw) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return raw;
}
