import { shanghaiDate, type Demo } from '../context';
import { DemoError, obj, optArr, optNum } from '../json';
import { readPool, type PoolMember } from '../pool';

/**
 * Step e: what the bureau records after admission: a talk with each new tier 1 member
 * (C-TALK), a training class (D-TRAIN), rotations (D-ROTATE); and a school records its own
 * member's course (X-UNITS).
 */
export async function recordDevelopment(demo: Demo): Promise<void> {
  const { out, bureau, control } = demo;
  const today = shanghaiDate(await control.now());
  const { members } = await readPool(demo);
  const tier = (t: number) => members.filter((m) => m.tier === t && m.status === 'active').sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh'));
  const [t1, t2, t3] = [tier(1), tier(2), tier(3)];
  const label = (m: PoolMember) => `${m.name ?? m.personId}（${demo.data?.units.find((u) => u.code === m.unit)?.name ?? m.unit}）`;
  if (t1.length < 3 || t2.length < 2 || t3.length < 3) throw new DemoError('人才库人数不足以演示记录', 'too few members to show records');

  for (const m of t1.slice(0, 3)) {
    await bureau.record(m.personId, 'talks', { on: today, by: '区教育工委', kind: 'regular', triggers: ['promotion'], notes: '列入第一梯队后备人才，提出培养要求' });
  }
  out.line(`谈心谈话 3 次：${t1.slice(0, 3).map(label).join('，')}`, '3 talks held with new tier 1 members (C-TALK)');

  for (const m of t1.slice(0, 5)) {
    await bureau.record(m.personId, 'training', { kind: 'training-class', title: '第一梯队后备干部专题培训班', provider: '金坛区教师发展中心', hours: 16, from: today, to: today });
  }
  out.line(`培训 5 人次：第一梯队后备干部专题培训班（16 学时）`, '5 members attended the tier 1 training class (D-TRAIN)');

  const host = demo.data?.units.find((u) => u.type === 'middle' && u.code !== t3[0]?.unit);
  const rotations: [PoolMember, Record<string, unknown>][] = [
    [t3[0] as PoolMember, { kind: 'shadowing', hostUnit: { ...(host ? { code: host.code } : {}), name: host?.name ?? '江苏省金坛中学' }, postArea: 'moral-education', from: today, to: null }],
    [t2[0] as PoolMember, { kind: 'temporary-posting', hostUnit: { code: 'JT-JYJ-RSK', name: '金坛区教育局人事科' }, postArea: 'management', from: today, to: null }],
  ];
  for (const [m, body] of rotations) await bureau.record(m.personId, 'rotations', body);
  out.line(`轮岗交流 2 人：${label(t3[0] as PoolMember)} 跟岗实践，${label(t2[0] as PoolMember)} 挂职锻炼`, '2 rotations: shadowing, temporary posting (D-ROTATE)');

  const m = t3[1] as PoolMember;
  const school = await demo.school(m.unit);
  await school.record(m.personId, 'training', { kind: 'course', title: '班主任工作能力提升网络研修', provider: '江苏省教师网络培训', hours: 30, from: today, to: today });
  out.line(`${label(m)} 所在单位自行记录培训 1 次（单位培养本单位后备人才）`, 'a school recorded its own member\'s course (X-UNITS)');

  const page = obj(await bureau.member(t1[0]?.personId as string), 'member');
  const member = obj(page.member, 'member');
  out.detail(`${label(t1[0] as PoolMember)}：谈话 ${optNum(member.talks) ?? optArr(page.talks).length} 次，培训 ${optNum(member.trainingHours) ?? '?'} 学时，任期 ${String(member.termStart)} 至 ${String(member.termEnd)}`,
    'a member\'s page: talks, training hours, term');
}
