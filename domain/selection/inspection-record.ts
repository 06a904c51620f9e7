import * as z from 'zod';
import { isIsoDate, type IsoDate } from '../dates';
import { problem, rejection, type Problem, type Result } from '../problem';

/**
 * One 考察 (inspection) record (S-INSPECT, DESIGN §7): for a 考察对象 the bureau records the
 * inspection team, the dates, how many individual talks were held, a written conclusion and
 * a result — 合格 / 不合格, a score, or both, as the round's notice makes the inspection a
 * gate, a scoring component, or both.
 *
 * Decisions where practice is the only guide (each a constant here, stated in the messages):
 *  - the team has at least two members: 《党政领导干部选拔任用工作条例》 (2019) 第二十九条 has a
 *    考察组 "由两名以上成员组成"; one person is not a team, and two read each other's notes;
 *  - names are trimmed, non-empty, at most 30 characters, and no name twice;
 *  - the period is whole days, `from` ≤ `to`, and neither is after the day it is recorded
 *    (a record is of an inspection held, not planned);
 *  - the conclusion (考察结论 / 综合评价) is required, at most 2,000 characters — a page;
 *  - the talks (个别谈话) are a whole number ≥ 0 (a paper-only inspection is possible, if rare).
 */
export const INSPECTION_RESULTS = ['合格', '不合格'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const INSPECTION_LIMITS = {
  teamMin: 2,
  teamMax: 15,
  nameMax: 30,
  conclusionMax: 2000,
  talksMax: 10_000,
} as const;

/** What the bureau sends (the API's shape check is contracts'; the rules are here). */
export interface InspectionRecordInput {
  team: readonly string[];
  from: string;
  to: string;
  talks: number;
  conclusion: string;
  result?: InspectionResult;
  score?: number;
}

/** How the round's notice uses the inspection: a gate (合格 required), a component (a score in [min, max]), or both. */
export interface InspectionRules {
  gate: boolean;
  component?: { id: string; min: number; max: number; name: { zh: string; en: string } };
}

export const InspectionRecordSchema = z.object({
  clause: z.literal('S-INSPECT'),
  team: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  talks: z.number(),
  conclusion: z.string(),
  result: z.enum(INSPECTION_RESULTS).optional(),
  score: z.number().optional(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
/** A record as stored on the 考察对象's nomination (`inspection`). */
export type InspectionRecord = z.infer<typeof InspectionRecordSchema>;

/**
 * Check a record against the rules; the cleaned record (names trimmed, conclusion trimmed) or
 * every problem at its field path. `today` is the Beijing date it is recorded on.
 */
export function checkInspectionRecord(input: InspectionRecordInput, rules: InspectionRules, today: IsoDate):
  Result<Omit<InspectionRecord, 'recordedBy' | 'recordedAt'>> {
  const problems: Problem[] = [];
  const team = input.team.map((n) => n.trim());
  team.forEach((name, i) => {
    if (name === '') {
      problems.push(problem('INSPECTION_TEAM_NAME_EMPTY', `team.${i}`, '考察组成员姓名不能为空', 'a team member\'s name is empty'));
    } else if (name.length > INSPECTION_LIMITS.nameMax) {
      problems.push(problem('INSPECTION_TEAM_NAME_TOO_LONG', `team.${i}`, `姓名超过 ${INSPECTION_LIMITS.nameMax} 个字`, `a name longer than ${INSPECTION_LIMITS.nameMax} characters`));
    } else if (team.indexOf(name) !== i) {
      problems.push(problem('INSPECTION_TEAM_DUPLICATE', `team.${i}`, `考察组成员“${name}”重复`, `team member "${name}" is listed twice`));
    }
  });
  const named = new Set(team.filter((n) => n !== '')).size;
  if (named < INSPECTION_LIMITS.teamMin) {
    problems.push(problem('INSPECTION_TEAM_TOO_SMALL', 'team',
      `考察组由两名以上成员组成（《党政领导干部选拔任用工作条例》第二十九条），现为 ${named} 人`,
      `an inspection team has at least two members (2019 Regulations art. 29); ${named} given`));
  } else if (team.length > INSPECTION_LIMITS.teamMax) {
    problems.push(problem('INSPECTION_TEAM_TOO_LARGE', 'team', `考察组成员不超过 ${INSPECTION_LIMITS.teamMax} 人`, `at most ${INSPECTION_LIMITS.teamMax} team members`));
  }
  const datesOk = [['from', input.from], ['to', input.to]].every(([field, d]) => {
    if (isIsoDate(d)) return true;
    problems.push(problem('INSPECTION_DATE_INVALID', field as string, '应为有效日期 YYYY-MM-DD', 'must be a real date YYYY-MM-DD'));
    return false;
  });
  if (datesOk) {
    if (input.from > input.to) {
      problems.push(problem('INSPECTION_DATES_INVERTED', 'to', `考察结束日期 ${input.to} 早于开始日期 ${input.from}`, `the inspection ends (${input.to}) before it starts (${input.from})`));
    }
    for (const field of ['from', 'to'] as const) {
      if (input[field] > today) {
        problems.push(problem('INSPECTION_DATE_FUTURE', field, `${input[field]} 晚于今天（${today}）：只记录已进行的考察`, `${input[field]} is after today (${today}): record an inspection held, not planned`));
      }
    }
  }
  if (!Number.isInteger(input.talks) || input.talks < 0 || input.talks > INSPECTION_LIMITS.talksMax) {
    problems.push(problem('INSPECTION_TALKS_INVALID', 'talks', `个别谈话人数应为 0–${INSPECTION_LIMITS.talksMax} 的整数`, `individual talks: a whole number 0–${INSPECTION_LIMITS.talksMax}`));
  }
  const conclusion = input.conclusion.trim();
  if (conclusion === '') {
    problems.push(problem('INSPECTION_CONCLUSION_REQUIRED', 'conclusion', '请填写考察结论', 'the written conclusion is required'));
  } else if (conclusion.length > INSPECTION_LIMITS.conclusionMax) {
    problems.push(problem('INSPECTION_CONCLUSION_TOO_LONG', 'conclusion', `考察结论不超过 ${INSPECTION_LIMITS.conclusionMax} 字（现 ${conclusion.length} 字）`, `the conclusion is at most ${INSPECTION_LIMITS.conclusionMax} characters (${conclusion.length} given)`));
  }
  problems.push(...resultProblems(input, rules));
  if (problems.length > 0) return rejection(problems);
  return {
    ok: true,
    value: {
      clause: 'S-INSPECT', team, from: input.from, to: input.to, talks: input.talks, conclusion,
      ...(input.result !== undefined ? { result: input.result } : {}),
      ...(input.score !== undefined ? { score: input.score } : {}),
    },
  };
}

/** The result the notice asks for: 合格 / 不合格 when a gate, a score in range when a component. */
function resultProblems(input: InspectionRecordInput, rules: InspectionRules): Problem[] {
  const out: Problem[] = [];
  if (rules.gate && input.result === undefined) {
    out.push(problem('INSPECTION_RESULT_REQUIRED', 'result', '本轮考察结果为准入条件：请选择“合格”或“不合格”', 'the notice makes the inspection a gate: give 合格 or 不合格'));
  }
  const c = rules.component;
  if (c === undefined) {
    if (input.score !== undefined) {
      out.push(problem('INSPECTION_SCORE_NOT_USED', 'score', '本轮评分方案不含考察评分项，不应填写考察分数', 'the scoring model has no inspection component: give no score'));
    }
    if (!rules.gate && input.result === undefined) {
      out.push(problem('INSPECTION_RESULT_REQUIRED', 'result', '请填写考察结果', 'a result is required'));
    }
    return out;
  }
  if (input.score === undefined) {
    out.push(problem('INSPECTION_SCORE_REQUIRED', 'score', `本轮评分方案含评分项“${c.name.zh}”：请填写考察分数（${c.min}–${c.max}）`, `the scoring model has the component "${c.name.en}": give a score (${c.min}–${c.max})`));
  } else if (!Number.isFinite(input.score) || input.score < c.min || input.score > c.max) {
    out.push(problem('INSPECTION_SCORE_OUT_OF_RANGE', 'score', `考察分数 ${input.score} 超出 ${c.min}–${c.max}`, `score ${input.score} is outside ${c.min}–${c.max}`));
  }
  return out;
}

/** Whether a record passes the gate (S-INSPECT): only 不合格 fails it; no gate, nothing fails. */
export function failsGate(record: Pick<InspectionRecord, 'result'> | undefined, gate: boolean): boolean {
  return gate && record?.result === '不合格';
}
