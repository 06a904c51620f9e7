import type { AnswerKey } from '../../contracts/views';
import type { RouteKey } from './router';

/**
 * Every route of the API has an answer schema (contracts/views ANSWERS): a route added to the
 * router without one fails to compile here, naming it. (POST /exports, the other function's,
 * is held by tests/contracts/answers.test.ts.)
 */
type WithoutAnswer = Exclude<RouteKey, AnswerKey>;
export const EVERY_ROUTE_ANSWERED: [WithoutAnswer] extends [never] ? true : WithoutAnswer = true;
