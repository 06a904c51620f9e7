import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTalentPool } from './build';
import type { TalentPoolStackProps } from './stack';

export interface SynthOptions {
  /** Bundle Lambda code with esbuild. Default false: the local runner needs definitions, not zips. */
  readonly bundling?: boolean;
  /** Stack prop overrides (e.g. `{ stage: 'dev', approvalTimeoutSeconds: 5 }`). */
  readonly props?: Partial<TalentPoolStackProps>;
}

export interface SynthResult {
  /** The synthesized CloudFormation template (plain JSON). */
  readonly template: Record<string, unknown>;
  readonly stackName: string;
}

/**
 * Synthesizes the stack in-process and returns its template: the very definitions
 * `cdk synth` produces (same builder, same feature flags), for the local runner.
 * Find functions by the `talentPool:handler` metadata and state machines by
 * `talentPool:stateMachine` (infra/metadata.ts), not by logical id.
 */
export function synthTalentPool(options: SynthOptions = {}): SynthResult {
  const outdir = mkdtempSync(join(tmpdir(), 'talent-pool-synth-'));
  try {
    const { app, stack } = buildTalentPool({ bundling: options.bundling ?? false, props: options.props, outdir });
    const assembly = app.synth();
    const template = assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>;
    return { template, stackName: stack.stackName };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
