import { inParallel, settle, type Demo } from '../context';
import type { UploadFile } from '../files';
import { uploadFiles } from '../files';
import { KIND_ZH, type DemoNomination } from '../forms';
import { DemoError, arr, isObj, obj, optStr } from '../json';
import { allNominations, matchIntake } from '../nominations';

/** Step b: each unit uploads its own files through a presigned POST; intake judges them. */
export async function uploadForms(demo: Demo): Promise<void> {
  const { out } = demo;
  const data = demo.data;
  const round = demo.round;
  if (!data || !round) throw new DemoError('未开启遴选批次', 'no round open');
  const files = uploadFiles(data.nominations);

  const byUnit = new Map<string, UploadFile[]>();
  for (const f of files) byUnit.set(f.unit.code, [...(byUnit.get(f.unit.code) ?? []), f]);
  await inParallel([...byUnit.entries()], 6, async ([unit, unitFiles]) => {
    const client = await demo.school(unit);
    for (const f of unitFiles) {
      const link = await client.upload(round.roundId, f.fileName, f.bytes);
      demo.files.set(link.key, f);
    }
  });
  out.line(`${byUnit.size} 个单位各自上传 ${files.length} 个文件（Excel 工作簿 ${files.filter((f) => f.kind === 'xlsx').length} 个，最多一本 ${Math.max(0, ...files.map((f) => f.refs.length))} 行）`,
    `${byUnit.size} units uploaded ${files.length} files through presigned POSTs`);

  await settle(demo);
  const noms = await allNominations(demo, round.roundId);
  const { results, unmatched } = matchIntake(demo, noms);
  for (const r of results) demo.intake.set(r.ref, r);
  if (unmatched.length > 0) {
    throw new DemoError(`${unmatched.length} 条推荐无法对应到上传的文件`, `${unmatched.length} nominations do not match an uploaded file`, unmatched.slice(0, 3));
  }
  const missing = data.nominations.filter((n) => !demo.intake.has(n.ref));
  if (missing.length > 0) {
    throw new DemoError(`${missing.length} 份推荐表未见受理结果（如 ${missing[0]?.ref}）`, `${missing.length} forms have no intake result after settling`);
  }

  const accepted = results.filter((r) => r.status === 'accepted');
  const eligible = accepted.filter((r) => r.eligible === true);
  const ineligible = accepted.filter((r) => r.eligible === false);
  const rejected = results.filter((r) => r.status === 'rejected');
  out.line(`受理 ${accepted.length}（符合条件 ${eligible.length}，不符合条件 ${ineligible.length}），退回 ${rejected.length}`,
    `accepted ${accepted.length} (eligible ${eligible.length}, ineligible ${ineligible.length}), rejected ${rejected.length}`);
  for (const t of [1, 2, 3] as const) {
    out.detail(`  第${t}梯队：符合条件 ${eligible.filter((r) => r.tier === t).length}`, `tier ${t}: ${eligible.filter((r) => r.tier === t).length} eligible`);
  }

  // Did intake reach the outcome each form was built for?
  const expected = (n: DemoNomination) => (n.label === 'malformed' ? 'rejected' : n.label);
  const got = (r: { status: string; eligible?: boolean }) => (r.status === 'rejected' ? 'rejected' : r.eligible ? 'eligible' : 'ineligible');
  const disagree = data.nominations.filter((n) => { const r = demo.intake.get(n.ref); return !r || got(r) !== expected(n); });
  if (disagree.length === 0) {
    out.line(`受理结果与每份表的设计意图全部一致（${data.nominations.length}/${data.nominations.length}）`, 'intake agrees with every form\'s intended outcome');
  } else {
    out.warn(`${disagree.length} 份受理结果与设计意图不一致：${disagree.slice(0, 5).map((n) => `${n.ref}(${n.label}${n.kind ? `/${n.kind}` : ''}→${got(demo.intake.get(n.ref) ?? { status: '?' })})`).join('，')}`,
      `${disagree.length} intake results differ from the intended outcome`);
    demo.notes.push({ zh: `${disagree.length} 份受理结果与设计意图不一致`, en: `${disagree.length} intake results differ from the intended outcome` });
  }

  await showRejections(demo, data.nominations);
}

/** What a school reads: two rejections (one from a workbook, with its cell) and one verdict. */
async function showRejections(demo: Demo, nominations: readonly DemoNomination[]): Promise<void> {
  const { out } = demo;
  const round = demo.round;
  if (!round) return;
  const pick = (f: (n: DemoNomination) => boolean) => nominations.find((n) => f(n) && demo.intake.get(n.ref)?.status === 'rejected');
  const examples = [pick((n) => n.label === 'malformed' && n.excel), pick((n) => n.label === 'malformed' && !n.excel && n.kind === 'misspelled-field')]
    .filter((n): n is DemoNomination => n !== undefined);
  for (const n of examples) {
    const school = await demo.school(n.unit.code);
    const page = obj(await school.nominations(round.roundId), 'nominations');
    const mine = arr(page.nominations, 'nominations').filter(isObj).find((x) => x.nominationId === demo.intake.get(n.ref)?.nominationId);
    if (!mine) throw new DemoError(`${n.unit.name} 看不到本单位的推荐 ${n.ref}`, `${n.unit.code} cannot see its own nomination ${n.ref}`);
    const problems = arr(mine.problems, 'problems').filter(isObj);
    out.line(`${n.unit.name} 看到的退回原因（${n.excel ? 'Excel' : 'JSON'}，${KIND_ZH[n.kind ?? 'id-checksum']}）：`, `what ${n.unit.code} reads for a rejected form:`);
    for (const p of problems.slice(0, 3)) {
      const where = optStr(p.cell) ?? optStr(p.path) ?? '';
      const zh = optStr(p.zh) ?? '';
      out.line(`  ${optStr(p.code)} ${zh.startsWith(where) ? zh : `${where}：${zh}`}`, optStr(p.en));
    }
  }
  const inel = nominations.find((n) => n.label === 'ineligible' && n.kind === 'honour-unknown' && demo.intake.get(n.ref)?.eligible === false);
  if (inel) {
    const school = await demo.school(inel.unit.code);
    const page = obj(await school.nominations(round.roundId), 'nominations');
    const mine = arr(page.nominations, 'nominations').filter(isObj).find((x) => x.nominationId === demo.intake.get(inel.ref)?.nominationId);
    const reasons = arr(obj(mine?.verdict, 'verdict').reasons, 'verdict.reasons').filter(isObj).filter((r) => r.ok === false);
    out.line(`${inel.unit.name} 看到 ${inel.person.name} 不符合条件的理由：`, `why ${inel.unit.code}'s candidate is not eligible:`);
    for (const r of reasons) out.line(`  [${optStr(r.clause)}] ${optStr(r.message)}`, optStr(r.messageEn));
  }
}
