import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { allowedOriginsFor, SettingsError, validateSettings } from '../../infra/settings';
import { synthTalentPool } from '../../infra/synth';

describe('deployment parameters are checked before synthesis', () => {
  it('accepts the documented defaults and sensible values', () => {
    expect(() => validateSettings({ stage: 'prod', reviewSchedule: 'cron(0 9 1 9 ? *)', approvalTimeoutSeconds: 30 * 86_400, reviewWindowDays: 30, batchSize: 25, alarmEmail: 'ops@example.org', allowedOrigins: ['https://pool.jyj.example.cn', 'http://localhost:5173'] })).not.toThrow();
  });

  it('refuses, naming each parameter: a five-field cron, a wait beyond a Standard execution, a window, a batch, an e-mail, an origin', () => {
    let caught: unknown;
    try {
      validateSettings({ stage: 'prod', reviewSchedule: 'cron(0 9 1 9 *)', approvalTimeoutSeconds: 40_000_000, reviewWindowDays: 400, batchSize: 100_000, tallyBatchSize: 501, stepTimeoutSeconds: 901, alarmEmail: 'not-an-email', allowedOrigins: ['not a url', '*'] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SettingsError);
    const problems = (caught as SettingsError).problems.join('\n');
    for (const name of ['reviewSchedule', 'approvalTimeoutSeconds', 'reviewWindowDays', 'batchSize', 'tallyBatchSize', 'stepTimeoutSeconds', 'alarmEmail', '"not a url"', '"*"']) expect(problems).toContain(name);
    expect((caught as SettingsError).problems).toHaveLength(9);
  });

  it('the review\'s confirmation wait (calibration): 1 s … 300 days, and with the window within the execution\'s year', () => {
    expect(() => validateSettings({ stage: 'prod', confirmationTimeoutSeconds: 60 * 86_400, reviewWindowDays: 30 })).not.toThrow();
    const problems = (props: Parameters<typeof validateSettings>[0]) => {
      try {
        validateSettings(props);
        return [];
      } catch (e) {
        return (e as SettingsError).problems;
      }
    };
    expect(problems({ stage: 'prod', confirmationTimeoutSeconds: 0 })).toEqual([expect.stringContaining('confirmationTimeoutSeconds')]);
    expect(problems({ stage: 'prod', confirmationTimeoutSeconds: 301 * 86_400 })).toEqual([expect.stringContaining('confirmationTimeoutSeconds')]);
    // 180 days of window and 185 of waiting leave no day for the steps within 365.
    expect(problems({ stage: 'prod', reviewWindowDays: 180, confirmationTimeoutSeconds: 185 * 86_400 })).toEqual([expect.stringContaining('reviewWindowDays + confirmationTimeoutSeconds')]);
    expect(problems({ stage: 'prod', reviewWindowDays: 180, confirmationTimeoutSeconds: 184 * 86_400 })).toEqual([]);
    // With the default window (30 days), up to the 300-day maximum fits.
    expect(problems({ stage: 'prod', confirmationTimeoutSeconds: 300 * 86_400 })).toEqual([]);
  });

  it('prod allows no browser origin but its own console unless told; dev allows the local web app', () => {
    expect(allowedOriginsFor({ stage: 'prod' })).toEqual([]);
    expect(allowedOriginsFor({ stage: 'dev' })).toEqual(['http://localhost:5173']);
    const { template } = synthTalentPool({ props: { stage: 'prod', alarmEmail: 'ops@example.org' } }) as unknown as { template: Record<string, unknown> };
    const t = Template.fromJSON(template);
    // The one origin trusted anywhere is the stack's own console (its CloudFront distribution).
    const [distributionId] = Object.keys(t.findResources('AWS::CloudFront::Distribution'));
    const consoleOrigin = [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }];
    const buckets = Object.values(t.findResources('AWS::S3::Bucket')) as Array<{ Properties?: { CorsConfiguration?: { CorsRules: Array<{ AllowedOrigins: unknown }> } } }>;
    const rules = buckets.flatMap((b) => b.Properties?.CorsConfiguration?.CorsRules ?? []);
    expect(rules.map((r) => r.AllowedOrigins)).toEqual([consoleOrigin]);
    const apis = Object.values(t.findResources('AWS::ApiGatewayV2::Api')) as Array<{ Properties?: { CorsConfiguration?: { AllowOrigins: unknown } } }>;
    expect(apis.map((a) => a.Properties?.CorsConfiguration?.AllowOrigins)).toEqual([consoleOrigin]);
  });
});
