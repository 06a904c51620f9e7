import { describe, expect, it } from 'vitest';
import { Pacer } from '../../demo/pacer';
import { Rng } from '../../demo/prng';
import { SCORING_MODEL } from '../../demo/scoring';
import { checkPublicityFits, plannedPublicity, roundTimeline } from '../../demo/timeline';
import { popularity, voterMarks, type Mark } from '../../demo/voters';
import { parseScoringModel } from '../../domain/scoring/model';

/**
 * The demo's selection steps, the parts that need no stack: the scoring model the notice
 * publishes, the meeting's marks from the seeded PRNG, the pacing under the public routes'
 * throttle, and the round's dates against the working-day calendar.
 */
describe('the demo round\'s selection steps', () => {
  it('the notice\'s scoring model is valid and takes a component from 民主推荐 and from 考察', () => {
    const parsed = parseScoringModel(SCORING_MODEL);
    expect(parsed.ok).toBe(true);
    expect(SCORING_MODEL.components.map((c) => c.source)).toEqual(expect.arrayContaining(['recommendation', 'inspection']));
  });

  it('voters mix 推荐, 不推荐 and 弃权, the same for a seed; the popular are mostly recommended, the unpopular mostly not', () => {
    const cands = Array.from({ length: 200 }, (_, i) => ({ nominationId: `N${i}`, name: `人${i}`, tier: 3 }));
    const p = (id: string) => popularity(7, id);
    const vote = (seed: number) => voterMarks(new Rng(seed).fork('voter:JT-XYXX:0'), cands, p);
    expect(vote(7)).toEqual(vote(7));
    expect(vote(8)).not.toEqual(vote(7));
    const marks: Mark[] = Array.from({ length: 20 }, (_, v) => Object.values(voterMarks(new Rng(v).fork('v'), cands, p))).flat();
    for (const m of ['for', 'against', 'abstain'] as const) expect(marks.filter((x) => x === m).length).toBeGreaterThan(50);
    const shares = cands.map((c) => p(c.nominationId));
    expect(shares.every((s) => s > 0 && s < 1)).toBe(true);
    // About one in fifteen is poorly regarded (under 0.4), the rest above 0.6: someone falls under a threshold of one half.
    const low = shares.filter((s) => s < 0.4).length;
    expect(low).toBeGreaterThan(3);
    expect(low).toBeLessThan(30);
    expect(shares.filter((s) => s >= 0.4 && s < 0.62)).toEqual([]);
  });

  it('the pacer spaces calls one every 1000/rate ms, however many wait at once', async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = new Pacer(9, () => now, async (ms) => { slept.push(ms); });
    await Promise.all(Array.from({ length: 5 }, () => pacer.turn()));
    expect(slept.map((ms) => Math.round(ms))).toEqual([111, 222, 333, 444]);
    now = 10_000; // long after: no wait
    slept.length = 0;
    await pacer.turn();
    expect(slept).toEqual([]);
    expect(() => new Pacer(0)).toThrow(RangeError);
  });

  it('the timeline: ballot between intake and scoring, the 考察 visits before the records, the decision after', () => {
    const t = roundTimeline('2026-11-02T01:00:00Z');
    expect(Date.parse(t.intakeClosesAt)).toBeLessThan(Date.parse(t.ballotClosesAt));
    expect(Date.parse(t.ballotClosesAt)).toBeLessThanOrEqual(Date.parse(t.scoringClosesAt));
    expect([t.inspectionFrom, t.inspectionTo]).toEqual(['2026-11-12', '2026-11-13']);
    expect(Date.parse(t.inspectionRecordedAt)).toBeLessThan(Date.parse(t.decisionAt));
    // Approved Sunday 15 November: 公示 Monday 16 to Friday 20 November.
    expect(plannedPublicity('2026-11-02T01:00:00Z')).toMatchObject({ startsOn: '2026-11-16', endsOn: '2026-11-20', workingDays: 5 });
  });

  it('a round whose 公示 would run into a year without calendar data is refused before anything is stored, saying what to do', () => {
    expect(() => checkPublicityFits(new Date('2026-11-02T01:00:00Z'))).not.toThrow();
    expect(() => checkPublicityFits(new Date('2026-12-20T01:00:00Z'))).toThrow(/--start/);
    expect(plannedPublicity('2026-12-20T01:00:00Z')).toBeUndefined();
  });
});
