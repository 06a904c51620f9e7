import { describe, expect, it } from 'vitest';
import { ageOn } from '../../domain/dates';
import { decideEligibility } from '../../domain/eligibility/verdict';
import { birthDateFromIdNumber, genderFromIdNumber, isValidIdNumber } from '../../domain/form/id-number';
import { parseNominationForm } from '../../domain/form/parse';
import { isDoubleFirstClass } from '../../domain/policy/double-first-class';
import { readNominationWorkbook } from '../../formats/xlsx/nomination';
import { DFC_UNIVERSITIES, OTHER_UNIVERSITIES } from '../../demo/career';
import { UNIT_CODE, generateDistrict } from '../../demo/district';
import { INELIGIBLE_RULE, MALFORMED_CODE, PLAN, generateDemo, type DemoNomination, type IneligibleKind, type MalformedKind } from '../../demo/forms';
import { uploadFiles } from '../../demo/files';
import { JINTAN_AREA, idNumber } from '../../demo/people';

const DATES = { roundId: '2026-R1', referenceDate: '2026-11-30', attestationDate: '2026-11-23' };
const demo = generateDemo(7, DATES);
const byRef = new Map(demo.nominations.map((n) => [n.ref, n]));

function failingRules(n: DemoNomination): string[] {
  const parsed = parseNominationForm(n.form);
  if (!parsed.ok) throw new Error(`${n.ref} should parse: ${parsed.problems.map((p) => `${p.code} ${p.path}`).join('; ')}`);
  const v = decideEligibility(parsed.value, { asOf: DATES.referenceDate });
  return v.reasons.filter((r) => !r.ok && r.route === undefined).map((r) => r.rule);
}

describe('demo district', () => {
  it('is deterministic for a seed, and differs across seeds', () => {
    expect(generateDemo(7, DATES)).toEqual(demo);
    expect(generateDistrict(7)).toEqual(demo.units);
    const other = generateDemo(8, DATES);
    expect(other.nominations.map((n) => n.person.idNumber)).not.toEqual(demo.nominations.map((n) => n.person.idNumber));
  });

  it('has about 60 units of all five types, with unique valid codes', () => {
    expect(demo.units.length).toBeGreaterThanOrEqual(55);
    expect(demo.units.length).toBeLessThanOrEqual(65);
    const types = new Set(demo.units.map((u) => u.type));
    expect([...types].sort()).toEqual(['bureau-office', 'institution', 'kindergarten', 'middle', 'primary']);
    for (const t of types) expect(demo.units.filter((u) => u.type === t).length).toBeGreaterThanOrEqual(4);
    const codes = demo.units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(UNIT_CODE);
    expect(new Set(demo.units.map((u) => u.name)).size).toBe(demo.units.length);
  });

  it('has about 300 nominations: ~70% eligible, ~20% ineligible, ~10% malformed', () => {
    const n = demo.nominations.length;
    expect(n).toBeGreaterThanOrEqual(280);
    expect(n).toBeLessThanOrEqual(320);
    const share = (label: string) => demo.nominations.filter((x) => x.label === label).length / n;
    expect(share('eligible')).toBeGreaterThan(0.65);
    expect(share('eligible')).toBeLessThan(0.75);
    expect(share('ineligible')).toBeGreaterThan(0.15);
    expect(share('ineligible')).toBeLessThan(0.25);
    expect(share('malformed')).toBeGreaterThan(0.08);
    expect(share('malformed')).toBeLessThan(0.12);
    // More eligible candidates than seats in every tier, so ranking matters.
    const caps = { 1: 20, 2: 35, 3: 50 } as const;
    for (const t of [1, 2, 3] as const) {
      expect(demo.nominations.filter((x) => x.tier === t && x.label === 'eligible').length).toBe(PLAN[t].eligible);
      expect(PLAN[t].eligible).toBeGreaterThan(caps[t]);
    }
    expect(new Set(demo.nominations.map((x) => x.ref)).size).toBe(n);
  });

  it('gives everyone a valid Jintan ID number matching birth date and gender, and a unique name', () => {
    const ids = new Set<string>();
    for (const n of demo.nominations) {
      const p = n.person;
      expect(isValidIdNumber(p.idNumber), p.idNumber).toBe(true);
      expect(p.idNumber.startsWith(JINTAN_AREA)).toBe(true);
      expect(birthDateFromIdNumber(p.idNumber)).toBe(p.birthDate);
      expect(genderFromIdNumber(p.idNumber)).toBe(p.gender);
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      ids.add(p.idNumber);
    }
    expect(ids.size).toBe(demo.nominations.length);
    expect(new Set(demo.nominations.map((n) => n.person.name)).size).toBeGreaterThan(demo.nominations.length * 0.97);
    expect(idNumber('320482', '1992-05-01', 452, 'F')).toMatch(/^32048219920501452\w$/);
  });

  it('lists Double First-Class universities for route (a) and others for route (b)', () => {
    expect(isDoubleFirstClass('南京师范大学')).toBe(true);
    for (const u of DFC_UNIVERSITIES) expect(isDoubleFirstClass(u), u).toBe(true);
    for (const u of OTHER_UNIVERSITIES) expect(isDoubleFirstClass(u), u).toBe(false);
  });

  it('every eligible form parses and is eligible', () => {
    const eligible = demo.nominations.filter((n) => n.label === 'eligible');
    for (const n of eligible) expect(failingRules(n), n.ref).toEqual([]);
    // Tier 3 uses all three routes; kindergartens use their own condition in tier 2; one age exemption.
    const routes = new Set(eligible.flatMap((n) => n.routes ?? []));
    expect([...routes].sort()).toEqual(['a', 'b', 'c']);
    const kg = eligible.filter((n) => n.tier === 2 && n.unit.type === 'kindergarten');
    expect(kg.length).toBeGreaterThan(0);
    for (const n of kg) expect((n.form.attestation as { teachingAchievement?: { met: boolean } }).teachingAchievement?.met).toBe(true);
    const exempt = eligible.filter((n) => n.ageExemption);
    expect(exempt).toHaveLength(1);
    expect(ageOn(exempt[0]!.person.birthDate, DATES.referenceDate)).toBeGreaterThan(45);
  });

  it('every ineligible form fails exactly the intended rule', () => {
    const ineligible = demo.nominations.filter((n) => n.label === 'ineligible');
    const kinds = new Set<string>();
    for (const n of ineligible) {
      kinds.add(n.kind as string);
      expect(failingRules(n), `${n.ref} ${n.kind}`).toEqual([INELIGIBLE_RULE[n.kind as IneligibleKind]]);
    }
    expect([...kinds].sort()).toEqual(Object.keys(INELIGIBLE_RULE).sort());
    // An unknown honour is reported as such, never guessed at.
    for (const n of ineligible.filter((x) => x.kind === 'honour-unknown')) {
      const parsed = parseNominationForm(n.form);
      if (!parsed.ok) throw new Error('parses');
      expect(decideEligibility(parsed.value, { asOf: DATES.referenceDate }).unknownHonours?.length).toBeGreaterThan(0);
    }
  });

  it('every malformed form is rejected with the intended code', () => {
    const malformed = demo.nominations.filter((n) => n.label === 'malformed');
    const kinds = new Set<string>();
    for (const n of malformed) {
      kinds.add(n.kind as string);
      const parsed = parseNominationForm(n.form);
      expect(parsed.ok, n.ref).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.problems.map((p) => p.code), `${n.ref} ${n.kind}`).toContain(MALFORMED_CODE[n.kind as MalformedKind]);
    }
    expect([...kinds].sort()).toEqual(Object.keys(MALFORMED_CODE).sort());
  });

  it('packs JSON files and multi-row workbooks that read back as the same forms', () => {
    const files = uploadFiles(demo.nominations);
    expect(files.flatMap((f) => f.refs).sort()).toEqual(demo.nominations.map((n) => n.ref).sort());
    const workbooks = files.filter((f) => f.kind === 'xlsx');
    expect(workbooks.length).toBeGreaterThan(3);
    expect(workbooks.some((f) => f.refs.length > 1)).toBe(true);
    expect(files.some((f) => f.kind === 'json')).toBe(true);
    for (const f of files) expect(f.fileName).toMatch(/^[^/\\]+\.(json|xlsx)$/);

    for (const f of workbooks) {
      const read = readNominationWorkbook(f.bytes);
      if (!read.ok) throw new Error(`${f.fileName}: ${read.problems.map((p) => p.code).join()}`);
      expect(read.value.map((r) => r.row)).toEqual(f.refs.map((_, i) => i + 2));
      read.value.forEach((row, i) => {
        const n = byRef.get(f.refs[i] as string) as DemoNomination;
        expect(row.problems, n.ref).toEqual([]);
        const fromSheet = parseNominationForm(row.form);
        const fromJson = parseNominationForm(n.form);
        if (n.label === 'malformed') {
          expect(fromSheet.ok, n.ref).toBe(false);
          if (!fromSheet.ok) expect(fromSheet.problems.map((p) => p.code)).toContain(MALFORMED_CODE[n.kind as MalformedKind]);
        } else {
          expect(fromSheet, n.ref).toEqual(fromJson);
        }
      });
    }
    for (const f of files.filter((x) => x.kind === 'json')) {
      const n = byRef.get(f.refs[0] as string) as DemoNomination;
      expect(JSON.parse(new TextDecoder().decode(f.bytes))).toEqual(n.form);
    }
  });
});
