import { settle, type Demo } from '../context';
import { DemoError, arr, isObj, obj, optNum, optStr, str, type Obj } from '../json';
import { allNominations } from '../nominations';
import { printPool } from '../pool';
import { TIER_ZH } from '../print';

const MINUTE = 60_000;
/** An 18-character ID number (17 digits and a check character) anywhere in a text. */
const ID_NUMBER = /\d{17}[\dXx]/;

interface Entry { nominationId: string; tier: number; name: string; gender: string; birthMonth: string; unitAndPost: string }

/**
 * Step d2 (S-PUBLICITY): after the approval, before admission, the approved list is published
 * for five working days from the first working day after the decision, counted on the State
 * Council's calendar. Anyone reads the public page without signing in (§7's fields, never an ID
 * number). The bureau records two objections received in the period and resolves them with
 * reasons: one dismissed, one upheld — that candidate is not admitted, the reason on the
 * nomination, the seat left free. The clock passes the period's end and the round admits.
 */
export async function publicity(demo: Demo): Promise<void> {
  const { out, control, bureau } = demo;
  const round = demo.round;
  if (!round) throw new DemoError('未开启遴选批次', 'no round open');
  const roundPath = `/rounds/${encodeURIComponent(round.roundId)}`;
  const stored = obj(obj(await bureau.getRound(round.roundId), 'round').round, 'round');
  const period = obj(stored.publicity, 'round.publicity');
  const startsOn = str(period.startsOn, 'publicity.startsOn');
  const endsOn = str(period.endsOn, 'publicity.endsOn');
  const endsAt = str(period.endsAt, 'publicity.endsAt');
  out.line(`公示期：${startsOn} 至 ${endsOn}（${optNum(period.workingDays) ?? '?'} 个工作日，自批准后第一个工作日起，按国务院节假日及调休安排计算）`,
    `公示 from ${startsOn} to ${endsOn}: ${optNum(period.workingDays) ?? '?'} working days on the State Council's calendar`);

  // The public page, as anyone opens it: no token.
  const res = await fetch(`${demo.apiUrl.replace(/\/$/, '')}/publicity/${encodeURIComponent(round.roundId)}`);
  const text = await res.text();
  if (res.status !== 200) throw new DemoError(`公示页面打不开（HTTP ${res.status}）`, `the public 公示 page answered HTTP ${res.status}`, text.slice(0, 300));
  const page = obj(obj(JSON.parse(text) as unknown, 'publicity page').publicity, 'publicity');
  const shown = arr(page.entries, 'publicity.entries').filter(isObj);
  if (ID_NUMBER.test(text)) throw new DemoError('公示页面中出现了身份证号', 'the public 公示 page shows an ID number');
  const fields = [...new Set(shown.flatMap((e) => Object.keys(e)))].sort();
  out.line(`公示页面（无需登录）：${optStr(page.title) ?? ''}，${shown.length} 人；字段 ${fields.join('、')}——不含身份证号`,
    `the public page, read without a token: ${shown.length} entries, fields ${fields.join(', ')}; no ID number`);
  for (const e of shown.slice(0, demo.out.quiet ? 0 : 3)) {
    out.detail(`  ${optNum(e.no)}. ${optStr(e.name)}，${optStr(e.gender)}，${optStr(e.birthMonth)}，${optStr(e.unitAndPost)}，${optStr(e.tierName)}`);
  }

  // Objections arrive during the period: the bureau's page names each entry's nomination.
  const now = await control.now();
  const openAt = new Date(`${startsOn}T10:00:00+08:00`);
  if (openAt.getTime() > now.getTime()) await control.advance({ to: openAt.toISOString() });
  const view = obj(await bureau.request('GET', `${roundPath}/objections`), 'objections');
  const entries: Entry[] = arr(view.entries, 'objections.entries').filter(isObj).map(entryOf);
  const upheldOn = entries.find((e) => e.tier === 1);
  const dismissedOn = entries.filter((e) => e.tier === 3).at(-1);
  if (!upheldOn || !dismissedOn) throw new DemoError('公示名单不足以演示异议', 'the published list is too short to show objections');
  const named = obj(await bureau.request('POST', `${roundPath}/objections`, {
    against: upheldOn.nominationId, from: { name: '张老师', contact: '0519-82800000' }, matter: '反映该同志在职期间组织学生有偿补课',
  }), 'objection').objection as Obj;
  const anonymous = obj(await bureau.request('POST', `${roundPath}/objections`, {
    against: dismissedOn.nominationId, matter: '匿名反映该同志工作作风简单粗暴',
  }), 'objection').objection as Obj;
  out.line(`公示期间收到异议 2 件：${upheldOn.name}（${TIER_ZH[upheldOn.tier]}，实名）、${dismissedOn.name}（${TIER_ZH[dismissedOn.tier]}，匿名）`,
    'two objections received in the period: one named, one anonymous');

  const reasons = { upheld: '经核查，反映的有偿补课问题属实，不予入库', dismissed: '经核查，反映的问题与事实不符，异议不成立' };
  const idOf = (o: Obj) => str(o.objectionId, 'objectionId');
  await bureau.request('PUT', `${roundPath}/objections/${idOf(anonymous)}`, { status: 'dismissed', reason: reasons.dismissed });
  const last = obj(await bureau.request('PUT', `${roundPath}/objections/${idOf(named)}`, { status: 'upheld', reason: reasons.upheld }), 'resolution');
  out.line(`教育局核查处理：${dismissedOn.name} 异议不成立（${reasons.dismissed}）；${upheldOn.name} 异议成立（${reasons.upheld}）；待处理 ${optNum(last.pending) ?? '?'} 件`,
    'the bureau resolved them with reasons: one dismissed, one upheld');

  // The period ends: nothing pending, so the round goes on to admission by itself.
  const t = await control.advance({ to: new Date(Date.parse(endsAt) + MINUTE).toISOString() });
  await settle(demo);
  const status = optStr(obj(obj(await bureau.getRound(round.roundId), 'round').round, 'round').status);
  if (status !== 'completed') throw new DemoError(`公示期满后批次应完成入库，实为 ${status}`, `after the 公示 the round should be completed, is ${status}`);
  const upheld = (await allNominations(demo, round.roundId)).find((n) => n.nominationId === upheldOn.nominationId);
  const admission = isObj(upheld?.admission) ? upheld.admission : {};
  if (admission.status !== 'objection-upheld') {
    throw new DemoError(`异议成立的 ${upheldOn.name} 应不予入库，实为 ${String(admission.status)}`, `the upheld candidate should not be admitted, is ${String(admission.status)}`, admission);
  }
  const pool = await printPool(demo, [`时钟拨至 ${t.toISOString()}：公示期满，入库完成（批次状态 ${status}），人才库对照上限：`, 'the period ended; admitted within the caps:']);
  if (pool.members.some((m) => m.name === upheldOn.name && m.unit === (upheld?.unit as string | undefined))) {
    throw new DemoError(`异议成立的 ${upheldOn.name} 出现在人才库中`, 'the upheld candidate is in the pool');
  }
  out.line(`${upheldOn.name} 不予入库（${optStr(admission.clause) ?? 'S-PUBLICITY'}：${optStr(admission.reason) ?? ''}），名额空出；${dismissedOn.name} 照常入库`,
    'the upheld candidate is not admitted, with the reason; the seat stays free; the other is admitted');
  if (pool.members.length !== entries.length - 1) {
    throw new DemoError(`入库 ${pool.members.length} 人，公示 ${entries.length} 人减去异议成立 1 人应为 ${entries.length - 1}`, `admitted ${pool.members.length}, expected ${entries.length - 1}`);
  }
  demo.selection.publicity = {
    from: startsOn, to: endsOn, published: entries.length,
    objections: [
      { objectionId: idOf(named), name: upheldOn.name, status: 'upheld', reason: reasons.upheld },
      { objectionId: idOf(anonymous), name: dismissedOn.name, status: 'dismissed', reason: reasons.dismissed },
    ],
  };
}

function entryOf(e: Obj): Entry {
  return {
    nominationId: str(e.nominationId, 'entry.nominationId'), tier: optNum(e.tier) ?? 0, name: str(e.name, 'entry.name'),
    gender: optStr(e.gender) ?? '', birthMonth: optStr(e.birthMonth) ?? '', unitAndPost: optStr(e.unitAndPost) ?? '',
  };
}
