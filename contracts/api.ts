import * as z from 'zod';
import { ScoringModelSchema } from '../domain/scoring/model';
import { isIsoDate } from '../domain/dates';
import { isValidIdNumber } from '../domain/form/id-number';
import { PostKind } from '../domain/policy/schema';
import { PersonIdSchema, RoundIdSchema, TimestampSchema, UnitCodeSchema } from './ids';
import { SelectionNoticeSchema } from './selection';

export { RoundIdSchema, UnitCodeSchema };

/**
 * Request bodies of the HTTP API (docs/ARCHITECTURE.md). Every body is parsed here before a
 * handler sees it; a failure becomes a 400 with a problem per field. The bureau CLI and the
 * end-to-end tests speak these same shapes.
 */

export const IsoDateSchema = z.string().refine(isIsoDate, {
  message: 'a real date, YYYY-MM-DD',
  params: { zh: '不是有效日期（格式 YYYY-MM-DD，且须为真实日期）', en: 'is not a real date in YYYY-MM-DD form' },
});
const Timestamp = TimestampSchema;
const TierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const OpenRoundBody = z
  .object({
    roundId: RoundIdSchema,
    title: z.string().min(1).max(200),
    /** The date ages and experience are judged on (the notice's 截止日期). */
    referenceDate: IsoDateSchema,
    intakeClosesAt: Timestamp,
    scoringClosesAt: Timestamp,
    tiers: z.array(TierSchema).min(1).max(3),
    scoringModel: ScoringModelSchema,
    /** The District Organization Department's approval of the round's plan (S-ROUND). */
    orgDeptApproval: z.object({ ref: z.string().min(1), date: IsoDateSchema }),
    /** The selection steps the notice turns on (民主推荐, 考察, 公示; DESIGN §7). */
    selection: SelectionNoticeSchema.optional(),
  })
  .strict()
  // A malformed timestamp has its own problem; this one is only about the order of two real ones.
  .refine((b) => !(Date.parse(b.scoringClosesAt) < Date.parse(b.intakeClosesAt)), {
    path: ['scoringClosesAt'],
    message: 'scoring closes after intake closes',
    params: { zh: '不能早于收表截止时间 intakeClosesAt', en: 'must not be before intakeClosesAt' },
  });
export type OpenRoundBody = z.infer<typeof OpenRoundBody>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The .lrmx (任免审批表, XML) and a .zip of them (DESIGN §8). */
export const LRMX_TYPE = 'application/xml';
export const ZIP_TYPE = 'application/zip';
/** What a school may upload, and the content type its upload link is confined to. */
export const UPLOAD_TYPES = { json: 'application/json', xlsx: XLSX_TYPE, lrmx: LRMX_TYPE, zip: ZIP_TYPE } as const;
export const UPLOAD_EXTENSION = /\.(json|xlsx|lrmx|zip)$/i;
export const UploadLinkBody = z
  .object({
    /** Only the bureau names a unit; a school's unit comes from its token. */
    unit: UnitCodeSchema.optional(),
    fileName: z.string().min(1).max(120).regex(/^[^/\\]+\.(json|xlsx|lrmx|zip)$/i, 'a .json, .xlsx, .lrmx or .zip file name, no folders')
      // `..json`, `....xlsx`: nothing but dots before the extension is no name at all (and
      // a key ending `/..json` is not one S3 and intake should have to guess about).
      .refine((n) => /[\p{L}\p{N}]/u.test(n.replace(UPLOAD_EXTENSION, '')), {
        params: { zh: '文件名在扩展名前须有文字或数字（如 推荐表.xlsx）', en: 'needs a letter or digit before the extension (e.g. nominations.xlsx)' },
      }),
  })
  .strict();

export const ScoresBody = z.object({ components: z.record(z.string(), z.number().finite()) }).strict();

export const DecisionBody = z
  .object({
    decision: z.enum(['approve', 'approve-with-edits', 'reject']),
    /**
     * Candidates to add to or remove from the proposed admissions: nomination ids, or names
     * (a name unique on the list; resolved to its id by the decision, domain/round/edit-names.ts).
     */
    edits: z.object({ add: z.array(z.string()).default([]), remove: z.array(z.string()).default([]) }).strict().optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .refine((b) => (b.decision === 'approve-with-edits') === (b.edits !== undefined), {
    path: ['edits'],
    message: 'edits go with approve-with-edits, and only with it',
    params: { zh: '只在“调整后批准”（approve-with-edits）时填写，且此时必填', en: 'go with approve-with-edits, and only with it' },
  });
export type DecisionBody = z.infer<typeof DecisionBody>;

/**
 * Talks, training and rotations: the domain's record schemas (domain/talks/records.ts) are
 * the request bodies, so what the API accepts is what a member's history can hold.
 *   talk     { on, by, kind?: 'regular'|'organisational', triggers?: ('post-change'|'promotion'|'setback'|'assessment')[], notes?, id? }
 *   training { kind: 'training-class'|'course'|'secondment-study', title, provider, hours, from, to, id? }
 *   rotation { kind: 'temporary-posting'|'shadowing'|'group-school-exchange'|'school-office-exchange',
 *              hostUnit: { code?, name }, postArea: 'teaching'|'moral-education'|'management'|'other', from, to: date|null, id? }
 */
export { TalkRecordSchema as TalkBody, TrainingRecordSchema as TrainingBody, RotationRecordSchema as RotationBody } from '../domain/talks';

export const AssessmentBody = z
  .object({
    grade: z.enum(['优秀', '合格', '基本合格', '不合格']),
    score: z.number().min(0).max(100),
    assessedBy: z.string().min(1).max(100),
    /** A one-vote-veto matter (一票否决, M-VETO), with what happened. */
    veto: z.object({ reason: z.string().min(1).max(2000) }).strict().optional(),
    /** Whether the member meets the conditions of the post they would be recommended for (M-TOP). */
    meetsPostConditions: z.boolean().optional(),
    /** A tier-3 member in the summative top 30 %: 跟岗锻炼 (shadowing, the default) or 顶岗实践 (acting) (M-TOP). */
    tier3Placement: z.enum(['shadowing', 'acting']).optional(),
  })
  .strict();

export const StartReviewBody = z.object({ asOf: IsoDateSchema.optional() }).strict();

/**
 * Calibration (DESIGN §2): the bureau confirms a review's proposed outcomes, changing any with
 * a reason; an empty list confirms them as computed. Whether each change is one the plan
 * allows is the domain's (domain/review/calibration.ts), with paths `changes.{i}.…`.
 */
export const ConfirmationBody = z
  .object({
    changes: z.array(z.object({
      personId: PersonIdSchema,
      outcome: z.string().min(1).max(40),
      reason: z.string().trim().min(1).max(1000),
    }).strict()).max(200),
    note: z.string().max(2000).optional(),
  })
  .strict();
export type ConfirmationBody = z.infer<typeof ConfirmationBody>;

/**
 * POST /pool/members/{personId}/vetoes (M-VETO, 一票否决): the day of the matter (the member
 * leaves that day; not ahead, not before admission), what it was, who reported it, and the
 * document number if there is one.
 */
export const VetoBody = z
  .object({
    on: IsoDateSchema,
    matter: z.string().trim().min(1).max(2000),
    reportedBy: z.string().trim().min(1).max(200),
    documentNo: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type VetoBody = z.infer<typeof VetoBody>;

/**
 * POST /pool/members/{personId}/renewals (M-TERM, DESIGN §2 *Term end*): the bureau gives a
 * member who passed the summative review a new three-year term from `on` (after that review,
 * before the term's end day, not after today), and says why.
 */
export const RenewalBody = z
  .object({
    on: IsoDateSchema,
    reason: z.string().trim().min(1).max(1000),
  })
  .strict();
export type RenewalBody = z.infer<typeof RenewalBody>;

/**
 * POST /appointments (X-USE): a leader appointment in the bureau's remit — of a pool member
 * (`personId`) or of anyone else (`candidate`: name and ID number; the ID number becomes the
 * person id and is never stored) — exactly one of the two; the post (the form's post kinds:
 * principal = 党政正职 incl. party secretary, deputy, middle …, its title and unit), the day
 * (not ahead: RECORD_DATE_FUTURE), the appointment document if any.
 */
export const AppointmentBody = z
  .object({
    personId: PersonIdSchema.optional(),
    candidate: z.object({
      name: z.string().trim().min(1).max(50),
      idNumber: z.string().trim().refine(isValidIdNumber, { params: { zh: '不是有效的18位身份证号', en: 'is not a valid 18-character ID number' } }),
    }).strict().optional(),
    post: z.object({
      kind: PostKind,
      title: z.string().trim().min(1).max(100),
      unitCode: UnitCodeSchema,
    }).strict(),
    on: IsoDateSchema,
    documentNo: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.personId === undefined) === (b.candidate === undefined)) {
      ctx.addIssue({
        code: 'custom', path: [b.personId === undefined ? 'personId' : 'candidate'], message: 'exactly one of personId and candidate',
        params: { zh: '与 candidate 须且只须给出其一（成员给 personId，其他人员给 candidate）', en: 'and candidate: exactly one (personId for a member, candidate for anyone else)' },
      });
    }
  });
export type AppointmentBody = z.infer<typeof AppointmentBody>;

/**
 * The unit registry (PUT /units/{unitCode}): name, type (as the form's unit.type), whether the
 * District Organization Department manages its cadres (S-ORGLIST), its school group (集团校),
 * and contacts for notices — each with at least one way to reach them: a phone (mainland
 * mobile or landline), an e-mail, or a WeChat Work / DingTalk group-robot webhook (https, the
 * service's own host).
 */
const UnitText = (max: number) => z.string().trim().min(1).max(max);
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
function isWebhookOf(host: string, v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && u.hostname === host && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
const webhook = (host: string, zh: string) => z.string().trim().max(500).refine((v) => isWebhookOf(host, v), {
  message: `an https webhook of ${host}`,
  params: { zh: `应为${zh}的 https 地址（https://${host}/…）`, en: `must be an https webhook on ${host}` },
});
export const UnitContactBody = z
  .object({
    name: UnitText(50),
    role: UnitText(50).optional(),
    phone: z.string().trim().refine((v) => PHONE.test(v), {
      message: 'a mainland mobile (11 digits) or a landline like 0519-82812345',
      params: { zh: '应为 11 位手机号或固定电话（如 0519-82812345）', en: 'must be an 11-digit mobile or a landline like 0519-82812345' },
    }).optional(),
    email: z.email().max(200).optional(),
    wecomWebhook: webhook('qyapi.weixin.qq.com', '企业微信群机器人').optional(),
    dingtalkWebhook: webhook('oapi.dingtalk.com', '钉钉群机器人').optional(),
  })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined || c.wecomWebhook !== undefined || c.dingtalkWebhook !== undefined, {
    message: 'a contact needs a phone, an e-mail or a webhook',
    params: { zh: '至少填写电话、电子邮箱或群机器人地址之一', en: 'needs at least one of phone, email, wecomWebhook, dingtalkWebhook' },
  });

export const UnitBody = z
  .object({
    name: UnitText(100),
    type: z.enum(['primary', 'middle', 'kindergarten', 'bureau-office', 'institution']),
    orgDeptManaged: z.boolean(),
    group: UnitText(100).optional(),
    contacts: z.array(UnitContactBody).max(10).default([]),
  })
  .strict();
export type UnitBody = z.infer<typeof UnitBody>;

/** The most entries one import may carry (the caps together are 105; an import past a cap is refused with the count). */
export const MAX_IMPORT_ENTRIES = 200;

/**
 * POST /pool/imports (S-ORGLIST, X-LEGACY): the District Organization Department's filed list
 * for the units it manages, or the former outstanding young cadres (tier 2 only), entered as
 * filed on `on` under the document `documentNo`. Each entry is a nomination form v1, parsed
 * by the use case (app/members/import-filed.ts) so its problems say `entries.{i}.…`.
 */
export const ImportBody = z
  .object({
    source: z.enum(['org-dept-list', 'legacy-young-cadre']),
    on: IsoDateSchema,
    documentNo: z.string().trim().min(1).max(100),
    entries: z.array(z.unknown()).min(1).max(MAX_IMPORT_ENTRIES),
  })
  .strict();
export type ImportBody = z.infer<typeof ImportBody>;
