import { Conflict, NotFound } from '../../errors';

/**
 * The ballot's refusals (S-RECOMMEND), one code each. A code that is not a live code — never
 * issued, mistyped, malformed — gets one answer whatever the reason, so the public page says
 * nothing about which codes exist. A used code is told "already voted": only its holder can
 * know it, and it tells them why the page will not open again.
 */
export const codeInvalid = () => new NotFound({ zh: '该投票码（请核对后重新输入）', en: 'ballot code (check it and type it again)' }, 'BALLOT_CODE_INVALID');

export const codeUsed = () => new Conflict('BALLOT_CODE_USED', '该投票码已投过票，每个投票码只能投票一次', 'this code has already voted; each code votes once', { clause: 'S-RECOMMEND' });

export const ballotClosed = () => new Conflict('BALLOT_CLOSED', '民主推荐投票已截止', 'the ballot has closed', { clause: 'S-RECOMMEND' });

export const ballotNotOpen = () => new Conflict('BALLOT_NOT_OPEN', '该单位的民主推荐尚未开始', 'this unit has no ballot open', { clause: 'S-RECOMMEND' });
