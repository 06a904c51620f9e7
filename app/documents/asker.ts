import type { Role } from '../../contracts/roles';
import { Forbidden } from '../errors';

/**
 * Who asks for a document, as the API's caller or the CLI's session says: the roles, and a
 * school's own unit. The documents carry personal data (names, birth months, a member's
 * record), so each use case says who may have it before it reads anything.
 */
export interface DocumentAsker {
  roles: readonly Role[];
  /** A school account's unit (required for a school). */
  unit?: string;
  /** `user:{username}`, for the audit trail. */
  actor: string;
}

export const isBureau = (a: DocumentAsker) => a.roles.includes('bureau');

/** Only the bureau (the 公示 notice is the bureau's to issue). */
export function requireBureau(a: DocumentAsker, what: { zh: string; en: string }): void {
  if (!isBureau(a)) throw new Forbidden(`只有区教育局可以生成${what.zh}`, `only the bureau makes the ${what.en}`);
}

/**
 * The bureau, or a school for its own unit's members: the unit code a school is limited to
 * (undefined for the bureau). A school without a unit, or anyone else, is refused.
 */
export function ownUnitOrBureau(a: DocumentAsker, what: { zh: string; en: string }): string | undefined {
  if (isBureau(a)) return undefined;
  if (a.roles.includes('school') && a.unit) return a.unit;
  throw new Forbidden(`只有区教育局或本单位可以生成${what.zh}`, `only the bureau, or a school for its own members, makes the ${what.en}`);
}

/** What a use case hands back: the file, named as an office would save it. */
export interface DocumentFile {
  fileName: string;
  contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  bytes: Uint8Array;
}

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' as const;

/** A file name without path separators or characters Windows refuses. */
export function safeFileName(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001F\\/:*?"<>|]/g, '_').slice(0, 120);
}
