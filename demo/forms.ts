import { addDays } from '../domain/dates';
import { tier1, tier2, tier3, type CandidateRecord, type IneligibleKind } from './candidates';
import type { CareerCtx } from './career';
import { generateDistrict, type Unit, type UnitType } from './district';
import { makePerson, type Gender, type Person } from './people';
import { Rng } from './prng';

/**
 * About 300 nomination forms (form v1, DESIGN §6) for one round, each with the outcome it
 * was built for: about 70% eligible, 20% ineligible for one stated reason, 10% malformed
 * (rejected at intake with a stable code). Some units send one Excel workbook with several
 * rows; the rest send a JSON file per candidate.
 */

export type Tier = 1 | 2 | 3;
export type Label = 'eligible' | 'ineligible' | 'malformed';
export type MalformedKind = 'id-checksum' | 'birth-mismatch' | 'gender-mismatch' | 'impossible-date' | 'misspelled-field';
export type { IneligibleKind } from './candidates';

/** The verdict rule an ineligible form fails (domain/eligibility RULES). */
export const INELIGIBLE_RULE: Record<IneligibleKind, string> = {
  'over-age': 'age', experience: 'experience', 'honour-low': 'honour', 'honour-unknown': 'honour',
  'no-class-work': 'class-or-team-work', 'no-route': 'route', 'achievement-unmet': 'teaching-achievement',
};

/** The problem code a malformed form is rejected with (domain/form README). */
export const MALFORMED_CODE: Record<MalformedKind, string> = {
  'id-checksum': 'FORM_ID_CHECKSUM', 'birth-mismatch': 'FORM_ID_BIRTHDATE_MISMATCH', 'gender-mismatch': 'FORM_ID_GENDER_MISMATCH',
  'impossible-date': 'FORM_DATE_INVALID', 'misspelled-field': 'FORM_UNKNOWN_FIELD',
};

export const KIND_ZH: Record<IneligibleKind | MalformedKind, string> = {
  'over-age': '超龄', experience: '任职年限不足', 'honour-low': '称号层次不够', 'honour-unknown': '称号无法识别',
  'no-class-work': '无班主任或团队工作经历', 'no-route': '不符合任一资格路径', 'achievement-unmet': '未达到幼儿园教学业绩条件',
  'id-checksum': '身份证号校验位错误', 'birth-mismatch': '出生日期与身份证号不一致', 'gender-mismatch': '性别与身份证号不一致',
  'impossible-date': '不存在的日期', 'misspelled-field': '字段名拼写错误',
};

export interface DemoNomination {
  /** The demo's own reference (N001 …), stable for a seed. */
  ref: string;
  unit: Unit;
  tier: Tier;
  label: Label;
  kind?: IneligibleKind | MalformedKind;
  person: Person;
  /** What the school sends: a form v1 object (malformed ones included). */
  form: Record<string, unknown>;
  /** Sent as a row of the unit's workbook rather than a JSON file. */
  excel: boolean;
  /** Tier 3: the routes built in. */
  routes?: ('a' | 'b' | 'c')[];
  ageExemption?: boolean;
}

export interface RoundDates {
  roundId: string;
  /** The round's reference date: ages and experience are judged on it. */
  referenceDate: string;
  /** When the units' party organisations sign the forms (on or after every date in them). */
  attestationDate: string;
}

interface Slot {
  tier: Tier;
  label: Label;
  kind?: IneligibleKind | MalformedKind;
  exemption?: boolean;
}

const MALFORMED_KINDS: MalformedKind[] = ['id-checksum', 'birth-mismatch', 'gender-mismatch', 'impossible-date', 'misspelled-field'];

/** The mix: per tier, eligible well over the cap (20 / 35 / 50) so ranking matters. */
export const PLAN: Record<Tier, { eligible: number; ineligible: Partial<Record<IneligibleKind, number>>; malformed: number }> = {
  1: { eligible: 44, ineligible: { 'over-age': 4, experience: 4, 'honour-low': 4, 'honour-unknown': 3 }, malformed: 7 },
  2: { eligible: 68, ineligible: { 'over-age': 4, experience: 4, 'honour-low': 4, 'honour-unknown': 3, 'achievement-unmet': 3 }, malformed: 10 },
  3: { eligible: 98, ineligible: { 'over-age': 7, 'no-class-work': 7, 'no-route': 8 }, malformed: 13 },
};

const AGES: Record<Tier, { min: number; max: number }> = { 1: { min: 36, max: 45 }, 2: { min: 30, max: 40 }, 3: { min: 24, max: 35 } };

function slots(): Slot[] {
  const out: Slot[] = [];
  let m = 0;
  for (const tier of [1, 2, 3] as const) {
    const p = PLAN[tier];
    for (let i = 0; i < p.eligible; i++) out.push({ tier, label: 'eligible', ...(tier === 1 && i === 0 ? { exemption: true } : {}) });
    for (const [kind, n] of Object.entries(p.ineligible) as [IneligibleKind, number][]) {
      for (let i = 0; i < n; i++) out.push({ tier, label: 'ineligible', kind });
    }
    for (let i = 0; i < p.malformed; i++) out.push({ tier, label: 'malformed', kind: MALFORMED_KINDS[m++ % MALFORMED_KINDS.length] as MalformedKind });
  }
  return out;
}

/** Which unit types nominate for which tier, and how often. */
function unitFor(rng: Rng, units: readonly Unit[], slot: Slot): Unit {
  const weights: Record<UnitType, number> = slot.tier === 1
    ? { primary: 3, middle: 3, kindergarten: 1, 'bureau-office': 0, institution: 0 }
    : { primary: 3, middle: 3, kindergarten: slot.tier === 2 ? 1.2 : 1, 'bureau-office': 0.5, institution: 0.5 };
  if (slot.kind === 'achievement-unmet') return rng.pick(units.filter((u) => u.type === 'kindergarten'));
  // A kindergarten's tier 2 is judged on its own condition, not the honour.
  if (slot.tier === 2 && (slot.kind === 'honour-low' || slot.kind === 'honour-unknown')) weights.kindergarten = 0;
  // Offices and institutions recommend staff within the age range only: no exemption.
  if (slot.exemption) { weights.kindergarten = 0; }
  return rng.weighted(units.filter((u) => weights[u.type] > 0).map((u) => [u, weights[u.type] / units.filter((x) => x.type === u.type).length] as const));
}

function genderFor(rng: Rng, unit: Unit, tier: Tier): Gender {
  const female = unit.type === 'kindergarten' ? 0.95 : unit.type === 'primary' ? (tier === 1 ? 0.5 : 0.7) : tier === 1 ? 0.35 : 0.55;
  return rng.chance(female) ? 'F' : 'M';
}

export function buildForm(dates: RoundDates, unit: Unit, tier: Tier, person: Person, rec: CandidateRecord, exemption: boolean): Record<string, unknown> {
  const candidate: Record<string, unknown> = {
    name: person.name,
    gender: person.gender,
    idNumber: person.idNumber,
    birthDate: person.birthDate,
    education: rec.education,
    posts: rec.posts,
    honours: rec.honours,
  };
  if (rec.lessonAwards.length) candidate.lessonAwards = rec.lessonAwards;
  if (rec.studentRoles.length) candidate.studentRoles = rec.studentRoles;
  if (rec.scholarships.length) candidate.scholarships = rec.scholarships;
  return {
    formVersion: 1,
    roundId: dates.roundId,
    unit: { code: unit.code, name: unit.name, type: unit.type },
    tier,
    source: 'selection',
    candidate,
    attestation: {
      basicConditions: true,
      by: unit.party,
      date: dates.attestationDate,
      ...(rec.teachingAchievement ? { teachingAchievement: rec.teachingAchievement } : {}),
    },
    ageExemption: exemption
      ? { reason: '江苏省特级教师，主持省级课题，办学业绩突出，特别优秀', approvedBy: '金坛区委组织部', date: dates.attestationDate }
      : null,
  };
}

/** Breaks a well-formed form the way a school office does. */
export function malform(rng: Rng, form: Record<string, unknown>, kind: MalformedKind): void {
  const c = form.candidate as Record<string, unknown>;
  const id = c.idNumber as string;
  switch (kind) {
    case 'id-checksum': {
      const check = '0123456789X';
      const wrong = check[(check.indexOf(id.slice(17)) + rng.int(1, 10)) % 11] as string;
      c.idNumber = `${id.slice(0, 17)}${wrong}`;
      return;
    }
    case 'birth-mismatch':
      c.birthDate = addDays(c.birthDate as string, rng.pick([-1, 1, 31, -365, 365]));
      return;
    case 'gender-mismatch':
      c.gender = c.gender === 'M' ? 'F' : 'M';
      return;
    case 'impossible-date': {
      const posts = c.posts as { from: string }[];
      const first = posts[0];
      if (first) first.from = `${first.from.slice(0, 4)}-09-31`;
      return;
    }
    case 'misspelled-field': {
      if (rng.chance(0.5)) {
        c.honors = c.honours;
        delete c.honours;
      } else {
        const edu = (c.education as Record<string, unknown>[])[0];
        if (edu) {
          edu.fulltime = edu.fullTime;
          delete edu.fullTime;
        }
      }
      return;
    }
  }
}

export interface DemoData {
  seed: number;
  dates: RoundDates;
  units: Unit[];
  nominations: DemoNomination[];
}

/** The district and its nominations for a round: the same for the same seed and dates. */
export function generateDemo(seed: number, dates: RoundDates): DemoData {
  const units = generateDistrict(seed);
  const rng = new Rng(seed).fork('nominations');
  const taken = { names: new Set<string>(), ids: new Set<string>() };
  // A third of the units fill in the Excel template, one row per candidate.
  const excelUnits = new Set(units.filter(() => rng.chance(0.35)).map((u) => u.code));
  const nominations = rng.shuffle(slots()).map((slot, i): DemoNomination => {
    const unit = unitFor(rng, units, slot);
    const ctx: CareerCtx = { rng, unit, district: units, ref: dates.referenceDate, att: dates.attestationDate };
    const { min, max } = AGES[slot.tier];
    const over = slot.kind === 'over-age' || slot.exemption === true;
    const age = over ? rng.int(max + 1, max + 3) : rng.int(min, max);
    const person = makePerson(rng, age, dates.referenceDate, genderFor(rng, unit, slot.tier), taken);
    const ineligible = slot.label === 'ineligible' ? (slot.kind as IneligibleKind) : undefined;
    const rec = slot.tier === 1 ? tier1(ctx, person.birthDate, ineligible) : slot.tier === 2 ? tier2(ctx, person.birthDate, ineligible) : tier3(ctx, person.birthDate, ineligible);
    const form = buildForm(dates, unit, slot.tier, person, rec, slot.exemption === true);
    if (slot.label === 'malformed') malform(rng, form, slot.kind as MalformedKind);
    const jsonOnly = slot.kind === 'misspelled-field' || rng.chance(0.1);
    return {
      ref: `N${String(i + 1).padStart(3, '0')}`,
      unit,
      tier: slot.tier,
      label: slot.label,
      ...(slot.kind ? { kind: slot.kind } : {}),
      person,
      form,
      excel: excelUnits.has(unit.code) && !jsonOnly,
      ...(rec.routes ? { routes: rec.routes } : {}),
      ...(slot.exemption ? { ageExemption: true } : {}),
    };
  });
  return { seed, dates, units, nominations };
}
