import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MemberRepository } from './members';
import { NominationRepository } from './nominations';
import { RecordRepository } from './records';
import { ReviewRepository } from './reviews';
import { RoundRepository } from './rounds';
import { SeatRepository } from './seats';
import { ReviewItems } from './review-items';
import { UnitRepository } from './units';
import { AppointmentRepository } from './appointments';
import { BallotRepository } from './ballots';
import { ObjectionRepository } from './objections';
import type { Stores } from '../../../app/ports';

export * from './table';
export * from './rounds';
export * from './nominations';
export * from './members';
export * from './seats';
export * from './reviews';
export * from './records';
export * from './person-claims';
export * from './review-items';
export * from './units';
export * from './appointments';
export * from './ballots';
export * from './objections';

/** All repositories over one pool table. */
import { PersonClaims } from './person-claims';

export function repositories(doc: DynamoDBDocumentClient, table: string): Stores {
  const ref = { doc, table };
  return {
    rounds: new RoundRepository(ref),
    nominations: new NominationRepository(ref),
    members: new MemberRepository(ref),
    seats: new SeatRepository(ref),
    reviews: new ReviewRepository(ref),
    records: new RecordRepository(ref),
    personClaims: new PersonClaims(ref),
    reviewItems: new ReviewItems(ref),
    units: new UnitRepository(ref),
    appointments: new AppointmentRepository(ref),
    ballots: new BallotRepository(ref),
    objections: new ObjectionRepository(ref),
  };
}
export type Repositories = Stores;
