/**
 * The assessment sheet's round trip without a browser (formats/xlsx/assessment.ts): what the
 * console downloads reads back as its members; each problem a filled sheet can have is
 * reported at its cell, and a row with one is never complete (never sent).
 */
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_SHEET, buildAssessmentSheet, isComplete, readAssessmentSheet } from '../../formats/xlsx/assessment';
import { writeWorkbook, type WriteValue } from '../../formats/xlsx/write';

const RULES = { grades: ['优秀', '合格', '基本合格', '不合格'], score: { min: 0, max: 100 }, assessedByMax: 100 };
const MEMBERS = new Map([['P-1', '张三'], ['P-2', '李四']]);
const HEAD = ['人员编号', '姓名', '考核等次', '考核分数', '考核主体', '梯队'];
const sheet = (rows: WriteValue[][], shared = false) => writeWorkbook([{ name: ASSESSMENT_SHEET, rows: [HEAD, ...rows] }], { sharedStrings: shared });

describe('the assessment sheet', () => {
  it('the downloaded sheet reads back as its members, unfilled (nothing to send)', () => {
    const bytes = buildAssessmentSheet([{ personId: 'P-1', name: '张三', tier: '第三梯队' }, { personId: 'P-2', name: '李四', tier: '第二梯队' }], RULES);
    const read = readAssessmentSheet(bytes, MEMBERS, RULES);
    expect(read.problems).toEqual([]);
    expect(read.rows.map((r) => [r.row, r.personId, r.name, r.problems.length, isComplete(r)])).toEqual([[2, 'P-1', '张三', 0, false], [3, 'P-2', '李四', 0, false]]);
  });

  it('a filled row is complete; a score given as text digits is a number', () => {
    const read = readAssessmentSheet(sheet([['P-1', '张三', '合格', 85, '学校党组织'], ['P-2', '李四', '优秀', '92.5', '学校党组织']], true), MEMBERS, RULES);
    expect(read.rows.filter(isComplete).map((r) => [r.personId, r.grade, r.score, r.assessedBy])).toEqual([['P-1', '合格', 85, '学校党组织'], ['P-2', '优秀', 92.5, '学校党组织']]);
  });

  it('each problem at its cell, in Chinese: unknown grade, score out of range or not a number, missing assessor, a person not on the list, a person twice', () => {
    const read = readAssessmentSheet(sheet([
      ['P-1', '张三', '良好', 101, ''],
      ['P-2', '李四', '合格', '八十', '学校党组织'],
      ['P-9', '王五', '合格', 80, '学校党组织'],
      ['P-1', '张三', '合格', -1, '学校党组织'],
    ]), MEMBERS, RULES);
    const cells = read.rows.map((r) => r.problems.map((p) => `${p.code}@${p.cell}`));
    expect(cells).toEqual([
      ['GRADE_UNKNOWN@考核表!C2', 'SCORE_OUT_OF_RANGE@考核表!D2', 'ASSESSOR_MISSING@考核表!E2'],
      ['SCORE_NOT_NUMBER@考核表!D3'],
      ['NOT_ON_LIST@考核表!A4'],
      ['DUPLICATE_PERSON@考核表!A5', 'SCORE_OUT_OF_RANGE@考核表!D5'],
    ]);
    expect(read.rows[0]?.problems[0]?.zh).toBe('考核表!C2：考核等次“良好”不是方案规定的等次（优秀、合格、基本合格、不合格）');
    expect(read.rows.some(isComplete)).toBe(false);
  });

  it('not a workbook, or no 考核表 sheet: one problem with the file, no rows', () => {
    expect(readAssessmentSheet(new TextEncoder().encode('姓名,等次'), MEMBERS, RULES)).toEqual({ rows: [], problems: [expect.objectContaining({ code: 'NOT_WORKBOOK' })] });
    const other = writeWorkbook([{ name: '推荐表', rows: [HEAD] }]);
    expect(readAssessmentSheet(other, MEMBERS, RULES).problems).toEqual([expect.objectContaining({ code: 'SHEET_MISSING' })]);
  });
});
