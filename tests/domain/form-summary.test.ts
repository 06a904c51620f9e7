import { describe, expect, it } from 'vitest';
import { formSummary } from '../../domain/form/summary';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { form } from '../fixtures/forms/builders';

describe('the form summary the approver reads', () => {
  it('names the candidate, the unit, the current (senior) post, education and honours best first — never the ID number or birth date', () => {
    const f = form({
      candidate: {
        posts: [
          { kind: 'class-teacher', title: '班主任', unit: '金坛区西旸小学', from: '2015-09-01', to: null },
          { kind: 'middle', title: '教导处副主任', unit: '金坛区西旸小学', from: '2020-09-01', to: null },
          { kind: 'teacher', title: '教师', unit: '金坛区西旸小学', from: '2014-09-01', to: '2015-08-31' },
        ],
        honours: [{ title: '金坛区骨干教师', awarded: '2018-09-10' }, { title: '常州市骨干教师', awarded: '2021-09-10' }, { title: '校级优秀教师', awarded: '2017-01-01' }],
      },
    });
    const s = formSummary(f, PLAN_2020);
    expect(s).toMatchObject({ name: f.candidate.name, gender: f.candidate.gender, birthYear: Number(f.candidate.birthDate.slice(0, 4)), unit: f.unit, tier: f.tier });
    expect(s.currentPost).toEqual({ kind: 'middle', title: '教导处副主任', unit: '金坛区西旸小学', from: '2020-09-01' });
    expect(s.honours.map((h) => h.title)).toEqual(['常州市骨干教师', '金坛区骨干教师', '校级优秀教师']);
    expect(s.honours[2]?.rank).toBeNull();
    const text = JSON.stringify(s);
    expect(text).not.toContain(f.candidate.idNumber);
    expect(text).not.toContain(f.candidate.birthDate);
  });
});
