import { describe, expect, it } from 'vitest';
import { PROBLEMS_KEPT, boundedProblems, problem } from '../../domain/problem';

describe('what a rejection repeats of its input is bounded', () => {
  it('keeps the first problems, cuts long text with a mark, counts the rest', () => {
    const many = Array.from({ length: 120 }, (_, i) => problem('FORM_UNKNOWN_FIELD', 'k'.repeat(2_000) + i, '未知字段', 'unknown field'));
    const out = boundedProblems(many);
    expect(out).toHaveLength(PROBLEMS_KEPT + 1);
    expect(out[0]?.path.length).toBeLessThan(400);
    expect(out[0]?.path).toContain('已截断');
    expect(out.at(-1)).toMatchObject({ code: 'PROBLEMS_TRUNCATED', zh: '另有 70 个问题未逐一列出，请先修改以上问题后重新上传' });
  });

  it('leaves short lists as they are', () => {
    const few = [problem('FORM_EMPTY', 'candidate.name', '不能为空', 'must not be empty')];
    expect(boundedProblems(few)).toEqual(few);
  });
});
