import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AnswerBody, AnswerStatus, JsonAnswerKey } from '../../contracts/views';
import { json } from './http';

/**
 * A route's success answer, typed by its schema in contracts/views (ANSWERS): the compiler
 * refuses a body that does not match the route's schema, or a status the route does not
 * answer with. Types only — the schemas are never loaded here (no zod parse per request, and
 * no zod in a bundle that had none); tests/e2e/answers.test.ts parses real answers with them.
 */
export function answer<K extends JsonAnswerKey>(
  _route: K, status: AnswerStatus<K>, body: AnswerBody<K>, headers?: Record<string, string>,
): APIGatewayProxyStructuredResultV2 {
  return json(status, body, headers);
}
