import type * as z from 'zod';
import { BallotCodesAnswer, BallotSessionAnswer, BallotsAnswer, BallotVoteAnswer } from './ballots';
import { ExportLinkAnswer } from './exports';
import { InspectionAnswer, InspectionCloseAnswer, InspectionsAnswer } from './inspections';
import { NominationAnswer, NominationsAnswer } from './nominations';
import { NoticesAnswer } from './notices';
import { ConsistencyAnswer, MemberAnswer, PoolAnswer } from './pool';
import { ObjectionAnswer, ObjectionsAnswer, PublicityAnswer, ResolvedObjectionAnswer } from './publicity';
import {
  AppointmentAnswer, AuditAnswer, ImportAnswer, RecordAnswer, RenewalAnswer, TalksDueAnswer, VetoAnswer, XUseAnswer,
} from './records';
import {
  AssessmentAnswer, ConfirmationAnswer, ProposalsAnswer, ReviewAnswer, ReviewAssessmentsAnswer, ReviewsAnswer, StartReviewAnswer,
} from './reviews';
import { RoundAnswer, RoundsAnswer } from './rounds';
import { DecisionAnswer, ShortlistAnswer } from './shortlist';
import { UnitAnswer, UnitsAnswer } from './units';
import { UploadLinkAnswer, XlsxFile } from './uploads';

/**
 * What every route answers on success, by API Gateway route key: the statuses it may answer
 * with, the media type, and the body's schema. One entry for every route of the API function
 * (functions/api/router.ts) and of the exports function (functions/exports/routes.ts):
 * functions/shared/answer.ts makes the compiler hold every route key to an entry here, and
 * tests/contracts/answers.test.ts holds the two lists equal at run time. The handlers answer through functions/shared/answer.ts, which types each body
 * by its route's schema (types only: nothing here is loaded by a Lambda); the console's types
 * are inferred from the same schemas; contracts/openapi.ts puts them in the document.
 */
export interface Answer {
  readonly status: readonly [number, ...number[]];
  readonly media: 'application/json' | typeof XLSX_MEDIA;
  readonly schema: z.ZodType;
  /** The schema's name in the OpenAPI document (JSON answers). */
  readonly name?: string;
}

const XLSX_MEDIA = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An answer in JSON: `name` is its schema's name in the OpenAPI document's components.schemas. */
const json = <S extends z.ZodType, T extends readonly [number, ...number[]]>(name: string, schema: S, ...status: T) => ({ name, status, media: 'application/json' as const, schema });

export const ANSWERS = {
  'POST /rounds': json('RoundAnswer', RoundAnswer, 201),
  'GET /rounds': json('RoundsAnswer', RoundsAnswer, 200),
  'GET /rounds/{roundId}': json('RoundAnswer', RoundAnswer, 200),
  'POST /rounds/{roundId}/uploads': json('UploadLinkAnswer', UploadLinkAnswer, 201),
  'GET /template': { status: [200], media: XLSX_MEDIA, schema: XlsxFile },
  'GET /rounds/{roundId}/nominations': json('NominationsAnswer', NominationsAnswer, 200),
  'PUT /rounds/{roundId}/nominations/{nominationId}/scores': json('NominationAnswer', NominationAnswer, 200),
  'GET /rounds/{roundId}/shortlist': json('ShortlistAnswer', ShortlistAnswer, 200),
  'POST /rounds/{roundId}/decision': json('DecisionAnswer', DecisionAnswer, 200),
  'GET /rounds/{roundId}/inspections': json('InspectionsAnswer', InspectionsAnswer, 200),
  'PUT /rounds/{roundId}/inspections/{nominationId}': json('InspectionAnswer', InspectionAnswer, 201, 200),
  'POST /rounds/{roundId}/inspections/close': json('InspectionCloseAnswer', InspectionCloseAnswer, 202),
  'GET /pool': json('PoolAnswer', PoolAnswer, 200),
  'GET /pool/consistency': json('ConsistencyAnswer', ConsistencyAnswer, 200),
  'GET /pool/members/{personId}': json('MemberAnswer', MemberAnswer, 200),
  'POST /pool/members/{personId}/talks': json('RecordAnswer', RecordAnswer, 201),
  'POST /pool/members/{personId}/training': json('RecordAnswer', RecordAnswer, 201),
  'POST /pool/members/{personId}/rotations': json('RecordAnswer', RecordAnswer, 201),
  'POST /pool/members/{personId}/vetoes': json('VetoAnswer', VetoAnswer, 201, 200),
  'POST /pool/members/{personId}/renewals': json('RenewalAnswer', RenewalAnswer, 201, 200),
  'GET /pool/members/{personId}/audit': json('AuditAnswer', AuditAnswer, 200),
  'POST /pool/imports': json('ImportAnswer', ImportAnswer, 201, 200),
  'GET /talks/due': json('TalksDueAnswer', TalksDueAnswer, 200),
  'GET /audit': json('AuditAnswer', AuditAnswer, 200),
  'POST /reviews': json('StartReviewAnswer', StartReviewAnswer, 202),
  'GET /reviews': json('ReviewsAnswer', ReviewsAnswer, 200),
  'GET /reviews/{reviewId}': json('ReviewAnswer', ReviewAnswer, 200),
  'GET /reviews/{reviewId}/assessments': json('ReviewAssessmentsAnswer', ReviewAssessmentsAnswer, 200),
  'PUT /reviews/{reviewId}/assessments/{personId}': json('AssessmentAnswer', AssessmentAnswer, 201, 200),
  'GET /reviews/{reviewId}/proposals': json('ProposalsAnswer', ProposalsAnswer, 200),
  'POST /reviews/{reviewId}/confirmation': json('ConfirmationAnswer', ConfirmationAnswer, 202),
  'GET /units': json('UnitsAnswer', UnitsAnswer, 200),
  'PUT /units/{unitCode}': json('UnitAnswer', UnitAnswer, 201, 200),
  'GET /notices': json('NoticesAnswer', NoticesAnswer, 200),
  'POST /appointments': json('AppointmentAnswer', AppointmentAnswer, 201, 200),
  'GET /reports/x-use': json('XUseAnswer', XUseAnswer, 200),
  'GET /rounds/{roundId}/ballots': json('BallotsAnswer', BallotsAnswer, 200),
  'POST /rounds/{roundId}/ballots/{unitCode}/codes': json('BallotCodesAnswer', BallotCodesAnswer, 201),
  'POST /ballot/session': json('BallotSessionAnswer', BallotSessionAnswer, 200),
  'POST /ballot/votes': json('BallotVoteAnswer', BallotVoteAnswer, 201),
  'GET /rounds/{roundId}/objections': json('ObjectionsAnswer', ObjectionsAnswer, 200),
  'POST /rounds/{roundId}/objections': json('ObjectionAnswer', ObjectionAnswer, 201),
  'PUT /rounds/{roundId}/objections/{objectionId}': json('ResolvedObjectionAnswer', ResolvedObjectionAnswer, 200),
  'GET /publicity/{roundId}': json('PublicityAnswer', PublicityAnswer, 200),
  'POST /exports': json('ExportLinkAnswer', ExportLinkAnswer, 201),
} as const satisfies Record<string, Answer>;

export type Answers = typeof ANSWERS;
export type AnswerKey = keyof Answers;
/** The JSON routes (GET /template answers a workbook). */
export type JsonAnswerKey = { [K in AnswerKey]: Answers[K]['media'] extends 'application/json' ? K : never }[AnswerKey];
/** What a handler may answer on a route: the body's type (the schema's input: what goes over the wire). */
export type AnswerBody<K extends JsonAnswerKey> = z.input<Answers[K]['schema']>;
/** What a client reads from a route. */
export type AnswerOf<K extends JsonAnswerKey> = z.output<Answers[K]['schema']>;
export type AnswerStatus<K extends AnswerKey> = Answers[K]['status'][number];
