/**
 * The .lrmx export of a member (issue #13.4) over the real adapters (dynalite): a member
 * admitted from a round's nomination → the .lrmx of that nomination's form, which the
 * import reads back to the same exact values; a member without a stored form and an unknown
 * member are refused with their codes.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportMemberLrmx } from '../../app/exports/lrmx';
import { isAppError } from '../../app/errors';
import { admitOne } from '../../app/round/admit-one';
import { mapLrmxPerson } from '../../formats/lrmx/map';
import { readLrmx } from '../../formats/lrmx/read';
import { startEmulators, type Emulators } from '../support/emulators';
import { newWorld, type World } from '../support/admissions';

let emu: Emulators;
let w: World;
const ROUND = '2026-R1';

beforeAll(async () => {
  emu = await startEmulators();
  w = await newWorld(emu, { seats: 3 });
  await w.nominate(ROUND, 1);
  await w.repos.personClaims.claim({ roundId: ROUND, personId: w.person(1), nominationId: 'N001', unitCode: 'JT-XYXX', receivedAt: '2026-03-01T08:00:00.000Z' });
  const status = await admitOne(w.deps, { roundId: ROUND, on: '2026-06-10', at: '2026-06-10T02:30:00Z', by: 'approver-1' }, { id: 'N001', tier: 3 });
  expect(status).toBe('admitted');
  // Person 2 holds a seat from a 2025 round whose nomination is not stored here.
  await w.seat(2, 3);
});
afterAll(async () => {
  await emu?.stop();
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('exporting a member\'s .lrmx', () => {
  it('writes the admission form as the editor\'s file, and the import reads the exact values back', async () => {
    const file = await exportMemberLrmx(w.deps, { personId: w.person(1), asOf: '2026-11-02', actor: 'user:bureau-1' });
    expect(file.fileName).toBe(`候选人1-${w.person(1)}.lrmx`);
    expect(file.contentType).toBe('application/xml; charset=utf-8');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\r\n<Person>\r\n {2}<XingMing>候选人1<\/XingMing>/);
    expect(text).toContain('<JiSuanNianLingShiJian>202611</JiSuanNianLingShiJian>');
    expect(text).toContain('<ZhaoPian></ZhaoPian>');

    const read = readLrmx(file.bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const back = mapLrmxPerson(read.value, { roundId: ROUND, unit: { code: 'JT-XYXX', name: '金坛区西旸小学', type: 'primary' }, openTiers: [3] });
    const nomination = await w.repos.nominations.get(ROUND, 'N001');
    const c = (nomination?.form as { candidate: { name: string; gender: string; idNumber: string; birthDate: string } }).candidate;
    expect(back.form.candidate).toMatchObject({ name: c.name, gender: c.gender, idNumber: c.idNumber, birthDate: c.birthDate, education: [{ level: 'bachelor', fullTime: true, institution: '南京师范大学' }] });

    // The file holds the ID number in full: the export is audited, without the number.
    const audit = (await emu.doc.send(new ScanCommand({ TableName: emu.tables.audit }))).Items ?? [];
    const entry = audit.find((i) => i.action === 'member.lrmx-exported');
    expect(entry).toMatchObject({ entity: `member/${w.person(1)}`, actor: 'user:bureau-1' });
    expect(JSON.stringify(audit)).not.toContain(c.idNumber);
  });

  it('refuses a member without a stored nomination form, and an unknown member', async () => {
    expect(await refusal(exportMemberLrmx(w.deps, { personId: w.person(2), asOf: '2026-11-02', actor: 'user:bureau-1' }))).toBe('MEMBER_FORM_NOT_FOUND');
    expect(await refusal(exportMemberLrmx(w.deps, { personId: 'P00000000000000000000', asOf: '2026-11-02', actor: 'user:bureau-1' }))).toBe('MEMBER_NOT_FOUND');
  });
});
