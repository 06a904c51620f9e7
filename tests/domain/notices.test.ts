import { describe, expect, it } from 'vitest';
import {
  assessmentOpenedNotice, deadlineSoonNotice, deliveriesFor, formRejectedNotice, isDeadlineReminderDay, noticeKey, reminderDay,
  roundOpenedNotice, talkOverdueNotice, zhDateTime,
} from '../../domain/notices';
import { CLAUSES } from '../../domain/clauses';

const UNIT = {
  code: 'JT-XYXX', name: '金坛区西旸小学',
  contacts: [
    { name: '王老师', email: 'wang@xyxx.jtedu.cn', wecomSecret: 'talent-pool/notify/xyxx-wecom' },
    { name: '李老师', phone: '13812345678' },
    { name: '校办', email: 'WANG@xyxx.jtedu.cn', dingtalkSecret: 'talent-pool/notify/xyxx-ding', dingtalkWebhook: 'https://oapi.dingtalk.com/robot/send?access_token=x' },
  ],
};
const AT = '2026-03-01T02:00:00.000Z';

describe('notices (DESIGN §7)', () => {
  it('a round opening tells the unit its upload page and the deadline in Beijing time, Chinese first', () => {
    const n = roundOpenedNotice(UNIT, { roundId: 'R2026-1', title: '2026年第一批后备干部遴选', intakeClosesAt: '2026-03-15T10:00:00Z' }, AT);
    expect(n.key).toBe('round-opened#JT-XYXX#round/R2026-1');
    expect(n.clause).toBe('S-ROUND');
    expect(n.link).toBe('/school/rounds/R2026-1');
    expect(n.subject.zh).toBe('【后备干部遴选】2026年第一批后备干部遴选已开始');
    // 10:00 UTC is 18:00 in Beijing.
    expect(n.body.zh).toContain('2026年3月15日 18:00（北京时间）前');
    expect(n.body.zh.startsWith('金坛区西旸小学：')).toBe(true);
    expect(n.body.en).toContain('2026-03-15 18:00 (Beijing time)');
  });

  it('a late-evening UTC deadline is the next day in Beijing', () => {
    expect(zhDateTime('2026-03-15T17:30:00Z')).toBe('2026年3月16日 01:30（北京时间）');
  });

  it('who hears: every contact once per way it can be reached; a phone alone and a webhook URL in the registry reach no one', () => {
    const d = deliveriesFor(UNIT.contacts);
    expect(d).toEqual([
      { id: '0-email', channel: 'email', to: 'wang@xyxx.jtedu.cn', contact: '王老师' },
      { id: '0-wecom', channel: 'wecom', to: 'talent-pool/notify/xyxx-wecom', contact: '王老师' },
      // The same mailbox (case aside) is written to once.
      { id: '2-dingtalk', channel: 'dingtalk', to: 'talent-pool/notify/xyxx-ding', contact: '校办' },
    ]);
    expect(deliveriesFor([{ name: '只有电话', phone: '13812345678' }])).toEqual([]);
  });

  it('one notice per (kind, unit, subject): the same event built twice has the same key, another unit or kind another', () => {
    const r = { roundId: 'R1', title: 't', intakeClosesAt: '2026-03-15T10:00:00Z' };
    expect(roundOpenedNotice(UNIT, r, AT).key).toBe(roundOpenedNotice(UNIT, r, '2026-03-02T00:00:00Z').key);
    expect(roundOpenedNotice({ ...UNIT, code: 'JT-OTHER' }, r, AT).key).not.toBe(roundOpenedNotice(UNIT, r, AT).key);
    expect(deadlineSoonNotice(UNIT, { kind: 'intake', id: 'R1', title: 't', deadline: r.intakeClosesAt }, AT).key).toBe(noticeKey('deadline-soon', 'JT-XYXX', 'round/R1/deadline'));
  });

  it('three days before a deadline: from three days ahead to the day before, in Beijing dates, never on the day', () => {
    const deadline = '2026-03-15T10:00:00Z'; // 15 March, Beijing
    expect(reminderDay(deadline)).toBe('2026-03-12');
    expect(isDeadlineReminderDay(deadline, '2026-03-11')).toBe(false);
    expect(isDeadlineReminderDay(deadline, '2026-03-12')).toBe(true);
    expect(isDeadlineReminderDay(deadline, '2026-03-14')).toBe(true);
    expect(isDeadlineReminderDay(deadline, '2026-03-15')).toBe(false);
    expect(isDeadlineReminderDay(deadline, '2026-03-16')).toBe(false);
    // 16:30 UTC on the 11th is already the 12th in Beijing: the deadline's day is the 12th.
    expect(isDeadlineReminderDay('2026-03-11T16:30:00Z', '2026-03-09')).toBe(true);
    expect(isDeadlineReminderDay('2026-03-11T16:30:00Z', '2026-03-08')).toBe(false);
  });

  it('a rejected form names the nominee and the reasons (at most five), never an ID number', () => {
    const reasons = Array.from({ length: 7 }, (_, i) => ({ zh: `原因${i + 1}`, en: `reason ${i + 1}` }));
    const n = formRejectedNotice(UNIT, { roundId: 'R1', nominationId: 'N1', name: '张三', reasons }, AT);
    expect(n.key).toBe('form-rejected#JT-XYXX#nomination/R1/N1');
    expect(n.subject.zh).toBe('【表格退回】张三的登记表未通过审核');
    expect(n.body.zh).toContain('原因：原因1；原因2；原因3；原因4；原因5；另有 2 项。请修改后重新上传。');
  });

  it('an assessment window and an overdue talk say what to do by when, with their clauses', () => {
    const a = assessmentOpenedNotice(UNIT, { reviewId: 'RV2026', title: '2026年度后备干部考核', dueOn: '2026-10-01', members: 3 }, AT);
    expect(a.clause).toBe('X-UNITS');
    expect(a.body.zh).toContain('请于2026年10月1日（北京时间）前提交本单位 3 名后备干部的年度考核结果');
    const t = talkOverdueNotice(UNIT, { personId: 'p1', name: '李四', trigger: 'yearly-minimum', triggeredBy: 'term-year', due: '2026-08-31', clause: 'C-TALK', what: { zh: '每年至少谈心谈话 1 次', en: 'a talk a year' } }, AT);
    expect(t.subject.zh).toBe('【谈话逾期】李四的谈心谈话已逾期');
    expect(t.key).toBe('talk-overdue#JT-XYXX#talk/p1/yearly-minimum/term-year/2026-08-31');
    for (const n of [a, t]) expect(Object.hasOwn(CLAUSES, n.clause)).toBe(true);
  });
});
