import { problem, type Problem } from '../problem';
import type { NominationForm } from './schema';

/**
 * Checks across the form, run once every field is well formed.
 *
 * The attesting party organisation signs for what the form states on `attestation.date`; it
 * cannot attest to a post begun, a degree earned or a title awarded later. So every such date
 * (and a lesson award's or scholarship's year) must be on or before the attestation date.
 * A post's `to` may lie later: a secondment (挂职) with a fixed end is written that way, and
 * experience is clipped at the round's reference date anyway.
 *
 * A post, degree or title dated before the candidate was born is a typo (a year slipped).
 *
 * The form holds no round reference date (the round's notice sets it), so nothing here is
 * compared with it; the verdict ignores what lies after it.
 */
export function crossCheckForm(form: NominationForm): Problem[] {
  const out: Problem[] = [];
  const att = form.attestation.date;
  const attYear = Number(att.slice(0, 4));
  const born = form.candidate.birthDate;
  const c = form.candidate;

  const notAfterAttestation = (path: string, label: string, date: string) => {
    if (date > att) {
      out.push(problem('FORM_DATE_AFTER_ATTESTATION', path,
        `${label} ${date} 晚于党组织鉴定日期 ${att}`, `${path} ${date} is after the attestation date ${att}`));
    }
  };
  const notBeforeBirth = (path: string, label: string, date: string) => {
    if (date < born) {
      out.push(problem('FORM_DATE_BEFORE_BIRTH', path,
        `${label} ${date} 早于出生日期 ${born}`, `${path} ${date} is before the birth date ${born}`));
    }
  };
  const yearNotAfterAttestation = (path: string, label: string, y: number) => {
    if (y > attYear) {
      out.push(problem('FORM_DATE_AFTER_ATTESTATION', path,
        `${label} ${y} 年晚于党组织鉴定日期 ${att}`, `${path} ${y} is after the attestation date ${att}`));
    }
  };

  notAfterAttestation('candidate.birthDate', '出生日期', born);
  c.education.forEach((e, i) => {
    notAfterAttestation(`candidate.education[${i}].graduated`, `学历第 ${i + 1} 条毕业日期`, e.graduated);
    notBeforeBirth(`candidate.education[${i}].graduated`, `学历第 ${i + 1} 条毕业日期`, e.graduated);
  });
  c.posts.forEach((p, i) => {
    notAfterAttestation(`candidate.posts[${i}].from`, `任职经历第 ${i + 1} 条起始日期`, p.from);
    notBeforeBirth(`candidate.posts[${i}].from`, `任职经历第 ${i + 1} 条起始日期`, p.from);
  });
  c.honours.forEach((h, i) => {
    notAfterAttestation(`candidate.honours[${i}].awarded`, `荣誉称号第 ${i + 1} 条获评日期`, h.awarded);
    notBeforeBirth(`candidate.honours[${i}].awarded`, `荣誉称号第 ${i + 1} 条获评日期`, h.awarded);
  });
  c.lessonAwards.forEach((a, i) => yearNotAfterAttestation(`candidate.lessonAwards[${i}].year`, `优质课获奖第 ${i + 1} 条年份`, a.year));
  c.scholarships.forEach((s, i) => yearNotAfterAttestation(`candidate.scholarships[${i}].year`, `奖学金第 ${i + 1} 条年份`, s.year));
  return out;
}

/**
 * A form cannot be signed after it arrived: the attestation (and an age exemption's
 * approval) must be dated on or before the day it was received. Every other date of the
 * form is already bounded by the attestation date (crossCheckForm), so this bounds them all.
 * `receivedOn` is the upload's Beijing date, given by the caller (no clock here).
 */
export function datedAfterReceipt(form: NominationForm, receivedOn: string): Problem[] {
  const out: Problem[] = [];
  const check = (path: string, label: string, date: string) => {
    if (date > receivedOn) {
      out.push(problem('FORM_DATE_FUTURE', path,
        `${label} ${date} 晚于推荐表上传日期 ${receivedOn}`, `${path} ${date} is after the day the form was received (${receivedOn})`));
    }
  };
  check('attestation.date', '党组织鉴定日期', form.attestation.date);
  if (form.ageExemption) check('ageExemption.date', '破格批准日期', form.ageExemption.date);
  return out;
}
