import type * as z from 'zod';
import type { AssessmentBody } from '../../contracts/api';
import { ApiError, type ApiClient } from './api';
import { localizeText } from './words';
import type { Tier } from './types';

/**
 * A school's annual reviews as the API lets it read them (functions/api/reviews.ts, X-UNITS):
 * GET /reviews (each review's id, status, dates and window close), and per review
 * GET /reviews/{id}/assessments — its own unit's members under review with what is due and
 * what it submitted. A school cannot read GET /pool or a member's file (bureau only), so
 * "its own members" are the members its reviews list.
 */
export type AssessmentRequest = z.input<typeof AssessmentBody>;
type Grade = AssessmentRequest['grade'];

/** The plan's grades (五(一), M-WARN), in the contract's order; checked against AssessmentBody's enum. */
export const GRADES = ['优秀', '合格', '基本合格', '不合格'] as const satisfies readonly Grade[];
/** AssessmentBody: score 0–100, assessedBy 1–100 characters. */
export const SCORE_RANGE = { min: 0, max: 100 } as const;
export const ASSESSED_BY_MAX = 100;
export const ASSESSMENT_RULES = { grades: GRADES, score: SCORE_RANGE, assessedByMax: ASSESSED_BY_MAX };

export interface SchoolReview { reviewId: string; status: string; reviewDate: string; year: number; windowClosesAt?: string }

export interface AssessmentItem {
  personId: string;
  name?: string;
  unit: string;
  tier: Tier;
  termYear: number;
  kind: 'annual' | 'summative';
  needs: string[];
  dueBy?: string;
  submitted: { grade: string; score?: number; veto?: boolean; submittedAt: string } | null;
}

export interface AssessmentList { reviewId: string; status: string; windowClosesAt?: string; unit?: string; members: AssessmentItem[] }

const enc = encodeURIComponent;

export async function schoolReviews(api: ApiClient): Promise<SchoolReview[]> {
  const all: SchoolReview[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await api.request<{ reviews: SchoolReview[]; cursor?: string }>('GET', `/reviews${cursor ? `?cursor=${enc(cursor)}` : ''}`);
    all.push(...r.reviews);
    cursor = r.cursor;
    if (!cursor) break;
  }
  return all.sort((a, b) => b.reviewDate.localeCompare(a.reviewDate));
}

export const assessments = (api: ApiClient, reviewId: string) => api.request<AssessmentList>('GET', `/reviews/${enc(reviewId)}/assessments`);

export const submitAssessment = (api: ApiClient, reviewId: string, personId: string, body: AssessmentRequest) =>
  api.request<{ assessment: { grade: string; score: number; submittedAt: string } }>('PUT', `/reviews/${enc(reviewId)}/assessments/${enc(personId)}`, body);

/** The review takes assessments while open and before its window closes (functions/api/reviews.ts requireOpen). */
export function windowOpen(r: { status: string; windowClosesAt?: string }, now: Date): boolean {
  return r.status === 'open' && (r.windowClosesAt === undefined || Date.parse(r.windowClosesAt) > now.getTime());
}

export type Field = 'grade' | 'score' | 'assessedBy' | 'meetsPostConditions';
/** The API's refusal of one row: by field (its problems' paths), and what is not about a field. */
export type Refusal = Partial<Record<Field | 'row', string>>;

const FIELD_ZH: Record<Field, string> = { grade: '考核等次', score: '考核分数', assessedBy: '考核主体', meetsPostConditions: '符合拟任岗位条件' };
const fieldText = (zh: string) => localizeText(zh.replace(/「(\w+)」/g, (m, p: string) => (p in FIELD_ZH ? `「${FIELD_ZH[p as Field]}」` : m)));

/** An API error as refusals on the row's fields (ValidationError problems by path), the rest on the row. */
export function refusalOf(e: unknown): Refusal {
  if (!(e instanceof ApiError)) return { row: e instanceof Error ? e.message : '报送未成功，请重试' };
  const out: Refusal = {};
  const rest: string[] = [];
  for (const p of e.body?.error.problems ?? []) {
    const f = p.path.split('.')[0] as Field;
    if (f in FIELD_ZH) out[f] = out[f] ? `${out[f]}；${fieldText(p.zh)}` : fieldText(p.zh);
    else rest.push(fieldText(p.zh));
  }
  if (!e.body?.error.problems?.length || rest.length) out.row = [localizeText(e.message), ...rest].join('：');
  return out;
}

