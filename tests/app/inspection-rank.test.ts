import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rank } from '../../app/scoring/rank';
import type { Round } from '../../domain/round/round';
import type { InspectionRecord } from '../../domain/selection/inspection-record';
import { startEmulators, type Emulators } from '../support/emulators';
import { newWorld, type World } from '../support/admissions';

/**
 * Rank's two passes with 考察 on (S-INSPECT), over the real adapters on dynalite, with a tier
 * that has only two free seats (48 of tier 3's 50 held): the preliminary pass chooses
 * ceil(2 × ratio) 考察对象 from the top — and all tied at the cut —, the final pass proposes
 * only the inspected, never a 不合格 under the gate, and lists the others with the reason.
 */

let emu: Emulators;
let w: World;

const scored = (score: number) => ({ status: 'scored' as const, clause: 'S-ROUND' as const, score, components: [], tiebreak: [score] });
const verdict = { tier: 3 as const, eligible: true, asOf: '2026-06-01', policy: 'jintan-2020@1' as const, reasons: [] };
const record = (result: '合格' | '不合格'): InspectionRecord => ({
  clause: 'S-INSPECT', team: ['王建国', '李芳'], from: '2026-06-05', to: '2026-06-06', talks: 10, conclusion: '……', result, recordedBy: 'bureau.li', recordedAt: '2026-06-07T00:00:00Z',
});

async function scoringRound(roundId: string, scores: number[], ratio = 1): Promise<void> {
  const round: Round = {
    roundId, status: 'scoring', referenceDate: '2026-06-01', openedAt: '2026-05-01T00:00:00.000Z', intakeClosesAt: '2026-05-10T00:00:00.000Z',
    tiers: [3], selection: { inspection: { ratio, gate: true } },
  };
  await w.repos.rounds.create(round);
  for (const [k, score] of scores.entries()) {
    const i = k + 1;
    await w.nominate(roundId, i);
    await w.repos.nominations.update(roundId, `N00${i}`, { verdict, scoring: scored(score), score });
  }
}

beforeAll(async () => {
  emu = await startEmulators();
  w = await newWorld(emu);
  for (let i = 100; i < 148; i++) await w.seat(i, 3);
}, 120_000);
afterAll(async () => {
  await emu?.stop();
});

describe('Rank with 考察 on (S-INSPECT)', () => {
  it('the preliminary pass records ceil(free seats × ratio) 考察对象 from the top', async () => {
    await scoringRound('2026-RK1', [90, 80, 70, 60]);
    const res = await rank(w.deps, { action: 'rank', roundId: '2026-RK1' });
    expect(res.freeSeats[3]).toBe(2);
    const round = await w.repos.rounds.require('2026-RK1');
    expect(round.inspection).toMatchObject({ clause: 'S-INSPECT', ratio: 1, gate: true, quota: { 3: 2 }, shortlisted: { 1: [], 2: [], 3: ['N001', 'N002'] } });
    expect(round.inspection?.closedAt).toBeUndefined();
  });

  it('差额考察: ratio 1.5 asks for three; a tie at the cut brings the tied one in too', async () => {
    await scoringRound('2026-RK2', [90, 80, 70, 70, 60], 1.5);
    await rank(w.deps, { action: 'rank', roundId: '2026-RK2' });
    expect((await w.repos.rounds.require('2026-RK2')).inspection?.shortlisted[3]).toEqual(['N001', 'N002', 'N003', 'N004']);
  });

  it('the final pass proposes only the inspected and passed; the others are listed with the reason', async () => {
    const roundId = '2026-RK1';
    await w.repos.nominations.update(roundId, 'N001', { inspection: record('不合格') });
    await w.repos.nominations.update(roundId, 'N002', { inspection: record('合格') });
    const before = await w.repos.rounds.require(roundId);
    await w.repos.rounds.update(roundId, { status: 'scoring', inspection: { ...(before.inspection as NonNullable<Round['inspection']>), closedAt: '2026-06-08T00:00:00Z' } });
    const res = await rank(w.deps, { action: 'rank', roundId });
    expect(res.proposed[3]).toBe(1);
    const round = await w.repos.rounds.require(roundId);
    expect(round.shortlist?.tiers[3]).toMatchObject({ admitIds: ['N002'], notInspected: 2, inspectionFailed: 1 });
    // The 考察对象 stay as the preliminary pass chose them.
    expect(round.inspection?.shortlisted[3]).toEqual(['N001', 'N002']);
    const placed = await Promise.all(['N001', 'N002', 'N003', 'N004'].map(async (id) => (await w.repos.nominations.get(roundId, id))?.proposed));
    expect(placed).toEqual(['inspection-failed', 'admit', 'not-inspected', 'not-inspected']);
  });
});
