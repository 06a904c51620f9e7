import { z } from 'zod';
import { ConfigError } from '../../app/errors';

/**
 * REVIEW_WINDOW_DAYS: how long units have to submit their members' assessments after the
 * review is planned (windowClosesAt = the scheduled time + this many days). Optional,
 * default 30; a whole number of days, 1–180.
 */
const WindowDays = z.coerce.number().int().min(1).max(180).default(30);

export function reviewWindowDays(source: NodeJS.ProcessEnv = process.env): number {
  const raw = source.REVIEW_WINDOW_DAYS;
  const parsed = WindowDays.safeParse(raw === undefined || raw.trim() === '' ? undefined : raw);
  if (!parsed.success) throw new ConfigError(['REVIEW_WINDOW_DAYS']);
  return parsed.data;
}
