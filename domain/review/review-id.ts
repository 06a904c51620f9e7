import { beijingDate } from '../dates';

/**
 * One review per review date (M-TERM), whoever starts it — the yearly schedule or the
 * bureau (POST /reviews): the id is the Beijing date of the review's scheduled time, so
 * both paths name the same review, and the first to plan it holds it (Plan's conditional
 * create; app/review/plan.ts).
 */
export function reviewIdOf(scheduledTime: string): string {
  return `REV-${beijingDate(scheduledTime)}`;
}
