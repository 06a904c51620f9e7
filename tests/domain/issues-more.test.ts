import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { parseWith } from '../../domain/issues';
import { MemberEventSchema } from '../../domain/membership/events';
import { parseScoringModel } from '../../domain/scoring/model';

const problemsOf = (schema: z.ZodType, input: unknown) => {
  const r = parseWith(schema, input, 'BODY_INVALID');
  if (r.ok) throw new Error('expected a failure');
  return r.problems;
};

const component = (id: string, weight: number) => ({ id, name: { zh: id, en: id }, weight, min: 0, max: 100, source: 'entered' });

describe('a union of literals lists what it accepts', () => {
  const Tier = z.union([z.literal(1), z.literal(2), z.literal(3)]);

  it('tiers: [1, 2, 3] — an element outside names 1、2、3, in Chinese and English', () => {
    const problems = problemsOf(z.object({ tiers: z.array(Tier) }), { tiers: [2, 4] });
    expect(problems).toEqual([{ code: 'BODY_INVALID', path: 'tiers.1', zh: '「tiers.1」取值无效，可选：1、2、3', en: 'tiers.1 must be one of 1, 2, 3' }]);
  });

  it('literal and enum branches together: every value once, strings quoted', () => {
    const Kind = z.union([z.literal('a'), z.enum(['b', 'c']), z.literal('a')]);
    expect(problemsOf(z.object({ k: Kind }), { k: 'z' })[0]).toMatchObject({ path: 'k', zh: '「k」取值无效，可选："a"、"b"、"c"', en: 'k must be one of "a", "b", "c"' });
  });

  it('null is a value like any other', () => {
    expect(problemsOf(z.object({ n: z.union([z.literal(null), z.literal(3)]) }), { n: 5 })[0]?.zh).toBe('「n」取值无效，可选：null、3');
  });

  it('a union with a branch that is not a literal keeps the general message', () => {
    expect(problemsOf(z.object({ w: z.union([z.literal(1), z.string()]) }), { w: true })[0]).toMatchObject({
      path: 'w', zh: '「w」取值无效', en: 'w is not one of the accepted values',
    });
    const Obj = z.union([z.literal(1), z.object({ a: z.string() })]);
    expect(problemsOf(z.object({ o: Obj }), { o: { a: 1 } })[0]?.zh).toBe('「o」取值无效');
  });

  it('a missing field is still "required", not a list of values', () => {
    expect(problemsOf(z.object({ t: Tier }), {})[0]).toMatchObject({ path: 't', zh: '缺少必填字段「t」', en: 't is required' });
  });

  it('a discriminated union whose discriminator matches nothing lists the discriminator\'s values', () => {
    const r = parseWith(MemberEventSchema, { type: 'promoted', on: '2027-01-01' }, 'MEMBER_EVENT_INVALID');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]?.path).toBe('type');
      expect(r.problems[0]?.zh).toMatch(/^「type」取值无效，可选："admitted"、.*"talked"/);
      expect(r.problems[0]?.en).toMatch(/^type must be one of "admitted", /);
    }
  });

  it('never lets zod\'s English into the Chinese text', () => {
    const problems = problemsOf(z.object({ t: Tier, k: z.union([z.literal('x'), z.literal('y')]) }), { t: 0, k: 1 });
    for (const p of problems) expect(p.zh, p.path).not.toMatch(/Invalid|expected|received/);
  });
});

describe('a scoring model\'s weight sum is shown rounded', () => {
  const sumProblem = (weights: number[]) => {
    const r = parseScoringModel({ components: weights.map((w, i) => component(`c${i}`, w)) });
    if (r.ok) throw new Error('expected a rejection');
    const p = r.problems.find((x) => x.path === 'components');
    if (!p) throw new Error('expected a problem on components');
    return p;
  };

  it('5.6000000000000005 reads 5.6', () => {
    const weights = [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
    expect(weights.reduce((s, w) => s + w, 0)).not.toBe(5.6); // the float noise the message must not show
    const p = sumProblem(weights);
    expect(p.zh).toBe('「components」的权重之和为 5.6，应为 1');
    expect(p.en).toBe('components have weights summing to 5.6, not 1');
  });

  it('0.3 × 3 reads 0.9; six significant digits at most', () => {
    expect(sumProblem([0.3, 0.3, 0.3]).zh).toBe('「components」的权重之和为 0.9，应为 1');
    expect(sumProblem([1 / 3, 1 / 3]).zh).toBe('「components」的权重之和为 0.666667，应为 1');
  });

  it('a sum just off 1 is not shown as "1"', () => {
    const p = sumProblem([0.5, 0.5000001]);
    expect(p.zh).toBe('「components」的权重之和为 1.0000001，应为 1');
  });

  it('a sum within the tolerance is accepted (0.1 + 0.2 + 0.7)', () => {
    expect(parseScoringModel({ components: [component('a', 0.1), component('b', 0.2), component('c', 0.7)] }).ok).toBe(true);
  });
});
