/**
 * The holiday schedules the Government actually decided for civil servants (cán bộ, công chức,
 * viên chức of state bodies working Monday–Friday), year by year, each day with its source.
 *
 * The Labour Code fixes the holidays (2012 Code art. 115 up to 2020; 2019 Code art. 112 from
 * 2021, which added a day next to 2 September) and the compensatory day off when one falls on a
 * weekly rest day (2012 art. 115.3; 2019 art. 111.3). Each year the Prime Minister picks the five
 * days of Tết (and from 2021 the second day of Quốc khánh), and may swap a working day lying
 * between a holiday and a weekend for a Saturday worked in exchange (hoán đổi, làm bù); the
 * Ministry of Labour (from March 2025 the Ministry of Home Affairs) announces it.
 *
 * Where the number of the announcing notice could not be checked against the document itself,
 * its source says so ("số văn bản chưa đối chiếu"). 2015's Quốc khánh (Wednesday 2 September)
 * is listed without a swap: no swap for it was found; an administrator who finds one adds it.
 */
import type { IsoDate } from './dates.js';
import type { CalendarEntry } from './holidays.js';
import { solarToLunar } from './lunar.js';

/** One day of an official schedule, with the text the government decided it in. */
export interface OfficialDay extends CalendarEntry {
  source: string;
}

export interface OfficialSchedule {
  year: number;
  /** The decisions of the year, in short, as shown beside the year. */
  source: string;
  days: OfficialDay[];
}

type Spec =
  | [IsoDate, 'holiday', string]
  | [IsoDate, 'tet']
  | [IsoDate, 'compensatory', string]
  | [IsoDate, 'swap', IsoDate]
  | [IsoDate, 'makeup', IsoDate];

const NEW_YEAR = 'Tết Dương lịch';
const GIO_TO = 'Giỗ Tổ Hùng Vương (10/3 âm lịch)';
const VICTORY = 'Ngày Chiến thắng (30/4)';
const LABOUR = 'Ngày Quốc tế Lao động (1/5)';
const NATIONAL = 'Quốc khánh (2/9)';

const CODE_2012 = 'Bộ luật Lao động 2012, Điều 115';
const CODE_2019 = 'Bộ luật Lao động 2019, Điều 112 (nghỉ bù: khoản 3 Điều 111)';

const dm = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

function tetName(date: IsoDate): string {
  const lunar = solarToLunar(date);
  if (lunar.month === 12) return `Tết Nguyên Đán (${lunar.day} tháng Chạp)`;
  return `Tết Nguyên Đán (mùng ${lunar.day} tháng Giêng)`;
}

function nameOf(spec: Spec): { kind: CalendarEntry['kind']; name: string } {
  switch (spec[1]) {
    case 'holiday':
      return { kind: 'holiday', name: spec[2] };
    case 'tet':
      return { kind: 'holiday', name: tetName(spec[0]) };
    case 'compensatory':
      return { kind: 'holiday', name: `Nghỉ bù ${spec[2]}` };
    case 'swap':
      return { kind: 'holiday', name: `Nghỉ hoán đổi (làm bù thứ Bảy ${dm(spec[2])})` };
    case 'makeup':
      return { kind: 'makeup_workday', name: `Làm bù cho ngày nghỉ hoán đổi ${dm(spec[2])}` };
  }
}

/** A group of days decided by one text. */
interface Decision {
  source: string;
  days: Spec[];
}

function schedule(year: number, decisions: Decision[]): OfficialSchedule {
  const days = decisions
    .flatMap((d) => d.days.map((spec) => ({ date: spec[0], ...nameOf(spec), source: d.source })))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const sources = [...new Set(decisions.map((d) => d.source))];
  return { year, source: sources.join('; '), days };
}

/** Compensatory days named for the Tết day they make up. */
const tetCompensatory = (date: IsoDate, forDay: IsoDate): Spec => [date, 'compensatory', tetName(forDay)];

const LABOUR_MINISTRY_UNCHECKED = (what: string) =>
  `Thông báo của Bộ Lao động - Thương binh và Xã hội về ${what}, theo ý kiến của Thủ tướng Chính phủ (số văn bản chưa đối chiếu)`;

export const OFFICIAL_SCHEDULES: readonly OfficialSchedule[] = [
  schedule(2015, [
    {
      source: CODE_2012,
      days: [
        ['2015-01-01', 'holiday', NEW_YEAR],
        ['2015-04-28', 'holiday', GIO_TO],
        ['2015-04-30', 'holiday', VICTORY],
        ['2015-05-01', 'holiday', LABOUR],
        ['2015-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source:
        'Tờ trình 89/TTr-LĐTBXH ngày 20/11/2014 được Thủ tướng Chính phủ đồng ý; Bộ LĐ-TB&XH thông báo lịch nghỉ lễ, Tết năm 2015 (số văn bản chưa đối chiếu)',
      days: [
        ['2014-12-27', 'makeup', '2015-01-02'],
        ['2015-01-02', 'swap', '2014-12-27'],
        ['2015-02-14', 'makeup', '2015-02-16'],
        ['2015-02-16', 'swap', '2015-02-14'],
        ['2015-02-17', 'tet'],
        ['2015-02-18', 'tet'],
        ['2015-02-19', 'tet'],
        ['2015-02-20', 'tet'],
        ['2015-02-21', 'tet'],
        tetCompensatory('2015-02-23', '2015-02-21'),
        ['2015-04-25', 'makeup', '2015-04-29'],
        ['2015-04-29', 'swap', '2015-04-25'],
      ],
    },
  ]),
  schedule(2016, [
    {
      source: CODE_2012,
      days: [
        ['2016-01-01', 'holiday', NEW_YEAR],
        ['2016-04-16', 'holiday', GIO_TO],
        ['2016-04-18', 'compensatory', GIO_TO],
        ['2016-04-30', 'holiday', VICTORY],
        ['2016-05-01', 'holiday', LABOUR],
        ['2016-05-02', 'compensatory', VICTORY],
        ['2016-05-03', 'compensatory', LABOUR],
        ['2016-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source: 'Thông báo 4659/TB-LĐTBXH ngày 13/11/2015 của Bộ Lao động - Thương binh và Xã hội',
      days: [
        ['2016-02-07', 'tet'],
        ['2016-02-08', 'tet'],
        ['2016-02-09', 'tet'],
        ['2016-02-10', 'tet'],
        ['2016-02-11', 'tet'],
        tetCompensatory('2016-02-12', '2016-02-07'),
      ],
    },
  ]),
  schedule(2017, [
    {
      source: CODE_2012,
      days: [
        ['2017-01-01', 'holiday', NEW_YEAR],
        ['2017-01-02', 'compensatory', NEW_YEAR],
        ['2017-04-06', 'holiday', GIO_TO],
        ['2017-04-30', 'holiday', VICTORY],
        ['2017-05-01', 'holiday', LABOUR],
        ['2017-05-02', 'compensatory', VICTORY],
        ['2017-09-02', 'holiday', NATIONAL],
        ['2017-09-04', 'compensatory', NATIONAL],
      ],
    },
    {
      source: LABOUR_MINISTRY_UNCHECKED('nghỉ Tết Âm lịch năm 2017'),
      days: [
        ['2017-01-26', 'tet'],
        ['2017-01-27', 'tet'],
        ['2017-01-28', 'tet'],
        ['2017-01-29', 'tet'],
        ['2017-01-30', 'tet'],
        tetCompensatory('2017-01-31', '2017-01-28'),
        tetCompensatory('2017-02-01', '2017-01-29'),
      ],
    },
  ]),
  schedule(2018, [
    {
      source: CODE_2012,
      days: [
        ['2018-01-01', 'holiday', NEW_YEAR],
        ['2018-04-25', 'holiday', GIO_TO],
        ['2018-04-30', 'holiday', VICTORY],
        ['2018-05-01', 'holiday', LABOUR],
        ['2018-09-02', 'holiday', NATIONAL],
        ['2018-09-03', 'compensatory', NATIONAL],
      ],
    },
    {
      source: LABOUR_MINISTRY_UNCHECKED('nghỉ Tết Âm lịch năm 2018 (hai ngày trước Tết)'),
      days: [
        ['2018-02-14', 'tet'],
        ['2018-02-15', 'tet'],
        ['2018-02-16', 'tet'],
        ['2018-02-17', 'tet'],
        ['2018-02-18', 'tet'],
        tetCompensatory('2018-02-19', '2018-02-17'),
        tetCompensatory('2018-02-20', '2018-02-18'),
      ],
    },
  ]),
  schedule(2019, [
    {
      source: CODE_2012,
      days: [
        ['2019-01-01', 'holiday', NEW_YEAR],
        ['2019-04-14', 'holiday', GIO_TO],
        ['2019-04-15', 'compensatory', GIO_TO],
        ['2019-04-30', 'holiday', VICTORY],
        ['2019-05-01', 'holiday', LABOUR],
        ['2019-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source: LABOUR_MINISTRY_UNCHECKED(
        'nghỉ Tết Dương lịch, Tết Âm lịch và hoán đổi ngày làm việc dịp 30/4 – 1/5 năm 2019',
      ),
      days: [
        ['2018-12-31', 'swap', '2019-01-05'],
        ['2019-01-05', 'makeup', '2018-12-31'],
        ['2019-02-04', 'tet'],
        ['2019-02-05', 'tet'],
        ['2019-02-06', 'tet'],
        ['2019-02-07', 'tet'],
        ['2019-02-08', 'tet'],
        ['2019-04-29', 'swap', '2019-05-04'],
        ['2019-05-04', 'makeup', '2019-04-29'],
      ],
    },
  ]),
  schedule(2020, [
    {
      source: CODE_2012,
      days: [
        ['2020-01-01', 'holiday', NEW_YEAR],
        ['2020-04-02', 'holiday', GIO_TO],
        ['2020-04-30', 'holiday', VICTORY],
        ['2020-05-01', 'holiday', LABOUR],
        ['2020-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source: LABOUR_MINISTRY_UNCHECKED('nghỉ Tết Âm lịch năm 2020'),
      days: [
        ['2020-01-23', 'tet'],
        ['2020-01-24', 'tet'],
        ['2020-01-25', 'tet'],
        ['2020-01-26', 'tet'],
        ['2020-01-27', 'tet'],
        tetCompensatory('2020-01-28', '2020-01-25'),
        tetCompensatory('2020-01-29', '2020-01-26'),
      ],
    },
  ]),
  schedule(2021, [
    {
      source: CODE_2019,
      days: [
        ['2021-01-01', 'holiday', NEW_YEAR],
        ['2021-04-21', 'holiday', GIO_TO],
        ['2021-04-30', 'holiday', VICTORY],
        ['2021-05-01', 'holiday', LABOUR],
        ['2021-05-03', 'compensatory', LABOUR],
        ['2021-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source: LABOUR_MINISTRY_UNCHECKED('nghỉ Tết Âm lịch và Quốc khánh năm 2021'),
      days: [
        ['2021-02-10', 'tet'],
        ['2021-02-11', 'tet'],
        ['2021-02-12', 'tet'],
        ['2021-02-13', 'tet'],
        ['2021-02-14', 'tet'],
        tetCompensatory('2021-02-15', '2021-02-13'),
        tetCompensatory('2021-02-16', '2021-02-14'),
        ['2021-09-03', 'holiday', 'Quốc khánh (3/9)'],
      ],
    },
  ]),
  schedule(2022, [
    {
      source: CODE_2019,
      days: [
        ['2022-01-01', 'holiday', NEW_YEAR],
        ['2022-01-03', 'compensatory', NEW_YEAR],
        ['2022-04-10', 'holiday', GIO_TO],
        ['2022-04-11', 'compensatory', GIO_TO],
        ['2022-04-30', 'holiday', VICTORY],
        ['2022-05-01', 'holiday', LABOUR],
        ['2022-05-02', 'compensatory', VICTORY],
        ['2022-05-03', 'compensatory', LABOUR],
        ['2022-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source: LABOUR_MINISTRY_UNCHECKED('nghỉ Tết Âm lịch và Quốc khánh năm 2022'),
      days: [
        ['2022-01-31', 'tet'],
        ['2022-02-01', 'tet'],
        ['2022-02-02', 'tet'],
        ['2022-02-03', 'tet'],
        ['2022-02-04', 'tet'],
        ['2022-09-01', 'holiday', 'Quốc khánh (1/9)'],
      ],
    },
  ]),
  schedule(2023, [
    {
      source: CODE_2019,
      days: [
        ['2023-01-01', 'holiday', NEW_YEAR],
        ['2023-01-02', 'compensatory', NEW_YEAR],
        ['2023-04-29', 'holiday', GIO_TO],
        ['2023-04-30', 'holiday', VICTORY],
        ['2023-05-01', 'holiday', LABOUR],
        ['2023-05-02', 'compensatory', GIO_TO],
        ['2023-05-03', 'compensatory', VICTORY],
        ['2023-09-02', 'holiday', NATIONAL],
        ['2023-09-04', 'compensatory', NATIONAL],
      ],
    },
    {
      source: LABOUR_MINISTRY_UNCHECKED('nghỉ Tết Âm lịch và Quốc khánh năm 2023'),
      days: [
        ['2023-01-20', 'tet'],
        ['2023-01-21', 'tet'],
        ['2023-01-22', 'tet'],
        ['2023-01-23', 'tet'],
        ['2023-01-24', 'tet'],
        tetCompensatory('2023-01-25', '2023-01-21'),
        tetCompensatory('2023-01-26', '2023-01-22'),
        ['2023-09-01', 'holiday', 'Quốc khánh (1/9)'],
      ],
    },
  ]),
  schedule(2024, [
    {
      source: CODE_2019,
      days: [
        ['2024-01-01', 'holiday', NEW_YEAR],
        ['2024-04-18', 'holiday', GIO_TO],
        ['2024-04-30', 'holiday', VICTORY],
        ['2024-05-01', 'holiday', LABOUR],
        ['2024-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source: 'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (theo Công văn 8662/VPCP-KGVX ngày 03/11/2023)',
      days: [
        ['2024-02-08', 'tet'],
        ['2024-02-09', 'tet'],
        ['2024-02-10', 'tet'],
        ['2024-02-11', 'tet'],
        ['2024-02-12', 'tet'],
        tetCompensatory('2024-02-13', '2024-02-10'),
        tetCompensatory('2024-02-14', '2024-02-11'),
        ['2024-09-03', 'holiday', 'Quốc khánh (3/9)'],
      ],
    },
    {
      source: 'Thông báo 1570/TB-LĐTBXH ngày 12/4/2024 (theo Công văn 2450/VPCP-KGVX ngày 12/4/2024)',
      days: [
        ['2024-04-29', 'swap', '2024-05-04'],
        ['2024-05-04', 'makeup', '2024-04-29'],
      ],
    },
  ]),
  schedule(2025, [
    {
      source: CODE_2019,
      days: [
        ['2025-01-01', 'holiday', NEW_YEAR],
        ['2025-04-07', 'holiday', GIO_TO],
        ['2025-04-30', 'holiday', VICTORY],
        ['2025-05-01', 'holiday', LABOUR],
        ['2025-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source:
        'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (ý kiến của Thủ tướng Chính phủ về nghỉ Tết Âm lịch, hoán đổi ngày làm việc dịp 30/4 – 1/5 và Quốc khánh năm 2025); Bộ LĐ-TB&XH thông báo (số văn bản chưa đối chiếu)',
      days: [
        ['2025-01-27', 'tet'],
        ['2025-01-28', 'tet'],
        ['2025-01-29', 'tet'],
        ['2025-01-30', 'tet'],
        ['2025-01-31', 'tet'],
        ['2025-04-26', 'makeup', '2025-05-02'],
        ['2025-05-02', 'swap', '2025-04-26'],
        ['2025-09-01', 'holiday', 'Quốc khánh (1/9)'],
      ],
    },
  ]),
  schedule(2026, [
    {
      source: CODE_2019,
      days: [
        ['2026-01-01', 'holiday', NEW_YEAR],
        ['2026-04-26', 'holiday', GIO_TO],
        ['2026-04-27', 'compensatory', GIO_TO],
        ['2026-04-30', 'holiday', VICTORY],
        ['2026-05-01', 'holiday', LABOUR],
        ['2026-09-02', 'holiday', NATIONAL],
      ],
    },
    {
      source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 (hoán đổi ngày làm việc dịp Tết Dương lịch 2026)',
      days: [
        ['2026-01-02', 'swap', '2026-01-10'],
        ['2026-01-10', 'makeup', '2026-01-02'],
      ],
    },
    {
      source: 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ (nghỉ Tết Âm lịch và Quốc khánh năm 2026)',
      days: [
        ['2026-02-16', 'tet'],
        ['2026-02-17', 'tet'],
        ['2026-02-18', 'tet'],
        ['2026-02-19', 'tet'],
        ['2026-02-20', 'tet'],
        ['2026-08-22', 'makeup', '2026-08-31'],
        ['2026-08-31', 'swap', '2026-08-22'],
        ['2026-09-01', 'holiday', 'Quốc khánh (1/9)'],
      ],
    },
  ]),
];

/** The source of a day computed by the Labour Code's rule, not yet decided. */
export const RULE_SOURCE = 'Tính theo Bộ luật Lao động (dự kiến, chưa có quyết định của Chính phủ)';

/** The last year whose schedule is shipped as decided; later years start provisional. */
export const LAST_DECIDED_YEAR = Math.max(...OFFICIAL_SCHEDULES.map((s) => s.year));

export function officialSchedule(year: number): OfficialSchedule | null {
  return OFFICIAL_SCHEDULES.find((s) => s.year === year) ?? null;
}
