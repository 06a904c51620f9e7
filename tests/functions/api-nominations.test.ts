import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../functions/shared/audit';
import { NominationRepository, RoundRepository, type Nomination } from '../../functions/shared/repository';
import { APPROVER, BUREAU, invoke, roundBody, school, startHarness, type ErrorAnswer, type Harness } from './api-harness';

let h: Harness;
let rounds: RoundRepository;
let noms: NominationRepository;

const ROUND = '2026-N1';
const XY = 'JT-XYXX';
const HL = 'JT-HLGZX';

type NominationView = Record<string, unknown> & { nominationId: string; unit: string };

function nomination(id: string, unit: string, over: Partial<Nomination> = {}): Nomination {
  return {
    nominationId: id,
    roundId: ROUND,
    unitCode: unit,
    status: 'accepted',
    source: { bucket: 'uploads', key: `rounds/${ROUND}/units/${unit}/${id}.json`, versionId: 'null' },
    receivedAt: '2026-03-05T02:00:00Z',
    tier: 3,
    personId: `P${id}`,
    candidateName: `候选人${id}`,
    form: { candidate: { name: `候选人${id}`, idNumber: '320482199205014521', birthDate: '1992-05-01' } } as unknown as Nomination['form'],
    verdict: { tier: 3, eligible: true, asOf: '2026-04-01', policy: 'jintan-2020@1', reasons: [{ clause: 'E-T3', rule: 'age', ok: true, message: '33 周岁' }] },
    ...over,
  };
}

beforeAll(async () => {
  h = await startHarness();
  rounds = new RoundRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
  noms = new NominationRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
  const body = roundBody(ROUND);
  await rounds.create({
    roundId: ROUND, status: 'open', referenceDate: body.referenceDate, openedAt: '2026-03-01T00:00:00Z',
    intakeClosesAt: body.intakeClosesAt, scoringClosesAt: body.scoringClosesAt, tiers: [3], scoringModel: body.scoringModel,
  });
  await noms.putIfAbsent(nomination('N1', XY, { score: 91.5, rank: 1, position: 1, proposed: 'admit' }));
  await noms.putIfAbsent(nomination('N2', XY, { score: 80, rank: 2, position: 2, proposed: 'admit' }));
  await noms.putIfAbsent(nomination('N3', HL, { score: 80, rank: 2, position: 3, proposed: 'waitlist' }));
  await noms.putIfAbsent(nomination('N4', HL, { verdict: { tier: 3, eligible: false, asOf: '2026-04-01', policy: 'jintan-2020@1', reasons: [{ clause: 'E-T3', rule: 'age', ok: false, message: '36 周岁，超过 35' }] } }));
  await noms.putIfAbsent({
    nominationId: 'N5', roundId: ROUND, unitCode: XY, status: 'rejected', receivedAt: '2026-03-06T00:00:00Z',
    source: { bucket: 'uploads', key: `rounds/${ROUND}/units/${XY}/bad.json`, versionId: 'null' },
    problems: [{ code: 'FORM_INVALID', path: 'candidate.idNumber', zh: '身份证号校验位错误', en: 'ID number checksum' }],
    // As intake refuses a person another unit holds: which unit is for the bureau only.
    nominatedElsewhere: { unitCode: HL, nominationId: 'N3' },
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('GET /rounds/{roundId}/nominations', () => {
  it('shows a school its own unit only, without ID numbers or birth dates', async () => {
    const res = await invoke<{ nominations: NominationView[] }>(h, 'GET /rounds/{roundId}/nominations', school(XY), { path: { roundId: ROUND } });
    expect(res.status).toBe(200);
    expect(res.body.nominations.map((n) => n.nominationId).sort()).toEqual(['N1', 'N2', 'N5']);
    const n1 = res.body.nominations.find((n) => n.nominationId === 'N1');
    expect(n1).toMatchObject({
      unit: XY, status: 'accepted', tier: 3, candidateName: '候选人N1', score: 91.5, rank: 1, position: 1, proposed: 'admit',
      verdict: { eligible: true, reasons: [{ clause: 'E-T3', rule: 'age', ok: true }] },
      source: { key: `rounds/${ROUND}/units/${XY}/N1.json` }, receivedAt: '2026-03-05T02:00:00Z',
    });
    const n5 = res.body.nominations.find((n) => n.nominationId === 'N5');
    expect(n5).toMatchObject({ status: 'rejected', problems: [{ code: 'FORM_INVALID', path: 'candidate.idNumber' }] });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('320482199205014521');
    expect(text).not.toContain('1992-05-01');
    expect(text).not.toContain('personId');
    // Nothing of the other unit that holds a person this school tried to nominate (issue #12).
    expect(text).not.toContain(HL);
    expect(n5).not.toHaveProperty('nominatedElsewhere');
  });

  it('refuses a school asking for another unit (403)', async () => {
    const res = await invoke<ErrorAnswer>(h, 'GET /rounds/{roundId}/nominations', school(XY), { path: { roundId: ROUND }, query: { unit: HL } });
    expect(res.status).toBe(403);
  });

  it('shows the bureau the whole round, or one unit, a page at a time', async () => {
    const all = await invoke<{ nominations: NominationView[] }>(h, 'GET /rounds/{roundId}/nominations', BUREAU, { path: { roundId: ROUND } });
    expect(all.body.nominations).toHaveLength(5);
    expect(all.body.nominations.find((n) => n.nominationId === 'N5')).toMatchObject({ nominatedElsewhere: { unitCode: HL, nominationId: 'N3' } });
    const one = await invoke<{ nominations: NominationView[] }>(h, 'GET /rounds/{roundId}/nominations', BUREAU, { path: { roundId: ROUND }, query: { unit: HL } });
    expect(one.body.nominations.map((n) => n.unit)).toEqual([HL, HL]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke<{ nominations: NominationView[]; cursor?: string }>(h, 'GET /rounds/{roundId}/nominations', BUREAU, {
        path: { roundId: ROUND }, query: { limit: '2', ...(cursor ? { cursor } : {}) },
      });
      expect(page.body.nominations.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.nominations.map((n) => n.nominationId));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['N1', 'N2', 'N3', 'N4', 'N5']);
    const bad = await invoke<ErrorAnswer>(h, 'GET /rounds/{roundId}/nominations', BUREAU, { path: { roundId: ROUND }, query: { cursor: 'garbage!' } });
    expect(bad.status).toBe(400);
  });

  it('is not for the approver before ranking (403); once the round awaits the decision, the approver reads it whole, without personal data', async () => {
    const early = await invoke<ErrorAnswer>(h, 'GET /rounds/{roundId}/nominations', APPROVER, { path: { roundId: ROUND } });
    expect([early.status, early.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(early.body.error.zh).toMatch(/排名后审批人方可查看/);
    const body = roundBody('2026-N2');
    await rounds.create({
      roundId: '2026-N2', status: 'awaiting-decision', referenceDate: body.referenceDate, openedAt: '2026-03-01T00:00:00Z',
      intakeClosesAt: body.intakeClosesAt, scoringClosesAt: body.scoringClosesAt, tiers: [3], scoringModel: body.scoringModel,
    });
    await noms.putIfAbsent({ ...nomination('N9', XY, { score: 70, rank: 1, position: 1, proposed: 'admit' }), roundId: '2026-N2', enteredScores: { interview: 70 } });
    const res = await invoke<{ nominations: NominationView[] }>(h, 'GET /rounds/{roundId}/nominations', APPROVER, { path: { roundId: '2026-N2' } });
    expect(res.status).toBe(200);
    expect(res.body.nominations).toEqual([expect.objectContaining({ nominationId: 'N9', candidateName: '候选人N9', proposed: 'admit', verdict: expect.objectContaining({ eligible: true }) })]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('320482199205014521');
    expect(text).not.toContain('1992-05-01');
    expect(text).not.toContain('enteredScores');
  });
});

describe('PUT /rounds/{roundId}/nominations/{nominationId}/scores', () => {
  const path = { roundId: ROUND, nominationId: 'N1' };

  it('is refused while intake is open (409), allowed once the round is closed', async () => {
    const early = await invoke<ErrorAnswer>(h, 'PUT /rounds/{roundId}/nominations/{nominationId}/scores', BUREAU, { path, body: { components: { interview: 88 } } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SCORES_NOT_NOW');
    await rounds.update(ROUND, { status: 'closed' });
    const res = await invoke<{ nomination: Record<string, unknown> }>(h, 'PUT /rounds/{roundId}/nominations/{nominationId}/scores', BUREAU, { path, body: { components: { interview: 88 } } });
    expect(res.status).toBe(200);
    expect(res.body.nomination.enteredScores).toEqual({ interview: 88 });
    const stored = await noms.get(ROUND, 'N1');
    expect(stored?.enteredScores).toEqual({ interview: 88 });
    expect(stored?.enteredScoresBy).toBe('bureau.li');
    const entries = await new AuditLog(h.emu.doc, h.emu.tables.audit).list(`nomination/${ROUND}/N1`);
    expect(entries.map((e) => e.action)).toContain('nomination.scores-entered');
  });

  it('checks components against the round\'s scoring model (400 with a problem per component)', async () => {
    const res = await invoke<ErrorAnswer>(h, 'PUT /rounds/{roundId}/nominations/{nominationId}/scores', BUREAU, {
      path, body: { components: { interview: 101, honour: 5, written: 70 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems?.map((p) => [p.code, p.path])).toEqual([
      ['SCORE_OUT_OF_RANGE', 'components.interview'], ['SCORE_NOT_ENTERED', 'components.honour'], ['SCORE_UNKNOWN_COMPONENT', 'components.written'],
    ]);
    const shape = await invoke<ErrorAnswer>(h, 'PUT /rounds/{roundId}/nominations/{nominationId}/scores', BUREAU, { path, body: { components: { interview: 'high' } } });
    expect(shape.status).toBe(400);
    expect(shape.body.error.problems?.[0]?.path).toBe('components.interview');
  });

  it('is the bureau\'s, for accepted nominations of the round', async () => {
    expect((await invoke(h, 'PUT /rounds/{roundId}/nominations/{nominationId}/scores', school(XY), { path, body: { components: { interview: 1 } } })).status).toBe(403);
    expect((await invoke(h, 'PUT /rounds/{roundId}/nominations/{nominationId}/scores', BUREAU, { path: { roundId: ROUND, nominationId: 'N404' }, body: { components: { interview: 1 } } })).status).toBe(404);
    expect((await invoke(h, 'PUT /rounds/{roundId}/nominations/{nominationId}/scores', BUREAU, { path: { roundId: ROUND, nominationId: 'N5' }, body: { components: { interview: 1 } } })).status).toBe(409);
  });
});

describe('GET /rounds/{roundId}/shortlist', () => {
  it('ranks per tier with free seats, proposals, the cut-off tie and the counts', async () => {
    for (const who of [BUREAU, APPROVER]) {
      const res = await invoke<{ tiers: Array<Record<string, unknown> & { ranked: Array<Record<string, unknown>> }>; rejected: number }>(
        h, 'GET /rounds/{roundId}/shortlist', who, { path: { roundId: ROUND } },
      );
      expect(res.status).toBe(200);
      expect(res.body.tiers).toHaveLength(1);
      const [t3] = res.body.tiers;
      expect(t3).toMatchObject({ tier: 3, cap: 50, freeSeats: 50, counts: { accepted: 4, ranked: 3, proposed: 2, ineligible: 1, incomplete: 0 } });
      expect(t3?.ranked.map((r) => [r.nominationId, r.rank, r.position, r.proposed])).toEqual([['N1', 1, 1, 'admit'], ['N2', 2, 2, 'admit'], ['N3', 2, 3, 'waitlist']]);
      expect(t3?.ranked[0]).toMatchObject({ name: '候选人N1', unit: XY, score: 91.5 });
      expect(t3?.cutoffTie).toMatchObject({ clause: 'S-ROUND', rank: 2, admitted: ['N2'], waitlisted: ['N3'] });
      expect(res.body.rejected).toBe(1);
    }
  });

  it('is not for schools', async () => {
    expect((await invoke(h, 'GET /rounds/{roundId}/shortlist', school(XY), { path: { roundId: ROUND } })).status).toBe(403);
  });
});
