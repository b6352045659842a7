import { MigrationInterface, QueryRunner } from 'typeorm';

const LEVELS = ['universal', 'emerging', 'complex', 'specialist'];
const FLOW_COLUMNS = ['new_contact', ...LEVELS].flatMap((from) =>
  [...LEVELS, 'closed'].filter((to) => to !== from).map((to) => `flow_${from}_to_${to}`),
);
const DAILY_COUNTERS = [
  'step_ups',
  'step_downs',
  'referrals',
  're_referrals',
  'eha_started',
  'eha_completed',
  'taf_convened',
  'tac_convened',
  'hub_escalated_to_mash',
  'hub_district_early_help',
  'hub_signposted',
  'hub_advice_and_information',
  'keep_in_touch_started',
  'stepped_down_from_specialist',
  'back_up_within_3',
  'back_up_within_6',
  'back_up_within_12',
  ...FLOW_COLUMNS,
];

/**
 * Read models of the managers' trend reports (projection `reports`). Counts are pre-aggregated per
 * UK day, area and team (`report_daily`), so a report over a year sums a few thousand rows
 * whatever the number of children; what cannot be summed (the detail of each step, days at a level
 * for percentiles) is kept as compact facts with covering indexes, read by index-only scans.
 * The first column of every table is unique (a rebuild is compared table by table in that order).
 */
export class TrendReports1767000000010 implements MigrationInterface {
  name = 'TrendReports1767000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The projection's own memory: where each case, child and family stands.
    await queryRunner.query(`
      create table report_cases (
        case_id uuid primary key,
        family_id uuid not null,
        child_key text not null,
        area text not null,
        team text not null,
        level text,
        level_since timestamptz,
        status text not null,
        last_moves jsonb not null
      )`);
    await queryRunner.query(
      `create table report_children (child_key text primary key, referrals timestamptz[] not null)`,
    );
    await queryRunner.query(`
      create table report_families (
        family_id uuid primary key,
        area text not null,
        first_case_id uuid,
        eha_cases jsonb not null,
        last_eha_case_id uuid
      )`);

    // Counts per UK day, area and team; bucket = 'YYYY-MM-DD|area|team'.
    await queryRunner.query(`
      create table report_daily (
        bucket text primary key,
        day date not null,
        area text not null,
        team text not null,
        ${DAILY_COUNTERS.map((column) => `${column} integer not null default 0`).join(',\n        ')}
      )`);
    await queryRunner.query(`create index report_daily_day_idx on report_daily (day)`);
    await queryRunner.query(`create index report_daily_team_day_idx on report_daily (team, day)`);

    // Every level of need assessed, stepped up or down, and every closure.
    await queryRunner.query(`
      create table report_level_moves (
        position bigint primary key,
        event_id uuid not null,
        case_id uuid not null,
        day date not null,
        area text not null,
        team text not null,
        agency text not null,
        direction text not null,
        from_level text not null,
        to_level text not null,
        reason_category text,
        days_at_level integer,
        repeat_since date
      )`);
    await queryRunner.query(`create index report_level_moves_case_idx on report_level_moves (case_id)`);
    // Steps up and down, for their detail.
    const step = `where direction in ('up', 'down')`;
    const stepColumns = 'area, agency, direction, from_level, to_level, reason_category';
    await queryRunner.query(
      `create index report_steps_day_idx on report_level_moves (day) include (team, ${stepColumns}) ${step}`,
    );
    await queryRunner.query(
      `create index report_steps_team_day_idx on report_level_moves (team, day) include (${stepColumns}) ${step}`,
    );
    // Exits from a level (up, down, closed), for days at a level.
    const exit = 'where days_at_level is not null';
    await queryRunner.query(
      `create index report_exits_day_idx on report_level_moves (day) include (team, area, from_level, days_at_level) ${exit}`,
    );
    await queryRunner.query(
      `create index report_exits_team_day_idx on report_level_moves (team, day) include (area, from_level, days_at_level) ${exit}`,
    );
    // The few moves a case made more than once, for the flow.
    await queryRunner.query(
      `create index report_repeats_day_idx on report_level_moves (day) include (team, area, from_level, to_level, repeat_since) where repeat_since is not null`,
    );

    // Steps down from specialist, and when (if) the child came back up to specialist.
    await queryRunner.query(`
      create table report_step_downs (
        position bigint primary key,
        case_id uuid not null,
        child_key text not null,
        stepped_down_at timestamptz not null,
        day date not null,
        area text not null,
        team text not null,
        to_level text not null,
        back_up_at timestamptz,
        back_up_within smallint
      )`);
    await queryRunner.query(
      `create index report_step_downs_open_idx on report_step_downs (child_key) where back_up_at is null`,
    );
    await queryRunner.query(`create index report_step_downs_case_idx on report_step_downs (case_id)`);

    // Referrals (a case opened or reopened) and early help: counted in report_daily, kept so a
    // corrected area can move them.
    await queryRunner.query(`
      create table report_referrals (
        position bigint primary key,
        case_id uuid not null,
        day date not null,
        area text not null,
        team text not null,
        kind text not null,
        re_referral boolean not null
      )`);
    await queryRunner.query(`create index report_referrals_case_idx on report_referrals (case_id)`);
    await queryRunner.query(`
      create table report_early_help (
        position bigint primary key,
        family_id uuid not null,
        case_id uuid,
        day date not null,
        area text not null,
        team text not null,
        kind text not null
      )`);
    await queryRunner.query(`create index report_early_help_case_idx on report_early_help (case_id)`);

    // The timeliness report reads the timeliness read model (items still needed) by due date, and by team.
    await queryRunner.query(
      `create index timeliness_items_report_idx on timeliness_items (due_at) include (rule, brag, done_at, area, team) where cancelled_at is null`,
    );
    await queryRunner.query(
      `create index timeliness_items_report_team_idx on timeliness_items (team, due_at) include (rule, brag, done_at, area) where cancelled_at is null`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index timeliness_items_report_team_idx`);
    await queryRunner.query(`drop index timeliness_items_report_idx`);
    for (const table of [
      'report_early_help',
      'report_referrals',
      'report_step_downs',
      'report_level_moves',
      'report_daily',
      'report_families',
      'report_children',
      'report_cases',
    ]) {
      await queryRunner.query(`drop table ${table}`);
    }
  }
}
