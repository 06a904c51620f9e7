import * as z from 'zod';
import { MARKS } from '../domain/selection/ballot';

/**
 * 民主推荐 (DESIGN §7, S-RECOMMEND) over HTTP: the bureau issues one-time codes per unit; a
 * voter, with no account, opens the ballot with a code and casts it. The public routes and
 * their throttle are named here once, for the CDK app (route auth and stage route settings),
 * the local gateway (which reads both back from the synthesized template) and the handler.
 */

/** The routes anyone may call without signing in (API Gateway: no authorizer on these). */
export const BALLOT_PUBLIC_ROUTES = ['POST /ballot/session', 'POST /ballot/votes'] as const;

/**
 * The public routes' throttle (API Gateway stage route settings; the local gateway enforces the
 * same from the template). Per route, across all callers: a school's meeting of 50–100 staff
 * voting within a few minutes is under 1 request a second on average, and a burst of 20 lets a
 * room open the page at once. The ceiling is what bounds guessing (domain/selection/ballot-code.ts).
 */
export const BALLOT_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;

/** Codes issued per request: a sheet for a large school's staff meeting, several for more. */
export const MAX_CODES_PER_ISSUE = 500;
/** Codes per unit over all issues: bounds a unit's ballot and what the tally reads. */
export const MAX_CODES_PER_UNIT = 5000;

/** POST /rounds/{roundId}/ballots/{unitCode}/codes */
export const IssueCodesBody = z.object({ count: z.number().int().min(1).max(MAX_CODES_PER_ISSUE) }).strict();
export type IssueCodesBody = z.infer<typeof IssueCodesBody>;

/** A code as typed: the use case normalises it and answers one way for anything not a live code. */
const CodeText = z.string().min(1).max(40);

/** POST /ballot/session */
export const BallotSessionBody = z.object({ code: CodeText }).strict();

/**
 * POST /ballot/votes. `submissionId` is the browser's random id for this one submission (a UUID
 * made when the ballot page opens): a resubmission after a lost answer carries the same id,
 * which lets the second try finish the first without a second vote — see app/selection/recommendation/vote.ts.
 */
export const BallotVoteBody = z.object({
  code: CodeText,
  submissionId: z.uuid(),
  marks: z.record(z.string().max(64), z.enum(MARKS)),
}).strict();
export type BallotVoteBody = z.infer<typeof BallotVoteBody>;
