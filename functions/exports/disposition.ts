/**
 * Content-Disposition for a download with a Chinese file name (RFC 6266 + RFC 5987): an
 * ASCII `filename` for old clients and `filename*=UTF-8''…` percent-encoded for everyone else
 * (Excel, WPS, browsers and curl -J use it). encodeURIComponent leaves `'()*` alone, which
 * RFC 5987's attr-char does not allow: those are encoded too.
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiFallback.replace(/[^\x20-\x7E]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
