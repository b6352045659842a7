import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import type { QueryResultRow } from 'pg';
import type { SqlTransaction } from '@windscreen/database';
import type { RecordedEvent } from '@windscreen/event-store';
import type { Projection, WrittenKeys } from '@windscreen/projections';
import { decode, isCaseOrFamilyEvent } from '../events/decode';
import { DAILY_COUNTERS } from './daily-counts';
import {
  casesNamedBy,
  DailyCounts,
  EarlyHelpFact,
  foldTrendReports,
  LevelMove,
  ReferralFact,
  ReportCase,
  ReportChanges,
  ReportFacts,
  ReportFactsNeeded,
  reportFactsNeeded,
  ReportFamily,
  StepDown,
} from './trend-reports.fold';

/**
 * The managers' trend reports (issue 5): level-of-need moves, steps down from specialist and
 * their durability, referrals and re-referrals, and early help, as compact dated facts and as
 * counts per UK day, area and team (`report_daily`).
 * A batch reads only what its events need (`loadReportFacts`), is folded in memory in log order
 * (`foldTrendReports`, a pure function) and is written with one writer per table, each a few
 * multi-row statements, so the result does not depend on where batches begin and end.
 */
@Injectable()
export class TrendReportsProjection implements Projection {
  readonly name = 'reports';
  readonly tables = [
    'report_cases',
    'report_children',
    'report_families',
    'report_daily',
    'report_level_moves',
    'report_steps_daily',
    'report_step_downs',
    'report_referrals',
    'report_early_help',
  ];
  // A batch looks rows up by key, open step downs by child and corrected facts by case (kept).
  readonly readIndexes = [
    'report_exits_team_day_idx',
    'report_repeats_day_idx',
    'report_exits_day_idx',
    'report_daily_day_idx',
    'report_daily_team_day_idx',
  ];

  /** R35: working days after which an entry counts as recorded late (RECORDED_LATE_AFTER_WORKING_DAYS). */
  private readonly recordedLateAfter: number;

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    this.recordedLateAfter = config?.recordedLateAfterWorkingDays ?? 2;
  }

  async apply(events: RecordedEvent[], sql: SqlTransaction, written: WrittenKeys): Promise<void> {
    // A child's stream has no part in these tables: the children projection keeps it.
    const decoded = events.map(decode).filter(isCaseOrFamilyEvent);
    const facts = await loadReportFacts(sql, reportFactsNeeded(decoded), written);
    const changes = foldTrendReports(decoded, facts, this.recordedLateAfter);
    await writeReportChanges(sql, changes);
    recordWritten(written, changes);
  }
}

/** A statement's rows, typed by the caller: the columns it selects. */
type Query = <Row extends QueryResultRow>(text: string, parameters: unknown[]) => Promise<Row[]>;
const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const ids = (values: Iterable<string>) => [...new Set(values)];

/** Reads only what the batch's events need: the cases, families and children they touch, and the stored facts corrections move. */
export async function loadReportFacts(
  sql: SqlTransaction,
  needed: ReportFactsNeeded,
  written: WrittenKeys,
): Promise<ReportFacts> {
  const query: Query = async <Row extends QueryResultRow>(text: string, parameters: unknown[]) =>
    (await sql.query<Row>(text, parameters)).rows;
  const families = new Map<string, ReportFamily>();
  const caseIds = new Set(needed.caseIds);
  // In a rebuild, only rows already written are looked up (WrittenKeys).
  const storedFamilyIds = written.mayBeStored('family', needed.familyIds);
  if (storedFamilyIds.length) {
    const rows: {
      family_id: string;
      area: ReportFamily['area'];
      first_case_id: string | null;
      eha_cases: Record<string, string>;
      last_eha_case_id: string | null;
    }[] = await query(
      `select family_id, area, first_case_id, eha_cases, last_eha_case_id from report_families where family_id = any($1::uuid[])`,
      [storedFamilyIds],
    );
    for (const row of rows) {
      const family: ReportFamily = {
        familyId: row.family_id,
        area: row.area,
        firstCaseId: row.first_case_id,
        ehaCases: row.eha_cases,
        lastEhaCaseId: row.last_eha_case_id,
      };
      families.set(family.familyId, family);
      for (const id of casesNamedBy(family)) caseIds.add(id);
    }
  }
  const cases = new Map<string, ReportCase>();
  const storedCaseIds = written.mayBeStored('case', caseIds);
  if (storedCaseIds.length) {
    const rows: {
      case_id: string;
      family_id: string;
      child_key: string;
      area: ReportCase['area'];
      team: string;
      level: ReportCase['level'];
      level_since: Date | null;
      status: ReportCase['status'];
      last_moves: Record<string, string>;
    }[] = await query(
      `select case_id, family_id, child_key, area, team, level, level_since, status, last_moves from report_cases where case_id = any($1::uuid[])`,
      [storedCaseIds],
    );
    for (const row of rows) {
      cases.set(row.case_id, {
        caseId: row.case_id,
        familyId: row.family_id,
        childKey: row.child_key,
        area: row.area,
        team: row.team,
        level: row.level,
        levelSince: iso(row.level_since),
        status: row.status,
        lastMoves: row.last_moves,
      });
    }
  }
  const childOf = (caseId: string) => needed.openedChildren.get(caseId) ?? cases.get(caseId)?.childKey;
  const childrenOf = (caseIdsOf: Set<string>) =>
    ids([...caseIdsOf].map(childOf).filter((key): key is string => key !== undefined));

  const referralsByChild = new Map<string, string[]>();
  const referred = written.mayBeStored('child', childrenOf(needed.referredCaseIds));
  if (referred.length) {
    const rows: { child_key: string; referrals: Date[] }[] = await query(
      `select child_key, referrals from report_children where child_key = any($1::text[])`,
      [referred],
    );
    for (const row of rows)
      referralsByChild.set(
        row.child_key,
        row.referrals.map((at) => new Date(at).toISOString()),
      );
  }

  const stepDownColumns = `position::text as position, case_id, child_key, stepped_down_at, day::text as day, area, team, to_level, back_up_at, back_up_within`;
  interface StepDownRow {
    position: string;
    case_id: string;
    child_key: string;
    stepped_down_at: Date;
    day: string;
    area: StepDown['area'];
    team: string;
    to_level: StepDown['toLevel'];
    back_up_at: Date | null;
    back_up_within: StepDown['backUpWithin'];
  }
  const stepDownRows: StepDownRow[] = [];
  const comingBackUp = written.mayBeStored('step-down-child', childrenOf(needed.specialistCaseIds));
  if (comingBackUp.length) {
    stepDownRows.push(
      ...(await query<StepDownRow>(
        `select ${stepDownColumns} from report_step_downs where back_up_at is null and child_key = any($1::text[])`,
        [comingBackUp],
      )),
    );
  }
  const corrected = written.mayBeStored('fact-case', needed.correctedCaseIds);
  const moves: LevelMove[] = [];
  const referrals: ReferralFact[] = [];
  const earlyHelp: EarlyHelpFact[] = [];
  if (corrected.length) {
    stepDownRows.push(
      ...(await query<StepDownRow>(`select ${stepDownColumns} from report_step_downs where case_id = any($1::uuid[])`, [
        corrected,
      ])),
    );
    const moveRows = await query<{
      position: string;
      event_id: string;
      case_id: string;
      day: string;
      area: LevelMove['area'];
      team: string;
      agency: string;
      direction: LevelMove['direction'];
      from_level: LevelMove['fromLevel'];
      to_level: LevelMove['toLevel'];
      reason_category: LevelMove['reasonCategory'];
      days_at_level: number | null;
      repeat_since: string | null;
    }>(
      `select position::text as position, event_id, case_id, day::text as day, area, team, agency, direction, from_level, to_level, reason_category,
              days_at_level, repeat_since::text as repeat_since
         from report_level_moves where case_id = any($1::uuid[])`,
      [corrected],
    );
    for (const row of moveRows) {
      moves.push({
        position: row.position,
        eventId: row.event_id,
        caseId: row.case_id,
        day: row.day,
        area: row.area,
        team: row.team,
        agency: row.agency,
        direction: row.direction,
        fromLevel: row.from_level,
        toLevel: row.to_level,
        reasonCategory: row.reason_category,
        daysAtLevel: row.days_at_level,
        repeatSince: row.repeat_since,
      });
    }
    const referralRows = await query<{
      position: string;
      case_id: string;
      day: string;
      area: ReferralFact['area'];
      team: string;
      kind: ReferralFact['kind'];
      re_referral: boolean;
    }>(
      `select position::text as position, case_id, day::text as day, area, team, kind, re_referral from report_referrals where case_id = any($1::uuid[])`,
      [corrected],
    );
    for (const row of referralRows) {
      referrals.push({
        position: row.position,
        caseId: row.case_id,
        day: row.day,
        area: row.area,
        team: row.team,
        kind: row.kind,
        reReferral: row.re_referral,
      });
    }
    const earlyHelpRows = await query<{
      position: string;
      family_id: string;
      case_id: string | null;
      day: string;
      area: EarlyHelpFact['area'];
      team: string;
      kind: EarlyHelpFact['kind'];
    }>(
      `select position::text as position, family_id, case_id, day::text as day, area, team, kind from report_early_help where case_id = any($1::uuid[])`,
      [corrected],
    );
    for (const row of earlyHelpRows) {
      earlyHelp.push({
        position: row.position,
        familyId: row.family_id,
        caseId: row.case_id,
        day: row.day,
        area: row.area,
        team: row.team,
        kind: row.kind,
      });
    }
  }
  // A step down may be both a child's open one and a corrected case's: one row, once.
  const stepDowns = new Map<string, StepDown>();
  for (const row of stepDownRows) {
    stepDowns.set(row.position, {
      position: row.position,
      caseId: row.case_id,
      childKey: row.child_key,
      steppedDownAt: iso(row.stepped_down_at)!,
      day: row.day,
      area: row.area,
      team: row.team,
      toLevel: row.to_level,
      backUpAt: iso(row.back_up_at),
      backUpWithin: row.back_up_within === null ? null : (Number(row.back_up_within) as StepDown['backUpWithin']),
    });
  }
  return { cases, families, referralsByChild, stepDowns: [...stepDowns.values()], moves, referrals, earlyHelp };
}

/** What a rebuild's later batches may need to read back, by the keys they look rows up with. */
function recordWritten(written: WrittenKeys, changes: ReportChanges): void {
  const keysByKind: Record<string, (string | null)[]> = {
    family: changes.families.map((row) => row.familyId),
    case: changes.cases.map((row) => row.caseId),
    child: changes.children.map((row) => row.childKey),
    'step-down-child': changes.newStepDowns.map((row) => row.childKey),
    'fact-case': [...changes.newMoves, ...changes.newStepDowns, ...changes.newReferrals, ...changes.newEarlyHelp].map(
      (row) => row.caseId,
    ),
  };
  for (const [kind, keys] of Object.entries(keysByKind)) written.record(kind, keys);
}

/** Columns as arrays, one per column, for a multi-row statement over `unnest`. */
function columnsOf<T>(rows: readonly T[], ...columns: ((row: T) => unknown)[]): unknown[][] {
  return columns.map((column) => rows.map(column));
}

/** Writes what a batch changed: one writer per table. */
export async function writeReportChanges(sql: SqlTransaction, changes: ReportChanges): Promise<void> {
  const query: Query = async <Row extends QueryResultRow>(text: string, parameters: unknown[]) =>
    (await sql.query<Row>(text, parameters)).rows;
  await writeReportCases(query, changes.cases);
  await writeReportFamilies(query, changes.families);
  await writeReportChildren(query, changes.children);
  await writeLevelMoves(query, changes);
  await writeStepDowns(query, changes);
  await writeReferrals(query, changes);
  await writeEarlyHelp(query, changes);
  await writeDaily(query, changes.daily);
}

async function writeReportCases(query: Query, cases: readonly ReportCase[]): Promise<void> {
  if (cases.length === 0) return;
  await query(
    `insert into report_cases (case_id, family_id, child_key, area, team, level, level_since, status, last_moves)
     select c.case_id, c.family_id, c.child_key, c.area, c.team, c.level, c.level_since, c.status, c.last_moves::jsonb
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
         as c(case_id, family_id, child_key, area, team, level, level_since, status, last_moves)
     on conflict (case_id) do update set area = excluded.area, team = excluded.team, level = excluded.level,
       level_since = excluded.level_since, status = excluded.status, last_moves = excluded.last_moves`,
    columnsOf(
      cases,
      (row) => row.caseId,
      (row) => row.familyId,
      (row) => row.childKey,
      (row) => row.area,
      (row) => row.team,
      (row) => row.level,
      (row) => row.levelSince,
      (row) => row.status,
      (row) => JSON.stringify(row.lastMoves),
    ),
  );
}

async function writeReportFamilies(query: Query, families: readonly ReportFamily[]): Promise<void> {
  if (families.length === 0) return;
  await query(
    `insert into report_families (family_id, area, first_case_id, eha_cases, last_eha_case_id)
     select f.family_id, f.area, f.first_case_id, f.eha_cases::jsonb, f.last_eha_case_id
       from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[]) as f(family_id, area, first_case_id, eha_cases, last_eha_case_id)
     on conflict (family_id) do update set eha_cases = excluded.eha_cases, last_eha_case_id = excluded.last_eha_case_id`,
    columnsOf(
      families,
      (row) => row.familyId,
      (row) => row.area,
      (row) => row.firstCaseId,
      (row) => JSON.stringify(row.ehaCases),
      (row) => row.lastEhaCaseId,
    ),
  );
}

async function writeReportChildren(query: Query, children: ReportChanges['children']): Promise<void> {
  if (children.length === 0) return;
  await query(
    `insert into report_children (child_key, referrals)
     select c.child_key, string_to_array(c.referrals, ',')::timestamptz[] from unnest($1::text[], $2::text[]) as c(child_key, referrals)
     on conflict (child_key) do update set referrals = excluded.referrals`,
    columnsOf(
      children,
      (row) => row.childKey,
      (row) => row.referrals.join(','),
    ),
  );
}

/** New moves, then the stored ones corrected (area, category, level) or gone (R22, R36). */
async function writeLevelMoves(query: Query, { newMoves, changedMoves, deletedMoves }: ReportChanges): Promise<void> {
  if (newMoves.length) {
    await query(
      `insert into report_level_moves (position, event_id, case_id, day, area, team, agency, direction, from_level, to_level, reason_category, days_at_level, repeat_since)
       select * from unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
         $11::text[], $12::int[], $13::date[])`,
      columnsOf(
        newMoves,
        (row) => row.position,
        (row) => row.eventId,
        (row) => row.caseId,
        (row) => row.day,
        (row) => row.area,
        (row) => row.team,
        (row) => row.agency,
        (row) => row.direction,
        (row) => row.fromLevel,
        (row) => row.toLevel,
        (row) => row.reasonCategory,
        (row) => row.daysAtLevel,
        (row) => row.repeatSince,
      ),
    );
  }
  if (changedMoves.length) {
    await query(
      `update report_level_moves m set area = u.area, reason_category = u.reason_category, to_level = u.to_level, direction = u.direction
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) as u(case_id, event_id, area, reason_category, to_level, direction)
        where m.case_id = u.case_id and m.event_id = u.event_id`,
      columnsOf(
        changedMoves,
        (row) => row.caseId,
        (row) => row.eventId,
        (row) => row.area,
        (row) => row.reasonCategory,
        (row) => row.toLevel,
        (row) => row.direction,
      ),
    );
  }
  if (deletedMoves.length) {
    await query(
      `delete from report_level_moves m using unnest($1::uuid[], $2::uuid[]) as d(case_id, event_id) where m.case_id = d.case_id and m.event_id = d.event_id`,
      columnsOf(
        deletedMoves,
        (row) => row.caseId,
        (row) => row.eventId,
      ),
    );
  }
}

/** New steps down from specialist, then the stored ones that came back up, moved area or were re-filed. */
async function writeStepDowns(query: Query, { newStepDowns, changedStepDowns }: ReportChanges): Promise<void> {
  if (newStepDowns.length) {
    await query(
      `insert into report_step_downs (position, case_id, child_key, stepped_down_at, day, area, team, to_level, back_up_at, back_up_within)
       select * from unnest($1::bigint[], $2::uuid[], $3::text[], $4::timestamptz[], $5::date[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::smallint[])`,
      columnsOf(
        newStepDowns,
        (row) => row.position,
        (row) => row.caseId,
        (row) => row.childKey,
        (row) => row.steppedDownAt,
        (row) => row.day,
        (row) => row.area,
        (row) => row.team,
        (row) => row.toLevel,
        (row) => row.backUpAt,
        (row) => row.backUpWithin,
      ),
    );
  }
  if (changedStepDowns.length) {
    await query(
      `update report_step_downs s set back_up_at = u.back_up_at, back_up_within = u.back_up_within, area = u.area, to_level = u.to_level
         from unnest($1::bigint[], $2::timestamptz[], $3::smallint[], $4::text[], $5::text[]) as u(position, back_up_at, back_up_within, area, to_level)
        where s.position = u.position`,
      columnsOf(
        changedStepDowns,
        (row) => row.position,
        (row) => row.backUpAt,
        (row) => row.backUpWithin,
        (row) => row.area,
        (row) => row.toLevel,
      ),
    );
  }
}

/** R22: a case's stored facts move with its corrected area (the batch's own are written there already). */
async function moveToCorrectedArea(
  query: Query,
  table: 'report_referrals' | 'report_early_help',
  corrections: ReportChanges['areaCorrections'],
): Promise<void> {
  for (const { caseId, area } of corrections)
    await query(`update ${table} set area = $2 where case_id = $1 and area <> $2`, [caseId, area]);
}

async function writeReferrals(query: Query, { newReferrals, areaCorrections }: ReportChanges): Promise<void> {
  if (newReferrals.length) {
    await query(
      `insert into report_referrals (position, case_id, day, area, team, kind, re_referral)
       select * from unnest($1::bigint[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::boolean[])`,
      columnsOf(
        newReferrals,
        (row) => row.position,
        (row) => row.caseId,
        (row) => row.day,
        (row) => row.area,
        (row) => row.team,
        (row) => row.kind,
        (row) => row.reReferral,
      ),
    );
  }
  await moveToCorrectedArea(query, 'report_referrals', areaCorrections);
}

async function writeEarlyHelp(query: Query, { newEarlyHelp, areaCorrections }: ReportChanges): Promise<void> {
  if (newEarlyHelp.length) {
    await query(
      `insert into report_early_help (position, family_id, case_id, day, area, team, kind)
       select * from unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[])`,
      columnsOf(
        newEarlyHelp,
        (row) => row.position,
        (row) => row.familyId,
        (row) => row.caseId,
        (row) => row.day,
        (row) => row.area,
        (row) => row.team,
        (row) => row.kind,
      ),
    );
  }
  await moveToCorrectedArea(query, 'report_early_help', areaCorrections);
}

/** One upsert that adds the batch's counts to each day's row. */
async function writeDaily(query: Query, daily: readonly DailyCounts[]): Promise<void> {
  if (daily.length === 0) return;
  const types = ['text', 'date', 'text', 'text', ...DAILY_COUNTERS.map(() => 'int')];
  await query(
    `insert into report_daily (bucket, day, area, team, ${DAILY_COUNTERS.join(', ')})
     select * from unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})
     on conflict (bucket) do update set ${DAILY_COUNTERS.map((counter) => `${counter} = report_daily.${counter} + excluded.${counter}`).join(', ')}`,
    columnsOf(
      daily,
      (row) => `${row.day}|${row.area}|${row.team}`,
      (row) => row.day,
      (row) => row.area,
      (row) => row.team,
      ...DAILY_COUNTERS.map((counter) => (row: DailyCounts) => row.counts[counter] ?? 0),
    ),
  );
}
