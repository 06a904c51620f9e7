import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDaysBetween } from '../../domain/calendar/working-days';
import {
  exclusions, objectionReceiptProblems, pendingCount, publicityOpenProblems, publicityPeriod, resolutionProblems, type Objection,
} from '../../domain/selection/publicity';

/**
 * 公示 (DESIGN §7, S-PUBLICITY): the period's arithmetic on the State Council's calendar —
 * across 2026's 国庆 and 春节 with their 调休 make-up Saturdays —, its end as an instant in
 * Beijing time, a year without data refused, and the objection rules.
 */
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('the 公示 period', () => {
  it('across 2026 国庆 (1–7 October off, Saturday 10 October worked): approved Tuesday 29 September, five working days end Monday 12 October', () => {
    expect(weekday('2026-10-10')).toBe(6);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    const p = publicityPeriod('2026-09-29', 5);
    expect(p).toEqual({ ok: true, value: { startsOn: '2026-09-30', endsOn: '2026-10-12', workingDays: 5, endsAt: '2026-10-13T00:00:00+08:00' } });
    // The five: 30 Sep, 8 Oct, 9 Oct, Saturday 10 Oct (调休), Monday 12 Oct.
    expect(workingDaysBetween('2026-09-30', '2026-10-12')).toBe(5);
    expect(workingDaysBetween('2026-09-30', '2026-10-11')).toBe(4);
  });

  it('across 2026 春节 (15–23 February off, Saturday 14 February worked): approved Thursday 12 February, the period ends Thursday 26 February', () => {
    const p = publicityPeriod('2026-02-12', 5);
    expect(p.ok && p.value).toEqual({ startsOn: '2026-02-13', endsOn: '2026-02-26', workingDays: 5, endsAt: '2026-02-27T00:00:00+08:00' });
  });

  it('starts on the first working day after the approval: a Friday approval starts on Monday', () => {
    expect(weekday('2026-03-06')).toBe(5);
    const p = publicityPeriod('2026-03-06', 5);
    expect(p.ok && p.value).toMatchObject({ startsOn: '2026-03-09', endsOn: '2026-03-13' });
    const seven = publicityPeriod('2026-03-06', 7);
    expect(seven.ok && seven.value.endsOn).toBe('2026-03-17');
  });

  it('a period that would run into 2027 (no calendar data) is refused with the year, not guessed', () => {
    const p = publicityPeriod('2026-12-28', 5);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.problems).toEqual([expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN', path: 'selection.publicity', year: 2027, clause: 'S-PUBLICITY' })]);
    expect(p.problems[0]!.zh).toContain('2027');
    // Three working days left in 2026 are enough for three, not for five.
    expect(publicityPeriod('2026-12-28', 3).ok).toBe(true);
  });

  it('at open time: refused only when even the earliest approval (the day scoring closes) runs out of the data', () => {
    expect(publicityOpenProblems('2026-12-27T16:00:00Z', 5).map((p) => p.code)).toEqual(['CALENDAR_YEAR_UNKNOWN']);
    expect(publicityOpenProblems('2026-11-30T16:00:00Z', 5)).toEqual([]);
  });
});

const objection = (o: Partial<Objection>): Objection => ({
  roundId: '2026-R1', objectionId: 'OBJ-1', clause: 'S-PUBLICITY', against: 'N1', tier: 3, receivedOn: '2026-10-08',
  anonymous: true, matter: '反映问题', status: 'pending', recordedBy: 'bureau', recordedAt: '2026-10-08T02:00:00Z', ...o,
});

describe('objections', () => {
  const period = { startsOn: '2026-09-30', endsOn: '2026-10-12' };

  it('are taken for what was received within the period, not before it, not after it, not in the future', () => {
    expect(objectionReceiptProblems(period, '2026-10-12', '2026-10-13')).toEqual([]);
    expect(objectionReceiptProblems(period, '2026-09-29', '2026-10-01').map((p) => [p.code, p.path])).toEqual([['OBJECTION_BEFORE_PERIOD', 'receivedOn']]);
    expect(objectionReceiptProblems(period, '2026-10-13', '2026-10-13').map((p) => p.code)).toEqual(['OBJECTION_AFTER_PERIOD']);
    expect(objectionReceiptProblems(period, '2026-10-09', '2026-10-08').map((p) => p.code)).toEqual(['OBJECTION_DATE_FUTURE']);
    expect(objectionReceiptProblems(period, '10/9', '2026-10-08').map((p) => p.code)).toEqual(['OBJECTION_DATE_INVALID']);
  });

  it('a resolution needs a reason', () => {
    expect(resolutionProblems('  ').map((p) => [p.code, p.path])).toEqual([['OBJECTION_REASON_REQUIRED', 'reason']]);
    expect(resolutionProblems('经核查属实')).toEqual([]);
  });

  it('an upheld objection keeps its candidate out, with the reason; a dismissed or pending one does not', () => {
    const list = [
      objection({ objectionId: 'OBJ-1', against: 'N1', status: 'upheld', resolution: { status: 'upheld', reason: '经核查，反映的师德问题属实', by: 'bureau', at: '2026-10-09T01:00:00Z' } }),
      objection({ objectionId: 'OBJ-2', against: 'N2', status: 'dismissed', resolution: { status: 'dismissed', reason: '反映不实', by: 'bureau', at: '2026-10-09T01:00:00Z' } }),
      objection({ objectionId: 'OBJ-3', against: 'N3' }),
    ];
    const out = exclusions(list);
    expect([...out.keys()]).toEqual(['N1']);
    expect(out.get('N1')).toMatchObject({ objectionId: 'OBJ-1', clause: 'S-PUBLICITY', reason: '经核查，反映的师德问题属实' });
    expect(out.get('N1')!.zh).toContain('不予入库');
    expect(pendingCount(list)).toBe(1);
  });
});
