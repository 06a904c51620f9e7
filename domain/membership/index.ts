export {
  MemberEventSchema, NominationSource, RecommendationKind, RECORD_EVENTS,
  AdmittedEvent, AssessedEvent, WarnedEvent, VetoedEvent, RemovedEvent, RecommendedEvent,
  AppointedEvent, TermEndedEvent, RenewedEvent, MovedTierEvent, RotatedEvent, TrainedEvent, TalkedEvent,
} from './events';
export type { MemberEvent, MemberEventInput, MemberEventType, EventOf } from './events';
export { seatHolding } from './member';
export type { Member, MemberStatus, Assessment } from './member';
export { applyMemberEvent, replay } from './reducer';
export { seatChanges } from './seats';
export type { SeatChange } from './seats';
export { appointmentShare, appointmentOutcome, fulfilsTier, isGreaterPart, levelOfPostKind, TIER_POST } from './appointments';
export { termEndOf, termsEndingBy, termEndAdjustment, renewalProblems, renewalCohortId } from './term';
