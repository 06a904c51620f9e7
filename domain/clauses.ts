/**
 * Clause ids of the 2020 plan (DESIGN.md §2). Every rule, reason, outcome and audit
 * entry names one of these, so a decision can always be traced back to the text.
 */
export const CLAUSES = {
  'T-CAP': '三(一)',
  'E-BASIC': '三(二)1',
  'E-T1': '三(二)2',
  'E-T2': '三(二)2',
  'E-T3': '三(二)2',
  'E-EXEMPT': '三(二)',
  'E-OFFICE': '三(二)',
  'S-ORGLIST': '三(三)',
  'S-ROUND': '三(三)',
  // 公示 (DESIGN §7): the selection the plan's 三(三) runs under 条例 art. 41; DESIGN names no id.
  'S-PUBLICITY': '三(三)',
  // 考察 (DESIGN §7): "for shortlisted candidates the bureau records the inspection team, the
  // dates, how many individual talks were held, a written conclusion and a result (合格 /
  // 不合格, or a score): a gate, a component, or both" — the selection of 三(三), run as the
  // 条例 runs it. DESIGN names no id; this one is ours.
  'S-INSPECT': '三(三)',
  // 民主推荐 (DESIGN §7): a ballot per unit, a share of 推荐 as a component and/or a threshold.
  'S-RECOMMEND': '三(三)',
  'D-TRAIN': '四(一)',
  'D-ROTATE': '四(二)',
  'M-TERM': '五(一)',
  'M-WARN': '五(一)',
  'M-VETO': '五(一)',
  'M-FAIL': '五(一)',
  'M-TOP': '五(二)',
  'C-TALK': '五(三)',
  'C-PRIORITY': '五(三)',
  'X-LEGACY': '六(一)',
  'X-UNITS': '六(二)',
  'X-USE': '六(三)',
  'X-TALENT': '六',
} as const;

export type ClauseId = keyof typeof CLAUSES;
