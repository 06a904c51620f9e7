import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { Forbidden, Unauthorized } from '../../app/errors';
import { UnitCodeSchema } from '../../contracts/ids';
import { ROLES, type Role } from '../../contracts/roles';

/**
 * Who is calling, from the JWT authorizer's claims (Cognito: `cognito:groups`, `custom:unit`;
 * another OIDC provider: the claims the deployment names, infra/identity.ts).
 * API Gateway flattens an array claim to a string like "[bureau approver]"; a real array or
 * a comma list is accepted too. A school user without a (well-formed) unit is refused: a
 * school sees only its own unit, so it must have one.
 */
export type { Role };

export interface Caller {
  sub: string;
  username: string;
  roles: ReadonlySet<Role>;
  /** The school user's unit code (`custom:unit`). */
  unit?: string;
}

type Claims = Record<string, unknown>;

/** Which claims carry the groups, the unit and the user's name. */
export interface ClaimNames {
  readonly groups: string;
  readonly unit: string;
  readonly username: string;
}

export const COGNITO_CLAIMS: ClaimNames = { groups: 'cognito:groups', unit: 'custom:unit', username: 'cognito:username' };

/** The deployment's claim names (AUTH_*_CLAIM, set by the stack for an external provider), else Cognito's. */
export function claimNamesFrom(env: { AUTH_GROUPS_CLAIM?: string | undefined; AUTH_UNIT_CLAIM?: string | undefined; AUTH_USERNAME_CLAIM?: string | undefined }): ClaimNames {
  const named = (v: string | undefined, fallback: string) => (v !== undefined && v.trim() !== '' ? v.trim() : fallback);
  return {
    groups: named(env.AUTH_GROUPS_CLAIM, COGNITO_CLAIMS.groups),
    unit: named(env.AUTH_UNIT_CLAIM, COGNITO_CLAIMS.unit),
    username: named(env.AUTH_USERNAME_CLAIM, COGNITO_CLAIMS.username),
  };
}

export function parseGroups(raw: unknown): Role[] {
  const words = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw.replace(/^\s*\[|\]\s*$/g, '').split(/[\s,]+/)
      : [];
  return ROLES.filter((r) => words.some((w) => w.trim().replace(/^"|"$/g, '') === r));
}

export function callerOf(event: APIGatewayProxyEventV2WithJWTAuthorizer, names: ClaimNames = COGNITO_CLAIMS): Caller {
  const claims = (event.requestContext?.authorizer?.jwt?.claims ?? {}) as Claims;
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (sub === '') throw new Unauthorized();
  const rawName = claims[names.username];
  const username = typeof rawName === 'string' && rawName !== '' ? rawName : sub;
  const roles = new Set(parseGroups(claims[names.groups]));
  const rawUnit = claims[names.unit];
  const unit = typeof rawUnit === 'string' && UnitCodeSchema.safeParse(rawUnit).success ? rawUnit : undefined;
  if (roles.has('school') && unit === undefined) {
    throw new Forbidden('学校账号未设置所属单位，无法使用', 'a school account without a unit is refused');
  }
  return { sub, username, roles, ...(unit !== undefined ? { unit } : {}) };
}

/** Throws 403 unless the caller holds one of the roles. */
export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!roles.some((r) => caller.roles.has(r))) throw new Forbidden();
}

export function isBureau(caller: Caller): boolean {
  return caller.roles.has('bureau');
}

/**
 * The unit a school caller is confined to on unit-scoped routes, or undefined for the
 * bureau, who acts for every unit. Holding the approver group as well widens nothing: the
 * approver has no unit-scoped rights.
 */
export function confinedUnit(caller: Caller): string | undefined {
  if (caller.roles.has('bureau')) return undefined;
  return caller.roles.has('school') ? caller.unit : undefined;
}

/** Bureau and approver see rounds whole; a school sees their public fields. */
export function seesRoundsWhole(caller: Caller): boolean {
  return caller.roles.has('bureau') || caller.roles.has('approver');
}

/** Audit actor for a person. */
export function actorOf(caller: Caller): string {
  return `user:${caller.username}`;
}
