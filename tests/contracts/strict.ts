import * as z from 'zod';

/**
 * The schema with every object in it strict (unknown keys refused), all the way down: what the
 * answer tests parse with, so a key the API writes and the schema does not name fails. The
 * schemas themselves stay open (a client reading a newer API than it was built for keeps
 * working); only the test asks that they say everything.
 */
export function strict(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = (schema as z.ZodObject).shape;
      return z.strictObject(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, strict(v as z.ZodType)])));
    }
    case 'array': return z.array(strict(def.element as z.ZodType));
    case 'optional': return strict(def.innerType as z.ZodType).optional();
    case 'nullable': return strict(def.innerType as z.ZodType).nullable();
    case 'default': return strict(def.innerType as z.ZodType).optional();
    case 'readonly': return strict(def.innerType as z.ZodType);
    case 'union': return z.union((def.options as z.ZodType[]).map(strict) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    case 'record': return z.record(def.keyType as z.ZodString, strict(def.valueType as z.ZodType));
    case 'pipe': return strict(def.in as z.ZodType);
    case 'lazy': return z.lazy(() => strict((def.getter as () => z.ZodType)()));
    case 'intersection': return z.intersection(strict(def.left as z.ZodType), strict(def.right as z.ZodType));
    case 'tuple': return z.tuple((def.items as z.ZodType[]).map(strict) as [z.ZodType, ...z.ZodType[]]);
    default: return schema;
  }
}
