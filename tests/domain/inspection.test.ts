import { describe, expect, it } from 'vitest';
import { checkInspectionRecord, failsGate, type InspectionRecordInput, type InspectionRules } from '../../domain/selection/inspection-record';
import { closeProblems, inspectionExclusion, inspectionQuota, inspectionShortlist, inspectionShortlists } from '../../domain/selection/inspection';
import { CLAUSES } from '../../domain/clauses';

const TODAY = '2026-05-20';
const good: InspectionRecordInput = {
  team: ['王建国', '李芳'], from: '2026-05-11', to: '2026-05-13', talks: 18,
  conclusion: '政治素质好，工作实绩突出，群众公认度高。', result: '合格',
};
const gate: InspectionRules = { gate: true };
const component: InspectionRules = { gate: false, component: { id: 'inspection', min: 0, max: 100, name: { zh: '考察', en: 'inspection' } } };
const codes = (r: ReturnType<typeof checkInspectionRecord>) => (r.ok ? [] : r.problems.map((p) => `${p.code}@${p.path}`));

describe('an inspection record (S-INSPECT)', () => {
  it('the clause is on the plan\'s table', () => {
    expect(CLAUSES['S-INSPECT']).toBe('三(三)');
  });

  it('a complete record under a gate is accepted, names and conclusion trimmed', () => {
    const r = checkInspectionRecord({ ...good, team: [' 王建国 ', '李芳'], conclusion: '  合格。 ' }, gate, TODAY);
    expect(r.ok && r.value).toMatchObject({ clause: 'S-INSPECT', team: ['王建国', '李芳'], conclusion: '合格。', result: '合格' });
  });

  it('a team of one is no team; a name twice counts once', () => {
    expect(codes(checkInspectionRecord({ ...good, team: ['王建国'] }, gate, TODAY))).toEqual(['INSPECTION_TEAM_TOO_SMALL@team']);
    expect(codes(checkInspectionRecord({ ...good, team: ['王建国', '王建国'] }, gate, TODAY)))
      .toEqual(['INSPECTION_TEAM_DUPLICATE@team.1', 'INSPECTION_TEAM_TOO_SMALL@team']);
    expect(codes(checkInspectionRecord({ ...good, team: ['王建国', ' '] }, gate, TODAY)))
      .toEqual(['INSPECTION_TEAM_NAME_EMPTY@team.1', 'INSPECTION_TEAM_TOO_SMALL@team']);
  });

  it('dates: real, in order, not after today', () => {
    expect(codes(checkInspectionRecord({ ...good, from: '2026-05-14', to: '2026-05-13' }, gate, TODAY))).toEqual(['INSPECTION_DATES_INVERTED@to']);
    expect(codes(checkInspectionRecord({ ...good, to: '2026-05-21' }, gate, TODAY))).toEqual(['INSPECTION_DATE_FUTURE@to']);
    expect(codes(checkInspectionRecord({ ...good, to: TODAY }, gate, TODAY))).toEqual([]);
    expect(codes(checkInspectionRecord({ ...good, from: '2026-02-30' }, gate, TODAY))).toEqual(['INSPECTION_DATE_INVALID@from']);
  });

  it('talks a whole number ≥ 0; the conclusion required and bounded', () => {
    expect(codes(checkInspectionRecord({ ...good, talks: 0 }, gate, TODAY))).toEqual([]);
    expect(codes(checkInspectionRecord({ ...good, talks: 2.5 }, gate, TODAY))).toEqual(['INSPECTION_TALKS_INVALID@talks']);
    expect(codes(checkInspectionRecord({ ...good, talks: -1 }, gate, TODAY))).toEqual(['INSPECTION_TALKS_INVALID@talks']);
    expect(codes(checkInspectionRecord({ ...good, conclusion: '   ' }, gate, TODAY))).toEqual(['INSPECTION_CONCLUSION_REQUIRED@conclusion']);
    expect(codes(checkInspectionRecord({ ...good, conclusion: '好'.repeat(2001) }, gate, TODAY))).toEqual(['INSPECTION_CONCLUSION_TOO_LONG@conclusion']);
  });

  it('a gate needs 合格 / 不合格; a component needs a score in its range; neither takes a score it does not use', () => {
    const { result: _r, ...noResult } = good;
    expect(codes(checkInspectionRecord(noResult, gate, TODAY))).toEqual(['INSPECTION_RESULT_REQUIRED@result']);
    expect(codes(checkInspectionRecord({ ...good, score: 80 }, gate, TODAY))).toEqual(['INSPECTION_SCORE_NOT_USED@score']);
    expect(codes(checkInspectionRecord(noResult, component, TODAY))).toEqual(['INSPECTION_SCORE_REQUIRED@score']);
    expect(codes(checkInspectionRecord({ ...noResult, score: 101 }, component, TODAY))).toEqual(['INSPECTION_SCORE_OUT_OF_RANGE@score']);
    expect(codes(checkInspectionRecord({ ...noResult, score: 88 }, component, TODAY))).toEqual([]);
    expect(codes(checkInspectionRecord({ ...good, score: 88 }, { ...component, gate: true }, TODAY))).toEqual([]);
    expect(codes(checkInspectionRecord({ ...noResult, score: 88 }, { ...component, gate: true }, TODAY))).toEqual(['INSPECTION_RESULT_REQUIRED@result']);
  });

  it('only 不合格 fails the gate, and only when there is one', () => {
    expect(failsGate({ result: '不合格' }, true)).toBe(true);
    expect(failsGate({ result: '合格' }, true)).toBe(false);
    expect(failsGate({ result: '不合格' }, false)).toBe(false);
  });
});

describe('the 考察对象 (S-INSPECT)', () => {
  it('ceil(free seats × ratio), without binary noise', () => {
    expect(inspectionQuota(3, 1)).toBe(3);
    expect(inspectionQuota(3, 1.5)).toBe(5);
    expect(inspectionQuota(10, 1.1)).toBe(11);
    expect(inspectionQuota(0, 3)).toBe(0);
    expect(inspectionQuota(7, 1.2)).toBe(9);
  });

  it('the top of the preliminary ranking, and all tied at the cut', () => {
    const ranked = [{ id: 'a', rank: 1 }, { id: 'b', rank: 2 }, { id: 'c', rank: 2 }, { id: 'd', rank: 4 }, { id: 'e', rank: 5 }];
    expect(inspectionShortlist(ranked, 1)).toEqual(['a']);
    expect(inspectionShortlist(ranked, 2)).toEqual(['a', 'b', 'c']);
    expect(inspectionShortlist(ranked, 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(inspectionShortlist(ranked, 9)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(inspectionShortlist(ranked, 0)).toEqual([]);
    expect(inspectionShortlist([], 3)).toEqual([]);
  });

  it('per tier from each tier\'s free seats', () => {
    const r = inspectionShortlists({ 1: [{ id: 'x', rank: 1 }, { id: 'y', rank: 2 }], 2: [], 3: [{ id: 'z', rank: 1 }] }, { 1: 1, 2: 5, 3: 0 }, 2);
    expect(r).toEqual({ shortlisted: { 1: ['x', 'y'], 2: [], 3: [] }, quota: { 1: 2, 2: 10, 3: 0 } });
  });

  it('the final pass: inspected candidates only, a 不合格 out under a gate', () => {
    const state = { shortlisted: { 1: ['a', 'b'], 2: [], 3: [] }, gate: true };
    expect(inspectionExclusion('a', state, { result: '合格' })).toBeUndefined();
    expect(inspectionExclusion('b', state, { result: '不合格' })).toBe('inspection-failed');
    expect(inspectionExclusion('b', { ...state, gate: false }, { result: '不合格' })).toBeUndefined();
    expect(inspectionExclusion('c', state, { result: '合格' })).toBe('not-inspected');
    expect(inspectionExclusion('a', state, undefined)).toBe('not-inspected');
  });

  it('closing names every 考察对象 without a record', () => {
    const p = closeProblems({ shortlisted: { 1: ['a', 'b'], 2: ['c'], 3: [] } }, new Set(['a']), new Map([['b', '张三']]));
    expect(p.map((x) => `${x.code}@${x.path}`)).toEqual(['INSPECTION_RECORD_MISSING@missing.0', 'INSPECTION_RECORD_MISSING@missing.1']);
    expect(p[0]?.zh).toContain('张三');
  });
});
