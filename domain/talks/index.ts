export {
  TalkTrigger, TALK_TRIGGER_NAMES, TalkRecordSchema, TrainingRecordSchema, RotationRecordSchema, RotationKind,
  ROTATION_KIND_NAMES, IsoDateSchema, parseTalkRecord, parseTrainingRecord, parseRotationRecord,
} from './records';
export type { TalkRecord, TrainingRecord, RotationRecord } from './records';
export { talkObligations } from './obligations';
export type { TalkObligation, YearlyTalkStatus, TalkStatus, HeldTalk, KnownEvent, OwedTalkTrigger } from './obligations';
export { talksDue, sortTalksDue } from './due';
export type { TalkDue, TalkDueMember } from './due';
