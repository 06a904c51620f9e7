import { describe, expect, it } from 'vitest';
import { ROUTE_KEYS } from '../../functions/api/handler';
import { EXPORT_ROUTE_KEYS } from '../../functions/exports/routes';
import { API_ROUTES, EXPORT_ROUTES, PUBLIC_ROUTES } from '../../infra/constructs/api-routes';
import { PUBLIC_ROUTE_KEYS } from '../../functions/api/router';
import { synthTalentPool } from '../../infra/synth';
import { publicRouteKeysFromTemplate, routeKeysFromTemplate } from '../../local/gateway/routes';
import { routeTargetsFromTemplate } from '../../local/gateway/targets';
import { localLambdas } from '../../local/asl';
import type { CfnTemplate } from '../../local/template';

describe('the API router', () => {
  const { template } = synthTalentPool() as unknown as { template: CfnTemplate };
  /** Route keys the template sends to the function whose handler module is `module`. */
  const servedBy = (module: string) => {
    const arns = new Set(localLambdas(template).filter((l) => l.handlerModule === module).map((l) => l.arn));
    return Object.entries(routeTargetsFromTemplate(template)).filter(([, arn]) => arns.has(arn)).map(([key]) => key).sort();
  };

  it('the template deploys exactly the Api routes and the exports routes, nothing else', () => {
    expect([...ROUTE_KEYS, ...EXPORT_ROUTE_KEYS].sort()).toEqual(routeKeysFromTemplate(template as Parameters<typeof routeKeysFromTemplate>[0]));
  });

  it('the Api function serves exactly its routes, the exports function exactly its own', () => {
    expect(servedBy('functions/api/handler.ts')).toEqual([...ROUTE_KEYS].sort());
    expect(servedBy('functions/exports/handler.ts')).toEqual([...EXPORT_ROUTE_KEYS].sort());
  });

  it('and exactly the CDK route lists', () => {
    expect([...ROUTE_KEYS].sort()).toEqual([...API_ROUTES, ...PUBLIC_ROUTES].map((r) => `${r.method} ${r.path}`).sort());
    expect([...EXPORT_ROUTE_KEYS].sort()).toEqual(EXPORT_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('only the public pages go without the authorizer (公示, S-PUBLICITY); every other route has it', () => {
    const keys = publicRouteKeysFromTemplate(template as Parameters<typeof publicRouteKeysFromTemplate>[0]);
    expect(keys).toEqual([...PUBLIC_ROUTE_KEYS].sort());
    expect(keys).toEqual(PUBLIC_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const routes = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    for (const r of routes) {
      const p = r.Properties as { RouteKey: string; AuthorizationType?: string };
      expect(p.AuthorizationType, p.RouteKey).toBe(keys.includes(p.RouteKey) ? 'NONE' : 'JWT');
    }
  });
});
