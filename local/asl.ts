// From the synthesized template to what runs locally: plain ASL for each state machine,
// and each Lambda's ARN/name → the handler module named by its `talentPool:handler`
// metadata. Nothing is hand-copied from infra/.
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import {
  physicalName,
  resolveValue,
  resourceOf,
  resourcesOfType,
  TemplateResolutionError,
  type CfnTemplate,
  type ResolveOptions,
} from './template';

export const HANDLER_METADATA_KEY = 'talentPool:handler';
/** On each state machine: which one it is ('round' | 'review'), so callers need no logical ids. */
export const STATE_MACHINE_METADATA_KEY = 'talentPool:stateMachine';

/** ASL JSON (JSONPath only). Typed loosely: definitions come from CDK, not from us. */
export type AslDefinition = StateMachineDefinition;

/** The state machine's DefinitionString (or Definition + DefinitionSubstitutions) as plain ASL. */
export function resolveDefinition(template: CfnTemplate, logicalId: string, options: ResolveOptions = {}): AslDefinition {
  const resource = resourceOf(template, logicalId);
  if (resource.Type !== 'AWS::StepFunctions::StateMachine') {
    throw new TemplateResolutionError(`${logicalId} is a ${resource.Type}, not a state machine`);
  }
  const path = `Resources.${logicalId}.Properties`;
  const props = resource.Properties ?? {};
  let text: string;
  if (props.DefinitionString !== undefined) {
    const resolved = resolveValue(template, props.DefinitionString, options, `${path}.DefinitionString`);
    if (typeof resolved !== 'string') throw new TemplateResolutionError(`${path}.DefinitionString: did not resolve to a string`);
    text = resolved;
  } else if (props.Definition !== undefined) {
    text = JSON.stringify(resolveValue(template, props.Definition, options, `${path}.Definition`));
  } else {
    throw new TemplateResolutionError(`${path}: no DefinitionString or Definition (DefinitionS3Location is not supported locally)`);
  }
  const substitutions = resolveValue(template, props.DefinitionSubstitutions ?? {}, options, `${path}.DefinitionSubstitutions`) as Record<string, unknown>;
  text = text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (!(name in substitutions)) throw new TemplateResolutionError(`${path}: no DefinitionSubstitutions entry for ${whole}`);
    return String(substitutions[name]);
  });
  try {
    return JSON.parse(text) as AslDefinition;
  } catch (err) {
    throw new TemplateResolutionError(`${path}: the resolved definition is not JSON (${(err as Error).message})`);
  }
}

export interface TemplateStateMachine {
  logicalId: string;
  /** The talentPool:stateMachine metadata, if any. */
  kind?: string;
  name: string;
  arn: string;
  definition: AslDefinition;
}

export function stateMachinesFromTemplate(template: CfnTemplate, options: ResolveOptions = {}): TemplateStateMachine[] {
  return resourcesOfType(template, 'AWS::StepFunctions::StateMachine').map(([logicalId, resource]) => ({
    logicalId,
    kind: typeof resource.Metadata?.[STATE_MACHINE_METADATA_KEY] === 'string' ? resource.Metadata[STATE_MACHINE_METADATA_KEY] as string : undefined,
    name: physicalName(template, logicalId, options),
    arn: resolveValue(template, { 'Fn::GetAtt': [logicalId, 'Arn'] }, options) as string,
    definition: resolveDefinition(template, logicalId, options),
  }));
}

export interface LocalLambda {
  logicalId: string;
  functionName: string;
  arn: string;
  /** Module path as written in the metadata (relative to the project root). */
  handlerModule: string;
  /** Resolved Environment.Variables (Refs → local names/ARNs). */
  environment: Record<string, string>;
  /** Variables whose value could not be resolved locally → why. */
  unresolvedEnvironment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
}

/** Every AWS::Lambda::Function carrying the handler metadata. */
export function localLambdas(template: CfnTemplate, options: ResolveOptions = {}): LocalLambda[] {
  const lambdas: LocalLambda[] = [];
  for (const [logicalId, resource] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    const handlerModule = resource.Metadata?.[HANDLER_METADATA_KEY];
    if (typeof handlerModule !== 'string') continue;
    const props = resource.Properties ?? {};
    const variables = ((props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables) ?? {};
    const environment: Record<string, string> = {};
    const unresolvedEnvironment: Record<string, string> = {};
    for (const [name, value] of Object.entries(variables)) {
      try {
        const resolved = String(resolveValue(template, value, options, `Resources.${logicalId}.Properties.Environment.Variables.${name}`));
        // CloudFormation dynamic references ({{resolve:secretsmanager:…}}) have no local value.
        if (resolved.includes('{{resolve:')) unresolvedEnvironment[name] = `dynamic reference ${resolved}: set it locally`;
        else environment[name] = resolved;
      } catch (err) {
        // One exotic variable (say a Cognito URL) must not stop everything else running.
        unresolvedEnvironment[name] = (err as Error).message;
      }
    }
    lambdas.push({
      logicalId,
      functionName: physicalName(template, logicalId, options),
      arn: resolveValue(template, { 'Fn::GetAtt': [logicalId, 'Arn'] }, options) as string,
      handlerModule,
      environment,
      unresolvedEnvironment,
      timeoutSeconds: typeof props.Timeout === 'number' ? props.Timeout : 3,
      memoryMb: typeof props.MemorySize === 'number' ? props.MemorySize : 128,
    });
  }
  return lambdas;
}

/** Function ARN and function name → handler module path. */
export function lambdaHandlerMap(template: CfnTemplate, options: ResolveOptions = {}): Map<string, string> {
  const map = new Map<string, string>();
  for (const fn of localLambdas(template, options)) {
    map.set(fn.arn, fn.handlerModule);
    map.set(fn.functionName, fn.handlerModule);
  }
  return map;
}

/**
 * All functions' environments merged (one process runs them all). Conflicting values for
 * the same variable are reported rather than silently picked.
 */
export function mergedEnvironment(lambdas: LocalLambda[]): { environment: Record<string, string>; conflicts: string[] } {
  const environment: Record<string, string> = {};
  const conflicts: string[] = [];
  for (const fn of lambdas) {
    for (const [name, value] of Object.entries(fn.environment)) {
      if (name in environment && environment[name] !== value) conflicts.push(`${name}: '${environment[name]}' vs '${value}' (${fn.logicalId})`);
      else environment[name] = value;
    }
  }
  return { environment, conflicts };
}
