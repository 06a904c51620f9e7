import * as z from 'zod';

/**
 * The ids every layer shares — one rule each, used by the API's path and body checks, the
 * state-machine task inputs, intake's upload keys and the CLI. A value that fails its rule
 * never reaches a key expression.
 */

/** A round id: the year, then letters, digits and '-' (`2026-R1`). It also names the round's execution. */
export const ROUND_ID_PATTERN = /^[0-9]{4}-[A-Za-z0-9-]{1,24}$/;
export const RoundIdSchema = z.string().regex(ROUND_ID_PATTERN, 'round id like 2026-R1');

/** A unit code (`JT-XYXX`): capitals, digits and '-'. */
export const UNIT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
export const UnitCodeSchema = z.string().regex(UNIT_CODE_PATTERN, 'unit code like JT-XYXX');

/** 'P' + 20 hex digits of an HMAC of the ID number (functions/shared/person-id.ts). */
export const PERSON_ID_PATTERN = /^P[0-9a-f]{20}$/;
export const PersonIdSchema = z.string().regex(PERSON_ID_PATTERN, 'a person id like P0123456789abcdef0123');

/** 'N' + 20 hex digits of a hash of the upload and row (intake). */
export const NOMINATION_ID_PATTERN = /^N[0-9a-f]{20}$/;

/** One review per Beijing review date: `REV-2027-09-01`. */
export const REVIEW_ID_PATTERN = /^REV-\d{4}-\d{2}-\d{2}$/;
export const ReviewIdSchema = z.string().regex(REVIEW_ID_PATTERN, 'a review id like REV-2027-09-01');

/** An ISO timestamp with its offset, as API Gateway, Step Functions and the Scheduler give them. */
export const TimestampSchema = z.iso.datetime({ offset: true });
