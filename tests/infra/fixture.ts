import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildTalentPool } from '../../infra/build';
import type { TalentPoolStack, TalentPoolStackProps } from '../../infra/stack';

export type Json = Record<string, unknown>;
export interface Resource {
  readonly Type: string;
  readonly Properties?: Json;
  readonly Metadata?: Json;
}

const cache = new Map<string, { stack: TalentPoolStack; template: Template }>();

/** Builds the stack once per file and props (bundling skipped: ~3 s). */
export function poolStack(props: Partial<TalentPoolStackProps> = {}): { stack: TalentPoolStack; template: Template } {
  const key = JSON.stringify(props);
  let built = cache.get(key);
  if (!built) {
    const { stack } = buildTalentPool({ bundling: false, props });
    built = { stack, template: Template.fromStack(stack) };
    cache.set(key, built);
  }
  return built;
}

/** The logical id of an L2 construct's CloudFormation resource. */
export function logicalIdOf(stack: Stack, construct: IConstruct): string {
  return stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
}

export function resources(template: Template, type: string): Array<[string, Resource]> {
  return Object.entries(template.findResources(type)) as Array<[string, Resource]>;
}

/** Statement(s) of an IAM policy document, normalised to arrays. */
export interface Statement {
  readonly Effect: string;
  readonly Action: string[];
  readonly Resource: unknown[];
  readonly Principal?: unknown;
}
export function statements(document: unknown): Statement[] {
  const raw = (document as { Statement: Array<Record<string, unknown>> }).Statement;
  const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return raw.map((s) => ({
    Effect: s.Effect as string,
    Action: list(s.Action) as string[],
    Resource: list(s.Resource),
    Principal: s.Principal,
  }));
}

/** Logical ids a value references (Ref / Fn::GetAtt), anywhere inside it. */
export function referencedIds(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (typeof o.Ref === 'string') found.push(o.Ref);
      const getAtt = o['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.push(getAtt[0]);
      Object.values(o).forEach(walk);
    }
  };
  walk(value);
  return found;
}

/** The IAM policies attached to a role, by the role's logical id. */
export function policiesOfRole(template: Template, roleId: string): Statement[] {
  return resources(template, 'AWS::IAM::Policy')
    .filter(([, p]) => referencedIds(p.Properties?.Roles).includes(roleId))
    .flatMap(([, p]) => statements(p.Properties?.PolicyDocument));
}

/** The execution role's logical id of the function whose handler module is `module`. */
export function functionByModule(template: Template, module: string): { id: string; fn: Resource; roleId: string } {
  const match = resources(template, 'AWS::Lambda::Function').find(([, f]) => f.Metadata?.['talentPool:handler'] === module);
  if (!match) throw new Error(`no function for ${module}`);
  const [id, fn] = match;
  const [roleId] = referencedIds(fn.Properties?.Role);
  if (!roleId) throw new Error(`no role for ${module}`);
  return { id, fn, roleId };
}

/** A state machine's ASL with ARN tokens replaced by `${LogicalId}` placeholders. */
export function definitionOf(template: Template, kind: 'round' | 'review' | 'term'): Asl {
  const match = resources(template, 'AWS::StepFunctions::StateMachine').find(
    ([, m]) => m.Metadata?.['talentPool:stateMachine'] === kind,
  );
  if (!match) throw new Error(`no ${kind} state machine`);
  const definition = match[1].Properties?.DefinitionString as { 'Fn::Join': [string, unknown[]] } | string;
  if (typeof definition === 'string') return JSON.parse(definition) as Asl;
  const text = definition['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : `\${${referencedIds(part).join(',')}}`))
    .join('');
  return JSON.parse(text) as Asl;
}

export interface AslState {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  Retry?: Array<{ ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number }>;
  Catch?: Array<{ ErrorEquals: string[]; Next: string; ResultPath?: string }>;
  Parameters?: Json;
  ResultSelector?: Json;
  ResultPath?: string | null;
  ItemProcessor?: Asl;
  ItemSelector?: Json;
  ItemsPath?: string;
  MaxConcurrency?: number;
  TimestampPath?: string;
  QueryLanguage?: string;
  Next?: string;
  Default?: string;
  Choices?: Json[];
}
export interface Asl {
  StartAt: string;
  States: Record<string, AslState>;
  QueryLanguage?: string;
}

/** Every state, with the Map (if any) that contains it. */
export function allStates(asl: Asl, parentMap?: AslState): Array<{ name: string; state: AslState; parentMap?: AslState }> {
  return Object.entries(asl.States).flatMap(([name, state]) => [
    { name, state, parentMap },
    ...(state.ItemProcessor ? allStates(state.ItemProcessor, state) : []),
  ]);
}
