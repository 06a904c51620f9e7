/**
 * The HTTP API's route table, read from the synthesized template's
 * AWS::ApiGatewayV2::Route resources: the local gateway serves exactly the routes CDK
 * deploys, nothing hand-copied.
 */
export interface RouteMatcher {
  routeKey: string;
  method: string;
  pattern: RegExp;
  params: string[];
}

interface TemplateLike {
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
}

export function routeKeysFromTemplate(template: TemplateLike): string[] {
  const keys: string[] = [];
  for (const res of Object.values(template.Resources ?? {})) {
    if (res.Type === 'AWS::ApiGatewayV2::Route' && typeof res.Properties?.RouteKey === 'string') {
      keys.push(res.Properties.RouteKey);
    }
  }
  return keys.sort();
}

/**
 * The routes API Gateway serves without an authorizer: AuthorizationType NONE in the
 * template (HttpNoneAuthorizer), as the deployed API reads it.
 */
export function publicRouteKeysFromTemplate(template: TemplateLike): string[] {
  const keys: string[] = [];
  for (const res of Object.values(template.Resources ?? {})) {
    const p = res.Properties;
    if (res.Type === 'AWS::ApiGatewayV2::Route' && typeof p?.RouteKey === 'string' && p.AuthorizationType === 'NONE') keys.push(p.RouteKey);
  }
  return keys.sort();
}

export function compileRoute(routeKey: string): RouteMatcher {
  const [method = '', path = ''] = routeKey.split(' ');
  const params: string[] = [];
  const source = path
    .split('/')
    .map((seg) => {
      const greedy = /^\{(\w+)\+\}$/.exec(seg);
      if (greedy) {
        params.push(greedy[1] as string);
        return '(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(seg);
      if (param) {
        params.push(param[1] as string);
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { routeKey, method, pattern: new RegExp(`^${source}$`), params };
}

/** Literal segments win over parameters, as API Gateway's "most specific route" rule says. */
function specificity(r: RouteMatcher): number {
  return r.routeKey.split('/').filter((s) => !s.startsWith('{')).length * 100 - r.params.length;
}

export function matchRoute(
  routes: RouteMatcher[],
  method: string,
  path: string,
): { route: RouteMatcher; pathParameters: Record<string, string> } | { methodNotAllowed: boolean } {
  let pathMatched = false;
  const candidates = [...routes].sort((a, b) => specificity(b) - specificity(a));
  for (const route of candidates) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method && route.method !== 'ANY') continue;
    const pathParameters: Record<string, string> = {};
    route.params.forEach((p, i) => {
      pathParameters[p] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route, pathParameters };
  }
  return { methodNotAllowed: pathMatched };
}

export interface RouteThrottle { rateLimit: number; burstLimit: number }

/** The stage's per-route throttles (`RouteSettings`), as API Gateway applies them. */
export function routeThrottlesFromTemplate(template: TemplateLike): Record<string, RouteThrottle> {
  const out: Record<string, RouteThrottle> = {};
  for (const res of Object.values(template.Resources ?? {})) {
    if (res.Type !== 'AWS::ApiGatewayV2::Stage') continue;
    const settings = (res.Properties?.RouteSettings ?? {}) as Record<string, { ThrottlingRateLimit?: unknown; ThrottlingBurstLimit?: unknown }>;
    for (const [key, s] of Object.entries(settings)) {
      if (typeof s.ThrottlingRateLimit === 'number' && typeof s.ThrottlingBurstLimit === 'number') {
        out[key] = { rateLimit: s.ThrottlingRateLimit, burstLimit: s.ThrottlingBurstLimit };
      }
    }
  }
  return out;
}
