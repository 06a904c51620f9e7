import { idNumberCheckChar } from '../../domain/form/id-number';

/** A valid 18-digit ID number for a birth date (area 320482, sequence 45x; even = female). */
export function idNumberFor(birthDate: string, seq = '452'): string {
  const first17 = `320482${birthDate.replace(/-/g, '')}${seq}`;
  return first17 + (idNumberCheckChar(first17) ?? '0');
}

/** A well-formed tier 3 nomination (DESIGN §6's example, with a valid ID number). */
export function validForm(over: { roundId?: string; unitCode?: string; birthDate?: string; name?: string; seq?: string } = {}) {
  const birthDate = over.birthDate ?? '1992-05-01';
  return {
    formVersion: 1,
    roundId: over.roundId ?? '2026-R1',
    unit: { code: over.unitCode ?? 'JT-XYXX', name: '金坛区西旸小学', type: 'primary' },
    tier: 3,
    source: 'selection',
    candidate: {
      name: over.name ?? '张三',
      gender: 'F',
      idNumber: idNumberFor(birthDate, over.seq),
      birthDate,
      education: [{ level: 'bachelor', fullTime: true, institution: '南京师范大学', graduated: '2014-06-30' }],
      posts: [{ kind: 'class-teacher', title: '三年级班主任', unit: '金坛区西旸小学', from: '2015-09-01', to: null }],
      honours: [{ title: '常州市教学能手', awarded: '2019-09-10' }],
      lessonAwards: [{ level: 'district', prize: 2, year: 2021 }],
      studentRoles: [{ role: 'student-union-vice-chair', level: 'department' }],
      scholarships: [{ class: 2, year: 2012 }],
    },
    attestation: { basicConditions: true, by: '西旸小学党支部', date: '2026-03-01' },
    ageExemption: null,
  };
}
