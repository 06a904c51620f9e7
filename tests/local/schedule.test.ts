import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../local/clock';
import { LocalScheduler, nextFireTime, parseCron, type ScheduleSpec } from '../../local/schedule';
import type { LocalStepFunctions } from '../../local/stepfunctions';

describe('the yearly schedule, locally', () => {
  it('computes EventBridge cron firings in the schedule\'s time zone', () => {
    const yearly = 'cron(0 9 1 9 ? *)';
    expect(nextFireTime(yearly, 'Asia/Shanghai', new Date('2026-11-23T00:00:00Z')).toISOString()).toBe('2027-09-01T01:00:00.000Z');
    expect(nextFireTime(yearly, 'Asia/Shanghai', new Date('2027-09-01T00:59:59Z')).toISOString()).toBe('2027-09-01T01:00:00.000Z');
    expect(nextFireTime(yearly, 'Asia/Shanghai', new Date('2027-09-01T01:00:00Z')).toISOString()).toBe('2028-09-01T01:00:00.000Z');
    expect(nextFireTime('cron(30 2 ? * MON-FRI *)', 'UTC', new Date('2026-11-21T00:00:00Z')).toISOString()).toBe('2026-11-23T02:30:00.000Z');
    expect(() => parseCron('rate(1 day)')).toThrow(/cron/);
    expect(() => parseCron('cron(0 9 L * ? *)')).toThrow(/not supported/);
  });

  it('fires by itself on the simulated clock, once a year, each missed year in turn', async () => {
    const clock = new SimulatedClock({ start: new Date('2026-11-23T00:00:00Z') });
    const started: unknown[] = [];
    // Step Functions is not what is under test here: record what the scheduler starts.
    const sfn = { startExecution: async (p: { input: string }) => { started.push(JSON.parse(p.input)); return { executionArn: `arn:${started.length}`, startDate: clock.now() }; } };
    const spec: ScheduleSpec = { logicalId: 'AnnualReview', expression: 'cron(0 9 1 9 ? *)', timezone: 'Asia/Shanghai', enabled: true, targetArn: 'arn:review', input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}' };
    const scheduler = new LocalScheduler([spec], clock, sfn as unknown as LocalStepFunctions);
    scheduler.start();
    clock.advanceTo('2027-08-31T00:00:00Z');
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([]);
    clock.advanceTo('2029-09-02T00:00:00Z');
    for (let i = 0; i < 10 && started.length < 3; i++) await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([
      { scheduledTime: '2027-09-01T01:00:00Z' },
      { scheduledTime: '2028-09-01T01:00:00Z' },
      { scheduledTime: '2029-09-01T01:00:00Z' },
    ]);
    expect(scheduler.next()[0]?.next).toBe('2030-09-01T01:00:00.000Z');
    scheduler.stop();
  });
});
