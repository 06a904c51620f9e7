import type { Member } from '../../domain/membership/member';
import { writeLrmx } from '../../formats/lrmx/write';
import { NotFound } from '../errors';
import { memberNotFound } from '../members/append-event';
import { admissionForm } from '../members/priority';
import type { UseCaseContext } from '../ports';

/** The content type of an .lrmx download (XML; the editor opens it by its extension). */
export const LRMX_CONTENT_TYPE = 'application/xml; charset=utf-8';

export interface LrmxFile {
  /** `{name}-{personId}.lrmx`: the editor's users file one 任免表 per person by name. */
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * A member's 干部任免审批表 as an .lrmx (issue #13.4, DESIGN §8): the form of the nomination
 * the member was admitted from (the round's person claim names it, as C-PRIORITY reads it),
 * and the member's annual review grades, written by formats/lrmx/write.ts. `asOf` is the
 * Beijing date of the request (计算年龄时间): given, never read from a clock here.
 *
 * A member who entered without a round's nomination (a filed-list import) has no stored form:
 * refused (MEMBER_FORM_NOT_FOUND), never written half-empty as if it were the person's.
 *
 * The file carries the ID number in full (the editor's 身份证号 box): DESIGN §8 has the audit
 * record every document that does, so each export is an audit entry (who, when, whose —
 * never the number itself).
 */
export async function exportMemberLrmx(ctx: Pick<UseCaseContext, 'repos' | 'audit'>, cmd: { personId: string; asOf: string; actor: string }): Promise<LrmxFile> {
  const { personId, asOf } = cmd;
  const s = await ctx.repos.members.get<Member>(personId);
  if (!s?.state) throw memberNotFound(personId);
  const form = await admissionForm(ctx, s);
  if (!form) throw new NotFound({ zh: `成员 ${personId} 的推荐表（经导入入库的成员没有推荐表）`, en: `the nomination form of member ${personId} (a member imported from a filed list has none)` }, 'MEMBER_FORM_NOT_FOUND');
  const bytes = writeLrmx({ form, asOf, assessments: s.state.assessments });
  await ctx.audit.append({ entity: `member/${personId}`, action: 'member.lrmx-exported', actor: cmd.actor, details: { asOf, idNumberInFull: true } });
  return { fileName: `${form.candidate.name}-${personId}.lrmx`, contentType: LRMX_CONTENT_TYPE, bytes };
}
