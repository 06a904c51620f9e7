/**
 * The round machine's states that only a round with the notice's selection steps enters
 * (DESIGN §7): round.test.ts runs rounds without them, round-selection.test.ts with them, and
 * each checks that its rounds entered every state of its own part.
 */
export const SELECTION_STATES = [
  'OpenBallot', 'WaitForBallotDeadline', 'StartTally', 'TallyBallot', 'MoreToTally?',
  'AwaitInspection', 'Inspected',
  'StartPublicity', 'WaitForPublicityEnd', 'ClosePublicity', 'ObjectionsPending?', 'AwaitObjections',
];
