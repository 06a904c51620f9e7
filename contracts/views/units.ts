import * as z from 'zod';
import { UnitType } from '../../domain/policy/schema';
import { Text } from './common';

/** The unit registry (functions/api/units.ts): each unit with its kind in words and its contacts. */
const ContactView = z.object({
  name: z.string(), role: z.string().optional(), phone: z.string().optional(), email: z.string().optional(),
  wecomWebhook: z.string().optional(), dingtalkWebhook: z.string().optional(), wecomSecret: z.string().optional(), dingtalkSecret: z.string().optional(),
});

export const UnitView = z.object({
  code: z.string(),
  name: z.string(),
  type: UnitType,
  typeName: Text,
  orgDeptManaged: z.boolean(),
  group: z.string().optional(),
  contacts: z.array(ContactView),
  registeredAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

/** A school gets its own unit only (no cursor). */
export const UnitsAnswer = z.object({ units: z.array(UnitView), cursor: z.string().optional() });
export const UnitAnswer = z.object({ unit: UnitView, created: z.boolean() });
