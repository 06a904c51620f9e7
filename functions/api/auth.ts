/**
 * Who is calling: the claims → Caller rules live in functions/shared/caller.ts, shared with the
 * exports Lambda (one authorization for every function behind the HTTP API).
 */
export * from '../shared/caller';
