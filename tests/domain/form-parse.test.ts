import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datedAfterReceipt } from '../../domain/form/cross-checks';
import { parseNominationForm } from '../../domain/form/parse';
import type { Problem } from '../../domain/problem';
import { fixture, formInput, idFor } from '../fixtures/forms/builders';

function problems(input: unknown): Problem[] {
  const r = parseNominationForm(input);
  return r.ok ? [] : r.problems;
}
function codes(input: unknown): string[] {
  return problems(input).map((p) => `${p.code} ${p.path}`);
}

describe('nomination form v1: accepted', () => {
  it('accepts DESIGN §6’s example exactly as written', () => {
    const r = parseNominationForm(fixture('tier3-route-a-eligible.json'));
    expect(r.ok).toBe(true);
  });

  it('lets the optional lists and ageExemption be left out', () => {
    const input = formInput();
    const c = input.candidate as Record<string, unknown>;
    delete c.lessonAwards;
    delete c.studentRoles;
    delete c.scholarships;
    delete input.ageExemption;
    const r = parseNominationForm(input);
    expect(r.ok && r.value.candidate.scholarships).toEqual([]);
    expect(r.ok && r.value.ageExemption).toBeNull();
  });

  it('upper-cases a final x and trims text', () => {
    const r = parseNominationForm(formInput({
      candidate: { birthDate: '1949-12-31', idNumber: '11010519491231002x', name: ' 张三 ' },
    }));
    expect(r.ok && r.value.candidate.idNumber).toBe('11010519491231002X');
    expect(r.ok && r.value.candidate.name).toBe('张三');
  });

  it('accepts the optional teachingAchievement attestation', () => {
    const r = parseNominationForm(formInput({ attestation: { teachingAchievement: { met: true, condition: '近三年获区级保教成果奖' } } }));
    expect(r.ok).toBe(true);
  });
});

describe('nomination form v1: rejected with stable codes and field paths', () => {
  it('answers a non-object with FORM_TYPE at the root', () => {
    for (const x of [null, undefined, 42, 'form', [], [formInput()], true]) {
      expect(codes(x)).toEqual(['FORM_TYPE ']);
    }
  });

  it('answers another version with FORM_VERSION alone', () => {
    expect(codes({ formVersion: 2, whatever: true })).toEqual(['FORM_VERSION formVersion']);
    expect(codes(formInput({ formVersion: '1' }))).toEqual(['FORM_VERSION formVersion']);
  });

  it('reports a missing field as FORM_REQUIRED and a wrong type as FORM_TYPE', () => {
    const input = formInput({ roundId: undefined, candidate: { name: 3 } });
    delete input.roundId;
    const c = input.candidate as Record<string, unknown>;
    delete c.birthDate;
    expect(codes(input)).toEqual(expect.arrayContaining(['FORM_REQUIRED roundId', 'FORM_TYPE candidate.name', 'FORM_REQUIRED candidate.birthDate']));
  });

  it('requires `to` to be written (null when still in post)', () => {
    const input = formInput({ candidate: { posts: [{ kind: 'middle', title: '教务主任', unit: '西旸小学', from: '2020-09-01' }] } });
    const p = problems(input);
    expect(p.map((x) => `${x.code} ${x.path}`)).toEqual(['FORM_REQUIRED candidate.posts[0].to']);
    expect(p[0]?.zh).toContain('null');
  });

  it('rejects enums outside the lists', () => {
    expect(codes(formInput({ tier: 4 }))).toEqual(['FORM_ENUM tier']);
    expect(codes(formInput({ source: 'self' }))).toEqual(['FORM_ENUM source']);
    expect(codes(formInput({ unit: { code: 'X', name: '某校', type: 'university' } }))).toEqual(['FORM_ENUM unit.type']);
    expect(codes(formInput({ candidate: { gender: '女' } }))).toEqual(['FORM_ENUM candidate.gender']);
    expect(codes(formInput({ candidate: { lessonAwards: [{ level: 'school', prize: 4, year: 2021 }] } })))
      .toEqual(['FORM_ENUM candidate.lessonAwards[0].level', 'FORM_ENUM candidate.lessonAwards[0].prize']);
  });

  it('rejects unknown fields at the top and inside (a typo is never dropped)', () => {
    expect(codes(formInput({ remarks: '请优先' }))).toEqual(['FORM_UNKNOWN_FIELD remarks']);
    const input = formInput({ candidate: { education: [{ level: 'bachelor', fulltime: true, fullTime: true, institution: '南京大学', graduated: '2014-06-30' }] } });
    expect(codes(input)).toEqual(['FORM_UNKNOWN_FIELD candidate.education[0].fulltime']);
  });

  it('rejects dates that are not real calendar dates', () => {
    expect(codes(formInput({ attestation: { date: '2026-02-30' } }))).toEqual(['FORM_DATE_INVALID attestation.date']);
    expect(codes(formInput({ candidate: { honours: [{ title: '常州市教学能手', awarded: '2019-9-10' }] } })))
      .toEqual(['FORM_DATE_INVALID candidate.honours[0].awarded']);
    expect(codes(formInput({ candidate: { birthDate: '1993-02-29', idNumber: idFor('1993-02-28') } })))
      .toEqual(['FORM_DATE_INVALID candidate.birthDate']);
  });

  it('checks the ID number: shape, checksum, birth date, gender', () => {
    expect(codes(formInput({ candidate: { idNumber: '3204131992050100' } }))).toEqual(['FORM_ID_FORMAT candidate.idNumber']);
    // A checksum-valid number whose embedded date is 30 February.
    const feb30 = idFor('1992-02-30');
    expect(codes(formInput({ candidate: { idNumber: feb30 } }))).toEqual(['FORM_ID_FORMAT candidate.idNumber']);
    const good = idFor('1992-05-01', 'F');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(codes(formInput({ candidate: { idNumber: bad } }))).toEqual(['FORM_ID_CHECKSUM candidate.idNumber']);
    expect(codes(formInput({ candidate: { idNumber: idFor('1992-05-02', 'F') } }))).toEqual(['FORM_ID_BIRTHDATE_MISMATCH candidate.birthDate']);
    expect(codes(formInput({ candidate: { idNumber: idFor('1992-05-01', 'M') } }))).toEqual(['FORM_ID_GENDER_MISMATCH candidate.gender']);
  });

  it('rejects a period that ends before it starts (same day is allowed)', () => {
    const post = (to: string) => ({ kind: 'middle', title: '教务主任', unit: '西旸小学', from: '2020-09-01', to });
    expect(codes(formInput({ candidate: { posts: [post('2020-08-31')] } }))).toEqual(['FORM_PERIOD_ORDER candidate.posts[0].to']);
    expect(codes(formInput({ candidate: { posts: [post('2020-09-01')] } }))).toEqual([]);
  });

  it('a form attested after the day it was received is refused (FORM_DATE_FUTURE); the day itself is fine', () => {
    const parsed = parseNominationForm(formInput({ attestation: { date: '2026-03-01' } }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(datedAfterReceipt(parsed.value, '2026-03-01')).toEqual([]);
    expect(datedAfterReceipt(parsed.value, '2026-02-28')).toEqual([
      expect.objectContaining({ code: 'FORM_DATE_FUTURE', path: 'attestation.date', zh: '党组织鉴定日期 2026-03-01 晚于推荐表上传日期 2026-02-28' }),
    ]);
  });

  it('rejects facts dated after the attestation, or before birth', () => {
    expect(codes(formInput({ candidate: { honours: [{ title: '常州市骨干教师', awarded: '2026-03-02' }] } })))
      .toEqual(['FORM_DATE_AFTER_ATTESTATION candidate.honours[0].awarded']);
    expect(codes(formInput({ candidate: { lessonAwards: [{ level: 'city', prize: 1, year: 2027 }] } })))
      .toEqual(['FORM_DATE_AFTER_ATTESTATION candidate.lessonAwards[0].year']);
    expect(codes(formInput({ candidate: { posts: [{ kind: 'teacher', title: '教师', unit: '西旸小学', from: '1982-09-01', to: null }] } })))
      .toEqual(['FORM_DATE_BEFORE_BIRTH candidate.posts[0].from']);
    // A fixed-term secondment may end after the attestation date.
    expect(codes(formInput({ candidate: { posts: [{ kind: 'middle', title: '挂职教务副主任', unit: '华罗庚实验学校', from: '2025-09-01', to: '2026-08-31' }] } })))
      .toEqual([]);
  });

  it('rejects blank text and an incomplete exemption', () => {
    expect(codes(formInput({ attestation: { by: '  ' } }))).toEqual(['FORM_EMPTY attestation.by']);
    expect(codes(formInput({ ageExemption: { reason: '特别优秀', approvedBy: '' } })))
      .toEqual(['FORM_EMPTY ageExemption.approvedBy', 'FORM_REQUIRED ageExemption.date']);
  });

  it('gives every problem a Chinese and an English message naming the field', () => {
    const p = problems(fixture('malformed.json'));
    expect(p.map((x) => x.code).sort()).toEqual(['FORM_ENUM', 'FORM_ID_CHECKSUM', 'FORM_UNKNOWN_FIELD', 'FORM_UNKNOWN_FIELD']);
    for (const x of p) {
      expect(x.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(x.en).toContain(x.path);
    }
    const checksum = p.find((x) => x.code === 'FORM_ID_CHECKSUM');
    expect(checksum?.zh).toContain('身份证号');
  });

  it('refuses over-long lists whole, and caps the problem list', () => {
    const many = Array.from({ length: 5000 }, () => ({ kind: 'boss' }));
    expect(codes(formInput({ candidate: { posts: many } }))).toEqual(['FORM_TOO_MANY candidate.posts']);
    const posts = Array.from({ length: 50 }, () => ({ kind: 'boss' })); // 5 problems each
    const p = problems(formInput({ candidate: { posts } }));
    expect(p.length).toBe(101);
    expect(p[100]?.code).toBe('FORM_TOO_MANY_PROBLEMS');
  });
});

describe('parseNominationForm never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const r = parseNominationForm(v);
      expect(r.ok).toBe(false);
    }), { numRuns: 500 });
  });

  it('on arbitrary objects with the form’s own keys', () => {
    const keys = ['formVersion', 'roundId', 'unit', 'tier', 'source', 'candidate', 'attestation', 'ageExemption'];
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...keys), fc.jsonValue()), (v) => {
      expect(() => parseNominationForm(v)).not.toThrow();
    }), { numRuns: 500 });
  });

  it('on a valid form with one field replaced by anything', () => {
    const paths: string[][] = [['tier'], ['candidate', 'posts'], ['candidate', 'honours'], ['candidate', 'idNumber'], ['attestation'], ['ageExemption'], ['unit']];
    fc.assert(fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
      const input = formInput();
      let target: Record<string, unknown> = input;
      for (const k of path.slice(0, -1)) target = target[k] as Record<string, unknown>;
      target[path[path.length - 1] ?? ''] = value;
      expect(() => parseNominationForm(input)).not.toThrow();
    }), { numRuns: 500 });
  });

  it('on deep nesting, cycles and throwing getters', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(parseNominationForm(deep).ok).toBe(false);
    expect(parseNominationForm(formInput({ candidate: { posts: deep } })).ok).toBe(false);
    const cyclic = formInput();
    cyclic.unit = cyclic;
    expect(parseNominationForm(cyclic).ok).toBe(false);
    const hostile = formInput();
    Object.defineProperty(hostile, 'candidate', { enumerable: true, get() { throw new Error('boom'); } });
    expect(parseNominationForm(hostile)).toMatchObject({ ok: false, kind: 'rejection' });
  });
});
