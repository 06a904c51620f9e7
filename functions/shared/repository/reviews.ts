import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound } from '../../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { Assessment, Review, ReviewConfirmation, ReviewStore } from '../../../app/ports/reviews';
import { fromItem, queryPage, type Page, type PageRequest, type TableRef } from './table';
import { AnswerClaim } from './answer-claim';

export { reviewIdOf } from '../../../domain/review/review-id';

export type { Assessment, Review };

const reviewKey = (id: string) => ({ pk: `REVIEW#${id}`, sk: 'META' });
const assessKey = (id: string, personId: string) => ({ pk: `REVIEW#${id}`, sk: `ASSESS#${personId}` });

export class ReviewRepository implements ReviewStore {
  private readonly confirmations: AnswerClaim;

  constructor(private readonly ref: TableRef) {
    this.confirmations = new AnswerClaim(ref, 'confirmation', 'awaiting-confirmation',
      () => new Conflict('CONFIRMATION_EXISTS', '该考核已经确认', 'this review has already been confirmed', { clause: 'M-TERM' }));
  }

  /** Creates a review; false when it already exists (a redelivered schedule fires once). */
  async create(review: Review): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...review, ...reviewKey(review.reviewId), gsi1pk: 'REVIEWS', gsi1sk: review.reviewId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  async get(reviewId: string): Promise<Review | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: reviewKey(reviewId), ConsistentRead: true }));
      return res.Item ? fromItem<Review>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  /** Sets fields of a review, only while its status is one of `from` (when given). */
  async update(reviewId: string, set: Record<string, unknown>, from?: readonly string[]): Promise<Review> {
    const names: Record<string, string> = { '#pk': 'pk' };
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    Object.entries(set).forEach(([k, v], i) => {
      if (k === 'reviewId' || v === undefined) return;
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      sets.push(`#f${i} = :f${i}`);
    });
    let condition = 'attribute_exists(#pk)';
    if (from && from.length > 0) {
      names['#status'] = 'status';
      condition += ` AND #status IN (${from.map((s, i) => ((values[`:from${i}`] = s), `:from${i}`)).join(', ')})`;
    }
    if (sets.length === 0) {
      const r = await this.get(reviewId);
      if (!r) throw notFound(reviewId);
      return r;
    }
    try {
      const res = await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: reviewKey(reviewId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }));
      return fromItem<Review>(res.Attributes ?? {});
    } catch (e) {
      if (isConditionalCheckFailed(e)) {
        if (!(await this.get(reviewId))) throw notFound(reviewId);
        throw new Conflict('REVIEW_STATE', '考核当前状态不允许此操作', 'the review\'s state does not allow this now');
      }
      throw classifyAwsError(e);
    }
  }

  list(page: PageRequest = {}): Promise<Page<Review>> {
    return queryPage<Review>(this.ref, { index: 'gsi1', partition: 'REVIEWS', descending: true }, page);
  }

  /** The bureau's confirmation (calibration), claimed on the review with the task token (see AnswerClaim). */
  claimConfirmation(reviewId: string, taskToken: string, c: ReviewConfirmation): Promise<void> {
    return this.confirmations.claim(reviewKey(reviewId), taskToken, c);
  }

  settleConfirmation(reviewId: string, at: string, state: 'delivered' | 'too-late', now: string): Promise<void> {
    return this.confirmations.settle(reviewKey(reviewId), at, state, now);
  }

  releaseConfirmation(reviewId: string, at: string): Promise<void> {
    return this.confirmations.release(reviewKey(reviewId), at);
  }

  /** Stores (or replaces) a unit's assessment of a member. */
  async putAssessment(a: Assessment): Promise<void> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...a, ...assessKey(a.reviewId, a.personId), gsi1pk: `UNIT#${a.unitCode}`, gsi1sk: `REVIEW#${a.reviewId}#${a.personId}` },
      }));
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  async getAssessment(reviewId: string, personId: string): Promise<Assessment | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: assessKey(reviewId, personId), ConsistentRead: true }));
      return res.Item ? fromItem<Assessment>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  listAssessments(reviewId: string, page: PageRequest = {}): Promise<Page<Assessment>> {
    return queryPage<Assessment>(this.ref, { partition: `REVIEW#${reviewId}`, sort: { op: 'begins_with', value: 'ASSESS#' } }, page);
  }

  listAssessmentsByUnit(unitCode: string, reviewId: string, page: PageRequest = {}): Promise<Page<Assessment>> {
    return queryPage<Assessment>(this.ref, { index: 'gsi1', partition: `UNIT#${unitCode}`, sort: { op: 'begins_with', value: `REVIEW#${reviewId}#` } }, page);
  }
}

function notFound(reviewId: string): NotFound {
  return new NotFound({ zh: `考核 ${reviewId}`, en: `review ${reviewId}` }, 'REVIEW_NOT_FOUND');
}
