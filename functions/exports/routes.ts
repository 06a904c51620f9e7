/**
 * The HTTP API routes this function serves (infra/constructs/api-routes.ts sends them here,
 * everything else to the Api function); a test compares both with the synthesized template.
 */
export const EXPORT_ROUTE_KEYS = ['POST /exports'] as const;
