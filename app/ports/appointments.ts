import type { IsoDate } from '../../domain/dates';
import type { PostKind } from '../../domain/policy/schema';
import type { Tier } from '../../domain/tier';

/**
 * An appointment as stored (X-USE): `APPOINTMENT#{id}` / `META`, listed by date on gsi1
 * `APPOINTMENTS` / `{on}#{id}` for the report. Never the ID number; the person by id.
 */
export interface AppointmentRecord {
  /** `{on}#{personId}#{kind}#{unitCode}`: one appointment of one person to one kind of post in one unit a day. */
  id: string;
  on: IsoDate;
  personId: string;
  name?: string;
  post: { kind: PostKind; title: string; unitCode: string };
  documentNo?: string;
  /** Whether the person was a pool member (holding a seat) when appointed: what the share counts. */
  fromPool: boolean;
  /** For a member: used (left the pool, 已使用) or a post change (stayed); none for anyone else. */
  outcome?: 'used' | 'post-change';
  tier?: Tier;
  recordedAt: string;
  recordedBy: string;
}

/** Appointments (X-USE). */
export interface AppointmentStore {
  /** Stores it; false when an appointment with the same id is already there. */
  add(a: AppointmentRecord): Promise<boolean>;
  get(id: string): Promise<AppointmentRecord | undefined>;
  /** Every appointment dated from `from` to `to` (inclusive), by date. */
  between(from: IsoDate, to: IsoDate): Promise<AppointmentRecord[]>;
}
