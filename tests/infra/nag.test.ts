import { Annotations } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildTalentPool } from '../../infra/build';
import { synthTalentPool } from '../../infra/synth';

describe('cdk-nag (AwsSolutions) and synthesis', () => {
  for (const stage of ['dev', 'prod'] as const) {
    it(`${stage}: synth with nag and CDK's validation passes, nothing left unacknowledged`, () => {
      const { app, stack } = buildTalentPool({ bundling: false, nag: true, validate: stage === 'prod', props: { stage } });
      // Throws "Validation failed" on any unacknowledged finding.
      expect(() => app.synth()).not.toThrow();
      expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
      expect(Annotations.fromStack(stack).findError('*', () => true)).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', () => true)).toEqual([]);
    }, 120_000); // CDK's CloudFormation validator (WASM) takes ~10 s to start
  }

  it('synthTalentPool returns the template the local runner needs', () => {
    const { template, stackName } = synthTalentPool();
    expect(stackName).toBe('TalentPool-dev');
    const resources = Object.values((template as { Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }> }).Resources);
    expect(resources.filter((r) => r.Metadata?.['talentPool:handler'])).toHaveLength(9);
    expect(resources.filter((r) => r.Metadata?.['talentPool:stateMachine']).map((r) => r.Metadata?.['talentPool:stateMachine']).sort()).toEqual([
      'review',
      'round',
      'term',
    ]);
  });
});
