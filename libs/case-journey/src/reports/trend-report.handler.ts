import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { TIMELINESS_RULES as CASE_TIMELINESS_RULES } from '../case/timeliness/timeliness-items';
import { LEVELS_OF_NEED } from '../domain/levels-of-need';
import { FLOW_PAIRS } from './daily-counts';
import { percentileCont, rate } from './measures';
import { INTERVAL_LABELS, periodStartsBetween } from './periods';
import {
  GetTrendReportQuery,
  ReportColumn,
  ReportFilters,
  ReportName,
  ReportRow,
  ReportView,
} from './trend-report.query';

/** R35: the timeliness report's last row counts the entries recorded in time and late. */
const RECORDED_LATE = 'recorded-late';

/** The timeliness report's rows: each rule of the timeliness items, R11 by BRAG rating (each its own timescale). */
export const TIMELINESS_RULES: readonly string[] = CASE_TIMELINESS_RULES.flatMap((rule) =>
  rule === 'R11' ? ['R11-red', 'R11-amber', 'R11-green'] : [rule],
);

/** Early help columns and the `report_daily` counters they sum. */
const EARLY_HELP_COLUMNS: { key: string; label: string; kind: string }[] = [
  { key: 'ehasStarted', label: 'EHAs started', kind: 'eha_started' },
  { key: 'ehasCompleted', label: 'EHAs completed', kind: 'eha_completed' },
  { key: 'tafsConvened', label: 'TAFs convened', kind: 'taf_convened' },
  { key: 'tacsConvened', label: 'TACs convened', kind: 'tac_convened' },
  { key: 'hubEscalatedToMash', label: 'Hub: escalated to MASH', kind: 'hub_escalated_to_mash' },
  { key: 'hubDistrictEarlyHelp', label: 'Hub: district early help', kind: 'hub_district_early_help' },
  { key: 'hubSignposted', label: 'Hub: signposted', kind: 'hub_signposted' },
  { key: 'hubAdviceAndInformation', label: 'Hub: advice and information', kind: 'hub_advice_and_information' },
  { key: 'keepInTouchStarted', label: 'Keep in Touch started', kind: 'keep_in_touch_started' },
];

/** Where a move sits on the continuum, for ordering rows: a new contact first, closure last. */
const STAGES = ['new_contact', ...LEVELS_OF_NEED, 'closed'];
const stage = (value: unknown) => STAGES.indexOf(String(value));
/** Two column values in the order of their text's code points (null first). */
const byCode = (a: ReportRow[string] | undefined, b: ReportRow[string] | undefined): number => {
  const [x, y] = [String(a ?? ''), String(b ?? '')];
  return x < y ? -1 : x > y ? 1 : 0;
};

type Db = { query: DataSource['query'] };

/** `day` in the range, and area and team when filtered (facts and `report_daily` alike): the parameters $1.. in that order. */
function factFilter(filters: ReportFilters): { where: string; parameters: unknown[] } {
  const parameters: unknown[] = [filters.from, filters.to];
  const conditions = ['day between $1::date and $2::date'];
  if (filters.area) conditions.push(`area = $${parameters.push(filters.area)}`);
  if (filters.team) conditions.push(`team = $${parameters.push(filters.team)}`);
  return { where: conditions.join(' and '), parameters };
}

const periodColumn = (filters: ReportFilters): ReportColumn => ({
  key: 'period',
  label: INTERVAL_LABELS[filters.interval],
});

/**
 * Rows are grouped by period as the position of their `day` in the list of the periods' first days
 * (`width_bucket`, cheaper per row than formatting a label), then labelled here.
 */
function periodBucket(filters: ReportFilters, parameters: unknown[]) {
  const periods = periodStartsBetween(filters.from, filters.to, filters.interval);
  const index = parameters.push(periods.map(({ start }) => start));
  return {
    sql: `width_bucket(day, $${index}::date[])`,
    periods: periods.map(({ period }) => period),
    /** Rows with `period` as the bucket number, labelled. */
    label: <R extends object>(rows: R[]): (Omit<R, 'period'> & { period: string })[] =>
      rows.map((row) => ({ ...row, period: periods[Number((row as { period?: unknown }).period) - 1]?.period ?? '' })),
  };
}

/** One row per period of the range, zeros where nothing happened. */
function everyPeriod(periods: string[], found: ReportRow[], zero: (period: string) => ReportRow): ReportRow[] {
  const byPeriod = new Map(found.map((row) => [row.period, row]));
  return periods.map((period) => byPeriod.get(period) ?? zero(period));
}

interface ReportDefinition {
  columns(filters: ReportFilters): ReportColumn[];
  rows(db: Db, filters: ReportFilters, asAt: string): Promise<ReportRow[]>;
}

const REPORTS: Record<ReportName, ReportDefinition> = {
  transitions: {
    columns: (filters) => [
      periodColumn(filters),
      { key: 'stepUps', label: 'Step-ups' },
      { key: 'stepDowns', label: 'Step-downs' },
    ],
    async rows(db, filters) {
      const { where, parameters } = factFilter(filters);
      const bucket = periodBucket(filters, parameters);
      const found: ReportRow[] = await db.query(
        `select ${bucket.sql} as period, sum(step_ups)::int as "stepUps", sum(step_downs)::int as "stepDowns"
           from report_daily where ${where} group by 1`,
        parameters,
      );
      return everyPeriod(bucket.periods, bucket.label(found), (period) => ({ period, stepUps: 0, stepDowns: 0 }));
    },
  },

  'transitions/detail': {
    columns: (filters) => [
      periodColumn(filters),
      { key: 'from', label: 'From' },
      { key: 'to', label: 'To' },
      { key: 'direction', label: 'Direction' },
      { key: 'area', label: 'Area' },
      { key: 'team', label: 'Team' },
      { key: 'agency', label: 'Agency' },
      { key: 'reasonCategory', label: 'Reason category' },
      { key: 'count', label: 'Count' },
    ],
    async rows(db, filters) {
      const { where, parameters } = factFilter(filters);
      const bucket = periodBucket(filters, parameters);
      const rows: ReportRow[] = await db.query(
        `select ${bucket.sql} as period, from_level as "from", to_level as "to", direction, area, team, agency,
                nullif(reason_category, '') as "reasonCategory", sum(steps)::int as count
           from report_steps_daily where ${where}
          group by 1, 2, 3, 4, 5, 6, 7, 8`,
        parameters,
      );
      return bucket.label(rows).sort(
        // By code, not by locale: the columns are codes, and a week over three years sorts
        // about 11,000 rows, which localeCompare took several times as long to order.
        (a, b) =>
          byCode(a.period, b.period) ||
          byCode(b.direction, a.direction) ||
          stage(a.from) - stage(b.from) ||
          stage(a.to) - stage(b.to) ||
          byCode(a.area, b.area) ||
          byCode(a.team, b.team) ||
          byCode(a.agency, b.agency) ||
          byCode(a.reasonCategory, b.reasonCategory),
      );
    },
  },

  flow: {
    columns: () => [
      { key: 'from', label: 'From' },
      { key: 'to', label: 'To' },
      { key: 'children', label: 'Children' },
    ],
    async rows(db, filters) {
      const { where, parameters } = factFilter(filters);
      // Each case's first move of a kind is counted per day; a move it had already made counts
      // only if the earlier one was before the range, so a child is counted once per move.
      const [firsts]: Record<string, number | null>[] = await db.query(
        `select ${FLOW_PAIRS.map(({ column }) => `sum(${column})::int as ${column}`).join(', ')} from report_daily where ${where}`,
        parameters,
      );
      const repeats: { from: string; to: string; n: number }[] = await db.query(
        `select from_level as "from", to_level as "to", count(*)::int as n
           from report_level_moves where ${where} and repeat_since is not null and repeat_since < $1::date group by 1, 2`,
        parameters,
      );
      return FLOW_PAIRS.map(({ from, to, column }) => ({
        from,
        to,
        children: (firsts?.[column] ?? 0) + (repeats.find((row) => row.from === from && row.to === to)?.n ?? 0),
      }))
        .filter((row) => row.children > 0)
        .sort((a, b) => stage(a.from) - stage(b.from) || stage(a.to) - stage(b.to));
    },
  },

  'time-at-level': {
    columns: () => [
      { key: 'level', label: 'Level' },
      { key: 'exits', label: 'Exits' },
      { key: 'medianDays', label: 'Median days' },
      { key: 'p90Days', label: '90th percentile days' },
    ],
    async rows(db, filters) {
      const { where, parameters } = factFilter(filters);
      const found: { level: string; days: number; n: number }[] = await db.query(
        `select from_level as level, days_at_level as days, count(*)::int as n
           from report_level_moves where ${where} and days_at_level is not null group by 1, 2`,
        parameters,
      );
      const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
      return LEVELS_OF_NEED.map((level) => {
        const frequencies = found
          .filter((row) => row.level === level)
          .map((row) => ({ value: row.days, count: row.n }));
        return {
          level,
          exits: frequencies.reduce((sum, f) => sum + f.count, 0),
          medianDays: oneDecimal(percentileCont(frequencies, 0.5)),
          p90Days: oneDecimal(percentileCont(frequencies, 0.9)),
        };
      });
    },
  },

  'step-down-durability': {
    columns: (filters) => [
      periodColumn(filters),
      { key: 'steppedDown', label: 'Stepped down from specialist' },
      { key: 'backUpWithin3Months', label: 'Back up within 3 months' },
      { key: 'backUpWithin6Months', label: 'Back up within 6 months' },
      { key: 'backUpWithin12Months', label: 'Back up within 12 months' },
    ],
    async rows(db, filters) {
      const { where, parameters } = factFilter(filters);
      const bucket = periodBucket(filters, parameters);
      const found: ReportRow[] = await db.query(
        `select ${bucket.sql} as period, sum(stepped_down_from_specialist)::int as "steppedDown",
                sum(back_up_within_3)::int as "backUpWithin3Months", sum(back_up_within_6)::int as "backUpWithin6Months",
                sum(back_up_within_12)::int as "backUpWithin12Months"
           from report_daily where ${where} group by 1`,
        parameters,
      );
      return everyPeriod(bucket.periods, bucket.label(found), (period) => ({
        period,
        steppedDown: 0,
        backUpWithin3Months: 0,
        backUpWithin6Months: 0,
        backUpWithin12Months: 0,
      }));
    },
  },

  're-referrals': {
    columns: (filters) => [
      periodColumn(filters),
      { key: 'referrals', label: 'Referrals' },
      { key: 'reReferrals', label: 'Re-referrals' },
      { key: 'rate', label: 'Re-referral rate' },
    ],
    async rows(db, filters) {
      const { where, parameters } = factFilter(filters);
      const bucket = periodBucket(filters, parameters);
      const found: { period: string; referrals: number; reReferrals: number }[] = await db.query(
        `select ${bucket.sql} as period, sum(referrals)::int as referrals, sum(re_referrals)::int as "reReferrals"
           from report_daily where ${where} group by 1`,
        parameters,
      );
      const withRate = found.map((row) => ({ ...row, rate: rate(row.reReferrals, row.referrals, 0) }));
      return everyPeriod(bucket.periods, bucket.label(withRate), (period) => ({
        period,
        referrals: 0,
        reReferrals: 0,
        rate: 0,
      }));
    },
  },

  timeliness: {
    columns: (filters) => [
      periodColumn(filters),
      { key: 'rule', label: 'Rule' },
      { key: 'due', label: 'Due' },
      { key: 'onTime', label: 'On time' },
      { key: 'late', label: 'Late' },
      { key: 'outstanding', label: 'Outstanding' },
      { key: 'onTimeRate', label: 'On-time rate' },
    ],
    async rows(db, filters, asAt) {
      // Items are dated by the UK day they fall due. Whether an item not done yet is late depends
      // on the clock: on days before today it is, on days after it is not, so those days are
      // answered from the daily counts (timeliness_daily); today's items are looked at one by one.
      const parameters: unknown[] = [filters.from, filters.to, asAt];
      const dailyConditions = ['day between $1::date and $2::date', 'day <> today'];
      const itemConditions = [
        'today between $1::date and $2::date',
        `due_at >= (today::timestamp at time zone 'Europe/London')`,
        `due_at < ((today + 1)::timestamp at time zone 'Europe/London')`,
        'cancelled_at is null',
      ];
      for (const [column, value] of [
        ['area', filters.area],
        ['team', filters.team],
      ] as const) {
        if (!value) continue;
        const index = parameters.push(value);
        dailyConditions.push(`${column} = $${index}`);
        itemConditions.push(`${column} = $${index}`);
      }
      const bucket = periodBucket(filters, parameters);
      const found: {
        period: number;
        rule: string;
        brag: string | null;
        due: number;
        onTime: number;
        late: number;
        outstanding: number;
      }[] = await db.query(
        `with clock as (select ($3::timestamptz at time zone 'Europe/London')::date as today),
         counted as (
           select day, rule, brag, due, on_time,
                  late_done + case when day < today then open else 0 end as late,
                  case when day > today then open else 0 end as outstanding
             from timeliness_daily, clock where ${dailyConditions.join(' and ')}
           union all
           select today, rule, coalesce(brag, ''), 1,
                  case when done_at <= due_at then 1 else 0 end,
                  case when done_at > due_at or (done_at is null and due_at < $3::timestamptz) then 1 else 0 end,
                  case when done_at is null and due_at >= $3::timestamptz then 1 else 0 end
             from timeliness_items, clock where ${itemConditions.join(' and ')}
         )
         select ${bucket.sql} as period, rule, nullif(brag, '') as brag, sum(due)::int as due, sum(on_time)::int as "onTime",
                sum(late)::int as late, sum(outstanding)::int as outstanding
           from counted group by 1, 2, 3`,
        parameters,
      );
      // R11 is reported by BRAG rating, each with its own timescale.
      const byKey = new Map<string, { due: number; onTime: number; late: number; outstanding: number }>();
      for (const row of bucket.label(found)) {
        const key = `${row.period} ${row.rule === 'R11' ? `R11-${row.brag}` : row.rule}`;
        const sum = byKey.get(key) ?? { due: 0, onTime: 0, late: 0, outstanding: 0 };
        byKey.set(key, {
          due: sum.due + row.due,
          onTime: sum.onTime + row.onTime,
          late: sum.late + row.late,
          outstanding: sum.outstanding + row.outstanding,
        });
      }
      // R35: entries recorded, on the day they happened, and those recorded late.
      const recordingWhere = factFilter(filters);
      const recordingBucket = periodBucket(filters, recordingWhere.parameters);
      const recorded: { period: string; entries: number; late: number }[] = await db.query(
        `select ${recordingBucket.sql} as period, sum(entries_recorded)::int as entries, sum(entries_recorded_late)::int as late
           from report_daily where ${recordingWhere.where} group by 1`,
        recordingWhere.parameters,
      );
      for (const row of recordingBucket.label(recorded)) {
        byKey.set(`${row.period} ${RECORDED_LATE}`, {
          due: row.entries,
          onTime: row.entries - row.late,
          late: row.late,
          outstanding: 0,
        });
      }
      return bucket.periods.flatMap((period) =>
        [...TIMELINESS_RULES, RECORDED_LATE].map((rule) => {
          const { due, onTime, late, outstanding } = byKey.get(`${period} ${rule}`) ?? {
            due: 0,
            onTime: 0,
            late: 0,
            outstanding: 0,
          };
          return { period, rule, due, onTime, late, outstanding, onTimeRate: rate(onTime, onTime + late, null) };
        }),
      );
    },
  },

  'early-help': {
    columns: (filters) => [periodColumn(filters), ...EARLY_HELP_COLUMNS.map(({ key, label }) => ({ key, label }))],
    async rows(db, filters) {
      const { where, parameters } = factFilter(filters);
      const bucket = periodBucket(filters, parameters);
      const found: ReportRow[] = await db.query(
        `select ${bucket.sql} as period, ${EARLY_HELP_COLUMNS.map(({ key, kind }) => `sum(${kind})::int as "${key}"`).join(', ')}
           from report_daily where ${where} group by 1`,
        parameters,
      );
      return everyPeriod(bucket.periods, bucket.label(found), (period) => ({
        period,
        ...Object.fromEntries(EARLY_HELP_COLUMNS.map(({ key }) => [key, 0])),
      }));
    },
  },
};

/** Answers every `/reports/...` question from the `reports` read model (and the timeliness one). */
@QueryHandler(GetTrendReportQuery)
export class GetTrendReportHandler implements IQueryHandler<GetTrendReportQuery, ReportView> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ report, filters, asAt }: GetTrendReportQuery): Promise<ReportView> {
    const definition = REPORTS[report];
    return {
      report,
      filters,
      columns: definition.columns(filters),
      rows: await definition.rows(this.dataSource, filters, asAt),
    };
  }
}
