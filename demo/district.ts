import { Rng } from './prng';

/**
 * A Jintan-like district: schools, kindergartens, bureau offices and bureau-affiliated
 * institutions, named after Jintan's towns, streets and villages. Deterministic for a seed.
 * The names are plausible, not a roster of real units.
 */

export type UnitType = 'primary' | 'middle' | 'kindergarten' | 'bureau-office' | 'institution';

export interface Unit {
  code: string;
  name: string;
  type: UnitType;
  /** The unit's party organisation, which attests the basic conditions (E-BASIC). */
  party: string;
  /** Short name used inside post titles ("西城实验小学"). */
  short: string;
}

export const UNIT_TYPE_ZH: Record<UnitType, string> = {
  primary: '小学', middle: '中学', kindergarten: '幼儿园', 'bureau-office': '局机关科室', institution: '直属事业单位',
};

/** Towns, streets and villages of Jintan, with a pinyin abbreviation for unit codes. */
export const PLACES: readonly { zh: string; py: string }[] = [
  { zh: '西城', py: 'XC' }, { zh: '东城', py: 'DC' }, { zh: '尧塘', py: 'YT' }, { zh: '儒林', py: 'RL' },
  { zh: '直溪', py: 'ZHX' }, { zh: '朱林', py: 'ZL' }, { zh: '薛埠', py: 'XB' }, { zh: '指前', py: 'ZQ' },
  { zh: '金城', py: 'JC' }, { zh: '茅麓', py: 'ML' }, { zh: '白塔', py: 'BT' }, { zh: '城东', py: 'CD' },
  { zh: '河头', py: 'HT' }, { zh: '唐王', py: 'TW' }, { zh: '西旸', py: 'XY' }, { zh: '华城', py: 'HC' },
  { zh: '后阳', py: 'HY' }, { zh: '汤庄', py: 'TZ' }, { zh: '社头', py: 'ST' }, { zh: '罗村', py: 'LC' },
  { zh: '建昌', py: 'JCH' }, { zh: '长荡湖', py: 'CDH' }, { zh: '岸头', py: 'AT' }, { zh: '洮西', py: 'TX' },
];

const PRIMARY_SUFFIX = [['实验小学', 'SYXX'], ['中心小学', 'ZXXX'], ['小学', 'XX']] as const;
const MIDDLE_SUFFIX = [['初级中学', 'CZ'], ['中学', 'ZX'], ['实验中学', 'SYZX']] as const;
const KINDER_SUFFIX = [['中心幼儿园', 'ZXYEY'], ['幼儿园', 'YEY'], ['实验幼儿园', 'SYYEY']] as const;

/** Bureau offices (E-OFFICE): 区教育局 科室. */
const OFFICES: readonly [string, string][] = [
  ['区教育局办公室', 'JYJ-BGS'], ['区教育局人事科', 'JYJ-RSK'], ['区教育局组织宣传科', 'JYJ-ZXK'],
  ['区教育局基础教育科', 'JYJ-JJK'], ['区教育局计划财务科', 'JYJ-JCK'], ['区教育局安全管理科', 'JYJ-AQK'],
  ['区教育局教研室', 'JYJ-JYS'],
];

/** Bureau-affiliated institutions (局属事业单位). */
const INSTITUTIONS: readonly [string, string][] = [
  ['金坛区教师发展中心', 'JSFZ'], ['金坛区招生考试中心', 'ZSKS'], ['金坛区教育技术装备中心', 'JYZB'],
  ['金坛区学生资助管理中心', 'XSZZ'], ['金坛区青少年校外活动中心', 'XWHD'],
];

export interface DistrictSpec {
  primary: number;
  middle: number;
  kindergarten: number;
}

export const DEFAULT_DISTRICT: DistrictSpec = { primary: 22, middle: 14, kindergarten: 12 };

export const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** About 60 units of all five types, deterministic for the seed. */
export function generateDistrict(seed: number, spec: DistrictSpec = DEFAULT_DISTRICT): Unit[] {
  const rng = new Rng(seed).fork('district');
  const units: Unit[] = [];
  const codes = new Set<string>();
  const add = (u: Omit<Unit, 'code'> & { code: string }) => {
    let code = u.code;
    for (let n = 2; codes.has(code); n++) code = `${u.code}${n}`;
    codes.add(code);
    units.push({ ...u, code });
  };

  // Two schools every Jintan resident knows the kind of: the county's key high school and a
  // nine-year school in the new town.
  add({ code: 'JT-JTZX', name: '江苏省金坛中学', short: '金坛中学', type: 'middle', party: '江苏省金坛中学党委' });
  add({ code: 'JT-DYSY', name: '金坛区第一实验小学', short: '第一实验小学', type: 'primary', party: '金坛区第一实验小学党总支' });

  const schools = (count: number, type: UnitType, suffixes: readonly (readonly [string, string])[]) => {
    const places = rng.shuffle(PLACES);
    for (let i = 0; units.filter((u) => u.type === type).length < count; i++) {
      const place = places[i % places.length] as { zh: string; py: string };
      const [suffix, code] = suffixes[(i + rng.int(0, suffixes.length - 1)) % suffixes.length] as readonly [string, string];
      const short = `${place.zh}${suffix}`;
      if (units.some((u) => u.short === short)) continue;
      const party = type === 'kindergarten' ? `${short}党支部` : rng.chance(0.25) ? `${short}党总支` : `${short}党支部`;
      add({ code: `JT-${place.py}${code}`, name: `金坛区${short}`, short, type, party });
    }
  };
  schools(spec.primary, 'primary', PRIMARY_SUFFIX);
  schools(spec.middle, 'middle', MIDDLE_SUFFIX);
  schools(spec.kindergarten, 'kindergarten', KINDER_SUFFIX);

  for (const [name, code] of OFFICES) {
    add({ code: `JT-${code}`, name: `金坛${name}`, short: name.replace('区教育局', ''), type: 'bureau-office', party: '区教育局机关党委' });
  }
  for (const [name, code] of INSTITUTIONS) {
    add({ code: `JT-${code}`, name, short: name.replace('金坛区', ''), type: 'institution', party: `${name.replace('金坛区', '')}党支部` });
  }
  return units;
}
