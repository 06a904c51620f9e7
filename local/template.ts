// Reading a synthesized CloudFormation template the way CloudFormation would, for the few
// intrinsics CDK emits into the properties local/ needs (state-machine definitions, Lambda
// environments, bucket notifications). Local physical names are deterministic, so the same
// template always yields the same table/bucket/function names and ARNs.

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, { Default?: unknown }>;
}

/** The pretend account a local stack lives in. */
export interface LocalAwsEnv {
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
}

export interface ResolveOptions extends Partial<LocalAwsEnv> {
  /** logicalId → physical name, overriding the default naming (see physicalName). */
  physicalNames?: Record<string, string>;
  /** Parameter name → value; otherwise the parameter's Default. */
  parameters?: Record<string, unknown>;
}

export const DEFAULT_ENV: LocalAwsEnv = {
  region: 'us-east-1',
  accountId: '000000000000',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
};

export class TemplateResolutionError extends Error {
  override name = 'TemplateResolutionError';
}

export function envOf(options: ResolveOptions = {}): LocalAwsEnv {
  return {
    region: options.region ?? DEFAULT_ENV.region,
    accountId: options.accountId ?? DEFAULT_ENV.accountId,
    partition: options.partition ?? DEFAULT_ENV.partition,
    urlSuffix: options.urlSuffix ?? DEFAULT_ENV.urlSuffix,
  };
}

/** The property that carries an explicit physical name, per resource type. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
};

export function resourceOf(template: CfnTemplate, logicalId: string, path = logicalId): CfnResource {
  const resource = template.Resources[logicalId];
  if (!resource) throw new TemplateResolutionError(`${path}: no resource '${logicalId}' in the template`);
  return resource;
}

/**
 * The local physical name of a resource: an override, else its explicit name property (if a
 * plain string), else the logical id (lower-cased for buckets, which S3 requires).
 */
export function physicalName(template: CfnTemplate, logicalId: string, options: ResolveOptions = {}): string {
  const override = options.physicalNames?.[logicalId];
  if (override) return override;
  const resource = resourceOf(template, logicalId);
  const prop = NAME_PROPERTY[resource.Type];
  const explicit = prop ? resource.Properties?.[prop] : undefined;
  if (typeof explicit === 'string') return explicit;
  if (resource.Type === 'AWS::S3::Bucket') return logicalId.toLowerCase().slice(0, 63);
  return logicalId;
}

function refOf(template: CfnTemplate, name: string, options: ResolveOptions, path: string): unknown {
  const env = envOf(options);
  switch (name) {
    case 'AWS::Partition': return env.partition;
    case 'AWS::Region': return env.region;
    case 'AWS::AccountId': return env.accountId;
    case 'AWS::URLSuffix': return env.urlSuffix;
    case 'AWS::StackName': return 'local';
    case 'AWS::NoValue': return undefined;
  }
  if (template.Parameters?.[name]) {
    const value = options.parameters?.[name] ?? template.Parameters[name]?.Default;
    if (value === undefined) throw new TemplateResolutionError(`${path}: parameter '${name}' has no value`);
    return value;
  }
  const resource = resourceOf(template, name, path);
  // Step Functions answers Ref with the ARN; most other resources with their physical name.
  if (resource.Type === 'AWS::StepFunctions::StateMachine') return arnOf(template, name, options, path);
  return physicalName(template, name, options);
}

function arnOf(template: CfnTemplate, logicalId: string, options: ResolveOptions, path: string): string {
  const { partition: p, region: r, accountId: a } = envOf(options);
  const name = physicalName(template, logicalId, options);
  const type = resourceOf(template, logicalId, path).Type;
  switch (type) {
    case 'AWS::Lambda::Function': return `arn:${p}:lambda:${r}:${a}:function:${name}`;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable': return `arn:${p}:dynamodb:${r}:${a}:table/${name}`;
    case 'AWS::S3::Bucket': return `arn:${p}:s3:::${name}`;
    case 'AWS::StepFunctions::StateMachine': return `arn:${p}:states:${r}:${a}:stateMachine:${name}`;
    case 'AWS::IAM::Role': return `arn:${p}:iam::${a}:role/${name}`;
    case 'AWS::SQS::Queue': return `arn:${p}:sqs:${r}:${a}:${name}`;
    case 'AWS::SNS::Topic': return `arn:${p}:sns:${r}:${a}:${name}`;
    case 'AWS::KMS::Key': return `arn:${p}:kms:${r}:${a}:key/${name}`;
    case 'AWS::Events::Rule': return `arn:${p}:events:${r}:${a}:rule/${name}`;
    case 'AWS::Logs::LogGroup': return `arn:${p}:logs:${r}:${a}:log-group:${name}:*`;
    default:
      throw new TemplateResolutionError(`${path}: Fn::GetAtt [${logicalId}, Arn] of a ${type} is not supported locally`);
  }
}

function getAtt(template: CfnTemplate, logicalId: string, attribute: string, options: ResolveOptions, path: string): unknown {
  const type = resourceOf(template, logicalId, path).Type;
  const name = physicalName(template, logicalId, options);
  const { region, urlSuffix } = envOf(options);
  if (attribute === 'Arn') return arnOf(template, logicalId, options, path);
  if (type === 'AWS::StepFunctions::StateMachine' && attribute === 'Name') return name;
  if (type === 'AWS::S3::Bucket' && attribute === 'DomainName') return `${name}.s3.${urlSuffix}`;
  if (type === 'AWS::S3::Bucket' && attribute === 'RegionalDomainName') return `${name}.s3.${region}.${urlSuffix}`;
  if (type === 'AWS::SQS::Queue' && attribute === 'QueueName') return name;
  throw new TemplateResolutionError(`${path}: Fn::GetAtt [${logicalId}, ${attribute}] is not supported locally`);
}

function sub(template: CfnTemplate, text: string, vars: Record<string, unknown>, options: ResolveOptions, path: string): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, expr: string) => {
    if (expr.startsWith('!')) return `\${${expr.slice(1)}}`; // ${!Literal}
    if (expr in vars) return String(vars[expr]);
    const dot = expr.indexOf('.');
    const value = dot > 0 && !expr.startsWith('AWS::')
      ? getAtt(template, expr.slice(0, dot), expr.slice(dot + 1), options, path)
      : refOf(template, expr, options, path);
    if (value === undefined) throw new TemplateResolutionError(`${path}: cannot substitute ${whole}`);
    return String(value);
  });
}

/**
 * Resolves every intrinsic in `value` (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select,
 * Fn::Split, Fn::If is refused). `path` names the spot in errors, e.g.
 * `Resources.RoundMachine.Properties.DefinitionString`.
 */
export function resolveValue(template: CfnTemplate, value: unknown, options: ResolveOptions = {}, path = '$'): unknown {
  if (Array.isArray(value)) {
    return value.map((v, i) => resolveValue(template, v, options, `${path}[${i}]`))
      .filter((v) => v !== undefined); // AWS::NoValue drops list items
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [first] = entries;
  if (entries.length === 1 && first) {
    const [key, arg] = first;
    const here = `${path}.${key}`;
    const r = (v: unknown, p: string): unknown => resolveValue(template, v, options, p);
    switch (key) {
      case 'Ref':
        return refOf(template, String(arg), options, here);
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/);
        return getAtt(template, String(id), String(attr), options, here);
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown];
        const list = r(parts, `${here}[1]`);
        if (!Array.isArray(list)) throw new TemplateResolutionError(`${here}: list expected`);
        return list.map(String).join(sep);
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
        return sub(template, String(text), r(vars, `${here}[1]`) as Record<string, unknown>, options, here);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const items = r(list, `${here}[1]`);
        const at = Number(r(index, `${here}[0]`));
        if (!Array.isArray(items) || items[at] === undefined) throw new TemplateResolutionError(`${here}: index ${at} out of range`);
        return items[at];
      }
      case 'Fn::Split': {
        const [sep, text] = arg as [string, unknown];
        return String(r(text, `${here}[1]`)).split(sep);
      }
      default:
        if (key.startsWith('Fn::') || key === 'Condition') {
          throw new TemplateResolutionError(`${here}: intrinsic ${key} is not supported locally`);
        }
    }
  }
  return Object.fromEntries(
    entries
      .map(([k, v]) => [k, resolveValue(template, v, options, `${path}.${k}`)] as const)
      .filter(([, v]) => v !== undefined),
  );
}

export function resourcesOfType(template: CfnTemplate, ...types: string[]): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => types.includes(r.Type));
}
