/**
 * Bilingual progress output: Chinese first, English alongside. `--quiet` keeps the step
 * headings, the counts and the warnings, and drops the detail lines.
 */
export class Out {
  private readonly started = Date.now();

  constructor(
    readonly quiet: boolean,
    private readonly write: (s: string) => void = (s) => process.stdout.write(s),
  ) {}

  step(id: string, zh: string, en: string): void {
    const t = ((Date.now() - this.started) / 1000).toFixed(1);
    this.write(`\n━━ [${id}] ${zh} · ${en}  (+${t}s)\n`);
  }

  line(zh: string, en?: string): void {
    this.write(`   ${zh}${en ? `  · ${en}` : ''}\n`);
  }

  detail(zh: string, en?: string): void {
    if (!this.quiet) this.line(zh, en);
  }

  warn(zh: string, en: string): void {
    this.write(`   ⚠ ${zh}  · ${en}\n`);
  }

  /** A tier against its cap: "第一梯队 ████████████████████ 20/20". */
  tier(name: string, held: number, cap: number, extra = ''): void {
    const width = 25;
    const filled = cap > 0 ? Math.round((Math.min(held, cap) / cap) * width) : 0;
    this.write(`   ${name.padEnd(6, '　')} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${String(held).padStart(2)}/${cap}${extra ? `  ${extra}` : ''}\n`);
  }

  elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }
}

export const TIER_ZH: Record<number, string> = { 1: '第一梯队', 2: '第二梯队', 3: '第三梯队' };
export const TIER_EN: Record<number, string> = { 1: 'tier 1', 2: 'tier 2', 3: 'tier 3' };
