import type { ExportBody, ExportKind } from '../../contracts/exports';
import { beijingDate } from '../../domain/dates';
import { authorizeExport } from './authorize';
import { development } from './development';
import { intake } from './intake';
import { publicity } from './publicity';
import { review } from './review';
import { roster } from './roster';
import { shortlist } from './shortlist';
import type { ExportDeps, Exporter, ExportKindSpec, ExportTable } from './table';
import { talks } from './talks';
import { xUse } from './x-use';

/** Every export, by kind (DESIGN.md §8). */
export const EXPORTS: Readonly<Record<ExportKind, ExportKindSpec>> = {
  roster, intake, shortlist, publicity, review, talks, development, 'x-use': xUse,
};

export interface ExportResult {
  table: ExportTable;
  rows: number;
  fullIds: boolean;
  unit?: string;
}

/**
 * One export: who may (authorize.ts), the table (the kind's use case over the ports), and the
 * audit entry — who, when, which export, how many rows, whether ID numbers went out in full.
 * A full-ID request is recorded before a single row is read, so no full number leaves without
 * its entry (a failed append fails the export).
 */
export async function runExport(deps: ExportDeps, who: Exporter, body: ExportBody, now: Date): Promise<ExportResult> {
  const spec = EXPORTS[body.kind];
  const scope = authorizeExport(who, spec, body, beijingDate(now));
  const what = {
    kind: body.kind,
    ...(body.roundId ? { roundId: body.roundId } : {}),
    ...(body.reviewId ? { reviewId: body.reviewId } : {}),
    ...(body.tier ? { tier: body.tier } : {}),
    ...(scope.unit ? { unit: scope.unit } : {}),
    ...(body.columns ? { columns: body.columns } : {}),
    ...(body.from ? { from: body.from, to: body.to } : {}),
    fullIds: scope.fullIds,
  };
  const entity = `export/${body.kind}`;
  if (scope.fullIds) {
    await deps.audit.append({ entity, action: 'export.full-ids-requested', actor: who.actor, at: now.toISOString(), details: what });
  }
  const table = await spec.build(deps, body, scope);
  const rows = table.sheets.reduce((n, s) => n + s.rows.length, 0);
  await deps.audit.append({ entity, action: 'export.created', actor: who.actor, at: now.toISOString(), details: { ...what, rows, fileName: table.fileName } });
  return { table, rows, fullIds: scope.fullIds, ...(scope.unit ? { unit: scope.unit } : {}) };
}
