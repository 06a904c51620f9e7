import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run demo` end to end, in its own process with its own local stack (never one a
// developer left running: the session file points nowhere). It lives through a round — with
// 民主推荐, 考察 and 公示 — and three yearly reviews through HTTP alone; a failing step exits 1
// and names itself. Its clock starts on a fixed Monday (--start) so the 公示 always falls in a
// year the working-day calendar covers, whatever today is.
const START = '2026-11-02T09:00:00+08:00';

describe('npm run demo', () => {
  it('runs a round with 民主推荐, 考察 and 公示 to admission, and three reviews to the summative one', () => {
    const tsx = join('node_modules', '.bin', 'tsx');
    const r = spawnSync(tsx, ['demo/run.ts', '--quiet', '--seed', '7', '--start', START], {
      encoding: 'utf8',
      timeout: 540_000,
      env: { ...process.env, POOL_LOCAL_SESSION: join('node_modules', '.cache', 'no-such-session.json'), LOG_LEVEL: 'ERROR' },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-4000)).toBe(0);
    expect(r.stdout).toMatch(/受理结果与每份表的设计意图全部一致/);
    expect(r.stdout).toMatch(/总结性|summative/);
    // The unit registry is seeded through the API; the approver's edit names the candidate; the bureau queries the pool (C-PRIORITY).
    expect(r.stdout).toMatch(/教育局登记单位名册：\d+ 个单位/);
    expect(r.stdout).toMatch(/组织部审批：同意，移出第三梯队拟入库人选 .+（按(姓名|编号)；/);
    expect(r.stdout).toMatch(/优先选用查询：推荐使用 \d+ 人/);
    // 民主推荐 (S-RECOMMEND): codes issued, voters on the public routes, some codes unused (turnout under 100 %), at least one below the threshold.
    const turnout = /发放 (\d+)，已用 (\d+)，参投率 ([\d.]+)%/.exec(r.stdout);
    expect(turnout, 'the tally line').not.toBeNull();
    const [issued, used, share] = [Number(turnout?.[1]), Number(turnout?.[2]), Number(turnout?.[3])];
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(issued);
    expect(share).toBeCloseTo((100 * used) / issued, 1);
    expect(r.stdout).toMatch(/再次使用已投过的码：HTTP 409 BALLOT_CODE_USED；输错一位：HTTP 404 BALLOT_CODE_INVALID/);
    expect(Number(/低于门槛 50\.0% 的 (\d+) 人不参与排名/.exec(r.stdout)?.[1])).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/未遇 429|遇 429 重试 \d+ 次/);
    // 考察 (S-INSPECT): one 不合格, held back by the gate; the approver cannot add them back.
    expect(r.stdout).toMatch(/合格 \d+，不合格 1/);
    expect(r.stdout).toMatch(/考察不合格不予提名（S-INSPECT）：\S+/);
    expect(r.stdout).toMatch(/EDIT_INSPECTION_FAILED/);
    // 公示 (S-PUBLICITY): five working days, the public page without an ID number, an upheld objection keeps that person out.
    expect(r.stdout).toMatch(/公示期：2026-11-16 至 2026-11-20（5 个工作日/);
    expect(r.stdout).toMatch(/公示页面（无需登录）：.+——不含身份证号/);
    const upheld = /(\S+) 不予入库（S-PUBLICITY：(.+?)），名额空出；(\S+) 照常入库/.exec(r.stdout);
    expect(upheld, 'the upheld objection').not.toBeNull();
    expect(r.stdout).toMatch(/公示期满，入库完成（批次状态 completed）/);
    // The units heard: the round opening, their rejected forms, their ballot opening.
    expect(r.stdout).toMatch(/通知发件箱：\d+ 条（.*遴选开始 \d+.*）/);
    expect(r.stdout).toMatch(/民主推荐开始 \d+/);
    expect(r.stdout).toMatch(/表格退回 \d+/);
    // The summary names the steps' outcomes.
    expect(r.stdout).toMatch(/民主推荐：\d+ 个单位，发放投票码 \d+，已用 \d+，参投率/);
    expect(r.stdout).toMatch(/公示：2026-11-16 至 2026-11-20，\d+ 人；异议 2 件：OBJ-\d+ .+——异议成立，不予入库/);
    // Between reviews (issue #11): a veto, an appointment that uses a reserve, the X-USE share.
    expect(r.stdout).toMatch(/一票否决：.+当日不再列入后备人才培养对象（M-VETO），名额已释放/);
    expect(r.stdout).toMatch(/第二梯队后备人才已使用，离开后备人才库（X-USE）/);
    expect(r.stdout).toMatch(/干部任用中后备人才占比（X-USE）：2\/2，100%，以后备人才为主/);
    // The term ends on its date (issue #11 part 4, M-TERM): renewals before it, seats freed on the day.
    expect(r.stdout).toMatch(/续任 \d+ 人（通过总结性考核，名额不变/);
    expect(r.stdout).toMatch(/任期届满当日离库 [1-9]\d* 人，释放名额 [1-9]\d* 个；续任 \d+ 人继续在库/);
    const pool = [...r.stdout.matchAll(/第([一二三])梯队\s*\S*\s+(\d+)\/(\d+)/g)].map((m) => [Number(m[2]), Number(m[3])]);
    expect(pool.length).toBeGreaterThan(0);
    for (const [held, cap] of pool) expect(held).toBeLessThanOrEqual(cap as number);
    // Admitted within the caps right after the 公示, the upheld candidate's seat left free: first tier 19 of 20.
    const admitted = r.stdout.slice(r.stdout.indexOf('公示期满，入库完成'));
    const afterPublicity = [...admitted.matchAll(/第([一二三])梯队\s*\S*\s+(\d+)\/(\d+)/g)].slice(0, 3).map((m) => `${m[2]}/${m[3]}`);
    expect(afterPublicity).toEqual(['19/20', '35/35', '49/50']);
  }, 600_000);

  it('answers an unknown option with the usage (exit 2), before starting anything', () => {
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['demo/run.ts', '--port', '4400'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/参数错误 \/ bad arguments: .*--port/);
    expect(r.stderr).toMatch(/用法 Usage: npm run demo/);
    const bad = spawnSync(join('node_modules', '.bin', 'tsx'), ['demo/run.ts', '--start', 'next monday'], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--start 应为带时区的时间/);
  }, 90_000);
});
