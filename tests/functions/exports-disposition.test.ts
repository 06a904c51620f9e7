import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../functions/exports/disposition';

describe('the download\'s Content-Disposition (RFC 6266 / 5987)', () => {
  it('an ASCII fallback and the Chinese name percent-encoded, attr-chars only', () => {
    const d = attachmentDisposition("后备人才名册（第一梯队）_2026-12-01 (1)'*.xlsx", 'roster-2026-12-01.xlsx');
    expect(d).toMatch(/^attachment; filename="roster-2026-12-01\.xlsx"; filename\*=UTF-8''/);
    const encoded = d.split("UTF-8''")[1]!;
    // RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~" — and percent-escapes.
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(encoded)).toBe("后备人才名册（第一梯队）_2026-12-01 (1)'*.xlsx");
  });

  it('a fallback cannot break out of its quotes', () => {
    expect(attachmentDisposition('x.xlsx', 'a"b\\c名.xlsx')).toMatch(/^attachment; filename="a_b_c_\.xlsx";/);
  });
});
