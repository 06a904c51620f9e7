import { describe, expect, it } from 'vitest';
import { resolveEditNames } from '../../domain/round/edit-names';
import type { Nomination } from '../../domain/round/nomination';
import type { Shortlist } from '../../domain/round/round';

const id = (n: number) => `N${String(n).padStart(20, '0')}`;

function nom(n: number, name: string, over: Partial<Nomination> = {}): Nomination {
  return {
    nominationId: id(n), roundId: '2026-R1', unitCode: `JT-U${n}`, status: 'accepted', tier: 3, candidateName: name,
    source: { bucket: 'b', key: `k${n}`, versionId: 'null' }, receivedAt: '2026-03-01T00:00:00Z', ...over,
  };
}

const tier = (admitIds: string[]) => ({ clause: 'S-ROUND' as const, freeSeats: 5, admitIds, waitlistIds: [] });
const shortlist = { tiers: { 1: tier([]), 2: tier([]), 3: tier([id(1), id(2), id(3)]) } } as unknown as Pick<Shortlist, 'tiers'>;
const noms = [
  nom(1, '张三'), nom(2, '李四'), nom(3, '李四', { unitCode: 'JT-XYXX' }), nom(4, '王五'), nom(5, '赵六'), nom(6, '赵六'),
  nom(7, '孙七', { status: 'rejected' }), nom(8, '周八', { status: 'superseded' }), nom(9, '周八'),
];

describe('approver edits by name (S-ROUND)', () => {
  it('resolves a name unique on the list to its nomination id; ids pass through', () => {
    const r = resolveEditNames({ remove: ['张三', id(2)], add: [' 王 五 ', '周八'] }, shortlist, noms);
    expect(r).toEqual({ ok: true, value: {
      remove: [id(1), id(2)], add: [id(4), id(9)],
      named: [{ list: 'remove', name: '张三', nominationId: id(1) }, { list: 'add', name: ' 王 五 ', nominationId: id(4) }, { list: 'add', name: '周八', nominationId: id(9) }],
    } });
  });

  it('a name shared on the list is EDIT_NAME_AMBIGUOUS, listing the ids and units, at its place in the request', () => {
    const r = resolveEditNames({ remove: ['张三', '李四'], add: ['赵六'] }, shortlist, noms);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([['EDIT_NAME_AMBIGUOUS', 'edits.remove.1'], ['EDIT_NAME_AMBIGUOUS', 'edits.add.0']]);
    expect(r.problems[0]?.zh).toContain(`${id(2)}（JT-U2，第3梯队）`);
    expect(r.problems[0]?.zh).toContain(`${id(3)}（JT-XYXX，第3梯队）`);
    expect(r.problems[0]?.en).toMatch(/2 candidates are named "李四".*use the nomination id/);
  });

  it('an id-shaped entry no one bears as a name passes through as an id (the id rules judge it)', () => {
    expect(resolveEditNames({ remove: ['NZ'], add: [id(99)] }, shortlist, noms)).toEqual({ ok: true, value: { remove: ['NZ'], add: [id(99)], named: [] } });
  });

  it('an unknown name says so; a known one in the wrong list says why', () => {
    const r = resolveEditNames({ remove: ['无名氏', '王五'], add: ['张三', '孙七', '无名氏'] }, shortlist, noms);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['EDIT_NAME_UNKNOWN', 'edits.remove.0'], ['EDIT_NOT_PROPOSED', 'edits.remove.1'],
      ['EDIT_ALREADY_PROPOSED', 'edits.add.0'], ['EDIT_REJECTED', 'edits.add.1'], ['EDIT_NAME_UNKNOWN', 'edits.add.2'],
    ]);
    expect(r.problems[0]?.zh).toBe('本批次没有名为“无名氏”的人选');
    expect(r.problems[1]?.zh).toBe('“王五”不在拟入库名单中');
  });
});
