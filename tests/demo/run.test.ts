import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run demo` end to end, in its own process with its own local stack (never one a
// developer left running: the session file points nowhere). It lives through a round and
// three yearly reviews through HTTP alone; a failing step exits 1 and names itself.
describe('npm run demo', () => {
  it('runs a round to admission and three reviews to the summative one', () => {
    const tsx = join('node_modules', '.bin', 'tsx');
    const r = spawnSync(tsx, ['demo/run.ts', '--quiet', '--seed', '7'], {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, POOL_LOCAL_SESSION: join('node_modules', '.cache', 'no-such-session.json'), LOG_LEVEL: 'ERROR' },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-4000)).toBe(0);
    expect(r.stdout).toMatch(/受理结果与每份表的设计意图全部一致/);
    expect(r.stdout).toMatch(/总结性|summative/);
    // The unit registry is seeded through the API; the approver's edit names the candidate; the bureau queries the pool (C-PRIORITY).
    expect(r.stdout).toMatch(/教育局登记单位名册：\d+ 个单位/);
    expect(r.stdout).toMatch(/组织部审批：同意，移出第三梯队拟入库人选 .+（按(姓名|编号)；/);
    expect(r.stdout).toMatch(/优先选用查询：推荐使用 \d+ 人/);
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
  }, 300_000);

  it('answers an unknown option with the usage (exit 2), before starting anything', () => {
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['demo/run.ts', '--port', '4400'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/参数错误 \/ bad arguments: .*--port/);
    expect(r.stderr).toMatch(/用法 Usage: npm run demo/);
  }, 90_000);
});
