import { addDays, beijingDate, daysBetween, type IsoDate } from '../dates';

/** How many days ahead a unit is reminded of a deadline (the issue: "three days before"). */
export const DEADLINE_REMINDER_DAYS = 3;

/**
 * Whether a unit is due a reminder of a deadline (an ISO instant) on `today` (a Beijing date):
 * the deadline's Beijing day is one to three days ahead. A window, not the one day three days
 * before, so a daily run that was missed (or a round opened two days before its deadline)
 * still reminds; the notice key (one per unit and deadline) keeps it to a single reminder.
 * Never on the day itself or after it.
 */
export function isDeadlineReminderDay(deadline: string, today: IsoDate, days = DEADLINE_REMINDER_DAYS): boolean {
  const left = daysBetween(today, beijingDate(deadline));
  return left >= 1 && left <= days;
}

/** The Beijing day on which the reminder is first due. */
export function reminderDay(deadline: string, days = DEADLINE_REMINDER_DAYS): IsoDate {
  return addDays(beijingDate(deadline), -days);
}
