// Text that shows as nothing is empty; text that displays otherwise than it is stored is
// refused (issue #12). Before: every form below was accepted, most with an eligible verdict.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNominationForm } from '../../domain/form/parse';
import { hasVisibleText } from '../../domain/form/visible-text';
import type { Problem } from '../../domain/problem';
import { formInput } from '../fixtures/forms/builders';

function problems(input: unknown): Problem[] {
  const r = parseNominationForm(input);
  return r.ok ? [] : r.problems;
}
const codes = (input: unknown) => problems(input).map((p) => `${p.code} ${p.path}`);

const INVISIBLES: Record<string, string> = {
  'U+200B zero width space': '\u200B',
  'U+200C zero width non-joiner': '\u200C',
  'U+200D zero width joiner': '\u200D',
  'U+2060 word joiner': '\u2060',
  'U+00AD soft hyphen': '\u00AD',
  'U+202E right-to-left override': '\u202E',
  'U+3164 Hangul filler': '\u3164',
  'U+2800 Braille pattern blank': '\u2800',
  'U+FEFF zero width no-break space': '\uFEFF',
  'U+200E left-to-right mark': '\u200E',
  'U+180E Mongolian vowel separator': '\u180E',
  'U+FFA0 halfwidth Hangul filler': '\uFFA0',
  'U+115F Hangul choseong filler': '\u115F',
  'U+034F combining grapheme joiner': '\u034F',
  'U+FE0F variation selector 16': '\uFE0F',
  'U+E0020 tag space': '\u{E0020}',
  'a mix with spaces': ' \u200B\u3000\u2060\u00AD ',
};

describe('text made only of invisible characters is empty (FORM_EMPTY)', () => {
  for (const [what, ch] of Object.entries(INVISIBLES)) {
    it(`a name of ${what}`, () => {
      expect(codes(formInput({ candidate: { name: ch.repeat(3) } }))).toEqual(['FORM_EMPTY candidate.name']);
    });
  }

  it('an attestation signed by nobody visible, and an exemption approved by nobody visible', () => {
    expect(codes(formInput({ attestation: { by: '\u200B\u200C\u200D' } }))).toEqual(['FORM_EMPTY attestation.by']);
    expect(codes(formInput({ ageExemption: { reason: '\u3164', approvedBy: '\u2800', date: '2026-02-01' } })))
      .toEqual(['FORM_EMPTY ageExemption.reason', 'FORM_EMPTY ageExemption.approvedBy']);
  });

  it('says so in Chinese first, with English, naming the field', () => {
    const [p] = problems(formInput({ candidate: { name: '\u200B' } }));
    expect(p).toMatchObject({ code: 'FORM_EMPTY', path: 'candidate.name' });
    expect(p!.zh).toContain('姓名');
    expect(p!.zh).toContain('不能为空');
    expect(p!.en).toContain('candidate.name');
  });

  it('keeps visible text with invisible characters inside it (a joiner between letters is not blankness)', () => {
    const r = parseNominationForm(formInput({ candidate: { name: '张\u200B三' }, attestation: { by: '西旸小学党支部\u00AD' } }));
    expect(r.ok).toBe(true);
  });

  it('property: any string of invisible characters and spaces is empty; adding one visible character makes it not', () => {
    const invisible = fc.constantFrom(...Object.values(INVISIBLES), ' ', '\u3000', '\t', '\u2028');
    fc.assert(fc.property(fc.array(invisible, { minLength: 1, maxLength: 8 }), fc.constantFrom('张', 'a', '1', '·'), (parts, visible) => {
      const blank = parts.join('');
      expect(hasVisibleText(blank)).toBe(false);
      expect(hasVisibleText(blank + visible)).toBe(true);
    }));
  });
});

describe('bidirectional controls in visible text are refused (FORM_TEXT_BIDI)', () => {
  const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

  for (const c of CONTROLS) {
    it(`U+${c.codePointAt(0)!.toString(16).toUpperCase()} inside a name`, () => {
      expect(codes(formInput({ candidate: { name: `张${c}三` } }))).toEqual(['FORM_TEXT_BIDI candidate.name']);
    });
  }

  it('in a unit name, a post title and the attesting organisation, with the field path', () => {
    const input = formInput({ unit: { code: 'JT-XYXX', name: '金坛区\u202E学小旸西', type: 'primary' }, attestation: { by: '\u2067西旸小学党支部\u2069' } });
    const c = input.candidate as { posts: Array<{ title: string }> };
    c.posts[0]!.title = '三年级\u202D班主任';
    expect(codes(input)).toEqual(['FORM_TEXT_BIDI unit.name', 'FORM_TEXT_BIDI candidate.posts[0].title', 'FORM_TEXT_BIDI attestation.by']);
    const p = problems(input).find((x) => x.path === 'unit.name')!;
    expect(p.zh).toContain('单位名称');
    expect(p.zh).toContain('方向');
    expect(p.en).toContain('bidirectional');
  });

  it('left-to-right and right-to-left marks (U+200E, U+200F) are not overrides: visible text with them is kept', () => {
    expect(parseNominationForm(formInput({ candidate: { name: '张\u200E三' } })).ok).toBe(true);
  });
});
