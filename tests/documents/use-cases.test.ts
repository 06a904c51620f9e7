import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentFormDocument } from '../../app/documents/appointment-form';
import type { DocumentAsker } from '../../app/documents/asker';
import { publicityNoticeDocument, type PublicityNoticeCommand } from '../../app/documents/publicity-notice';
import { isAppError } from '../../app/errors';
import { writeMemberEvents } from '../../app/members/write-events';
import { admitOne } from '../../app/round/admit-one';
import { parseNominationForm } from '../../domain/form/parse';
import type { Member } from '../../domain/membership/member';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import type { Nomination } from '../../domain/round/nomination';
import type { Round, RoundDecision } from '../../domain/round/round';
import { startEmulators, type Emulators } from '../support/emulators';
import { newWorld, type World } from '../support/admissions';
import { validForm } from '../support/forms';
import { shortlistOf } from '../support/rounds';
import { everything, paragraphTexts, parts } from './docx-parts';

/**
 * The document use cases over the real adapters (dynalite): the 公示 notice from a round's
 * approved list, a member's 干部任免审批表 from the admitted form and the record — who may ask,
 * what each refusal's code is, and that an ID number never reaches the notice.
 */

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu.stop();
});

const BUREAU: DocumentAsker = { roles: ['bureau'], actor: 'user:bureau-1' };
const SCHOOL: DocumentAsker = { roles: ['school'], unit: 'JT-XYXX', actor: 'user:school-1' };
const OTHER_SCHOOL: DocumentAsker = { roles: ['school'], unit: 'JT-OTHER', actor: 'user:school-2' };
const APPROVER: DocumentAsker = { roles: ['approver'], actor: 'user:approver-1' };
const NOW = new Date('2027-03-05T02:00:00Z');
/** The 公示 block runs in 2026: the working-day calendar (domain/calendar) ends with 2026. */
const PUBLICITY_NOW = new Date('2026-03-05T02:00:00Z');

async function refusal(p: Promise<unknown>): Promise<{ code: string; status: number; problems?: Array<{ code: string; path: string }> }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** An accepted, eligible, scored nomination of a person (the form as intake stores it, ID number included). */
function nomination(roundId: string, id: string, tier: 1 | 2 | 3, person: { name: string; seq: string; birthDate: string }): Nomination {
  const base = validForm({ roundId, name: person.name, seq: person.seq, birthDate: person.birthDate });
  // The 17th digit of the ID number says the gender: odd is male.
  const raw = { ...base, tier, candidate: { ...base.candidate, gender: Number(person.seq) % 2 === 1 ? 'M' : 'F' } };
  const form = parseNominationForm(raw);
  if (!form.ok) throw new Error(JSON.stringify(form.problems));
  return {
    nominationId: id, roundId, unitCode: 'JT-XYXX', status: 'accepted',
    source: { bucket: 'uploads', key: `rounds/${roundId}/units/JT-XYXX/${id}.json`, versionId: 'null' },
    receivedAt: '2026-01-10T08:00:00.000Z', personId: `P${id}`, tier, candidateName: person.name, form: form.value,
    verdict: { tier, eligible: true, asOf: '2026-01-01', policy: 'jintan-2020@1', reasons: [] },
    scoring: { status: 'scored', clause: 'S-ROUND', score: 80, components: [], tiebreak: [] },
  };
}

const PEOPLE = {
  N1: { name: '张三', seq: '452', birthDate: '1992-05-01' },
  N2: { name: '欧阳明轩', seq: '451', birthDate: '1985-11-02' },
  N3: { name: '李四', seq: '454', birthDate: '1990-02-03' },
};

let rounds = 0;
async function roundWith(w: World, over: Partial<Round> & { decision?: RoundDecision }): Promise<Round> {
  const roundId = `2026-R${++rounds}`;
  const noms = [nomination(roundId, 'N1', 3, PEOPLE.N1), nomination(roundId, 'N2', 1, PEOPLE.N2), nomination(roundId, 'N3', 3, PEOPLE.N3)];
  for (const n of noms) await w.repos.nominations.putIfAbsent(n);
  const round: Round = {
    roundId, title: '2026年度后备人才遴选', status: 'awaiting-decision', referenceDate: '2026-01-01',
    openedAt: '2026-01-01T00:00:00Z', intakeClosesAt: '2026-01-20T00:00:00Z',
    shortlist: shortlistOf({ 3: ['N1'], 1: ['N2'] }, { 1: 5, 2: 5, 3: 5 }), ...over,
  };
  // `shortlist: undefined` asks for a round not ranked yet.
  if ('shortlist' in over && over.shortlist === undefined) delete round.shortlist;
  await w.repos.rounds.create(round);
  return round;
}

const approve: RoundDecision = { decision: 'approve', by: 'approver-1', at: '2026-02-28T02:00:00Z' };
const cmd = (roundId: string, over: Partial<PublicityNoticeCommand> = {}): PublicityNoticeCommand => ({
  roundId, asker: BUREAU, period: { from: '2026-03-05', to: '2026-03-11' }, contact: '区教育局组织人事科，电话0519-82821234', now: PUBLICITY_NOW, ...over,
});

describe('the 公示 notice of a round', () => {
  it('lists the approved candidates — name, gender, birth month, unit and post, tier — and no ID number, birth date or other person', async () => {
    const w = await newWorld(emu);
    const round = await roundWith(w, { decision: approve });
    const file = await publicityNoticeDocument(w.deps, cmd(round.roundId));
    expect(file.fileName).toBe(`公示-${round.roundId}.docx`);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const p = parts(file.bytes);
    const texts = paragraphTexts(p['word/document.xml']!);
    expect(texts[0]).toBe('关于2026年度后备人才遴选拟入库人选的公示');
    // Tier by tier, as admission orders them: the tier-1 candidate first.
    const first = texts.indexOf('欧阳明轩');
    expect(texts.slice(first - 1, first + 5)).toEqual(['1', '欧阳明轩', '男', '1985.11', '金坛区西旸小学三年级班主任', '第一梯队\n党政正职后备']);
    expect(texts.slice(texts.indexOf('张三') - 1, texts.indexOf('张三') + 5)).toEqual(['2', '张三', '女', '1992.05', '金坛区西旸小学三年级班主任', '第三梯队\n学校中层后备']);
    expect(texts.some((t) => t.includes('公示时间：2026年3月5日至2026年3月11日'))).toBe(true);
    expect(texts.some((t) => t.includes('0519-82821234'))).toBe(true);
    expect(texts.slice(-2)).toEqual(['中共常州市金坛区教育工作委员会', '2026年3月5日']);
    const all = everything(p);
    for (const n of await Promise.all(['N1', 'N2', 'N3'].map((id) => w.repos.nominations.get(round.roundId, id)))) {
      const c = (n!.form as { candidate: { idNumber: string; birthDate: string } }).candidate;
      expect(all).not.toContain(c.idNumber);
      expect(all).not.toContain(c.idNumber.slice(6, 14));
      expect(all).not.toContain(c.birthDate);
    }
    expect(all).not.toContain('李四');
    // The trail says who took the list out, without the names.
    const trail = await w.deps.audit.list(`round/${round.roundId}`);
    const entry = trail.find((a) => a.action === 'document.publicity-notice')!;
    expect(entry).toMatchObject({ actor: 'user:bureau-1', clause: 'S-ROUND', details: { entries: 2, period: { from: '2026-03-05', to: '2026-03-11' } } });
    expect(JSON.stringify(entry)).not.toMatch(/张三|欧阳明轩/);
  });

  it('follows the approver\'s edits, and the admission plan once admission drew it up', async () => {
    const w = await newWorld(emu);
    const edited = await roundWith(w, { decision: { ...approve, decision: 'approve-with-edits', edits: { add: ['N3'], remove: ['N2'] } } });
    const texts = paragraphTexts(parts((await publicityNoticeDocument(w.deps, cmd(edited.roundId))).bytes)['word/document.xml']!);
    expect(texts).toContain('李四');
    expect(texts).toContain('张三');
    expect(texts).not.toContain('欧阳明轩');
    const admitted = await roundWith(w, {
      status: 'completed', decision: approve,
      admission: { clause: 'S-ROUND', ids: [{ id: 'N3', tier: 3 }], freeSeats: { 1: 5, 2: 5, 3: 5 }, decidedOn: '2026-02-28', approvedBy: 'approver-1' },
    });
    const after = paragraphTexts(parts((await publicityNoticeDocument(w.deps, cmd(admitted.roundId))).bytes)['word/document.xml']!);
    expect(after).toContain('李四');
    expect(after).not.toContain('张三');
  });

  it('is the bureau\'s alone: a school or the approver is refused (403)', async () => {
    const w = await newWorld(emu);
    const round = await roundWith(w, { decision: approve });
    for (const asker of [SCHOOL, APPROVER, { roles: [], actor: 'user:x' } as DocumentAsker]) {
      expect(await refusal(publicityNoticeDocument(w.deps, cmd(round.roundId, { asker })))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
  });

  it('names nobody before the approval, after a rejection or a timeout, or for a round not ranked (409, coded)', async () => {
    const w = await newWorld(emu);
    const pending = await roundWith(w, {});
    expect(await refusal(publicityNoticeDocument(w.deps, cmd(pending.roundId)))).toMatchObject({ code: 'PUBLICITY_NOT_APPROVED', status: 409 });
    const rejected = await roundWith(w, { status: 'rejected', decision: { ...approve, decision: 'reject' } });
    expect(await refusal(publicityNoticeDocument(w.deps, cmd(rejected.roundId)))).toMatchObject({ code: 'PUBLICITY_ROUND_REJECTED', status: 409 });
    const timedOut = await roundWith(w, { status: 'approval-timed-out' });
    expect(await refusal(publicityNoticeDocument(w.deps, cmd(timedOut.roundId)))).toMatchObject({ code: 'PUBLICITY_NOT_APPROVED' });
    const unranked = await roundWith(w, { status: 'open', shortlist: undefined });
    expect((await w.repos.rounds.require(unranked.roundId)).shortlist).toBeUndefined();
    expect(await refusal(publicityNoticeDocument(w.deps, cmd(unranked.roundId)))).toMatchObject({ code: 'PUBLICITY_NOT_READY', status: 409 });
    expect(await refusal(publicityNoticeDocument(w.deps, cmd('2099-R9')))).toMatchObject({ code: 'ROUND_NOT_FOUND', status: 404 });
    const emptied = await roundWith(w, { decision: { ...approve, decision: 'approve-with-edits', edits: { add: [], remove: ['N1', 'N2'] } } });
    expect(await refusal(publicityNoticeDocument(w.deps, cmd(emptied.roundId)))).toMatchObject({ code: 'PUBLICITY_EMPTY', status: 409 });
  });

  it('refuses a period that is not one, or shorter than five working days on the State Council\'s calendar, with the field', async () => {
    const w = await newWorld(emu);
    const round = await roundWith(w, { decision: approve });
    const bad = async (period: { from: string; to: string }) => (await refusal(publicityNoticeDocument(w.deps, cmd(round.roundId, { period })))).problems;
    // Thursday 5 to Sunday 8 March 2026: two working days.
    expect(await bad({ from: '2026-03-05', to: '2026-03-08' })).toEqual([expect.objectContaining({ code: 'PUBLICITY_PERIOD_TOO_SHORT', path: 'period.to', workingDays: 2, earliestTo: '2026-03-11' })]);
    // Five calendar days, three working days: the old calendar-day floor let this through.
    expect(await bad({ from: '2026-03-05', to: '2026-03-09' })).toEqual([expect.objectContaining({ code: 'PUBLICITY_PERIOD_TOO_SHORT', path: 'period.to', workingDays: 3 })]);
    // Across National Day 2026 (1–7 October off): eleven calendar days, four working days.
    expect(await bad({ from: '2026-09-28', to: '2026-10-08' })).toEqual([expect.objectContaining({ code: 'PUBLICITY_PERIOD_TOO_SHORT', path: 'period.to', workingDays: 4, earliestTo: '2026-10-09' })]);
    expect(await bad({ from: '2026-03-10', to: '2026-03-05' })).toEqual([expect.objectContaining({ code: 'PUBLICITY_PERIOD_INVALID', path: 'period.to' })]);
    expect(await bad({ from: '2026-02-30', to: '2026-03-11' })).toEqual([expect.objectContaining({ code: 'PUBLICITY_PERIOD_INVALID', path: 'period.from' })]);
    // A year the calendar lacks is refused with the year, not counted by weekdays.
    expect(await bad({ from: '2026-12-28', to: '2027-01-08' })).toEqual([expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN', path: 'period.to', year: 2027 })]);
    expect(await bad({ from: '2027-03-05', to: '2027-03-11' })).toEqual([expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN', path: 'period.from', year: 2027 })]);
    expect((await refusal(publicityNoticeDocument(w.deps, cmd(round.roundId, { issuer: '' })))).problems).toEqual([expect.objectContaining({ code: 'PUBLICITY_ISSUER_INVALID', path: 'issuer' })]);
    // Five working days across the holiday pass: 28, 29, 30 September, 8 and 9 October.
    await publicityNoticeDocument(w.deps, cmd(round.roundId, { period: { from: '2026-09-28', to: '2026-10-09' } }));
    // A make-up Sunday counts: Sunday 20 September 2026 (调休上班) to Thursday 24th is five.
    await publicityNoticeDocument(w.deps, cmd(round.roundId, { period: { from: '2026-09-20', to: '2026-09-24' } }));
  });
});

describe('a member\'s 干部任免审批表', () => {
  async function member(w: World): Promise<string> {
    await w.nominate('2026-R1', 1);
    const status = await admitOne(w.deps, { roundId: '2026-R1', on: '2026-04-20', at: '2026-04-20T02:00:00Z', by: 'approver-1' }, { id: 'N001', tier: 3 });
    expect(status).toBe('admitted');
    const personId = w.person(1);
    const written = await writeMemberEvents({ members: w.repos.members, policy: PLAN_2020, now: () => new Date('2027-09-01T00:00:00Z') }, personId, [
      { type: 'assessed', on: '2027-04-10', year: 2027, review: 'annual', grade: '合格' },
    ], { applied: (m: Member | undefined) => (m?.assessments.length ?? 0) > 0 });
    expect(written.ok).toBe(true);
    return personId;
  }

  it('fills what the admitted form and the record hold, leaves the rest blank, and carries no ID number', async () => {
    const w = await newWorld(emu);
    const personId = await member(w);
    const file = await appointmentFormDocument(w.deps, { personId, asker: BUREAU, proposedPost: '金坛区西旸小学德育处副主任', reason: '工作需要', now: new Date('2027-10-01T02:00:00Z') });
    expect(file.fileName).toBe(`干部任免审批表-候选人1-${personId}.docx`);
    const p = parts(file.bytes);
    const texts = paragraphTexts(p['word/document.xml']!);
    expect(texts).toContain('候选人1');
    expect(texts).toContain('1992.05\n(35岁)');
    expect(texts).toContain('本科');
    expect(texts).toContain('南京师范大学');
    expect(texts).toContain('金坛区西旸小学三年级班主任');
    expect(texts.some((t) => t.startsWith('2015.09--') && t.endsWith('金坛区西旸小学三年级班主任'))).toBe(true);
    expect(texts).toContain('2019.09 获常州市教学能手称号\n2021年 获区级优质课评比二等奖');
    expect(texts).toContain('2027年度合格');
    expect(texts).toContain('金坛区西旸小学德育处副主任');
    expect(texts).toContain('工作需要');
    // What form v1 and the record do not hold stays blank for the office.
    const cells = [...p['word/document.xml']!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => paragraphTexts(m[1]!).join('\n').replace(/\s+/g, ''));
    for (const label of ['民族', '籍贯', '出生地', '入党时间', '参加工作时间', '健康状况', '专业技术职务', '熟悉专业有何专长', '拟免职务']) {
      expect(cells[cells.indexOf(label) + 1], label).toBe('');
    }
    const nom = await w.repos.nominations.get('2026-R1', 'N001');
    const id = (nom!.form as { candidate: { idNumber: string } }).candidate.idNumber;
    expect(everything(p)).not.toContain(id);
    const trail = await w.deps.audit.list(`member/${personId}`);
    expect(trail.find((a) => a.action === 'document.appointment-form')).toMatchObject({ actor: 'user:bureau-1', details: { fromForm: true, nominationId: 'N001' } });
  });

  it('shows a post recorded since admission as the current one (X-USE), by the unit\'s registered name', async () => {
    const w = await newWorld(emu);
    const personId = await member(w);
    await w.repos.units.put({ code: 'JT-XYXX', name: '金坛区西旸小学', type: 'primary', orgDeptManaged: false, contacts: [], registeredAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'bureau-1' });
    const written = await writeMemberEvents({ members: w.repos.members, policy: PLAN_2020, now: () => new Date('2027-09-02T00:00:00Z') }, personId, [
      { type: 'appointed', on: '2027-09-01', post: '教务处副主任', unit: 'JT-XYXX', level: 'middle', exitsPool: true, kind: 'middle' },
    ], { applied: (m: Member | undefined) => (m?.appointments.length ?? 0) > 0 });
    expect(written.ok).toBe(true);
    const texts = paragraphTexts(parts((await appointmentFormDocument(w.deps, { personId, asker: BUREAU, now: NOW })).bytes)['word/document.xml']!);
    expect(texts).toContain('金坛区西旸小学教务处副主任');
  });

  it('is for the bureau, or a school for its own members: another school hears 403 whether the member is another unit\'s or nobody\'s', async () => {
    const w = await newWorld(emu);
    const personId = await member(w);
    await appointmentFormDocument(w.deps, { personId, asker: SCHOOL, now: NOW });
    expect(await refusal(appointmentFormDocument(w.deps, { personId, asker: OTHER_SCHOOL, now: NOW }))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await refusal(appointmentFormDocument(w.deps, { personId: 'P0000000000000000000', asker: OTHER_SCHOOL, now: NOW }))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await refusal(appointmentFormDocument(w.deps, { personId, asker: APPROVER, now: NOW }))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await refusal(appointmentFormDocument(w.deps, { personId, asker: { roles: ['school'], actor: 'user:s' }, now: NOW }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(appointmentFormDocument(w.deps, { personId: 'P0000000000000000000', asker: BUREAU, now: NOW }))).toMatchObject({ code: 'MEMBER_NOT_FOUND', status: 404 });
    expect((await refusal(appointmentFormDocument(w.deps, { personId, asker: BUREAU, reason: 'x'.repeat(501), now: NOW }))).problems).toEqual([expect.objectContaining({ code: 'DOCUMENT_TEXT_INVALID', path: 'reason' })]);
  });
});
