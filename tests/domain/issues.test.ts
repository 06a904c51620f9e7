import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { parseWith } from '../../domain/issues';
import { parseTalkRecord, parseRotationRecord } from '../../domain/talks';
import { parseScoringModel } from '../../domain/scoring/model';

const problemsOf = (schema: z.ZodType, input: unknown) => {
  const r = parseWith(schema, input, 'BODY_INVALID');
  if (r.ok) throw new Error('expected a failure');
  return r.problems;
};

describe('zod issues as problems: Chinese first, a field path each, one code per record kind', () => {
  const Body = z.object({
    on: z.string(),
    hours: z.number().positive().max(2000),
    kind: z.enum(['regular', 'organisational']),
    tier: z.union([z.literal(1), z.literal(2)]),
    title: z.string().min(1).max(5),
    at: z.iso.datetime({ offset: true }),
    items: z.array(z.string()).min(1),
  }).strict();

  it('names the fault per kind, never zod\'s English in the Chinese text', () => {
    expect(problemsOf(Body.pick({ on: true }), { on: 7 })).toEqual([expect.objectContaining({ path: 'on', zh: '「on」类型错误，应为文本', en: 'on must be of type string' })]);
    const problems = problemsOf(Body, { hours: 0, kind: 'casual', tier: 3, title: '这是一个很长的标题', at: 'tomorrow', items: [], extra: 1 });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath.on).toMatchObject({ code: 'BODY_INVALID', zh: '缺少必填字段「on」', en: 'on is required' });
    expect(byPath.hours?.zh).toBe('「hours」应大于 0');
    expect(byPath.kind?.zh).toBe('「kind」取值无效，可选："regular"、"organisational"');
    expect(byPath.tier?.zh).toBe('「tier」取值无效，可选：1、2');
    expect(byPath.title?.zh).toBe('「title」过长（不超过 5 个字符）');
    expect(byPath.at?.zh).toContain('应为带时区的时间');
    expect(byPath.items?.zh).toBe('「items」至少需要 1 项');
    expect(byPath.extra?.zh).toBe('未知字段「extra」（是否拼写错误？）');
    for (const p of problems) expect(p.zh, p.path).not.toMatch(/Invalid|expected|received/);
  });

  it('a refinement\'s own Chinese and English are used with the field named', () => {
    const talk = parseTalkRecord({ on: '2026-02-30', by: '组织科' });
    expect(talk.ok).toBe(false);
    if (!talk.ok) expect(talk.problems).toEqual([expect.objectContaining({ code: 'TALK_RECORD_INVALID', path: 'on', zh: '「on」不是有效日期（格式 YYYY-MM-DD，且须为真实日期）', en: 'on is not a real date in YYYY-MM-DD form' })]);
    const rotation = parseRotationRecord({ kind: 'shadowing', hostUnit: { name: 'x' }, postArea: 'teaching', from: '2027-02-01', to: '2027-01-01' });
    if (!rotation.ok) expect(rotation.problems[0]).toMatchObject({ path: 'to', zh: '「to」早于开始日期 from', en: 'to is before from' });
    else throw new Error('expected a rejection');
  });

  it('a scoring model whose weights do not sum to 1 says so in Chinese', () => {
    const r = parseScoringModel({ components: [{ id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.5, min: 0, max: 100, source: 'entered' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual(expect.objectContaining({ path: 'components', zh: '「components」的权重之和为 0.5，应为 1' }));
  });
});
