import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../local/console-build';

/**
 * The web console's weight as a browser fetches it: the initial JS (the entry and every chunk
 * it imports statically, gzip) against the 400 KB budget of issue #10, then each page's chunk
 * fetched on demand (its own files beyond what is already loaded), from Vite's manifest.
 */
interface ManifestChunk { file: string; name?: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }

const BUDGET_KB = 400;

export async function benchConsole(): Promise<Record<string, string | number>> {
  const build = await ensureConsoleBuilt();
  const manifest = JSON.parse(readFileSync(join(CONSOLE_DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gz = (file: string) => gzipSync(readFileSync(join(CONSOLE_DIST, file))).length / 1024;
  const closure = (keys: string[], seen = new Set<string>()): Set<string> => {
    for (const k of keys) {
      if (seen.has(k)) continue;
      seen.add(k);
      closure(manifest[k]?.imports ?? [], seen);
    }
    return seen;
  };
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('no entry in the console manifest');
  const initial = closure([entry[0]]);
  const kb = (keys: Iterable<string>) => [...keys].reduce((s, k) => s + gz(manifest[k]?.file ?? ''), 0);
  const initialKb = kb(initial);
  const css = [...initial].flatMap((k) => manifest[k]?.css ?? []);
  const out: Record<string, string | number> = {
    build: build.built ? `built in ${build.ms} ms (Vite 8, rolldown)` : 'up to date (console/dist)',
    'initial JS (gzip)': `${initialKb.toFixed(1)} KB in ${initial.size} files — budget ${BUDGET_KB} KB: ${initialKb <= BUDGET_KB ? 'within' : 'OVER'}`,
    'initial CSS (gzip)': `${css.reduce((s, f) => s + gz(f), 0).toFixed(1)} KB`,
  };
  // Pages: the dynamic imports, each with what it adds beyond the initial load.
  const pages = Object.entries(manifest).filter(([, c]) => c.isDynamicEntry).sort(([a], [b]) => a.localeCompare(b));
  for (const [key, c] of pages) {
    const extra = [...closure([key])].filter((k) => !initial.has(k));
    out[`page ${c.name ?? key} (gzip, on demand)`] = `${kb(extra).toFixed(1)} KB (${extra.length} file${extra.length === 1 ? '' : 's'})`;
  }
  const fonts = readdirSync(join(CONSOLE_DIST, 'assets')).filter((f) => f.endsWith('.woff2'));
  const fontMb = fonts.reduce((s, f) => s + statSync(join(CONSOLE_DIST, 'assets', f)).size, 0) / 1024 / 1024;
  out['web font (Noto Sans SC 400, woff2)'] = `${fonts.length} slices, ${fontMb.toFixed(1)} MB in all; a page loads only the slices its characters need`;
  return out;
}
