import type { Unit } from '../../domain/units/unit';
import type { Page, PageRequest } from './page';

/** A registered unit as stored (`UNIT#{code}` / `META`, listed on gsi1 `UNITS` / `{code}`). */
export interface UnitRecord extends Unit {
  registeredAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** The unit registry. */
export interface UnitStore {
  get(code: string): Promise<UnitRecord | undefined>;
  /** Creates or replaces the unit; whether it was new. */
  put(unit: UnitRecord): Promise<{ created: boolean }>;
  /** In code order, a page at a time. */
  list(page?: PageRequest): Promise<Page<UnitRecord>>;
}
