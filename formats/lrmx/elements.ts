/**
 * The .lrmx file (干部任免审批表, the exchange file of the Organization Department's 任免表
 * editor, 3.x): UTF-8 XML, root <Person>, one pinyin-named element per box of the form.
 *
 * Where the element list and order come from (DESIGN §8 lists the elements; no published
 * schema exists): public repositories that read and write the format, found by code search
 * for `ChuShengNianYue` / `GongZuoDanWeiJiZhiWu` —
 * - a Java reader/writer with dom4j (`node.element("XingMing")` … and `rmTableToFile`, which
 *   writes the elements in exactly this order, joins 简历 lines with "\r\n", writes the photo
 *   as base64 in <ZhaoPian> and <Version>3.2.1.6</Version>);
 * - a Java exporter (`ExportServiceImpl.createXMLByDOM4J`: root `Person`, utf-8, the same
 *   element names, ChuShengNianYue written YYYYMM with the dots removed);
 * - a C# reader (`LrmHelper.GetPersonFromLrmx`: `XmlSerializer(typeof(Person))`, dates of
 *   six digits YYYYMM — it adds the dot for display —, JiaTingChengYuan as a list of Item);
 * - Java importers that read `//Person/JiaTingChengYuan/Item` (ChengWei, XingMing,
 *   ChuShengRiQi, ZhengZhiMianMao, GongZuoDanWeiJiZhiWu) and replace `<br>` in JianLi.
 */

/** The elements of <Person>, in the editor's order. */
export const PERSON_ELEMENTS = [
  'XingMing', // 姓名
  'XingBie', // 性别 男 / 女
  'ChuShengNianYue', // 出生年月 YYYYMM
  'MinZu', // 民族
  'JiGuan', // 籍贯
  'ChuShengDi', // 出生地
  'RuDangShiJian', // 入党时间 YYYYMM
  'CanJiaGongZuoShiJian', // 参加工作时间 YYYYMM
  'JianKangZhuangKuang', // 健康状况 — sensitive (PIPL art. 28): never kept from an import
  'ZhuanYeJiShuZhiWu', // 专业技术职务
  'ShuXiZhuanYeYouHeZhuanChang', // 熟悉专业有何专长
  'QuanRiZhiJiaoYu_XueLi', // 全日制教育 学历
  'QuanRiZhiJiaoYu_XueWei', // 全日制教育 学位
  'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi', // 全日制 学历的毕业院校系及专业
  'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi', // 全日制 学位的毕业院校系及专业
  'ZaiZhiJiaoYu_XueLi', // 在职教育 …
  'ZaiZhiJiaoYu_XueWei',
  'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
  'XianRenZhiWu', // 现任职务
  'NiRenZhiWu', // 拟任职务
  'NiMianZhiWu', // 拟免职务
  'JianLi', // 简历: free text, one "YYYY.MM--YYYY.MM post" a line
  'JiangChengQingKuang', // 奖惩情况: free text
  'NianDuKaoHeJieGuo', // 年度考核结果: free text
  'RenMianLiYou', // 任免理由
  'JiaTingChengYuan', // 家庭主要成员及重要社会关系: <Item> children — not kept from an import
  'ChengBaoDanWei', // 呈报单位
  'JiSuanNianLingShiJian', // 计算年龄时间 YYYYMM
  'TianBiaoShiJian', // 填表时间
  'TianBiaoRen', // 填表人
  'ShenFenZheng', // 身份证号
  'ZhaoPian', // 照片 base64 — not kept from an import
  'Version', // the editor's version
] as const;
export type PersonElement = (typeof PERSON_ELEMENTS)[number];

/** The children of one <JiaTingChengYuan><Item>, in order. */
export const FAMILY_ITEM_ELEMENTS = ['ChengWei', 'XingMing', 'ChuShengRiQi', 'ZhengZhiMianMao', 'GongZuoDanWeiJiZhiWu'] as const;

/**
 * What an import never keeps (minimum necessary, PIPL art. 6): the plan needs no photo, no
 * family and no health status, and health is sensitive personal information (art. 28). The
 * reader drops them before anything else sees the person; the export writes them empty for
 * the editor to fill.
 */
export const NOT_KEPT = ['ZhaoPian', 'JiaTingChengYuan', 'JianKangZhuangKuang'] as const satisfies readonly PersonElement[];

/** The editor version the export declares (the one the public writer above declares). */
export const EXPORT_VERSION = '3.2.1.6';

/** Element path for problems: `Person/JianLi`. */
export const elementPath = (e: PersonElement): string => `Person/${e}`;
