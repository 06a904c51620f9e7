// The CDK app (cdk.json: `npx tsx infra/app.ts`). Context: stage=dev|prod,
// reviewSchedule, approvalTimeoutSeconds, stepTimeoutSeconds, batchSize,
// allowedOrigins (comma-separated), personIdKeySecretName, alarmEmail,
// jwtIssuer + jwtAudience [+ jwtGroupsClaim, jwtUnitClaim, jwtUsernameClaim] (infra/identity.ts).
import { buildTalentPool } from './build';

const { app } = buildTalentPool({ nag: true, validate: true });
app.synth();
