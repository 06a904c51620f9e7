import type { Route } from './router';
import type { ApiDeps } from './deps';

/**
 * A route whose module is evaluated on its first call, not at the cold start (issue #12.7).
 * The bundle is one file (no code splitting), and esbuild turns `import('./x')` of a module
 * inside it into a deferred init: the route's module — its zod schemas, use cases, the xlsx
 * reader — runs only when that route is first asked for, so a container pays for the
 * routes it serves. `lazy(() => import('./rounds'), 'openRound')` is a Route like any other;
 * the module promise is shared by concurrent first calls, and forgotten if loading failed.
 * `D` is what the function serving it hands its routes (the Api's deps, or the narrower
 * public or selection deps: functions/public, functions/selection).
 */
export function lazy<K extends string, M extends Record<K, Route<D>>, D = ApiDeps>(load: () => Promise<M>, name: K): Route<D> {
  let loaded: Promise<Route<D>> | undefined;
  return async (req, deps) => {
    loaded ??= load().then((m) => m[name], (e: unknown) => {
      loaded = undefined;
      throw e;
    });
    return (await loaded)(req, deps);
  };
}
