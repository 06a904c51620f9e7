import * as z from 'zod';
import { RotationRecordSchema, TalkRecordSchema, TrainingRecordSchema } from '../../domain/talks/records';
import { Clause, TalkObligationView, TierNo, VerdictView } from './common';

/**
 * What the records routes answer (functions/api/records.ts, vetoes.ts, renewals.ts, imports.ts,
 * appointments.ts). A talk, training or rotation record is the body as the domain parsed it
 * (domain/talks/records.ts) with what the repository adds: its id, the collection, the member,
 * the date it is filed under, who recorded it and when, and the member event it became.
 */
const Stored = {
  id: z.string(), personId: z.string(), unitCode: z.string(), date: z.string(), recordedBy: z.string(), recordedAt: z.string(),
  eventSeq: z.number().optional(),
};
export const MemberRecordView = z.union([
  TalkRecordSchema.safeExtend({ recordType: z.literal('talk'), ...Stored }),
  TrainingRecordSchema.safeExtend({ recordType: z.literal('training'), ...Stored }),
  RotationRecordSchema.safeExtend({ recordType: z.literal('rotation'), ...Stored }),
]);
export const RecordAnswer = z.object({ record: MemberRecordView });

/** M-VETO: removed that day, the seat freed, the organisational talk due. `recorded: false` for a repeat. */
export const VetoAnswer = z.object({
  recorded: z.boolean(),
  personId: z.string(),
  status: z.string(),
  veto: z.object({ on: z.string(), reason: z.string(), reportedBy: z.string().optional(), documentNo: z.string().optional() }),
  removal: z.object({ clause: z.literal('M-VETO'), on: z.string(), tier: TierNo, seatReleased: z.boolean() }),
  talkDue: TalkObligationView.optional(),
});

/** M-TERM: a new three-year term in the same seat. `renewed: false` for a repeat. */
export const RenewalAnswer = z.object({
  renewed: z.boolean(),
  personId: z.string(),
  tier: TierNo,
  cohortId: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  previous: z.object({ cohortId: z.string(), termStart: z.string(), termEnd: z.string() }),
  seat: z.string(),
});

/** S-ORGLIST / X-LEGACY: every entry filed with its seat, and its verdict for information. */
export const ImportAnswer = z.object({
  recorded: z.boolean(),
  importId: z.string(),
  source: z.string(),
  clause: z.enum(['S-ORGLIST', 'X-LEGACY']),
  on: z.string(),
  documentNo: z.string(),
  counts: z.object({ entries: z.number(), filed: z.number(), alreadyFiled: z.number(), ineligible: z.number() }),
  entries: z.array(z.object({
    index: z.number(), personId: z.string(), name: z.string(), unit: z.string(), tier: TierNo, seat: z.string().optional(),
    status: z.enum(['filed', 'already-filed']), verdict: VerdictView,
  })),
});

/** X-USE: the appointment, and for a member what became of them. `recorded: false` for a repeat. */
export const AppointmentAnswer = z.object({
  recorded: z.boolean(),
  appointment: z.object({
    id: z.string(), on: z.string(), personId: z.string(), name: z.string().optional(),
    post: z.object({ kind: z.string(), title: z.string(), unitCode: z.string() }),
    documentNo: z.string().optional(), fromPool: z.boolean(), outcome: z.enum(['used', 'post-change']).optional(), tier: TierNo.optional(),
    recordedAt: z.string(), recordedBy: z.string(),
  }),
  member: z.object({ personId: z.string(), status: z.string(), tier: TierNo, outcome: z.enum(['used', 'post-change']), seatReleased: z.boolean() }).optional(),
  talkDue: TalkObligationView.optional(),
  zh: z.string(),
  en: z.string(),
});

/** X-USE: appointments in the period by post kind, how many from the pool, the share. */
export const XUseAnswer = z.object({
  clause: z.literal('X-USE'),
  from: z.string(),
  to: z.string(),
  total: z.number(),
  fromPool: z.number(),
  share: z.number().nullable(),
  greaterPart: z.boolean().nullable(),
  byKind: z.array(z.object({ kind: z.string(), zh: z.string(), total: z.number(), fromPool: z.number(), share: z.number().nullable() })),
  zh: z.string(),
  en: z.string(),
});

/** C-TALK: every talk due or overdue pool-wide (app/talks/due.ts). */
export const TalksDueAnswer = z.object({
  asOf: z.string(),
  counts: z.object({ total: z.number(), overdue: z.number() }),
  talks: z.array(TalkObligationView.extend({
    member: z.object({ personId: z.string(), name: z.string().optional(), unit: z.string(), tier: TierNo, status: z.string() }),
  })),
});

/** The audit trail, oldest first. `details` are the action's own (app/audit/read.ts): free-form by design. */
export const AuditAnswer = z.object({
  entity: z.string(),
  entries: z.array(z.object({
    at: z.string(), actor: z.string(), action: z.string(), entity: z.string(), clause: Clause.optional(),
    details: z.record(z.string(), z.unknown()),
  })),
  cursor: z.string().optional(),
});
