import type { IsoDate } from '../dates';

/**
 * The working-day calendar as data (DESIGN §7 公示): for each year the State Council has
 * published its 国务院办公厅关于某年部分节假日安排的通知, the days off (放假, a festival's whole
 * run including the weekend days the notice folds into it) and the make-up working days
 * (调休上班, a Saturday or Sunday worked). Every other Saturday and Sunday is a rest day,
 * every other weekday a working day.
 *
 * Only years whose notice is recorded here exist for the rules: a period that touches any
 * other year is refused (CALENDAR_YEAR_UNKNOWN), never guessed — a wrong holiday is worse
 * than a refused period. To add a year: copy its notice's dates as written (each festival's
 * first and last day and its 共N天, each 上班 day), its document number and issue date; the
 * tests check every range against its 共N天 and that every make-up day is a weekend.
 *
 * What is here, 2020 through 2026, each year as its notice reads, its dates and document
 * number cross-checked against the notice's published text (gov.cn, Xinhua) as quoted in
 * several independent sources. Not here: 2019 and earlier (no round of
 * this system runs then) and 2027 (not recorded yet: add it from its notice when the bureau
 * needs a 公示 period in 2027).
 *
 * 2020: the Spring Festival was extended to 2 February (国办发明电〔2020〕1号, dated 26 January,
 * published on gov.cn on the 27th; the epidemic), which also did away with the make-up Saturday of 1 February; the provinces'
 * own later delays to resuming work are not State Council days off and are not here.
 *
 * 2025: 国务院令第797号 (2024-11-10, amending 全国年节及纪念日放假办法, in force 2025-01-01)
 * gives one more day off at the Spring Festival (除夕) and at Labour Day (2 May): 4 and 2 days
 * by law, which is why 2025's runs are 8 and 5 days with fewer make-up days than before.
 *
 * 除夕 before 2025 is not a day off (2024: 9 February is a working day the notice only
 * "encourages" units to give off); it is not here.
 */
export interface HolidayRun {
  /** The festival as the notice names it. */
  name: string;
  from: IsoDate;
  to: IsoDate;
  /** The notice's 共N天: the run's length, checked by the tests against from…to. */
  days: number;
}

export interface HolidayYear {
  year: number;
  /** The notice's document number (文号). */
  documentNo: string;
  /** The date the notice was issued (成文日期). */
  issuedOn: IsoDate;
  holidays: readonly HolidayRun[];
  /** 调休上班: weekend days worked. */
  makeUpWorkdays: readonly IsoDate[];
  /** A later notice that changed this year's days, if any. */
  amendedBy?: { documentNo: string; issuedOn: IsoDate; what: string };
}

export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2020, documentNo: '国办发明电〔2019〕16号', issuedOn: '2019-11-21',
    holidays: [
      { name: '元旦', from: '2020-01-01', to: '2020-01-01', days: 1 },
      { name: '春节', from: '2020-01-24', to: '2020-02-02', days: 10 },
      { name: '清明节', from: '2020-04-04', to: '2020-04-06', days: 3 },
      { name: '劳动节', from: '2020-05-01', to: '2020-05-05', days: 5 },
      { name: '端午节', from: '2020-06-25', to: '2020-06-27', days: 3 },
      { name: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08', days: 8 },
    ],
    makeUpWorkdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    amendedBy: { documentNo: '国办发明电〔2020〕1号', issuedOn: '2020-01-26', what: '春节假期延长至2月2日（原1月24日至30日共7天，2月1日上班取消）' },
  },
  {
    year: 2021, documentNo: '国办发明电〔2020〕27号', issuedOn: '2020-11-25',
    holidays: [
      { name: '元旦', from: '2021-01-01', to: '2021-01-03', days: 3 },
      { name: '春节', from: '2021-02-11', to: '2021-02-17', days: 7 },
      { name: '清明节', from: '2021-04-03', to: '2021-04-05', days: 3 },
      { name: '劳动节', from: '2021-05-01', to: '2021-05-05', days: 5 },
      { name: '端午节', from: '2021-06-12', to: '2021-06-14', days: 3 },
      { name: '中秋节', from: '2021-09-19', to: '2021-09-21', days: 3 },
      { name: '国庆节', from: '2021-10-01', to: '2021-10-07', days: 7 },
    ],
    makeUpWorkdays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022, documentNo: '国办发明电〔2021〕11号', issuedOn: '2021-10-25',
    holidays: [
      { name: '元旦', from: '2022-01-01', to: '2022-01-03', days: 3 },
      { name: '春节', from: '2022-01-31', to: '2022-02-06', days: 7 },
      { name: '清明节', from: '2022-04-03', to: '2022-04-05', days: 3 },
      { name: '劳动节', from: '2022-04-30', to: '2022-05-04', days: 5 },
      { name: '端午节', from: '2022-06-03', to: '2022-06-05', days: 3 },
      { name: '中秋节', from: '2022-09-10', to: '2022-09-12', days: 3 },
      { name: '国庆节', from: '2022-10-01', to: '2022-10-07', days: 7 },
    ],
    makeUpWorkdays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023, documentNo: '国办发明电〔2022〕16号', issuedOn: '2022-12-08',
    holidays: [
      // 2022-12-31 is a Saturday: a rest day in 2022 either way.
      { name: '元旦', from: '2022-12-31', to: '2023-01-02', days: 3 },
      { name: '春节', from: '2023-01-21', to: '2023-01-27', days: 7 },
      { name: '清明节', from: '2023-04-05', to: '2023-04-05', days: 1 },
      { name: '劳动节', from: '2023-04-29', to: '2023-05-03', days: 5 },
      { name: '端午节', from: '2023-06-22', to: '2023-06-24', days: 3 },
      { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06', days: 8 },
    ],
    makeUpWorkdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024, documentNo: '国办发明电〔2023〕7号', issuedOn: '2023-10-25',
    holidays: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01', days: 1 },
      { name: '春节', from: '2024-02-10', to: '2024-02-17', days: 8 },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06', days: 3 },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05', days: 5 },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10', days: 1 },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17', days: 3 },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07', days: 7 },
    ],
    makeUpWorkdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025, documentNo: '国办发明电〔2024〕12号', issuedOn: '2024-11-12',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01', days: 1 },
      { name: '春节', from: '2025-01-28', to: '2025-02-04', days: 8 },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06', days: 3 },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', days: 5 },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02', days: 3 },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', days: 8 },
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026, documentNo: '国办发明电〔2025〕7号', issuedOn: '2025-11-04',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', days: 3 },
      { name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9 },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', days: 3 },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', days: 5 },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', days: 3 },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', days: 3 },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', days: 7 },
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
