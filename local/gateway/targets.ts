import { resolveValue, resourceOf, resourcesOfType, type CfnTemplate } from '../template';

/**
 * Which Lambda serves each route, read from the synthesized template as API Gateway reads it:
 * the route's Target (`integrations/{IntegrationRef}`) → that integration's IntegrationUri
 * (the function's ARN). The local gateway hands each request to the function its route names
 * — the Api for most, the exports function for POST /exports — nothing hand-copied.
 */
export function routeTargetsFromTemplate(template: CfnTemplate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, route] of resourcesOfType(template, 'AWS::ApiGatewayV2::Route')) {
    const routeKey = route.Properties?.RouteKey;
    if (typeof routeKey !== 'string') continue;
    const integrationId = refsIn(route.Properties?.Target).find((ref) => template.Resources[ref]?.Type === 'AWS::ApiGatewayV2::Integration');
    if (!integrationId) throw new Error(`${id}: route ${routeKey} has no integration target`);
    const integration = resourceOf(template, integrationId);
    out[routeKey] = String(resolveValue(template, integration.Properties?.IntegrationUri, {}, `${integrationId}.IntegrationUri`));
  }
  return out;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  return [...(typeof o.Ref === 'string' ? [o.Ref] : []), ...Object.values(o).flatMap(refsIn)];
}
