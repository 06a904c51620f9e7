import { problem, type Problem } from '../../domain/problem';
import type { Tier } from '../../domain/tier';

const TIER_ZH: Record<Tier, string> = { 1: '第一梯队', 2: '第二梯队', 3: '第三梯队' };

/** Intake's own problems: about the uploaded file, not a form field. Stable codes. */
export const intakeProblems = {
  keyInvalid: (key: string): Problem => problem('INTAKE_KEY_INVALID', 'key',
    `上传位置不正确：应为 rounds/{批次}/units/{单位代码}/{文件名}（收到 ${key}）`,
    `wrong upload location: expected rounds/{round}/units/{unit}/{file} (got ${key})`),
  roundUnknown: (roundId: string): Problem => problem('INTAKE_ROUND_UNKNOWN', 'key',
    `遴选批次 ${roundId} 不存在`, `round ${roundId} does not exist`),
  closed: (roundId: string): Problem => problem('INTAKE_CLOSED', '',
    `遴选批次 ${roundId} 已截止受理推荐`, `round ${roundId} no longer accepts nominations`),
  missing: (): Problem => problem('INTAKE_OBJECT_MISSING', '',
    '文件已不存在（可能已被覆盖或删除），请重新上传', 'the file is gone (overwritten or deleted); upload it again'),
  empty: (): Problem => problem('INTAKE_EMPTY', '', '文件为空', 'the file is empty'),
  tooLarge: (size: number, max: number): Problem => problem('INTAKE_TOO_LARGE', '',
    `文件过大（${(size / 1048576).toFixed(1)} MB），上限 ${max / 1048576} MB`,
    `the file is too large (${(size / 1048576).toFixed(1)} MB); the limit is ${max / 1048576} MB`),
  unsupported: (file: string): Problem => problem('INTAKE_UNSUPPORTED_TYPE', '',
    `不支持的文件类型（${file}）：请上传 .xlsx（Excel 模板）、.json、任免审批表 .lrmx 或其 .zip 压缩包${/\.xls$/i.test(file) ? '；旧版 .xls 请另存为 .xlsx' : ''}`,
    `unsupported file type (${file}): upload .xlsx (the Excel template), .json, an .lrmx (任免审批表) or a .zip of them${/\.xls$/i.test(file) ? '; save an old .xls as .xlsx' : ''}`),
  jsonInvalid: (detail: string): Problem => problem('FORM_JSON_INVALID', '',
    `文件不是有效的 JSON（${detail}）`, `the file is not valid JSON (${detail})`),
  unreadable: (): Problem => problem('INTAKE_UNREADABLE', '', '无法读取文件内容', 'the file could not be read'),
  unitMismatch: (formUnit: string, keyUnit: string): Problem => problem('INTAKE_UNIT_MISMATCH', 'unit.code',
    `推荐表中的单位代码 ${formUnit} 与上传单位 ${keyUnit} 不一致`, `unit code ${formUnit} on the form differs from the uploading unit ${keyUnit}`),
  unitTypeMismatch: (formType: string, registered: string, unit: string): Problem => problem('INTAKE_UNIT_TYPE_MISMATCH', 'unit.type',
    `推荐表中的单位类型 ${formType} 与单位名册中 ${unit} 的类型 ${registered} 不一致`, `unit type ${formType} on the form differs from ${unit}'s type in the unit registry, ${registered}`),
  // Which unit is not said: any school could otherwise probe any ID number for who nominated
  // it. The bureau sees the other nomination on the rejected one (nominatedElsewhere).
  nominatedElsewhere: (): Problem => problem('INTAKE_PERSON_NOMINATED_ELSEWHERE', 'candidate.idNumber',
    '该人选已由其他单位在本批次推荐；每人每批次只保留一份推荐，请与区教育局核实',
    'this person is already nominated in this round by another unit; one nomination per person per round — check with the bureau'),
  duplicateRow: (firstRow: number): Problem => problem('INTAKE_DUPLICATE_ROW', 'candidate.idNumber',
    `与第 ${firstRow} 行为同一人（身份证号相同）：同一文件中每人只填一行，已保留第 ${firstRow} 行`,
    `the same person as row ${firstRow} (same ID number): one row per person in a file; row ${firstRow} is kept`),
  roundMismatch: (formRound: string, keyRound: string): Problem => problem('INTAKE_ROUND_MISMATCH', 'roundId',
    `推荐表中的遴选批次 ${formRound} 与上传批次 ${keyRound} 不一致`, `round ${formRound} on the form differs from the upload's round ${keyRound}`),
  /** S-ROUND: a round admits only the tiers its notice opened (DESIGN §2). */
  tierNotOpen: (tier: Tier, open: readonly Tier[], roundId: string): Problem => problem('INTAKE_TIER_NOT_OPEN', 'tier',
    `遴选批次 ${roundId} 未开放${TIER_ZH[tier]}推荐，本批次只受理${open.map((t) => TIER_ZH[t]).join('、')}（S-ROUND）`,
    `round ${roundId} does not open tier ${tier}; it takes nominations for ${open.length > 1 ? 'tiers' : 'tier'} ${open.join(', ')} only (S-ROUND)`),
};
