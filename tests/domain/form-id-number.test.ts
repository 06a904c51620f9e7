import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateFromIdNumber, genderFromIdNumber, idNumberCheckChar, isValidIdNumber } from '../../domain/form/id-number';
import { idFor } from '../fixtures/forms/builders';

describe('GB 11643 ID numbers', () => {
  it('accepts known-valid samples, including a final X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
    expect(isValidIdNumber('320482199205014521')).toBe(true); // DESIGN §6's example
  });

  it('rejects a wrong check character and a wrong shape', () => {
    expect(isValidIdNumber('110105194912310020')).toBe(false);
    expect(isValidIdNumber('320482199205014522')).toBe(false);
    expect(isValidIdNumber('32048219920501452')).toBe(false);
    expect(isValidIdNumber('3204821992050145211')).toBe(false);
    expect(isValidIdNumber('32048219920501452Y')).toBe(false);
    expect(isValidIdNumber('X20482199205014521')).toBe(false);
  });

  it('reads the embedded birth date and gender', () => {
    expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromIdNumber('320413199302300017')).toBeNull(); // 30 February
    expect(genderFromIdNumber('11010519491231002X')).toBe('F');
    expect(genderFromIdNumber('440524188001010014')).toBe('M');
    expect(genderFromIdNumber('short')).toBeNull();
  });

  it('agrees with an independent MOD 11-2 implementation on generated numbers', () => {
    fc.assert(fc.property(
      fc.date({ min: new Date('1950-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
      fc.constantFrom<'M' | 'F'>('M', 'F'),
      fc.integer({ min: 0, max: 998 }),
      (d, g, seq) => {
        const birth = d.toISOString().slice(0, 10);
        const id = idFor(birth, g, '320413', seq);
        expect(isValidIdNumber(id)).toBe(true);
        expect(birthDateFromIdNumber(id)).toBe(birth);
        expect(genderFromIdNumber(id)).toBe(g);
        expect(idNumberCheckChar(id.slice(0, 17))).toBe(id.slice(17));
      },
    ));
  });

  it('detects every single-digit change', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
      const id = '11010519491231002X';
      const digit = (Number(id[pos]) + delta) % 10;
      const changed = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
      expect(isValidIdNumber(changed)).toBe(false);
    }));
  });
});
