/**
 * Who may act (the Cognito groups, or the groups claim of another OIDC provider):
 * the bureau (教育局), the organisation department's approver (组织部), a school office (学校).
 */
export const ROLES = ['bureau', 'approver', 'school'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Readonly<Record<Role, { zh: string; en: string }>> = {
  bureau: { zh: '区教育局', en: 'bureau' },
  approver: { zh: '区委组织部', en: 'organisation department' },
  school: { zh: '学校', en: 'school' },
};
