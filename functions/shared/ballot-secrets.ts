import { createHmac, randomInt } from 'node:crypto';
import type { BallotSecrets } from '../../app/ports/ballots';
import { CODE_ALPHABET, CODE_LENGTH } from '../../domain/selection/ballot-code';

/**
 * The ballot's secrets (S-RECOMMEND). Codes: CODE_LENGTH draws from CODE_ALPHABET with
 * node:crypto's randomInt (a CSPRNG, rejection-sampled, so every code is equally likely;
 * the space and the odds of a guess are in domain/selection/ballot-code.ts).
 *
 * Hashes: HMAC-SHA256 under the deployment's secret key (PERSON_ID_KEY, a Secrets Manager
 * secret on AWS), each purpose under its own tag so the values never coincide. Keyed, not a
 * plain or salted SHA-256: a stolen table alone cannot test candidate codes at all, and a
 * per-round salt would not work — the voter types only the code, so the lookup key must be
 * computable from the code alone.
 */
const TAG = { code: 'talent-pool/ballot-code/v1\0', claim: 'talent-pool/ballot-claim/v1\0', vote: 'talent-pool/ballot-vote/v1\0' } as const;

export function ballotSecrets(key: string): BallotSecrets {
  const mac = (tag: string, value: string) => createHmac('sha256', key).update(tag + value, 'utf8').digest('base64url');
  return {
    newCode: () => {
      let out = '';
      for (let i = 0; i < CODE_LENGTH; i += 1) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      return out;
    },
    codeHash: (code) => mac(TAG.code, code),
    claimTag: (submissionId) => mac(TAG.claim, submissionId.toLowerCase()),
    // 22 characters (128 bits) of the HMAC: unique for every vote a district will ever cast.
    voteId: (submissionId) => mac(TAG.vote, submissionId.toLowerCase()).slice(0, 22),
  };
}
