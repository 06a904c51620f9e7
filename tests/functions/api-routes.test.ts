import { describe, expect, it } from 'vitest';
import { ROUTE_KEYS } from '../../functions/api/handler';
import { EXPORT_ROUTE_KEYS } from '../../functions/exports/routes';
import { PUBLIC_ROUTE_KEYS } from '../../functions/public/routes';
import { SELECTION_ROUTE_KEYS } from '../../functions/selection/routes';
import { API_ROUTES, EXPORT_ROUTES, PUBLIC_BALLOT_ROUTES, PUBLIC_ROUTES, SELECTION_ROUTES } from '../../infra/constructs/api-routes';
import { synthTalentPool } from '../../infra/synth';
import { publicRouteKeysFromTemplate, routeKeysFromTemplate } from '../../local/gateway/routes';
import { routeTargetsFromTemplate } from '../../local/gateway/targets';
import { localLambdas } from '../../local/asl';
import type { CfnTemplate } from '../../local/template';

/** Each function behind the HTTP API: its handler module and the route keys its router serves. */
const FUNCTIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['functions/api/handler.ts', ROUTE_KEYS],
  ['functions/selection/handler.ts', SELECTION_ROUTE_KEYS],
  ['functions/public/handler.ts', PUBLIC_ROUTE_KEYS],
  ['functions/exports/handler.ts', EXPORT_ROUTE_KEYS],
];
const keysOf = (list: typeof API_ROUTES) => list.map((r) => `${r.method} ${r.path}`).sort();

describe('the API routers', () => {
  const { template } = synthTalentPool() as unknown as { template: CfnTemplate };
  /** Route keys the template sends to the function whose handler module is `module`. */
  const servedBy = (module: string) => {
    const arns = new Set(localLambdas(template).filter((l) => l.handlerModule === module).map((l) => l.arn));
    return Object.entries(routeTargetsFromTemplate(template)).filter(([, arn]) => arns.has(arn)).map(([key]) => key).sort();
  };

  it('the template deploys exactly the routes of the four routers, nothing else, and no key in two of them', () => {
    const all = FUNCTIONS.flatMap(([, keys]) => keys);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(routeKeysFromTemplate(template as Parameters<typeof routeKeysFromTemplate>[0]));
  });

  it('each function serves exactly its own router\'s routes (the Api, selection, public and exports functions)', () => {
    for (const [module, keys] of FUNCTIONS) expect(servedBy(module), module).toEqual([...keys].sort());
    // Really split: the Api serves none of the selection steps' routes nor any public one.
    expect(ROUTE_KEYS.filter((k) => /ballot|inspection|objection|publicity/.test(k))).toEqual([]);
  });

  it('and exactly the CDK route lists', () => {
    expect([...ROUTE_KEYS].sort()).toEqual(keysOf(API_ROUTES));
    expect([...SELECTION_ROUTE_KEYS].sort()).toEqual(keysOf(SELECTION_ROUTES));
    expect([...PUBLIC_ROUTE_KEYS].sort()).toEqual(keysOf([...PUBLIC_ROUTES, ...PUBLIC_BALLOT_ROUTES]));
    expect([...EXPORT_ROUTE_KEYS].sort()).toEqual(keysOf(EXPORT_ROUTES));
  });

  it('only the public function\'s routes go without the authorizer (公示, S-PUBLICITY; the 民主推荐 ballot, S-RECOMMEND); every other route has it', () => {
    const keys = publicRouteKeysFromTemplate(template as Parameters<typeof publicRouteKeysFromTemplate>[0]);
    expect(keys).toEqual([...PUBLIC_ROUTE_KEYS].sort());
    expect(keys).toEqual(keysOf([...PUBLIC_ROUTES, ...PUBLIC_BALLOT_ROUTES]));
    const routes = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    for (const r of routes) {
      const p = r.Properties as { RouteKey: string; AuthorizationType?: string };
      expect(p.AuthorizationType, p.RouteKey).toBe(keys.includes(p.RouteKey) ? 'NONE' : 'JWT');
    }
  });
});
