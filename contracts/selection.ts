/**
 * The selection steps of a round's notice (DESIGN §7): the shapes live in the domain, since the
 * stored round carries them (domain/round/round.ts); the API body and the console use them from here.
 */
export * from '../domain/selection/notice';
export { selectionNoticeProblems } from '../domain/selection/notice-checks';
