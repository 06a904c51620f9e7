// The CDK app (cdk.json: `npx tsx infra/app.ts`). Context: stage=dev|prod,
// reviewSchedule, termEndSchedule, approvalTimeoutSeconds, reviewWindowDays, confirmationTimeoutSeconds, stepTimeoutSeconds, batchSize, tallyBatchSize,
// allowedOrigins (comma-separated), personIdKeySecretName, alarmEmail,
// consoleIdleMinutes, cognitoDomainPrefix (the web console, infra/constructs/console-hosting.ts),
// jwtIssuer + jwtAudience [+ jwtGroupsClaim, jwtUnitClaim, jwtUsernameClaim, jwtConsoleClientId] (infra/identity.ts).
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
