import { addDays, addYears } from '../domain/dates';
import { idNumberCheckChar } from '../domain/form/id-number';
import type { Rng } from './prng';

/**
 * People: realistic Chinese names and valid 18-digit ID numbers (GB 11643) with Jintan's
 * area code, the birth date embedded and the 17th digit matching the gender.
 */

/** Common surnames, most frequent first (the draw favours the front of the list). */
export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];

const MALE = [...'伟强磊军洋勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欣晨阳建国志文博然毅峰亮成'];
const FEMALE = [...'芳娜敏静丽艳娟霞燕玲婷雪琳颖慧倩洁蕾媛瑶佳怡晶欣悦萍红梅琴雯璐蓉丹莉萌妍婕'];
const SHARED = [...'晓文佳子雨思一嘉睿书梓诗语可新天海春秋云'];

export type Gender = 'M' | 'F';

export interface Person {
  name: string;
  gender: Gender;
  birthDate: string;
  idNumber: string;
}

/** Jintan's area code as issued before 2015 (金坛市), still on most adults' cards. */
export const JINTAN_AREA = '320482';

export function idNumber(area: string, birthDate: string, sequence: number, gender: Gender): string {
  // The 17th digit (last of the sequence) is odd for men, even for women.
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (gender === 'M')) seq = (seq + 1) % 1000;
  const first17 = `${area}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17) ?? '0'}`;
}

function surname(rng: Rng): string {
  // Squared uniform: the front of the list (王李张刘陈) comes up most often.
  const i = Math.floor(rng.next() ** 2 * SURNAMES.length);
  return SURNAMES[i] as string;
}

function givenName(rng: Rng, gender: Gender): string {
  const own = gender === 'M' ? MALE : FEMALE;
  const first = rng.chance(0.35) ? rng.pick(SHARED) : rng.pick(own);
  if (rng.chance(0.22)) return rng.pick(own);
  let second = rng.pick(own);
  while (second === first) second = rng.pick(own);
  return `${first}${second}`;
}

/**
 * A person of `age` completed years on `asOf`: born between 30 and 330 days before that
 * birthday, so the age is the same whatever day of the intake window the rules look.
 */
export function makePerson(rng: Rng, age: number, asOf: string, gender: Gender, taken: { names: Set<string>; ids: Set<string> }): Person {
  let name = '';
  for (let i = 0; i < 50; i++) {
    name = `${surname(rng)}${givenName(rng, gender)}`;
    if (!taken.names.has(name)) break;
  }
  taken.names.add(name);
  const birthDate = addDays(addYears(asOf, -age), -rng.int(30, 330));
  let id = '';
  do id = idNumber(JINTAN_AREA, birthDate, rng.int(1, 998), gender);
  while (taken.ids.has(id));
  taken.ids.add(id);
  return { name, gender, birthDate, idNumber: id };
}
