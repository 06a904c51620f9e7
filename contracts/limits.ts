/**
 * Limits that more than one layer must agree on (the CDK app validates deployment
 * parameters against them, the handlers parse task inputs against them, the API and intake
 * enforce the upload size). One number each.
 */

/** Nominations per scoring / admission Lambda call: a batch must finish within its step timeout. */
export const MAX_BATCH_SIZE = 200;
/**
 * The default: a round's state transitions grow with its batches (11 + 2·(⌊N/b⌋+1) + 2·⌈A/b⌉,
 * N nominations, A admissions), so a large batch keeps them few — 25 per 1,000 nominations at
 * 200, against 103 at 25 — while a batch still ends well inside its step's timeout (200
 * nominations scored in a few seconds; admissions are at most the 105 seats of the caps).
 */
export const DEFAULT_BATCH_SIZE = 200;

/**
 * Units' ballots per TallyBallot call (民主推荐). A ballot costs far more than a nomination
 * scored — its codes counted, its votes read, its tally stored, one write per candidate
 * (≈ 15 requests for 10 candidates) — so it has its own batch. Measured (`npm run bench
 * ballot`, 2 cores at load 7–13, the local emulator): 190–480 ms a unit, so a batch of 100 is
 * 19–48 s, a quarter of the 180 s step timeout at worst (DynamoDB itself answers far faster),
 * while a province's 3,000 units take 31 calls: 65 transitions, not 3,000 units in one call
 * that would run 10–24 minutes here, past Lambda's 15.
 */
export const MAX_TALLY_BATCH_SIZE = 500;
export const DEFAULT_TALLY_BATCH_SIZE = 100;

/** An uploaded file: 1 byte … 5 MB (the presigned POST's content-length-range, and intake's check). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** How long an upload link stays valid. */
export const UPLOAD_LINK_SECONDS = 300;

/** A list page: ?limit=1…1000, 100 unless asked. */
export const MAX_PAGE_LIMIT = 1000;
export const DEFAULT_PAGE_LIMIT = 100;

/** A Standard execution lives at most a year (Step Functions quota): 365 days. */
export const MAX_EXECUTION_SECONDS = 365 * 86_400;
/** The approval wait: a round also waits for intake and scoring within the year. */
export const MAX_APPROVAL_TIMEOUT_SECONDS = 300 * 86_400;
/** The review's execution (window + steps) must end well within a year. */
export const MAX_REVIEW_WINDOW_DAYS = 180;
/** Lambda's own limit on a function's timeout. */
export const MAX_STEP_TIMEOUT_SECONDS = 900;
/** The review's confirmation wait (calibration); with the window it must fit in the execution's year. */
export const MAX_CONFIRMATION_TIMEOUT_SECONDS = 300 * 86_400;
export const DEFAULT_CONFIRMATION_TIMEOUT_SECONDS = 60 * 86_400;
