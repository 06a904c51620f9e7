import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { ToneTag, type Tone } from '../common';
import { beijingTime, chineseDate } from '../words';
import type { Round } from '../types';

/**
 * 遴选流程: the round's steps in order, each with what it is, whether it is done, running or
 * still to come, and a link to the page where the bureau does it — so a clerk goes from one
 * step to the next without knowing any address, and sees at once which of 民主推荐, 考察 and
 * 公示 this round's notice turned on (a step the notice left out is not listed).
 */

/** Where a status sits in the round's course (the order of DESIGN §7's steps). */
const ORDER: Record<string, number> = {
  open: 0, closed: 1, recommending: 2, recommended: 3, scoring: 4, ranked: 5, inspecting: 6,
  'awaiting-decision': 7, publicising: 8, admitting: 9, completed: 10,
};
/** Ends that stop the round at the approval: later steps will not run. */
const STOPPED = new Set(['rejected', 'approval-timed-out', 'failed']);

type State = 'done' | 'running' | 'todo' | 'stopped';
const STATE: Record<State, { zh: string; tone: Tone }> = {
  done: { zh: '已完成', tone: 'green' },
  running: { zh: '进行中', tone: 'blue' },
  todo: { zh: '未开始', tone: 'default' },
  stopped: { zh: '不再进行', tone: 'default' },
};

/** A link names what the clerk does there; once the step is over, what is left to see. */
interface Step { key: string; title: string; detail: string; from: number; to: number; link?: { to: string; label: string; done?: string } }

/** The admission's outcome as the round records it (absent until the round is over). */
type Outcome = { counts?: { admitted?: number; excluded?: number } };

function stepsOf(r: Round): Step[] {
  const base = `/bureau/rounds/${encodeURIComponent(r.roundId)}`;
  const s = r.selection;
  const entered = (r.scoringModel?.components ?? []).filter((c) => c.source === 'entered');
  const steps: Step[] = [{ key: 'intake', title: '各单位报送推荐表', detail: `收表截止 ${beijingTime(r.intakeClosesAt)}（北京时间）；各单位在“推荐报送”中上传，本页下方按单位显示受理情况`, from: 0, to: 0 }];
  if (s?.recommendation) {
    const bar = typeof s.recommendation.threshold === 'number' ? `；推荐率不低于 ${Math.round(s.recommendation.threshold * 100)}% 方可参加排名` : '';
    steps.push({ key: 'ballot', title: '民主推荐', detail: `收表截止后开始，投票截止 ${beijingTime(s.recommendation.closesAt)}（北京时间）${bar}；为各单位发放投票码、下载投票码条，截止后查看计票`, from: 1, to: 2, link: { to: `${base}/ballots`, label: '发放投票码 · 查看计票', done: '查看计票结果' } });
  }
  if (entered.length) {
    steps.push({ key: 'scores', title: '成绩录入', detail: `收表截止后、评分截止（${beijingTime(r.scoringClosesAt)}）前录入：${entered.map((c) => c.name.zh).join('、')}`, from: 1, to: 3, link: { to: `${base}/scores`, label: '录入成绩', done: '查看成绩' } });
  }
  if (s?.inspection) {
    steps.push({ key: 'inspection', title: '考察', detail: `评分截止、初步排名后确定考察对象（${s.inspection.ratio > 1 ? '差额考察' : '等额考察'}${s.inspection.gate ? '，考察不合格者不予入库' : ''}）；逐人录入考察记录后结束考察`, from: 5, to: 6, link: { to: `${base}/inspection`, label: '录入考察记录', done: '查看考察记录' } });
  }
  steps.push({ key: 'approval', title: '区委组织部审批', detail: '排名后由区委组织部审批拟入库名单', from: 7, to: 7 });
  if (s?.publicity) {
    const when = r.publicity ? `${chineseDate(r.publicity.startsOn)}至${chineseDate(r.publicity.endsOn)}（${r.publicity.workingDays} 个工作日）` : `批准后第一个工作日起 ${s.publicity.workingDays} 个工作日`;
    steps.push({ key: 'publicity', title: '公示', detail: `${when}；登记和处理公示期内收到的异议`, from: 8, to: 8, ...(r.publicity ? { link: { to: `${base}/publicity`, label: '登记和处理异议', done: '查看公示与异议' } } : {}) });
  }
  const outcome = (r as Round & { outcome?: Outcome }).outcome;
  const admitted = outcome?.counts?.admitted;
  const excluded = outcome?.counts?.excluded;
  const result = r.status === 'completed' && typeof admitted === 'number' ? `：已入库 ${admitted} 人${excluded ? `，异议成立不予入库 ${excluded} 人` : ''}` : '';
  steps.push({ key: 'admission', title: '入库', detail: `${s?.publicity ? '公示期满、异议处理完毕后' : '批准后'}在名额内入库${result}`, from: 9, to: 9, ...(r.status === 'completed' ? { link: { to: '/bureau/pool', label: '查看人才库' } } : {}) });
  return steps;
}

function stateOf(step: Step, r: Round): State {
  const at = ORDER[r.status];
  // Rejected or timed out at the approval: what came before is done, the rest will not run.
  if (at === undefined) return STOPPED.has(r.status) && r.status !== 'failed' && step.to <= 7 ? 'done' : 'stopped';
  if (at > step.to) return 'done';
  if (at >= step.from) return 'running';
  return 'todo';
}

export function RoundSteps({ round }: { round: Round }) {
  const steps = stepsOf(round);
  return (
    <Card title="遴选流程（按顺序进行，点击进入各步骤）" size="small" style={{ marginBottom: 16 }}>
      <List
        size="small"
        dataSource={steps}
        renderItem={(step, i) => {
          const state = stateOf(step, round);
          return (
            <List.Item data-step={step.key} actions={step.link ? [<Link key="go" to={step.link.to}>{state === 'done' && step.link.done ? step.link.done : step.link.label}</Link>] : []}>
              <Space direction="vertical" size={0}>
                <Space>
                  <Typography.Text strong>{`${i + 1}. ${step.title}`}</Typography.Text>
                  <ToneTag tone={STATE[state].tone}>{STATE[state].zh}</ToneTag>
                </Space>
                <Typography.Text type="secondary">{step.detail}</Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
