/**
 * The bureau CLI's help, from one table: the overview (`--help`) lists every command on a
 * line, and `COMMAND --help` prints that command's own text, so no command is left without
 * one (tests/cli/bureau.test.ts walks the table).
 */
export interface CommandHelp {
  /** `round open`, `upload` … — what a user types before the arguments. */
  name: string;
  usage: string;
  /** One line for the overview. */
  summary: { zh: string; en: string };
  /** What `COMMAND --help` adds below the usage; empty when the summary says it all. */
  details?: { zh: string; en: string }[];
  /** Runs against the API as this role (or a school for its own unit only). */
  roles: string;
}

export const COMMANDS: readonly CommandHelp[] = [
  {
    name: 'round open', usage: 'round open FILE.json [--intake-days N] [--scoring-days N]', roles: 'bureau',
    summary: { zh: '开启遴选批次', en: 'open a selection round' },
    details: [
      { zh: '文件为 POST /rounds 的请求体（示例见 docs/examples/round.json）', en: 'the file is the body of POST /rounds (example: docs/examples/round.json)' },
      { zh: '未写截止时间时按现在起 N 天补上（默认 7 / 10；本地为模拟时钟的现在）', en: 'missing deadlines are set N days from now (default 7 / 10; locally, the simulated clock\'s now)' },
    ],
  },
  {
    name: 'ballot codes', usage: 'ballot codes ROUND UNIT --count N [--url 选票页地址] [--out FILE.docx]', roles: 'bureau',
    summary: { zh: '为单位的民主推荐发放一次性投票码，生成可打印的投票码条（Word）', en: 'issue one-time 民主推荐 codes for a unit, as printable slips (Word)' },
    details: [
      { zh: '每页 8 张，带裁切线；每张印批次、单位、选票页地址、投票码和投票说明。投票码只在本次生成，系统只存其密钥散列，无法再次显示；再次发放是追加新码', en: 'eight slips a page with cut lines; each has the round, the unit, the ballot page, the code and how to vote. Codes exist only in this answer: the system keeps a keyed hash, never the code, so re-issuing adds new codes' },
      { zh: '--url 为印在码条上的选票页地址（默认本地控制台的 /vote，或环境变量 POOL_BALLOT_URL）；每次最多 500 个，每单位最多 5000 个', en: '--url is the ballot page printed on the slips (default the local console\'s /vote, or POOL_BALLOT_URL); at most 500 a time, 5,000 per unit' },
      { zh: '投票开始于收表截止（OpenBallot），截止于通知中的 selection.recommendation.closesAt；截止后发码被拒（BALLOT_CLOSED）', en: 'the ballot opens at intake close (OpenBallot) and closes at the notice\'s selection.recommendation.closesAt; codes after that are refused (BALLOT_CLOSED)' },
    ],
  },
  { name: 'ballot list', usage: 'ballot list ROUND', roles: 'bureau', summary: { zh: '各单位选票：候选人、已发放与已使用的投票码', en: 'the ballots per unit: candidates, codes issued and used' } },
  {
    name: 'ballot tally', usage: 'ballot tally ROUND', roles: 'bureau',
    summary: { zh: '民主推荐计票结果：参投率、每位候选人的推荐/不推荐/弃权票及推荐率', en: 'the 民主推荐 tally: turnout, and per candidate 推荐 / 不推荐 / 弃权 and the share of 推荐' },
    details: [{ zh: '计票在投票截止时由状态机完成（TallyBallot）；推荐率 = 推荐票 / 投票数（含弃权）', en: 'the state machine counts at the ballot\'s deadline (TallyBallot); share = 推荐 / ballots cast (abstentions included)' }],
  },
  { name: 'round list', usage: 'round list', roles: 'bureau, approver, school', summary: { zh: '列出遴选批次', en: 'list the rounds' } },
  { name: 'round show', usage: 'round show ROUND_ID', roles: 'bureau, approver, school', summary: { zh: '查看一个批次', en: 'show one round' } },
  {
    name: 'upload-link', usage: 'upload-link ROUND FILE_NAME [--unit U]', roles: 'school (own unit), bureau (--unit)',
    summary: { zh: '取得本单位的上传链接（预签名 POST，5 分钟内有效）', en: 'a presigned upload link for your unit (POST, valid 5 minutes)' },
    details: [{ zh: '文件名须以 .json 或 .xlsx 结尾；学校只能为本单位申请', en: 'the name ends in .json or .xlsx; a school asks for its own unit only' }],
  },
  {
    name: 'upload', usage: 'upload ROUND FILE [--unit U] [--wait SECONDS]', roles: 'school (own unit), bureau (--unit)',
    summary: { zh: '上传推荐表（JSON 或 Excel）并等待处理结果', en: 'upload a form (JSON or Excel) and wait for its status' },
    details: [
      { zh: '上传后等待整个文件处理完（Excel 每一行的推荐，或整个文件被拒的原因），最多 --wait 秒（默认 20）', en: 'waits until the whole file is processed (every Excel row\'s nomination, or why the file was refused), up to --wait seconds (default 20)' },
      { zh: '结果的 status 为 processed；若时间到仍未处理完，输出 status: "pending"、已见到的推荐与“结果不完整”的说明，退出码 3（稍后用 status 查看）', en: 'the result says status "processed"; if time runs out first: status "pending", the nominations seen so far and an "incomplete" note, exit code 3 (check later with status)' },
    ],
  },
  {
    name: 'export',
    usage: 'export roster|intake|shortlist|publicity|review|talks|development|x-use [--round ROUND] [--review REVIEW_ID] [--tier 1|2|3] [--unit U] [--columns KEY,…] [--full-ids] [--from YYYY-MM-DD --to YYYY-MM-DD] [--as-of YYYY-MM-DD] [--out FILE.xlsx]',
    roles: 'bureau; school (own unit: roster, intake, review, talks, development); approver (shortlist)',
    summary: { zh: '导出 Excel 清单（名册、推荐汇总、拟入库名单、公示名单、考核结果、谈话、培训交流、使用情况）', en: 'export an Excel list (roster, intake, shortlist, 公示 list, review results, talks, training and rotations, X-USE)' },
    details: [
      { zh: '文书另见 export publicity-notice（公示）、export appointment-form（干部任免审批表）、export lrmx', en: 'documents: export publicity-notice (公示), export appointment-form (干部任免审批表), export lrmx' },
      { zh: '下载到 --out，默认用服务器给出的中文文件名保存在当前目录；链接 5 分钟内有效', en: 'saved to --out, by default under the Chinese file name the server gives, in the current directory; the link lives 5 minutes' },
      { zh: 'intake / shortlist / publicity 需 --round；review 需 --review；x-use 需 --from --to；talks 按 --as-of（默认今天）', en: 'intake / shortlist / publicity need --round; review needs --review; x-use needs --from --to; talks are judged as of --as-of (default today)' },
      { zh: 'roster 可用 --columns 选择列（如 tier,name,idNumber,unitName,termStart,termEnd,status）', en: 'roster: --columns picks the columns (e.g. tier,name,idNumber,unitName,termStart,termEnd,status)' },
      { zh: '身份证号默认打码（320482********4521）；--full-ids 仅限教育局，且记入审计（谁、何时、哪份清单）；公示名单从不含身份证号', en: 'ID numbers are masked by default (320482********4521); --full-ids is the bureau\'s only and audited (who, when, which export); a 公示 list never has them' },
    ],
  },
  {
    name: 'export publicity-notice', usage: 'export publicity-notice --round ROUND --from YYYY-MM-DD --to YYYY-MM-DD [--issued-on YYYY-MM-DD] [--issuer 发文机关] [--contact 联系方式] [--out FILE.docx]',
    roles: 'bureau',
    summary: { zh: '生成批次的公示（Word，GB/T 9704 版式）', en: 'the round\'s 公示 notice (Word, GB/T 9704 layout)' },
    details: [
      { zh: '名单为经区委组织部批准的拟入库名单：姓名、性别、出生年月、单位及职务、梯队，从不含身份证号；未批准的批次被拒（PUBLICITY_NOT_APPROVED）', en: 'the list approved by the Organization Department: name, gender, birth month, unit and post, tier — never an ID number; a round not yet approved is refused (PUBLICITY_NOT_APPROVED)' },
      { zh: '公示期 --from 至 --to 不少于 5 个工作日（按国务院节假日安排，含调休）；--issued-on 成文日期默认今天；--issuer 默认区教育工委；--contact 写入异议反映方式', en: 'the period --from … --to is at least five working days (State Council holidays and make-up days); --issued-on defaults to today; --issuer to the education working committee; --contact is where objections go' },
      { zh: '下载到 --out，默认用服务器给出的中文文件名（公示-批次.docx）；链接 5 分钟内有效；记入审计', en: 'saved to --out, by default under the server\'s Chinese name (公示-ROUND.docx); the link lives 5 minutes; audited' },
    ],
  },
  {
    name: 'export appointment-form', usage: 'export appointment-form --member PERSON_ID|NAME [--proposed-post 拟任职务] [--post-to-leave 拟免职务] [--reason 任免理由] [--out FILE.docx]',
    roles: 'bureau; school (own unit\'s members, by PERSON_ID)',
    summary: { zh: '生成成员的干部任免审批表（Word）', en: 'a member\'s 干部任免审批表 (Word)' },
    details: [
      { zh: '由入库推荐表与成员档案填写（姓名、性别、出生年月、学历、简历、奖惩、年度考核）；系统未掌握的栏目留空，从不猜测；不含身份证号', en: 'filled from the admission form and the member\'s record (name, gender, birth month, education, posts, honours, annual reviews); what the system does not hold stays blank, never guessed; no ID number' },
      { zh: '--member 可写成员编号，或人才库中唯一的姓名（教育局；按 GET /pool 查找）；重名时列出各人编号与单位（MEMBER_NAME_AMBIGUOUS），查无此人为 MEMBER_NAME_UNKNOWN', en: '--member is a person id, or a name unique in the pool (the bureau; looked up with GET /pool); a shared name lists each one\'s id and unit (MEMBER_NAME_AMBIGUOUS), nobody by that name is MEMBER_NAME_UNKNOWN' },
      { zh: '学校只能生成本单位成员的审批表（其他单位：403），且须用成员编号（按姓名查找为 MEMBER_NAME_BUREAU_ONLY）', en: 'a school gets its own unit\'s members only (another unit: 403), by person id (a name is MEMBER_NAME_BUREAU_ONLY)' },
    ],
  },
  {
    name: 'export lrmx', usage: 'export lrmx --member PERSON_ID|NAME [--out FILE.lrmx]', roles: 'bureau',
    summary: { zh: '导出成员的任免审批表（.lrmx，任免表编辑器格式）', en: 'a member\'s 任免表 as .lrmx (the appointment-form editor\'s file)' },
    details: [
      { zh: '文件含完整身份证号（编辑器的身份证号栏）：仅限教育局，每次导出记入审计（谁、何时、何人）', en: 'the file carries the ID number in full (the editor\'s 身份证号 box): the bureau only, each export audited (who, when, whose)' },
      { zh: '经导入备案名单入库、没有推荐表的成员被拒（MEMBER_FORM_NOT_FOUND）；--member 同上', en: 'a member imported from a filed list has no form and is refused (MEMBER_FORM_NOT_FOUND); --member as above' },
    ],
  },
  { name: 'template', usage: 'template OUT.xlsx', roles: 'any signed-in user', summary: { zh: '下载 Excel 推荐表模板', en: 'download the Excel template' } },
  {
    name: 'status', usage: 'status ROUND [--unit U]', roles: 'school (own unit), bureau; approver (once the round is ranked)',
    summary: { zh: '查看推荐表状态与原因', en: 'nomination statuses and reasons' },
  },
  {
    name: 'scores', usage: 'scores ROUND NOMINATION_ID id=NUMBER …', roles: 'bureau',
    summary: { zh: '录入评分项（仅限评分模型中需录入的项）', en: 'enter score components (the model\'s entered ones only)' },
    details: [{ zh: '例如 interview=85', en: 'e.g. interview=85' }],
  },
  {
    name: 'shortlist', usage: 'shortlist ROUND', roles: 'bureau, approver', summary: { zh: '查看排名名单', en: 'the ranked shortlist' },
    details: [{ zh: '每位人选附推荐表摘要（姓名、性别、出生年份、单位、现任职务、学历、荣誉；不含身份证号与出生日期）、资格审查结论及理由（条款）、得分及各评分项', en: 'each candidate with a summary of the form (name, gender, year of birth, unit, current post, education, honours; never the ID number or birth date), the verdict with its reasons (clauses), the score and its components' }],
  },
  { name: 'inspection list', usage: 'inspection list ROUND', roles: 'bureau, approver', summary: { zh: '考察对象（按梯队）及其考察记录', en: 'the 考察对象 by tier and their inspection records' } },
  {
    name: 'inspection record', usage: 'inspection record ROUND NOMINATION --team 姓名,姓名 --from YYYY-MM-DD --to YYYY-MM-DD --talks N --conclusion TEXT [--result 合格|不合格] [--score N]', roles: 'bureau',
    summary: { zh: '录入或更正一名考察对象的考察记录（S-INSPECT）', en: 'record or replace one 考察对象\'s inspection (S-INSPECT)' },
    details: [
      { zh: '考察组不少于两人（--team 以逗号或顿号分隔）；日期不晚于今天；个别谈话人数为整数；考察结论必填，不超过 2000 字', en: 'a team of two or more (--team, comma- or 、-separated); dates not after today; talks a whole number; a conclusion, at most 2,000 characters' },
      { zh: '本轮以考察为准入条件时须有 --result；评分方案含考察评分项时须有 --score（在该项分值范围内）', en: '--result when the notice makes the inspection a gate; --score (within the component\'s range) when the scoring model has an inspection component' },
      { zh: '仅在批次处于“考察中”时可录入；非考察对象：409 INSPECTION_NOT_SHORTLISTED', en: 'only while the round is inspecting; not a 考察对象: 409 INSPECTION_NOT_SHORTLISTED' },
    ],
  },
  {
    name: 'inspection close', usage: 'inspection close ROUND [--note TEXT]', roles: 'bureau',
    summary: { zh: '结束考察，进入最终评分与排名', en: 'close the inspection: the final scoring and ranking follow' },
    details: [{ zh: '每名考察对象都须有考察记录，否则 409 INSPECTION_INCOMPLETE 并列出缺少者', en: 'every 考察对象 needs a record, else 409 INSPECTION_INCOMPLETE listing who is missing' }],
  },
  {
    name: 'approve', usage: 'approve ROUND [--add ID|NAME,…] [--remove ID|NAME,…] [--note TEXT]', roles: 'approver',
    summary: { zh: '批准名单（可调整）', en: 'approve the shortlist (with edits)' },
    details: [
      { zh: '有 --add / --remove 即为“调整后批准”；可写推荐编号（nominationId）或姓名（如 --remove 张三）', en: '--add / --remove make it approve-with-edits; give nomination ids or names (e.g. --remove 张三)' },
      { zh: '姓名须在名单中唯一：重名时列出各人的编号与单位（EDIT_NAME_AMBIGUOUS），请改用编号；查无此人为 EDIT_NAME_UNKNOWN', en: 'a name must be unique on the list: a shared name lists each one\'s id and unit (EDIT_NAME_AMBIGUOUS), use the id; a name nobody bears is EDIT_NAME_UNKNOWN' },
      { zh: '--add / --remove 须至少给出一个编号，空值为用法错误（不会发送批准）', en: 'an --add / --remove with no ids is a usage error (nothing is sent)' },
    ],
  },
  { name: 'reject', usage: 'reject ROUND [--note TEXT]', roles: 'approver', summary: { zh: '退回名单', en: 'reject the shortlist' } },
  {
    name: 'pool',
    usage: 'pool [--tier 1|2|3] [--unit U] [--unit-type T] [--max-age N] [--honour-at-least TITLE] [--term-year 1|2|3] [--flag warned|recommended|talk-overdue] [--as-of YYYY-MM-DD]',
    roles: 'bureau',
    summary: { zh: '查看后备人才库（各梯队对照上限）；按条件优先选用查询（C-PRIORITY）', en: 'the pool, each tier against its cap; priority queries (C-PRIORITY)' },
    details: [
      { zh: '--unit-type：primary、middle、kindergarten、bureau-office、institution；--max-age：截至 --as-of（默认今天）不超过 N 周岁', en: '--unit-type: primary, middle, kindergarten, bureau-office, institution; --max-age: at most N completed years on --as-of (default today)' },
      { zh: '--honour-at-least：荣誉称号阶梯上的称号，含该称号及以上（如 常州市骨干教师）；--term-year：任期第几年', en: '--honour-at-least: a title of the honour ladder, that title or above (e.g. 常州市骨干教师); --term-year: the year of the term' },
      { zh: '--flag：warned 已提醒、recommended 总结性考核前 30% 推荐使用、talk-overdue 谈话逾期；取值无效时返回 QUERY_INVALID 及可选值', en: '--flag: warned, recommended (summative top 30 %), talk-overdue; a bad value is QUERY_INVALID with the values allowed' },
    ],
  },
  {
    name: 'consistency', usage: 'consistency', roles: 'bureau',
    summary: { zh: '核对席位与在库成员（各梯队，方案三(一)）', en: 'check seats against active members, per tier (T-CAP)' },
    details: [
      { zh: '逐梯队列出上限、已占席位、在库成员，以及不符之处：有席位无成员、有成员无席位、一人多席、超出上限；全部相符时 ok 为 true', en: 'per tier: the cap, seats held, active members, and what disagrees: seats without a member, members without a seat, two seats for one person, over the cap; ok is true when all agree' },
      { zh: '正在办理的入库会短暂显示为“有席位无成员”，如有不符请稍后再查一次', en: 'an admission under way shows for a moment as a seat without a member: read again before acting on a discrepancy' },
    ],
  },
  { name: 'member', usage: 'member PERSON_ID', roles: 'bureau', summary: { zh: '查看成员档案', en: 'one member\'s record' } },
  {
    name: 'talk', usage: 'talk PERSON_ID --by WHO [--date YYYY-MM-DD] [--trigger T,…] [--kind regular|organisational] [--summary TEXT]',
    roles: 'bureau', summary: { zh: '记录谈心谈话（C-TALK）', en: 'record a talk (C-TALK)' },
    details: [
      { zh: '未写 --date 即为今天（本地为模拟时钟的今天）', en: 'no --date: today (locally, the simulated clock\'s today)' },
      { zh: '--trigger 为“四必谈”：post-change 调整岗位、promotion 提拔重用、setback 遇到挫折、assessment 考察考核后', en: '--trigger is one of the four must-talks: post-change, promotion, setback, assessment' },
      { zh: '--kind organisational 为组织谈话：不再列入（M-WARN、M-VETO、M-FAIL）后须进行，也是移出后唯一可记录的事项', en: '--kind organisational: the organisational talk every removal (M-WARN, M-VETO, M-FAIL) makes due — the one record a removed member still takes' },
    ],
  },
  {
    name: 'import', usage: 'import FILE.json', roles: 'bureau',
    summary: { zh: '导入组织部备案名单（S-ORGLIST）或原优秀中青年干部（X-LEGACY，仅第二梯队），按备案列入', en: 'import the Organization Department\'s filed list (S-ORGLIST) or former young cadres (X-LEGACY, tier 2 only), entered as filed' },
    details: [
      { zh: 'FILE.json 为 { "source": "org-dept-list" | "legacy-young-cadre", "on": "YYYY-MM-DD", "documentNo": "文号", "entries": [推荐表 v1, …] }', en: 'FILE.json is { "source": "org-dept-list" | "legacy-young-cadre", "on": "YYYY-MM-DD", "documentNo": "…", "entries": [form v1, …] }' },
      { zh: '每条按推荐表 v1 校验；任一条有误、单位未登记或非组织部管理单位（S-ORGLIST）、原优秀中青年干部非第二梯队、已在库或已移出，整批不导入', en: 'each entry is checked as a form v1; one malformed entry, an unregistered unit or one the Department does not manage (S-ORGLIST), a legacy entry not for tier 2, or a person already in the pool or removed refuses the whole import' },
      { zh: '不经遴选排名，直接按备案列入所在梯队；资格核验结果仅供参考（不符合者仍列入，结果中注明）', en: 'never ranked by a round: each enters its tier as filed; the eligibility verdict is shown for information (an ineligible entry is still filed, with its verdict)' },
      { zh: '名额上限仍有效：超出某梯队空余席位的导入整批拒绝（IMPORT_OVER_CAP，注明梯队、空余席位和人数）', en: 'caps hold: an import past a tier\'s free seats is refused whole (IMPORT_OVER_CAP, with the tier, free seats and entries)' },
    ],
  },
  {
    name: 'veto', usage: 'veto PERSON_ID --matter TEXT --reported-by WHO [--date YYYY-MM-DD] [--document-no NO]', roles: 'bureau',
    summary: { zh: '记录一票否决事项：当日不再列入、席位即释放、须组织谈话（M-VETO）', en: 'record a one-vote veto: removed that day, seat freed, organisational talk due (M-VETO)' },
    details: [
      { zh: '随时可记录，不限于考核期；--date 为事项日期（不得晚于今天、不得早于入库），未写即为今天', en: 'recordable whenever it arises, not only in a review; --date is the day of the matter (not after today, not before admission), default today' },
      { zh: '结果含 talkDue：组织谈话的应谈日期（自记录之日起 30 天，政策参数）', en: 'the answer carries talkDue: when the organisational talk is due (30 days from the day recorded, a policy parameter)' },
    ],
  },
  {
    name: 'publicity show', usage: 'publicity show ROUND', roles: 'bureau',
    summary: { zh: '查看公示：公示期（工作日）、公示名单、异议及处理情况（S-PUBLICITY）', en: 'the 公示: the period (working days), the list, the objections and how each stands (S-PUBLICITY)' },
    details: [
      { zh: '公示期自批准后第一个工作日起，按通知的工作日数（不少于 5 个）计算，周末、法定节假日及调休上班日按国务院安排；公开页面为 GET /publicity/{ROUND}（无需登录）', en: 'the period starts on the first working day after the approval and runs the working days the notice sets (at least 5) on the State Council calendar (weekends, holidays, make-up workdays); the public page is GET /publicity/{ROUND} (no sign-in)' },
    ],
  },
  {
    name: 'publicity objection add', usage: 'publicity objection add ROUND NOMINATION_ID --matter TEXT [--date YYYY-MM-DD] [--name WHO] [--objector-unit UNIT] [--contact PHONE]', roles: 'bureau',
    summary: { zh: '登记公示期内收到的异议（可匿名；实名为宜）', en: 'record an objection received during the 公示 (anonymous allowed; named preferred)' },
    details: [
      { zh: '--date 为收到日期，未写即为今天；须在公示期内（早于开始：OBJECTION_BEFORE_PERIOD；晚于结束：OBJECTION_AFTER_PERIOD；晚于今天：OBJECTION_DATE_FUTURE）', en: '--date is the day it was received, default today; within the period (before it: OBJECTION_BEFORE_PERIOD; after it: OBJECTION_AFTER_PERIOD; after today: OBJECTION_DATE_FUTURE)' },
      { zh: 'NOMINATION_ID 须为公示名单中的人选（OBJECTION_NOT_LISTED）；批次不在公示中：409 PUBLICITY_NOT_OPEN', en: 'NOMINATION_ID must be on the published list (OBJECTION_NOT_LISTED); a round not in its 公示: 409 PUBLICITY_NOT_OPEN' },
      { zh: '不写 --name 和 --objector-unit 即为匿名；反映人信息只有区教育局可见，不写入操作日志', en: 'without --name and --objector-unit it is anonymous; who raised it is shown to the bureau only and kept out of the audit trail' },
    ],
  },
  {
    name: 'publicity objection resolve', usage: 'publicity objection resolve ROUND OBJECTION_ID --status upheld|dismissed --reason TEXT', roles: 'bureau',
    summary: { zh: '处理异议：成立则该人选不予入库（名额空出），不成立照常入库；须写明理由', en: 'resolve an objection: upheld keeps the candidate out (the seat stays free), dismissed admits as usual; a reason is required' },
    details: [
      { zh: '公示期满时仍有待处理异议，批次等待；最后一件处理后即转入入库（结果 resumed: true）', en: 'when the period ends with objections pending the round waits; resolving the last one sends it on to admission (resumed: true)' },
      { zh: '已处理的异议不能再次处理：409 OBJECTION_RESOLVED', en: 'a resolved objection cannot be resolved again: 409 OBJECTION_RESOLVED' },
    ],
  },
  {
    name: 'renew', usage: 'renew PERSON_ID --reason TEXT [--date YYYY-MM-DD]', roles: 'bureau',
    summary: { zh: '续任：通过三年总结性考核的成员自 --date 起新一届三年任期，名额不变（M-TERM）', en: 'renew: a new three-year term from --date for a member who passed the summative review, in the same seat (M-TERM)' },
    details: [
      { zh: '任期于入库三周年当日自动届满、名额当日释放（每日任期届满步骤）；续任须在届满之前、总结性考核之后，--date 不得晚于今天，未写即为今天', en: 'a term ends by itself on the third anniversary of admission, the seat free that day (the daily term-end step); a renewal comes after the summative review and before the end; --date not after today, default today' },
      { zh: '总结性考核基本合格、不合格，或未参加总结性考核、已离库：422 RENEWAL_NOT_ELIGIBLE；早于总结性考核：RENEWAL_TOO_EARLY；届满当日或之后：RENEWAL_TOO_LATE；梯队已满且该成员无席位：409 RENEWAL_OVER_CAP', en: 'a low or failed summative grade, no summative review, or not in the pool: 422 RENEWAL_NOT_ELIGIBLE; before the summative review: RENEWAL_TOO_EARLY; on or after the end day: RENEWAL_TOO_LATE; tier full and no seat of theirs: 409 RENEWAL_OVER_CAP' },
    ],
  },
  {
    name: 'appoint', usage: 'appoint [PERSON_ID | --name NAME --id-number ID] --kind principal|deputy|middle|class-teacher|team|teacher|other --title TITLE --unit UNIT_CODE [--date YYYY-MM-DD] [--document-no NO]',
    roles: 'bureau',
    summary: { zh: '记录干部任用；后备人才任培养方向岗位即为已使用（X-USE）', en: 'record an appointment; a member appointed to their tier\'s post or higher is used (X-USE)' },
    details: [
      { zh: '成员给 PERSON_ID；非库内人员给 --name 与 --id-number（身份证号只用于计算人员编号，不存储），仅计入任用统计', en: 'a member by PERSON_ID; anyone else by --name and --id-number (the ID number only makes the person id; never stored), counted in the report only' },
      { zh: '第一梯队任党政正职（principal，含书记）、第二梯队任党政副职及以上、第三梯队任中层及以上：出库（已使用），席位释放，须提拔重用谈话；其他岗位：继续在库，须调整岗位谈话', en: 'tier 1 → principal (incl. party secretary), tier 2 → deputy or higher, tier 3 → middle or higher: leaves as used, seat freed, the promotion talk due; any other post: stays, the post-change talk due' },
      { zh: '--date 为任用日期（不得晚于今天），未写即为今天；--unit 须为已登记单位', en: '--date is the day of the appointment (not after today), default today; --unit must be registered' },
    ],
  },
  {
    name: 'x-use', usage: 'x-use --from YYYY-MM-DD --to YYYY-MM-DD', roles: 'bureau',
    summary: { zh: '任用统计：按岗位类别、来自后备人才的人数与占比（X-USE）', en: 'the X-USE report: appointments by post kind, how many from the pool, the share' },
    details: [
      { zh: 'greaterPart 为是否“以后备人才为主”（占比过半）；期间无任用时 share 与 greaterPart 为 null', en: 'greaterPart: whether the pool holds the greater part (more than half); no appointments: share and greaterPart are null' },
    ],
  },
  {
    name: 'talks-due', usage: 'talks-due [--as-of YYYY-MM-DD]', roles: 'bureau',
    summary: { zh: '全库应谈、逾期未谈的谈话（C-TALK）', en: 'every talk due or overdue, pool-wide (C-TALK)' },
    details: [
      { zh: '每年至少一次、四必谈（考核后、遇到挫折时、调整岗位时、提拔重用时）、不再列入后的组织谈话；逾期在前；未写 --as-of 即为今天', en: 'the yearly minimum, the must-talks (after an assessment, after a setback, a post change, a promotion on use), the organisational talk after a removal; overdue first; default today' },
    ],
  },
  {
    name: 'audit', usage: 'audit PERSON_ID | audit --entity ENTITY [--limit N] [--cursor C]', roles: 'bureau',
    summary: { zh: '查看审计记录：何人、何时、何事、依据条款', en: 'the audit trail: who, when, what, which clause' },
    details: [
      { zh: 'ENTITY 如 member/P…、round/2026-R1、review/REV-2027-09-01；结果有 cursor 时用 --cursor 取下一页', en: 'ENTITY like member/P…, round/2026-R1, review/REV-2027-09-01; pass --cursor for the next page when the answer has one' },
    ],
  },
  {
    name: 'training', usage: 'training PERSON_ID --kind training-class|course|secondment-study --title T --provider P --hours N --from YYYY-MM-DD --to YYYY-MM-DD',
    roles: 'bureau; school (own unit)', summary: { zh: '记录培训（D-TRAIN）', en: 'record training (D-TRAIN)' },
  },
  {
    name: 'rotation',
    usage: 'rotation PERSON_ID --kind temporary-posting|shadowing|group-school-exchange|school-office-exchange --host-unit NAME [--host-code CODE] --post-area teaching|moral-education|management|other --from YYYY-MM-DD [--to YYYY-MM-DD]',
    roles: 'bureau', summary: { zh: '记录挂职、跟岗或交流轮岗（D-ROTATE）', en: 'record a posting, shadowing or exchange (D-ROTATE)' },
    details: [{ zh: '未写 --to 表示仍在进行', en: 'no --to: still under way' }],
  },
  {
    name: 'review start', usage: 'review start [--as-of YYYY-MM-DD]', roles: 'bureau',
    summary: { zh: '立即启动年度考核（计划任务每年会自动启动）', en: 'start the annual review now (the schedule starts it every year)' },
  },
  { name: 'review list', usage: 'review list', roles: 'bureau, school', summary: { zh: '考核列表', en: 'the reviews' } },
  { name: 'review show', usage: 'review show REVIEW_ID', roles: 'bureau', summary: { zh: '查看考核结果', en: 'a review and its outcomes' } },
  {
    name: 'review proposals', usage: 'review proposals REVIEW_ID', roles: 'bureau',
    summary: { zh: '查看考核拟定结论（待校准确认）', en: 'a review\'s proposed outcomes, for calibration' },
    details: [
      { zh: '按批次列出每人的拟定结论、条款与理由、姓名、单位、梯队、所依据的考核等次与分数，以及可改为的结论（allowed）', en: 'per cohort, each member\'s proposed outcome with clause and reason, name, unit, tier, the grade and score it rests on, and what it may be changed to (allowed)' },
    ],
  },
  {
    name: 'review confirm', usage: 'review confirm REVIEW_ID [--change PERSON_ID=OUTCOME:REASON …] [--note TEXT]', roles: 'bureau',
    summary: { zh: '校准并确认考核结论（确认后才执行提醒、移出、推荐）', en: 'calibrate and confirm the outcomes (only then do warnings, removals, recommendations apply)' },
    details: [
      { zh: '不写 --change 即按计算结果确认；--change 可重复，每项写明理由，例如 --change P…=satisfactory:因病缺勤，单位已说明情况', en: 'no --change confirms as computed; --change repeats, each with its reason, e.g. --change P…=satisfactory:absent through illness, explained by the unit' },
      { zh: '年度考核可改为 satisfactory / warned / removed（仅限上一年已提醒者）；总结性考核可改为 recommended / term-ended；一票否决、未报送、总结性考核不合格不能校准', en: 'annual: satisfactory / warned / removed (only if warned the year before); summative: recommended / term-ended; a veto, a missing assessment and a failed summative grade cannot be changed' },
      { zh: '每次考核只能确认一次（再次确认为 409 CONFIRMATION_EXISTS）；等待期（默认 60 天）已过为 409 CONFIRMATION_TOO_LATE，结论均未执行', en: 'one confirmation per review (again: 409 CONFIRMATION_EXISTS); after the wait (60 days by default): 409 CONFIRMATION_TOO_LATE, nothing applied' },
    ],
  },
  {
    name: 'review roster', usage: 'review roster REVIEW_ID [--unit U]', roles: 'school (own unit), bureau',
    summary: { zh: '本单位须报送考核的人员', en: 'the members a unit must assess' },
  },
  {
    name: 'assess', usage: 'assess REVIEW_ID PERSON_ID --grade 优秀|合格|基本合格|不合格 --score 0-100 --by WHO [--veto REASON] [--meets-post-conditions] [--acting]',
    roles: 'school (own unit), bureau', summary: { zh: '提交年度考核', en: 'submit an annual assessment' },
    details: [
      { zh: '--meets-post-conditions：第一、二梯队总结性考核，是否符合拟任岗位条件（M-TOP）', en: '--meets-post-conditions: tier 1/2 summative, meets the conditions of the post (M-TOP)' },
      { zh: '--acting：第三梯队总结性考核前 30% 安排顶岗实践（默认跟岗锻炼）', en: '--acting: a tier-3 summative top-30 % member gets an acting post (default: shadowing)' },
    ],
  },
  { name: 'units', usage: 'units', roles: 'bureau; school (own unit)', summary: { zh: '单位名册', en: 'the unit registry' } },
  {
    name: 'unit put', usage: 'unit put UNIT_CODE [FILE.json] [--name NAME --type primary|middle|kindergarten|bureau-office|institution [--org-dept-managed] [--group GROUP]]',
    roles: 'bureau', summary: { zh: '登记或修改单位（上传链接只发给已登记的单位）', en: 'register or change a unit (upload links go to registered units only)' },
    details: [
      { zh: '文件为 PUT /units/{unitCode} 的请求体（可含 contacts 联系人）；不给文件时由 --name、--type 等选项组成', en: 'the file is the body of PUT /units/{unitCode} (contacts included); without a file, --name, --type … make it' },
      { zh: '--org-dept-managed：该单位干部由区委组织部管理，其后备人才为组织部备案名单（S-ORGLIST）', en: '--org-dept-managed: the District Organization Department manages its cadres; its reserves are the filed list (S-ORGLIST)' },
    ],
  },
];

const CONNECTION = `连接 Connection:
  --endpoint URL   API 地址；默认读取本地环境（npm start）写入的 .data/local.json；也可用环境变量 POOL_ENDPOINT
                   the API URL; default: the local stack's (.data/local.json, written by npm start); or env POOL_ENDPOINT
  --token JWT      访问令牌（部署环境从 Cognito 获取）；也可用环境变量 POOL_TOKEN
                   an access token (Cognito's ID token when deployed); or env POOL_TOKEN
  --as ROLE        仅本地：以 bureau | approver | school:单位代码 身份取得演示令牌
                   local only: a demo token for bureau | approver | school:UNIT`;

const PREFIX = 'npm run --silent bureau --';

export const GLOBAL_HELP = `用法 Usage: ${PREFIX} <命令 command> [参数 args] [--endpoint URL] [--token JWT | --as ROLE]

${CONNECTION}

命令 Commands (各命令加 --help 查看说明 / --help on each):
${COMMANDS.map((c) => `  ${c.name.padEnd(16)} ${c.summary.zh} / ${c.summary.en}`).join('\n')}

退出码 Exit codes: 0 成功 ok · 1 请求被拒或失败 refused or failed (the API's error JSON on stderr) · 2 用法错误 usage
                  · 3 upload 在 --wait 内未处理完，结果不完整 upload still processing when --wait ran out: incomplete result
`;

function one(c: CommandHelp): string {
  const lines = [`用法 Usage: ${PREFIX} ${c.usage}`, '', `  ${c.summary.zh}`, `  ${c.summary.en}`];
  for (const d of c.details ?? []) lines.push(`  ${d.zh}`, `  ${d.en}`);
  lines.push('', `  角色 Role: ${c.roles}`);
  return lines.join('\n');
}

/**
 * The help for what was typed: `round open` → its own; `round` alone → every `round …`
 * command; anything unknown → undefined (the caller prints the overview).
 */
export function helpFor(command: string, sub: string | undefined, verb?: string): string | undefined {
  const exact = COMMANDS.find((c) => c.name === `${command} ${sub ?? ''} ${verb ?? ''}`.trim())
    ?? COMMANDS.find((c) => c.name === `${command} ${sub ?? ''}`.trim()) ?? COMMANDS.find((c) => c.name === command);
  if (exact) return one(exact);
  const group = COMMANDS.filter((c) => c.name.startsWith(`${command} `));
  return group.length ? group.map(one).join('\n\n') : undefined;
}
