import type { AnswerKey } from '../../contracts/views';
import type { RouteKey } from './router';
import type { SELECTION_ROUTES } from '../selection/routes';
import type { PUBLIC_ROUTES } from '../public/routes';

/**
 * Every route of the API, selection and public functions has an answer schema (contracts/views ANSWERS): a route added to the
 * router without one fails to compile here, naming it. (POST /exports, the other function's,
 * is held by tests/contracts/answers.test.ts.)
 */
type WithoutAnswer = Exclude<RouteKey | keyof typeof SELECTION_ROUTES | keyof typeof PUBLIC_ROUTES, AnswerKey>;
export const EVERY_ROUTE_ANSWERED: [WithoutAnswer] extends [never] ? true : WithoutAnswer = true;
