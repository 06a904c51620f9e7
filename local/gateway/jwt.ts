import { SignJWT, exportJWK, generateKeyPair, jwtVerify, createLocalJWKSet, type JWTPayload, type JWK } from 'jose';

/**
 * A local stand-in for the Cognito user pool: it mints tokens with the same claims the
 * deployed JWT authorizer hands the API (`cognito:groups`, `custom:unit`), and verifies
 * them the way API Gateway's JWT authorizer does (signature, issuer, audience, expiry).
 */
export type Role = 'bureau' | 'approver' | 'school';

export interface LocalIdentity {
  sub: string;
  username: string;
  groups: Role[];
  unit?: string;
}

export interface LocalIssuer {
  issuer: string;
  audience: string;
  jwks: { keys: JWK[] };
  /** `extra`: more claims (an OIDC nonce, say) for the local stand-in of a hosted sign-in. */
  mint(identity: LocalIdentity, ttlSeconds?: number, extra?: JWTPayload): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
}

export async function createLocalIssuer(issuer = 'http://127.0.0.1/local-user-pool', audience = 'talent-pool-local'): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'ES256', use: 'sig' };
  const jwks = { keys: [publicJwk] };
  const keySet = createLocalJWKSet(jwks);
  return {
    issuer,
    audience,
    jwks,
    async mint(identity, ttlSeconds = 8 * 3600, extra = {}) {
      const claims: JWTPayload = {
        ...extra,
        'cognito:groups': identity.groups,
        'cognito:username': identity.username,
        token_use: 'id',
      };
      if (identity.unit) claims['custom:unit'] = identity.unit;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'local-1' })
        .setSubject(identity.sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, keySet, { issuer, audience });
      return payload;
    },
  };
}

/**
 * API Gateway's JWT authorizer passes claims to the integration as strings; an array claim
 * such as `cognito:groups` arrives as "[bureau approver]". The local gateway does the same,
 * so the handler parses one format everywhere.
 */
export function flattenClaims(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (Array.isArray(v)) out[k] = `[${v.join(' ')}]`;
    else if (v !== undefined && v !== null) out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}
