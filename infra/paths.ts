import { fileURLToPath } from 'node:url';

/**
 * The repository root. Handler modules are named relative to it (the
 * `talentPool:handler` metadata), so the local runner can resolve them the same way.
 */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
