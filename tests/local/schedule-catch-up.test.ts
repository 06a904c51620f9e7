import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../local/clock';
import { LocalScheduler, schedulesFromTemplate, type ScheduleSpec } from '../../local/schedule';
import type { LocalStepFunctions } from '../../local/stepfunctions';
import { synthTalentPool } from '../../infra/synth';
import type { CfnTemplate } from '../../local/template';

/** Records what the scheduler starts (Step Functions is not what is under test here). */
function recorder(clock: SimulatedClock) {
  const started: Array<{ arn: string; input: { scheduledTime: string } }> = [];
  const sfn = {
    startExecution: async (p: { stateMachineArn: string; input: string }) => {
      started.push({ arn: p.stateMachineArn, input: JSON.parse(p.input) as { scheduledTime: string } });
      return { executionArn: `arn:${started.length}`, startDate: clock.now() };
    },
  };
  return { started, sfn: sfn as unknown as LocalStepFunctions };
}
const ticks = async (n = 10) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('the daily term-end schedule, locally (catchUp: latest)', () => {
  const daily: ScheduleSpec = {
    logicalId: 'TermEnd', kind: 'term-end', catchUp: 'latest', expression: 'cron(5 0 * * ? *)', timezone: 'Asia/Shanghai',
    enabled: true, targetArn: 'arn:term', input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
  };
  const annual: ScheduleSpec = { ...daily, logicalId: 'AnnualReview', kind: 'annual-review', catchUp: 'each', expression: 'cron(0 9 1 9 ? *)', targetArn: 'arn:review' };

  it('fires once a day at 00:05 Beijing; a clock jumped over many days fires it once, at the last firing due', async () => {
    const clock = new SimulatedClock({ start: new Date('2029-11-26T12:00:00+08:00') });
    const { started, sfn } = recorder(clock);
    const scheduler = new LocalScheduler([daily], clock, sfn);
    scheduler.start();
    clock.advanceTo('2029-11-27T00:04:00+08:00');
    await ticks();
    expect(started).toEqual([]);
    clock.advanceTo('2029-11-27T00:06:00+08:00');
    await ticks();
    expect(started.map((s) => s.input.scheduledTime)).toEqual(['2029-11-26T16:05:00Z']);
    // Three years in one jump: one firing, the last one due — the step ends everything due by its date.
    clock.advanceTo('2032-11-27T12:00:00+08:00');
    await ticks();
    expect(started.map((s) => s.input.scheduledTime)).toEqual(['2029-11-26T16:05:00Z', '2032-11-26T16:05:00Z']);
    expect(scheduler.next()[0]?.next).toBe('2032-11-27T16:05:00.000Z');
    scheduler.stop();
  });

  it('the annual review still fires each missed year; "fire now" starts the annual review unless told the term end', async () => {
    const clock = new SimulatedClock({ start: new Date('2026-11-23T00:00:00Z') });
    const { started, sfn } = recorder(clock);
    const scheduler = new LocalScheduler([daily, annual], clock, sfn);
    scheduler.start();
    clock.advanceTo('2028-09-02T00:00:00Z');
    await ticks(20);
    expect(started.filter((s) => s.arn === 'arn:review').map((s) => s.input.scheduledTime)).toEqual(['2027-09-01T01:00:00Z', '2028-09-01T01:00:00Z']);
    expect(started.filter((s) => s.arn === 'arn:term')).toHaveLength(1);
    expect((await scheduler.fireNow()).schedule).toBe('AnnualReview');
    expect((await scheduler.fireNow('term-end')).schedule).toBe('TermEnd');
    await expect(scheduler.fireNow('nope')).rejects.toThrow(/no schedule/);
    scheduler.stop();
  });

  it('reads both schedules and their metadata from the synthesized template', () => {
    const { template } = synthTalentPool() as unknown as { template: CfnTemplate };
    const specs = schedulesFromTemplate(template);
    expect(specs.map((s) => [s.kind, s.catchUp, s.expression, s.timezone]).sort()).toEqual([
      ['annual-review', 'each', 'cron(0 9 1 9 ? *)', 'Asia/Shanghai'],
      ['term-end', 'latest', 'cron(5 0 * * ? *)', 'Asia/Shanghai'],
    ]);
  });
});
