import { describe, expect, it } from 'vitest';
import { ROUTE_KEYS } from '../../functions/api/handler';
import { API_ROUTES } from '../../infra/constructs/api-routes';
import { synthTalentPool } from '../../infra/synth';
import { routeKeysFromTemplate } from '../../local/gateway/routes';

describe('the API router', () => {
  it('serves exactly the routes the synthesized template deploys', () => {
    const { template } = synthTalentPool();
    expect([...ROUTE_KEYS].sort()).toEqual(routeKeysFromTemplate(template as Parameters<typeof routeKeysFromTemplate>[0]));
  });

  it('and exactly the CDK route list', () => {
    expect([...ROUTE_KEYS].sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });
});
