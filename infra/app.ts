// The CDK app (cdk.json: `npx tsx infra/app.ts`). Context: stage=dev|prod,
// reviewSchedule, termEndSchedule, approvalTimeoutSeconds, reviewWindowDays, confirmationTimeoutSeconds, stepTimeoutSeconds, batchSize,
// allowedOrigins (comma-separated), personIdKeySecretName, alarmEmail,
// jwtIssuer + jwtAudience [+ jwtGroupsClaim, jwtUnitClaim, jwtUsernameClaim] (infra/identity.ts).
import { buildTalentPool } from './build';

try {
  const { app } = buildTalentPool({ nag: true, validate: true });
  app.synth();
} catch (e) {
  // A bad deployment parameter is a message for the operator, not a stack trace.
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.CDK_DEBUG && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
  process.exitCode = 1;
}
