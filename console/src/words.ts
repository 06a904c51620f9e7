/**
 * The words the console shows for the API's codes — never the raw code in text. Round
 * statuses and tier names come from the domain itself (plain data modules with no imports).
 */
import { ROUND_STATUS_NAMES, type RoundStatus } from '../../domain/round/lifecycle';
import { TIER_NAMES } from '../../domain/tier';
import { CLAUSES } from '../../domain/clauses';
import type { Role, Tier } from './types';

export function roundStatusZh(status: string): string {
  return (ROUND_STATUS_NAMES as Record<string, { zh: string } | undefined>)[status]?.zh ?? '状态未知';
}

export const ROUND_STATUS_COLOR: Partial<Record<RoundStatus, string>> = {
  open: 'green', closed: 'default', scoring: 'processing', ranked: 'blue', 'awaiting-decision': 'orange',
  admitting: 'processing', completed: 'success', rejected: 'red', 'approval-timed-out': 'red', failed: 'error',
};

/** 第三梯队 (short) or 第三梯队（学校中层后备）(full). */
export function tierZh(tier: number | undefined, full = false): string {
  const t = TIER_NAMES[tier as Tier] as { zh: string } | undefined;
  if (!t) return '—';
  return full ? t.zh : t.zh.replace(/（.*$/, '');
}

export const ROLE_ZH: Record<Role, string> = { bureau: '区教育局', approver: '区委组织部', school: '学校' };

export const NOMINATION_STATUS_ZH: Record<string, string> = {
  accepted: '已受理',
  rejected: '退回（未受理）',
  superseded: '已被替代',
};

export const PROPOSED_ZH: Record<string, string> = {
  admit: '拟入库',
  waitlist: '候补',
  'admitted-elsewhere': '已入其他梯队',
  'in-pool': '已在库',
  removed: '已出库',
  ineligible: '不符合条件',
  incomplete: '评分未完成',
  'tier-not-open': '本轮未开该梯队',
};

export const ADMISSION_ZH: Record<string, string> = {
  admitted: '已入库',
  'cap-reached': '名额已满',
  refused: '未能入库',
  'not-admitted': '未入库',
};

export const DECISION_ZH: Record<string, string> = {
  approve: '批准',
  'approve-with-edits': '调整后批准',
  reject: '退回',
};

export const DERIVE_ZH: Record<string, string> = {
  honour: '学术称号', education: '学历', experience: '任职年限', 'lesson-awards': '优质课获奖',
};

/** "E-T3（方案 三(二)2）": the clause id with where it sits in the plan. */
export function clauseZh(clause: string): string {
  const at = (CLAUSES as Record<string, string | undefined>)[clause];
  return at ? `${clause}（方案第${at}条）` : clause;
}

const FIELD_ZH: Record<string, string> = {
  roundId: '批次编号', title: '批次名称', referenceDate: '资格计算基准日', intakeClosesAt: '收表截止时间',
  scoringClosesAt: '评分截止时间', tiers: '遴选梯队', orgDeptApproval: '组织部批复', 'orgDeptApproval.ref': '组织部批复文号',
  'orgDeptApproval.date': '组织部批复日期', scoringModel: '评分方案', 'scoringModel.components': '评分项',
  edits: '调整名单', unit: '单位', fileName: '文件名', decision: '审批意见', note: '备注',
};

/** A problem's field path in words where the console knows it, else the path itself. */
export function fieldZh(path: string): string {
  if (path === '' || path === '$') return '';
  const known = FIELD_ZH[path];
  if (known) return `${known}（${path}）`;
  const comp = /^scoringModel\.components[.[](\d+)\]?\.?(\w+)?$/.exec(path);
  if (comp) return `评分项第 ${Number(comp[1]) + 1} 项${comp[2] ? ` ${comp[2]}` : ''}（${path}）`;
  return path;
}

// ---- time: always Beijing time, whatever the browser's zone ----

const PARTS = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function parts(iso: string): Record<string, string> | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return Object.fromEntries(PARTS.formatToParts(d).map((p) => [p.type, p.value]));
}

/** "2026年12月20日 17:00" (Beijing time), "2026年1月5日 09:00". */
export function beijingTime(iso: string | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  if (!p) return '—';
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

/** "2026年12月1日" for a plain date (YYYY-MM-DD, no zone). */
export function chineseDate(date: string | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) return date ?? '—';
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** How long until a deadline, in words ("还有 3 天 4 小时", "已截止"). */
export function timeLeft(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (!(ms > 0)) return '已截止';
  const h = Math.floor(ms / 3_600_000);
  if (h >= 24) return `还有 ${Math.floor(h / 24)} 天 ${h % 24} 小时`;
  if (h >= 1) return `还有 ${h} 小时`;
  return `还有 ${Math.max(1, Math.floor(ms / 60_000))} 分钟`;
}

/** The Beijing wall time a person typed ("YYYY-MM-DD HH:mm") as an ISO timestamp at +08:00. */
export function beijingIso(wall: { year: number; month: number; day: number; hour: number; minute: number }): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:00+08:00`;
}

const ISO_STAMP = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * The API's Chinese messages may carry ISO time stamps (UTC); shown to a person they read
 * as Beijing time: "2026-12-01T20:24:21.612Z" → "北京时间 2026年12月2日 04:24".
 */
export function localizeText(text: string): string {
  return text.replace(ISO_STAMP, (stamp) => `北京时间 ${beijingTime(stamp)}`);
}
