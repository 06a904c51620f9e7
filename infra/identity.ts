/**
 * Who signs people in. By default the stack creates a Cognito user pool. A bureau whose region
 * has no Cognito user pools (the AWS China regions' documentation lists user pools as not
 * available there), or which already runs an identity provider, names an OIDC issuer instead:
 * the HTTP API's JWT authorizer then trusts that issuer, and the API reads roles and unit
 * from the claims named here.
 */
export interface ExternalIdentity {
  /** The OIDC issuer URL (https), exactly as the tokens' `iss`. */
  readonly issuer: string;
  /** Accepted `aud` (or `client_id`) values: at least one. */
  readonly audience: readonly string[];
  /** The claim listing the user's groups (`bureau`, `approver`, `school`). Default `groups`. */
  readonly groupsClaim?: string;
  /** The claim holding a school user's unit code. Default `unit`. */
  readonly unitClaim?: string;
  /** The claim naming the user in the audit log. Default `preferred_username` (else `sub`). */
  readonly usernameClaim?: string;
  /** The web console's client id at the provider (a public client, PKCE). Default the first audience. */
  readonly consoleClientId?: string;
}

/**
 * Environment the API function gets when an external provider signs people in; without it
 * the handler reads Cognito's claims (functions/api/auth.ts).
 */
export function claimEnvironment(identity: ExternalIdentity): Record<string, string> {
  return {
    AUTH_GROUPS_CLAIM: identity.groupsClaim ?? 'groups',
    AUTH_UNIT_CLAIM: identity.unitClaim ?? 'unit',
    AUTH_USERNAME_CLAIM: identity.usernameClaim ?? 'preferred_username',
  };
}

/** Refuses a configuration API Gateway would reject at deploy time, or that would trust nothing. */
export function validateExternalIdentity(identity: ExternalIdentity): ExternalIdentity {
  let url: URL;
  try {
    url = new URL(identity.issuer);
  } catch {
    throw new Error(`jwtIssuer must be an https URL, got ${identity.issuer}`);
  }
  if (url.protocol !== 'https:') throw new Error(`jwtIssuer must be an https URL, got ${identity.issuer}`);
  const audience = identity.audience.map((a) => a.trim()).filter((a) => a !== '');
  if (audience.length === 0) throw new Error('jwtAudience is required with jwtIssuer (comma-separated client ids)');
  for (const [key, value] of [['jwtGroupsClaim', identity.groupsClaim], ['jwtUnitClaim', identity.unitClaim], ['jwtUsernameClaim', identity.usernameClaim]] as const) {
    if (value !== undefined && !/^[\w:.\-/]{1,128}$/.test(value)) throw new Error(`${key} is not a claim name: ${value}`);
  }
  return { ...identity, audience };
}
