import { problem, type Problem } from '../problem';
import type { ScoringModel } from '../scoring/model';
import type { SelectionNotice } from './notice';
import { publicityOpenProblems } from './publicity';

/**
 * The checks that join a notice's selection steps to its dates and scoring model (DESIGN §7):
 * each step the notice turns on must count for something (a scoring component, a bar, or
 * both), a component may only come from a step that runs, and the ballot closes between
 * intake and scoring. Pure; the API refuses a round with any of these before it is stored.
 */
export interface SelectionNoticeDates {
  intakeClosesAt: string;
  scoringClosesAt: string;
}

export function selectionNoticeProblems(selection: SelectionNotice | undefined, dates: SelectionNoticeDates, model: ScoringModel): Problem[] {
  const out: Problem[] = [];
  const has = (source: 'recommendation' | 'inspection') => model.components.some((c) => c.source === source);
  model.components.forEach((c, i) => {
    if ((c.source === 'recommendation' || c.source === 'inspection') && selection?.[c.source] === undefined) {
      const step = c.source === 'recommendation' ? ['民主推荐', 'recommendation'] : ['考察', 'inspection'];
      out.push(problem('SELECTION_COMPONENT_WITHOUT_STEP', `scoringModel.components.${i}.source`,
        `评分项“${c.name.zh}”取自${step[0]}，但本轮公告未开启${step[0]}（selection.${step[1]}）`,
        `component "${c.name.en}" comes from ${step[1]}, which this round's notice does not turn on (selection.${step[1]})`));
    }
  });
  const rec = selection?.recommendation;
  if (rec !== undefined) {
    if (rec.threshold === undefined && !has('recommendation')) {
      out.push(problem('RECOMMENDATION_UNUSED', 'selection.recommendation',
        '民主推荐须作为评分项（source: recommendation）或设定推荐率门槛（threshold），或两者兼有',
        'democratic recommendation must be a scoring component (source: recommendation), a threshold, or both'));
    }
    const closes = Date.parse(rec.closesAt);
    if (!(closes > Date.parse(dates.intakeClosesAt)) || closes > Date.parse(dates.scoringClosesAt)) {
      out.push(problem('RECOMMENDATION_CLOSES_ORDER', 'selection.recommendation.closesAt',
        '民主推荐截止时间须晚于收表截止时间（intakeClosesAt），且不晚于评分截止时间（scoringClosesAt）',
        'the ballot must close after intake closes (intakeClosesAt) and no later than scoring closes (scoringClosesAt)'));
    }
  }
  const insp = selection?.inspection;
  if (insp !== undefined && !insp.gate && !has('inspection')) {
    out.push(problem('INSPECTION_UNUSED', 'selection.inspection',
      '考察须作为资格关口（gate）或评分项（source: inspection），或两者兼有',
      'inspection must be a gate, a scoring component (source: inspection), or both'));
  }
  // 公示: when even the earliest approval (the day scoring closes) runs out of the calendar's data, every later one does.
  if (selection?.publicity !== undefined) out.push(...publicityOpenProblems(dates.scoringClosesAt, selection.publicity.workingDays));
  return out;
}
