import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MemberRepository } from './members';
import { NominationRepository } from './nominations';
import { RecordRepository } from './records';
import { ReviewRepository } from './reviews';
import { RoundRepository } from './rounds';
import { SeatRepository } from './seats';

export * from './table';
export * from './rounds';
export * from './nominations';
export * from './members';
export * from './seats';
export * from './reviews';
export * from './records';
export * from './person-claims';

/** All repositories over one pool table. */
import { PersonClaims } from './person-claims';

export function repositories(doc: DynamoDBDocumentClient, table: string) {
  const ref = { doc, table };
  return {
    rounds: new RoundRepository(ref),
    nominations: new NominationRepository(ref),
    members: new MemberRepository(ref),
    seats: new SeatRepository(ref),
    reviews: new ReviewRepository(ref),
    records: new RecordRepository(ref),
    personClaims: new PersonClaims(ref),
  };
}
export type Repositories = ReturnType<typeof repositories>;
