import { problem, rejection, type Problem, type Result } from '../problem';
import { TIERS } from '../tier';
import type { Nomination } from './nomination';
import type { Shortlist } from './round';

/**
 * The approver's edits may name a candidate by name instead of by nomination id (S-ROUND):
 * `remove: ['张三']` takes 张三 off the proposed admissions, `add: ['李四']` puts 李四 on. A
 * name is resolved here, against this round's nominations, to exactly one nomination id —
 * or it is a coded problem at its place in the request: a name shared by several candidates
 * lists each (id, unit, tier) so the approver can pick by id; a name nobody on the list (or
 * in the round) bears says so. Ids pass through unchanged: an entry is an id when it is the id
 * of one of the round's nominations, or when no candidate bears it as a name and it is shaped
 * like an id (letters, digits, '.', '_', '-': the id rules then say what is wrong with it).
 */

const ID_SHAPED = /^[A-Za-z0-9._-]+$/;

export interface NamedEdit {
  list: 'add' | 'remove';
  name: string;
  nominationId: string;
}

export interface ResolvedEdits {
  add: string[];
  remove: string[];
  /** Which names were resolved to which ids (for the record). */
  named: NamedEdit[];
}

const clean = (s: string) => s.normalize('NFC').replace(/[\s\u3000]+/g, '');

function who(n: Nomination): string {
  return `${n.nominationId}（${n.unitCode}${n.tier ? `，第${n.tier}梯队` : ''}）`;
}

function whoEn(n: Nomination): string {
  return `${n.nominationId} (${n.unitCode}${n.tier ? `, tier ${n.tier}` : ''})`;
}

export function resolveEditNames(
  edits: { add: readonly string[]; remove: readonly string[] },
  shortlist: Pick<Shortlist, 'tiers'>,
  nominations: readonly Nomination[],
): Result<ResolvedEdits> {
  const proposed = new Set(TIERS.flatMap((t) => shortlist.tiers[t].admitIds));
  const named = (name: string) => nominations.filter((n) => n.candidateName !== undefined && clean(n.candidateName) === clean(name));
  const problems: Problem[] = [];
  const out: ResolvedEdits = { add: [], remove: [], named: [] };

  const ids = new Set(nominations.map((n) => n.nominationId));
  const resolve = (list: 'add' | 'remove', entry: string, i: number): string | undefined => {
    if (ids.has(entry)) return entry;
    const path = `edits.${list}.${i}`;
    const all = named(entry);
    if (all.length === 0 && ID_SHAPED.test(entry)) return entry;
    // remove: among the proposed admissions; add: among the live (accepted) nominations not proposed.
    const pool = list === 'remove'
      ? all.filter((n) => proposed.has(n.nominationId))
      : all.filter((n) => n.status === 'accepted' && !proposed.has(n.nominationId));
    if (pool.length === 1) {
      const id = (pool[0] as Nomination).nominationId;
      out.named.push({ list, name: entry, nominationId: id });
      return id;
    }
    if (pool.length > 1) {
      problems.push(problem('EDIT_NAME_AMBIGUOUS', path,
        `名单中有 ${pool.length} 人名为“${entry}”：${pool.map(who).join('、')}，请改用推荐编号`,
        `${pool.length} candidates are named "${entry}": ${pool.map(whoEn).join(', ')}; use the nomination id`));
      return undefined;
    }
    if (list === 'remove' && all.some((n) => n.status === 'accepted')) {
      problems.push(problem('EDIT_NOT_PROPOSED', path, `“${entry}”不在拟入库名单中`, `"${entry}" is not among the proposed admissions`));
    } else if (list === 'add' && all.some((n) => proposed.has(n.nominationId))) {
      problems.push(problem('EDIT_ALREADY_PROPOSED', path, `“${entry}”已在拟入库名单中`, `"${entry}" is already among the proposed admissions`));
    } else if (list === 'add' && all.length > 0) {
      problems.push(problem('EDIT_REJECTED', path, `“${entry}”没有已受理的推荐，不能列入`, `"${entry}" has no accepted nomination and cannot be admitted`));
    } else {
      problems.push(problem('EDIT_NAME_UNKNOWN', path, `本批次没有名为“${entry}”的人选`, `no candidate named "${entry}" in this round`));
    }
    return undefined;
  };

  edits.remove.forEach((e, i) => {
    const id = resolve('remove', e, i);
    if (id !== undefined) out.remove.push(id);
  });
  edits.add.forEach((e, i) => {
    const id = resolve('add', e, i);
    if (id !== undefined) out.add.push(id);
  });
  return problems.length > 0 ? rejection(problems) : { ok: true, value: out };
}
