import type { Objection } from '../../domain/selection/publicity';

/** A round's 公示 objections (`ROUND#{roundId}` / `OBJECTION#{objectionId}`), one item each. */
export interface ObjectionStore {
  /** Stores a new objection; false when one with this id is there already (a repeated request). */
  add(o: Objection): Promise<boolean>;
  get(roundId: string, objectionId: string): Promise<Objection | undefined>;
  /**
   * Resolves a pending objection with one conditional write (status pending → upheld |
   * dismissed): a second resolution of the same objection is Conflict OBJECTION_RESOLVED.
   */
  resolve(roundId: string, objectionId: string, resolution: NonNullable<Objection['resolution']>): Promise<Objection>;
  /** Every objection of the round, oldest id first (a round has a handful; read strongly consistent). */
  list(roundId: string): Promise<Objection[]>;
}
