/**
 * The console's Content-Security-Policy, one text for both places that serve the console: the
 * CloudFront response headers policy (infra/constructs/console-hosting.ts) and the local
 * console server (local/console.ts), so the browser tests run the pages under the policy that
 * deploys. Scripts only from the site itself: Vite's build has no inline script, and nothing
 * evaluates strings. Styles allow 'unsafe-inline' because antd's CSS-in-JS writes <style>
 * elements at run time (a nonce cannot be set on a static site); style injection cannot run
 * script. No CDK here: the local server imports it.
 */
export function consoleCsp(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${connectSources.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}
