import type { UnitType } from '../policy/schema';

/**
 * A unit of the district as the bureau registers it: a school, a kindergarten, a bureau
 * office or a bureau-affiliated institution (E-OFFICE). Whether the District Organization
 * Department manages its cadres decides how its reserves enter the pool (S-ORGLIST: filed
 * lists, imported; S-ROUND: everyone else, a selection round). A group of schools (集团校)
 * is where group-school exchanges happen (D-ROTATE). Contacts are who hears of notices.
 */
export type { UnitType };

export interface UnitContact {
  name: string;
  role?: string;
  phone?: string;
  email?: string;
  /** A WeChat Work (企业微信) group-robot webhook. */
  wecomWebhook?: string;
  /** A DingTalk (钉钉) group-robot webhook. */
  dingtalkWebhook?: string;
  /**
   * The Secrets Manager secret (by name, under `talent-pool/notify/`) holding the WeChat Work
   * robot's webhook, `{"url": "https://qyapi.weixin.qq.com/…"}`: what notices are sent to.
   * The URL carries the robot's key, so it is never stored in the registry itself.
   */
  wecomSecret?: string;
  /** The same for a DingTalk robot: `{"url": "https://oapi.dingtalk.com/robot/send?access_token=…", "sign": "SEC…"}`. */
  dingtalkSecret?: string;
}

export interface Unit {
  code: string;
  name: string;
  type: UnitType;
  /** S-ORGLIST: the District Organization Department manages this unit's cadres. */
  orgDeptManaged: boolean;
  /** The school group (集团校) the unit belongs to, by its name. */
  group?: string;
  contacts: UnitContact[];
}

export const UNIT_TYPE_NAMES: Readonly<Record<UnitType, { zh: string; en: string }>> = {
  primary: { zh: '小学', en: 'primary school' },
  middle: { zh: '中学', en: 'middle school' },
  kindergarten: { zh: '幼儿园', en: 'kindergarten' },
  'bureau-office': { zh: '局机关科室', en: 'bureau office' },
  institution: { zh: '局属事业单位', en: 'bureau-affiliated institution' },
};
