// Turning s3rver's object events into what S3 really sends a Lambda, and reading the
// bucket-notification filters from the template so they are not copied by hand.
import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { S3rverEventRecord } from './emulator-types';
import { resolveValue, resourcesOfType, type CfnTemplate, type ResolveOptions } from './template';

/**
 * S3 encodes the key in notifications form-style (application/x-www-form-urlencoded, like
 * Java's URLEncoder: only A-Z a-z 0-9 . - * _ stay, space becomes '+') except that '/' is
 * left as is. "rounds/r1/名单 v2.xlsx" → "rounds/r1/%E5%90%8D%E5%8D%95+v2.xlsx".
 * Handlers decode with decodeURIComponent(key.replace(/\+/g, ' ')).
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((part) =>
      encodeURIComponent(part)
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%2A/g, '*')
        .replace(/%20/g, '+'),
    )
    .join('/');
}

export interface NormalizeOptions {
  region: string;
  /** Real S3 sends the notification configuration's Id here. */
  configurationId?: string;
}

/** One s3rver record → the real S3 notification record shape (eventVersion 2.1). */
export function toS3EventRecord(raw: S3rverEventRecord, options: NormalizeOptions): S3EventRecord {
  const bucket = raw.s3.bucket.name;
  const object = raw.s3.object;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: options.region,
    eventTime: raw.eventTime,
    eventName: raw.eventName,
    userIdentity: { principalId: raw.userIdentity.principalId },
    requestParameters: { sourceIPAddress: raw.requestParameters.sourceIPAddress },
    responseElements: {
      'x-amz-request-id': raw.responseElements['x-amz-request-id'] ?? '',
      'x-amz-id-2': raw.responseElements['x-amz-id-2'] ?? '',
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: options.configurationId ?? 'local',
      bucket: { name: bucket, ownerIdentity: raw.s3.bucket.ownerIdentity, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: encodeS3EventKey(object.key),
        size: object.size ?? 0,
        eTag: object.eTag ?? '',
        ...(object.versionId ? { versionId: object.versionId } : {}),
        // Real sequencers are fixed-width hex; s3rver's is Date.now() in hex.
        sequencer: object.sequencer.padStart(16, '0'),
      },
    },
  };
}

export function toS3Event(raw: S3rverEventRecord, options: NormalizeOptions): S3Event {
  return { Records: [toS3EventRecord(raw, options)] };
}

/** One bucket → Lambda notification rule, as configured in the template. */
export interface S3NotificationRule {
  bucket: string;
  /** e.g. ['s3:ObjectCreated:*'] */
  events: string[];
  prefix?: string;
  suffix?: string;
  /** The target Lambda's (local) ARN — look it up in lambdaHandlerMap. */
  functionArn: string;
  id?: string;
}

interface FilterRule { Name: string; Value: string }
interface LambdaConfig {
  Id?: string;
  Events: string[];
  LambdaFunctionArn: string;
  Filter?: { Key?: { FilterRules?: FilterRule[] } };
}

/** The Lambda notification rules of every Custom::S3BucketNotifications in the template. */
export function s3NotificationsFromTemplate(template: CfnTemplate, options: ResolveOptions = {}): S3NotificationRule[] {
  const rules: S3NotificationRule[] = [];
  for (const [logicalId, resource] of resourcesOfType(template, 'Custom::S3BucketNotifications')) {
    const props = resolveValue(template, resource.Properties ?? {}, options, `Resources.${logicalId}.Properties`) as {
      BucketName: string;
      NotificationConfiguration?: { LambdaFunctionConfigurations?: LambdaConfig[] };
    };
    for (const config of props.NotificationConfiguration?.LambdaFunctionConfigurations ?? []) {
      const filter = config.Filter?.Key?.FilterRules ?? [];
      const value = (name: string) => filter.find((f) => f.Name.toLowerCase() === name)?.Value;
      rules.push({
        bucket: props.BucketName,
        events: config.Events,
        prefix: value('prefix'),
        suffix: value('suffix'),
        functionArn: config.LambdaFunctionArn,
        id: config.Id,
      });
    }
  }
  return rules;
}

/** Does a rule select this (decoded) key and event name ('ObjectCreated:Put')? */
export function ruleMatches(rule: Pick<S3NotificationRule, 'bucket' | 'events' | 'prefix' | 'suffix'>, bucket: string, key: string, eventName: string): boolean {
  if (rule.bucket !== bucket) return false;
  if (rule.prefix && !key.startsWith(rule.prefix)) return false;
  if (rule.suffix && !key.endsWith(rule.suffix)) return false;
  const [kind] = eventName.split(':');
  return rule.events.some((e) => e === `s3:${eventName}` || e === `s3:${kind}:*`);
}
