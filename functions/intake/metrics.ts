import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IntakeMetrics, IntakeOutcome } from '../../app/ports/uploads';

/**
 * Intake's outcomes as CloudWatch metrics (Powertools, embedded metric format): per
 * invocation, how many nominations were accepted, rejected and superseded, and the
 * rejections by problem code (one metric per code with a `code` dimension) — what an
 * operator asks first when schools call ("is everyone's file failing on the same thing?").
 * No ids, no names. Off outside AWS (POWERTOOLS_METRICS_DISABLED, set by the local stack).
 */
const metrics = new Metrics({ namespace: 'TalentPool', serviceName: 'intake' });

const NAMES: Record<IntakeOutcome, string> = {
  accepted: 'NominationsAccepted',
  rejected: 'NominationsRejected',
  superseded: 'NominationsSuperseded',
};

export class PowertoolsIntakeMetrics implements IntakeMetrics {
  private readonly byCode = new Map<string, number>();
  private readonly counts = new Map<IntakeOutcome, number>();

  nomination(outcome: IntakeOutcome, code?: string): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
    if (outcome === 'rejected' && code) this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
  }

  /** Publishes what this invocation counted (one line of EMF per code, one for the totals). */
  flush(): void {
    if (this.counts.size === 0) return;
    for (const [code, n] of this.byCode) {
      const single = metrics.singleMetric();
      single.addDimension('code', code);
      single.addMetric('NominationsRejectedByCode', MetricUnit.Count, n);
    }
    for (const [outcome, n] of this.counts) metrics.addMetric(NAMES[outcome], MetricUnit.Count, n);
    metrics.publishStoredMetrics();
    this.byCode.clear();
    this.counts.clear();
  }
}
