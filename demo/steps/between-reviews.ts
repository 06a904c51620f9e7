import { shanghaiDate, type Demo } from '../context';
import { DemoError, obj, optArr, optNum, optStr } from '../json';
import { readPool, type PoolMember } from '../pool';
import { generateDemo } from '../forms';

/**
 * Step e2: what happens between reviews (issue #11): a one-vote-veto matter reported mid-year
 * (M-VETO: removed that day, the seat freed, the organisational talk due), two appointments
 * (X-USE: a tier 2 member made deputy head leaves the pool as used, with the promotion talk
 * due; a tier 1 member given another deputy post stays, with the post-change talk due), the
 * talks now due pool-wide, the X-USE share of the period, and a filed list (S-ORGLIST): the
 * District Organization Department files one of its reserves of a school whose cadres it
 * manages into the seat the appointment freed — entered as filed, never ranked.
 */
export async function betweenReviews(demo: Demo): Promise<void> {
  const { out, bureau, control } = demo;
  const today = shanghaiDate(await control.now());
  const { members } = await readPool(demo);
  const tier = (t: number) => members.filter((m) => m.tier === t && m.status === 'active').sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh'));
  const [t1, t2, t3] = [tier(1), tier(2), tier(3)];
  const vetoed = t3.at(-1);
  const used = t2.at(-1);
  const moved = t1.at(-1);
  if (!vetoed || !used || !moved) throw new DemoError('人才库人数不足以演示届中事项', 'too few members to show what happens between reviews');
  const label = (m: PoolMember) => `${m.name ?? m.personId}（${demo.data?.units.find((u) => u.code === m.unit)?.name ?? m.unit}）`;

  const veto = obj(await bureau.veto(vetoed.personId, { on: today, matter: '违反《中小学教师职业行为十项准则》，经查属实', reportedBy: '区教育局纪检组', documentNo: '坛教纪〔2026〕3号' }), 'veto');
  const removal = obj(veto.removal, 'removal');
  out.line(`一票否决：${label(vetoed)} 当日不再列入后备人才培养对象（M-VETO），${removal.seatReleased === true ? '名额已释放' : '名额未变'}，须在 30 天内组织谈话`,
    'a one-vote veto mid-year: removed that day, the seat freed, the organisational talk due (M-VETO)');

  const unitOf = (m: PoolMember) => m.unit;
  const appoint = async (m: PoolMember, kind: string, title: string) => obj(await bureau.appoint({
    personId: m.personId, post: { kind, title, unitCode: unitOf(m) }, on: today, documentNo: '坛教任〔2026〕21号',
  }), 'appointment');
  const usedAnswer = obj((await appoint(used, 'deputy', '副校长')).member, 'member');
  const movedAnswer = obj((await appoint(moved, 'deputy', '党总支副书记')).member, 'member');
  const OUTCOME_ZH: Record<string, string> = { used: '已使用，离开后备人才库', 'post-change': '岗位变动，仍在库' };
  const said = (a: Record<string, unknown>) => OUTCOME_ZH[optStr(a.outcome) ?? ''] ?? '未知';
  out.line(`任用：${label(used)} 任副校长——第二梯队后备人才${said(usedAnswer)}（X-USE），提拔重用时谈话应谈；` +
    `${label(moved)} 调整为党总支副书记——${said(movedAnswer)}（第一梯队），岗位变动时谈话应谈`,
  'appointments: a tier 2 member made deputy head is used (promotion talk due); a tier 1 member moved to another deputy post stays (post-change talk due)');

  // S-ORGLIST: a school whose cadres the Department manages (the unit registry says so), and
  // one of its filed reserves: a person of another seed's district, re-homed to that school.
  const school = demo.data?.units.find((u) => u.code === used.unit);
  const filed = generateDemo(demo.seed + 1, { roundId: 'FILED', referenceDate: today, attestationDate: today }).nominations
    .find((n) => n.tier === 2 && n.label === 'eligible' && n.unit.type === school?.type);
  if (school && filed) {
    await bureau.putUnit(school.code, { name: school.name, type: school.type, orgDeptManaged: true });
    const form = structuredClone(filed.form) as Record<string, unknown>;
    const oldUnit = filed.unit.name;
    form.unit = { code: school.code, name: school.name, type: school.type };
    form.source = 'org-dept-list';
    const candidate = form.candidate as { posts?: Array<{ unit?: string }> };
    for (const post of candidate.posts ?? []) if (post.unit === oldUnit) post.unit = school.name;
    const imported = obj(await bureau.importFiled({ source: 'org-dept-list', on: today, documentNo: '坛组干〔2026〕12号', entries: [form] }), 'import');
    const entry = obj(optArr(imported.entries)[0], 'entry');
    out.line(`组织部备案名单：${optStr(entry.name) ?? ''}（${school.name}）作为备案后备人才直接入库第二梯队（S-ORGLIST），不参与排名，占用刚释放的名额`,
      'a filed list: the Organization Department files one reserve of a school it manages into tier 2, never ranked (S-ORGLIST)');
  }

  const due = obj(await bureau.talksDue(today), 'talks due');
  const talks = optArr(due.talks).map((t) => obj(t, 'talk'));
  const count = (trigger: string) => talks.filter((t) => t.trigger === trigger).length;
  out.line(`全区当前应谈：${talks.length} 次（离库组织谈话 ${count('removal')}，提拔 ${count('promotion')}，岗位变动 ${count('post-change')}）`,
    `talks due pool-wide today: ${talks.length}`);

  const report = obj(await bureau.xUse(today, today), 'x-use');
  const share = optNum(report.share);
  out.line(`干部任用中后备人才占比（X-USE）：${optNum(report.fromPool) ?? 0}/${optNum(report.total) ?? 0}${share === undefined ? '' : `，${Math.round(share * 100)}%`}` +
    `${report.greaterPart === true ? '，以后备人才为主' : ''}`, `X-USE: share of appointments from the pool ${share ?? '—'}`);
}
