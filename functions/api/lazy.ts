import type { Route } from './router';

/**
 * A route whose module is evaluated on its first call, not at the cold start (issue #12.7).
 * The bundle is one file (no code splitting), and esbuild turns `import('./x')` of a module
 * inside it into a deferred init: the route's module — its zod schemas, use cases, the xlsx
 * reader — runs only when that route is first asked for, so a container pays for the
 * routes it serves. `lazy(() => import('./rounds'), 'openRound')` is a Route like any other;
 * the module promise is shared by concurrent first calls, and forgotten if loading failed.
 */
export function lazy<K extends string, M extends Record<K, Route>>(load: () => Promise<M>, name: K): Route {
  let loaded: Promise<Route> | undefined;
  return async (req, deps) => {
    loaded ??= load().then((m) => m[name], (e: unknown) => {
      loaded = undefined;
      throw e;
    });
    return (await loaded)(req, deps);
  };
}
