import { problem, rejection, type Problem, type Result } from '../problem';
import { crossCheckForm } from './cross-checks';
import { issueToProblems, versionProblem } from './issues';
import { NominationFormSchema, type NominationForm } from './schema';

/** A hostile or broken upload must not make a rejection itself huge. */
const MAX_PROBLEMS = 100;

/**
 * Nomination form v1 → the form, or a rejection listing every problem found (stable code,
 * field path, Chinese and English). Never throws, whatever the input: null, arrays,
 * strings, deep nesting, cycles, throwing getters.
 *
 * A form that declares another version is answered with FORM_VERSION alone: judging it
 * against v1's fields would bury the one problem that matters under dozens that don't.
 */
export function parseNominationForm(input: unknown): Result<NominationForm> {
  try {
    return parse(input);
  } catch {
    return rejection([problem('FORM_UNREADABLE', '', '无法读取推荐表内容', 'the form could not be read')]);
  }
}

function parse(input: unknown): Result<NominationForm> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return rejection([problem('FORM_TYPE', '', '推荐表应为 JSON 对象', 'the form must be a JSON object')]);
  }
  const version = (input as Record<string, unknown>).formVersion;
  if (version !== undefined && version !== 1) return rejection([versionProblem()]);

  // reportInput: the input tells a missing field (FORM_REQUIRED) from a wrong one (FORM_TYPE).
  const parsed = NominationFormSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return rejection(cap(parsed.error.issues.flatMap(issueToProblems)));
  const crossProblems = crossCheckForm(parsed.data);
  if (crossProblems.length > 0) return rejection(cap(crossProblems));
  return { ok: true, value: parsed.data };
}

function cap(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    problem('FORM_TOO_MANY_PROBLEMS', '', `问题过多，仅列出前 ${MAX_PROBLEMS} 项`, `too many problems; the first ${MAX_PROBLEMS} are listed`),
  ];
}
