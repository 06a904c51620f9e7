import type { Demo } from './context';
import { decide } from './steps/decide';
import { inspect } from './steps/inspect';
import { notices } from './steps/notices';
import { openRound } from './steps/open-round';
import { publicity } from './steps/publicity';
import { recommend } from './steps/recommend';
import { scoreRound } from './steps/score';
import { uploadForms } from './steps/upload';

export interface DemoStep { id: string; zh: string; en: string; run: (demo: Demo) => Promise<void> }

/**
 * The selection round, step by step, as `npm run demo` runs it (and bench/dashboard-api.ts, to
 * fill a district the same way): the notice with 民主推荐, 考察 and 公示 on, intake, the ballot,
 * the preliminary ranking, the inspection, the approval, the 公示 and admission, the outbox.
 */
export const ROUND_STEPS: readonly DemoStep[] = [
  { id: 'a', zh: '教育局发布遴选通知（民主推荐、考察、公示）', en: 'the bureau opens the round (recommendation, inspection, publicity)', run: openRound },
  { id: 'b', zh: '各单位上传推荐表', en: 'units upload nomination forms', run: uploadForms },
  { id: 'c', zh: '报送截止、民主推荐：发放投票码、投票、计票', en: 'intake closes; 民主推荐: codes, votes, tally', run: recommend },
  { id: 'c2', zh: '评分截止、初步排名、确定考察对象', en: 'scoring closes; preliminary ranking; who is inspected', run: scoreRound },
  { id: 'c3', zh: '考察：录入考察记录、结束考察、最终排名', en: 'the inspection: records, close, the final ranking', run: inspect },
  { id: 'd', zh: '组织部审批', en: 'the approver decides', run: decide },
  { id: 'd2', zh: '公示、异议处理、入库', en: '公示, objections, admission', run: publicity },
  { id: 'd3', zh: '各单位收到的通知', en: 'what the units heard (the outbox)', run: notices },
];
