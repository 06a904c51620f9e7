import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { strict } from './strict';

describe('strict(schema): what the answer tests parse with', () => {
  const open = z.object({
    a: z.string(),
    list: z.array(z.object({ b: z.number() })).optional(),
    either: z.union([z.object({ kind: z.literal('x') }), z.object({ kind: z.literal('y'), n: z.number() })]).nullable(),
    byId: z.record(z.string(), z.object({ c: z.boolean() })),
    tagged: z.discriminatedUnion('t', [z.object({ t: z.literal('p'), p: z.string() })]).optional(),
  });

  it('takes what the schema names, at every depth', () => {
    const v = { a: 's', list: [{ b: 1 }], either: { kind: 'y', n: 2 }, byId: { k: { c: true } }, tagged: { t: 'p', p: 'q' } };
    expect(strict(open).parse(v)).toEqual(v);
  });

  it('refuses an unknown key at the top, in an array item, in a union member, in a record value, in a discriminated member', () => {
    const base = { a: 's', either: null, byId: {} };
    const bad = [
      { ...base, extra: 1 },
      { ...base, list: [{ b: 1, extra: 1 }] },
      { ...base, either: { kind: 'x', extra: 1 } },
      { ...base, byId: { k: { c: true, extra: 1 } } },
      { ...base, tagged: { t: 'p', p: 'q', extra: 1 } },
    ];
    for (const v of bad) {
      expect(open.safeParse(v).success).toBe(true);
      expect(strict(open).safeParse(v).success).toBe(false);
    }
  });
});
