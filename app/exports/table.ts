import type { ColumnSpec, ExportSheet, Row } from '../../formats/export/write';
import type { ExportBody, ExportKind } from '../../contracts/exports';
import type { Role } from '../../contracts/roles';
import type { UseCaseContext } from '../ports';

/** What an export use case hands the writer: sheets of column specs and rows, and a name. */
export interface ExportTable {
  kind: ExportKind;
  /** The file name, Chinese (the download's Content-Disposition carries it RFC 5987-encoded). */
  fileName: string;
  title: string;
  sheets: ExportSheet[];
}

/** Who is exporting (the API's caller, as the use cases see it). */
export interface Exporter {
  username: string;
  /** `user:{username}`, as the audit trail names people. */
  actor: string;
  roles: ReadonlySet<Role>;
  /** A school user's unit. */
  unit?: string;
}

/** What one export may see and show, settled by authorize.ts before any row is read. */
export interface ExportScope {
  /** Only this unit's rows (a school: always its own); undefined = every unit (the bureau). */
  unit?: string;
  /** ID numbers in full (the bureau asked, and it is audited) — otherwise masked. */
  fullIds: boolean;
  /** Today in Beijing: the default `asOf`, and the date in the file name. */
  today: string;
}

export type ExportDeps = Pick<UseCaseContext, 'repos' | 'audit' | 'policy'>;

/** One kind: its columns (keys, Chinese headers, types) and how its table is built. */
export interface ExportKindSpec {
  /** Roles allowed to ask for it (a school always confined to its unit). */
  roles: readonly Role[];
  /** Whether rows carry ID numbers at all (the 公示 list never does, DESIGN.md §7). */
  carriesIds: boolean;
  build(deps: ExportDeps, body: ExportBody, scope: ExportScope): Promise<ExportTable>;
}

/** The columns asked for (`columns`, by key, in that order), or all; an unknown key is a coded 400 (select.ts). */
export type Columns = readonly ColumnSpec[];
export type { ColumnSpec, Row };
