import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@windscreen/event-store';
import { decode, Decoded, DecodedEvent } from '../events/decode';
import type { Projection } from '@windscreen/projections';
import type { CaseEvent } from '../case/case.events';
import type { CaseOpened } from '../case/open-case/open-case.decide';
import type { FamilyEvent } from '../family/family.decider';
import { backUpContribution, Contribution, DAILY_COUNTERS, moveContribution, referralContribution, stepDownContribution } from './daily-counts';
import { childKey, durabilityWindow, isReReferral } from './measures';
import { daysBetween, ukDay } from './periods';
import { isRecordedLate } from '../domain/working-days';
import { compareLevels, LevelOfNeed } from '../domain/levels-of-need';

/** Where a case stands, as far as the reports need to know. */
interface CaseMemory {
  caseId: string;
  familyId: string;
  childKey: string;
  area: string;
  /** The team that holds the case: its opener's, until it is allocated. */
  team: string;
  level: string | null;
  levelSince: string | null;
  status: string;
  /** The latest day of each move the case made (`complex>specialist`), to count a child once per move. */
  lastMoves: Record<string, string>;
}

interface FamilyMemory {
  familyId: string;
  area: string;
  firstCaseId: string | null;
  /** Which child's case each EHA was started for. */
  ehaCases: Record<string, string>;
  lastEhaCaseId: string | null;
}

interface StepDown {
  position: string;
  childKey: string;
  steppedDownAt: string;
  day: string;
  area: string;
  team: string;
  backUpAt: string | null;
  backUpWithin: number | null;
}

/** Rows for one multi-row insert: one array per column, sent as `unnest` parameters. */
class Rows {
  readonly columns: unknown[][];
  constructor(readonly names: readonly string[]) {
    this.columns = names.map(() => []);
  }
  push(...values: unknown[]): void {
    values.forEach((value, index) => this.columns[index].push(value));
  }
  get size(): number {
    return this.columns[0].length;
  }
}

const HUB_KINDS: Record<string, string> = {
  escalate_to_mash: 'hub_escalated_to_mash',
  district_early_help_service: 'hub_district_early_help',
  signpost: 'hub_signposted',
  advice_and_information: 'hub_advice_and_information',
};

const LEVEL_EVENTS = new Set(['LevelOfNeedAssessed', 'SteppedUp', 'SteppedDown']);
/** Family events that are counted, in the area and team of a child's case. */
const EARLY_HELP_EVENTS = new Set(['EarlyHelpAssessmentStarted', 'EarlyHelpAssessmentCompleted', 'TeamAroundFamilyConvened', 'EarlyHelpHubDecisionRecorded', 'KeepInTouchStarted']);

/**
 * The managers' trend reports (issue 5): level-of-need moves, steps down from specialist and
 * their durability, referrals and re-referrals, and early help, as compact dated facts and as
 * counts per UK day, area and team (`report_daily`).
 * A batch reads only what its events need, is folded in memory in log order and is written with
 * one multi-row statement per table, so the result does not depend on where batches begin and end.
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

  /** R35: working days after which an entry counts as recorded late (RECORDED_LATE_AFTER_WORKING_DAYS). */
  private readonly recordedLateAfter: number;

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    this.recordedLateAfter = config?.recordedLateAfterWorkingDays ?? 2;
  }

  async apply(events: RecordedEvent[], manager: EntityManager): Promise<void> {
    const batch = new TrendReportsBatch(manager, this.recordedLateAfter);
    const decoded = events.map(decode).filter((event) => event !== undefined);
    await batch.load(decoded);
    for (const event of decoded) batch.apply(event);
    await batch.save();
  }
}

class TrendReportsBatch {
  private readonly cases = new Map<string, CaseMemory>();
  private readonly families = new Map<string, FamilyMemory>();
  private readonly children = new Map<string, string[]>();
  private readonly openStepDowns = new Map<string, StepDown[]>();
  private readonly dirtyCases = new Set<string>();
  private readonly dirtyFamilies = new Set<string>();
  private readonly dirtyChildren = new Set<string>();
  /** Step downs already in the table that came back up in this batch. */
  private readonly storedBackUps: StepDown[] = [];
  private readonly newStepDowns: StepDown[] = [];
  private readonly stepDownCases = new Map<StepDown, { caseId: string; toLevel: string }>();
  private readonly moves = new Rows([
    'position', 'event_id', 'case_id', 'day', 'area', 'team', 'agency', 'direction', 'from_level', 'to_level', 'reason_category', 'days_at_level', 'repeat_since',
  ]);
  private readonly referrals = new Rows(['position', 'case_id', 'day', 'area', 'team', 'kind', 're_referral']);
  private readonly earlyHelp = new Rows(['position', 'family_id', 'case_id', 'day', 'area', 'team', 'kind']);
  private readonly daily = new Map<string, { day: string; area: string; team: string; counts: Record<string, number> }>();
  private readonly areaCorrections: { caseId: string; area: string }[] = [];
  private readonly categoryCorrections: { caseId: string; eventId: string; category: string }[] = [];
  private readonly levelCorrections: { caseId: string; eventId: string; level: string }[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly recordedLateAfter: number,
  ) {}

  /** Reads only what this batch's events need: the cases, families and children they touch. */
  async load(events: DecodedEvent[]): Promise<void> {
    const caseIds = new Set<string>();
    const familyIds = new Set<string>();
    const openedKeys = new Map<string, string>();
    const referredCaseIds = new Set<string>();
    const specialistCaseIds = new Set<string>();
    for (const { kind, id, event } of events) {
      if (kind === 'case') {
        if (event.type === 'CaseOpened') openedKeys.set(id, childKey(event.data.familyId, event.data.child));
        else caseIds.add(id); // every entry is counted as recorded (R35), in its case's area and team
        if (event.type === 'ReferralRecorded') referredCaseIds.add(id);
        if ((event.type === 'LevelOfNeedAssessed' && event.data.level === 'specialist') || (event.type === 'SteppedUp' && event.data.to === 'specialist')) {
          specialistCaseIds.add(id);
        }
      } else if (EARLY_HELP_EVENTS.has(event.type)) {
        familyIds.add(id);
        if (event.type === 'EarlyHelpAssessmentStarted') caseIds.add(event.data.caseId);
      }
    }
    if (familyIds.size) {
      const rows: { family_id: string; area: string; first_case_id: string | null; eha_cases: Record<string, string>; last_eha_case_id: string | null }[] =
        await this.manager.query(`select * from report_families where family_id = any($1::uuid[])`, [[...familyIds]]);
      for (const row of rows) {
        this.families.set(row.family_id, {
          familyId: row.family_id,
          area: row.area,
          firstCaseId: row.first_case_id,
          ehaCases: row.eha_cases,
          lastEhaCaseId: row.last_eha_case_id,
        });
        for (const id of [row.first_case_id, row.last_eha_case_id, ...Object.values(row.eha_cases)]) if (id) caseIds.add(id);
      }
    }
    if (caseIds.size) {
      const rows: {
        case_id: string;
        family_id: string;
        child_key: string;
        area: string;
        team: string;
        level: string | null;
        level_since: Date | null;
        status: string;
        last_moves: Record<string, string>;
      }[] = await this.manager.query(`select * from report_cases where case_id = any($1::uuid[])`, [[...caseIds]]);
      for (const row of rows) {
        this.cases.set(row.case_id, {
          caseId: row.case_id,
          familyId: row.family_id,
          childKey: row.child_key,
          area: row.area,
          team: row.team,
          level: row.level,
          levelSince: row.level_since ? new Date(row.level_since).toISOString() : null,
          status: row.status,
          lastMoves: row.last_moves,
        });
      }
    }
    const keyOf = (caseId: string) => openedKeys.get(caseId) ?? this.cases.get(caseId)?.childKey;
    const known = (key: string | undefined): key is string => key !== undefined;
    const referred = new Set([...referredCaseIds].map(keyOf).filter(known));
    if (referred.size) {
      const rows: { child_key: string; referrals: Date[] }[] = await this.manager.query(
        `select child_key, referrals from report_children where child_key = any($1::text[])`,
        [[...referred]],
      );
      for (const row of rows) this.children.set(row.child_key, row.referrals.map((at) => new Date(at).toISOString()));
    }
    const comingBackUp = new Set([...specialistCaseIds].map(keyOf).filter(known));
    if (comingBackUp.size) {
      const open: { position: string; child_key: string; stepped_down_at: Date; day: string; area: string; team: string }[] = await this.manager.query(
        `select position, child_key, stepped_down_at, day::text as day, area, team from report_step_downs
          where back_up_at is null and child_key = any($1::text[]) order by position`,
        [[...comingBackUp]],
      );
      for (const row of open) {
        this.openStepDownsOf(row.child_key).push({
          position: String(row.position),
          childKey: row.child_key,
          steppedDownAt: new Date(row.stepped_down_at).toISOString(),
          day: row.day,
          area: row.area,
          team: row.team,
          backUpAt: null,
          backUpWithin: null,
        });
      }
    }
  }

  apply(decoded: DecodedEvent): void {
    if (decoded.kind === 'case') this.applyToCase(decoded.id, decoded.event);
    else if (decoded.kind === 'family') this.applyToFamily(decoded.id, decoded.event);
  }

  private applyToCase(caseId: string, event: Decoded<CaseEvent>): void {
    const at = event.metadata.occurredAt;
    const position = event.position.toString();
    if (event.type === 'CaseOpened') {
      const { familyId, child, area } = event.data;
      const memory: CaseMemory = {
        caseId,
        familyId,
        childKey: childKey(familyId, child),
        area,
        team: event.metadata.actor.team ?? '',
        level: null,
        levelSince: null,
        status: 'open',
        lastMoves: {},
      };
      this.cases.set(caseId, memory);
      this.dirtyCases.add(caseId);
      this.recorded(memory, event);
      return;
    }
    const memory = this.cases.get(caseId);
    if (!memory) return;
    this.recorded(memory, event);
    const move = (direction: string, from: string, to: string, category: string | null, exitsLevel: boolean) => {
      const day = ukDay(at);
      // The same move made before (that day or earlier): the flow counts the child once.
      const pair = `${from}>${to}`;
      const before = memory.lastMoves[pair];
      const repeatSince = before && before <= day ? before : null;
      memory.lastMoves = { ...memory.lastMoves, [pair]: before && before > day ? before : day };
      this.dirtyCases.add(memory.caseId);
      const daysAtLevel = exitsLevel && memory.levelSince ? Math.max(0, daysBetween(ukDay(memory.levelSince), day)) : null;
      const agency = event.metadata.actor.agency ?? '';
      this.moves.push(position, event.id, memory.caseId, day, memory.area, memory.team, agency, direction, from, to, category, daysAtLevel, repeatSince);
      this.count(day, memory.area, memory.team, moveContribution({ direction, from, to, repeatSince }));
    };
    switch (event.type) {
      case 'LevelOfNeedAssessed':
        move('assessed', 'new_contact', event.data.level, event.data.reasonCategory ?? 'not_recorded', false);
        this.setLevel(memory, event.data.level, at);
        if (event.data.level === 'specialist') this.backUp(memory.childKey, at);
        break;
      case 'SteppedUp':
        move('up', event.data.from, event.data.to, event.data.reasonCategory ?? 'not_recorded', true);
        this.setLevel(memory, event.data.to, at);
        if (event.data.to === 'specialist') this.backUp(memory.childKey, at);
        break;
      case 'SteppedDown':
        move('down', event.data.from, event.data.to, event.data.reasonCategory ?? 'not_recorded', true);
        this.setLevel(memory, event.data.to, at);
        if (event.data.from === 'specialist') {
          const stepDown: StepDown = { position, childKey: memory.childKey, steppedDownAt: at, day: ukDay(at), area: memory.area, team: memory.team, backUpAt: null, backUpWithin: null };
          this.newStepDowns.push(stepDown);
          this.stepDownCases.set(stepDown, { caseId: memory.caseId, toLevel: event.data.to });
          this.openStepDownsOf(memory.childKey).push(stepDown);
          // Counted when it happens; its back-up windows when (if) the child comes back up.
          this.count(stepDown.day, stepDown.area, stepDown.team, { stepped_down_from_specialist: 1 });
        }
        break;
      case 'CaseClosed':
      case 'ContactClosed':
        move('closed', memory.level ?? 'new_contact', 'closed', null, memory.level !== null);
        memory.status = 'closed';
        this.dirtyCases.add(memory.caseId);
        break;
      case 'CaseReopened':
        memory.status = 'open';
        // Time at a level starts again when the case comes back.
        if (memory.level) memory.levelSince = at;
        this.dirtyCases.add(memory.caseId);
        break;
      case 'ReferralRecorded':
        // R28: a contact counts once it becomes a referral; re-referral by the DfE definition, over every case of the child.
        this.referral(memory, position, at, event.data.route);
        break;
      case 'CaseAllocated':
        memory.team = event.data.team;
        this.dirtyCases.add(memory.caseId);
        break;
      case 'EntryCorrected': {
        // R22: a corrected area moves the case's facts and counts with it; a corrected category re-files the step.
        const corrected = event.data.correctedValues;
        if (event.data.correctsType === 'CaseOpened' && typeof corrected.area === 'string') {
          memory.area = corrected.area;
          this.dirtyCases.add(memory.caseId);
          this.areaCorrections.push({ caseId: memory.caseId, area: corrected.area });
        } else if (LEVEL_EVENTS.has(event.data.correctsType)) {
          if (typeof corrected.reasonCategory === 'string') {
            this.categoryCorrections.push({ caseId: memory.caseId, eventId: event.data.correctsEventId, category: corrected.reasonCategory });
          }
          // R36: a corrected level re-files the move it made (the decider allows it on the latest level only).
          const level = corrected.level ?? corrected.to;
          if (typeof level === 'string') {
            memory.level = level;
            this.dirtyCases.add(memory.caseId);
            this.levelCorrections.push({ caseId: memory.caseId, eventId: event.data.correctsEventId, level });
          }
        }
        break;
      }
    }
  }

  private applyToFamily(familyId: string, event: Decoded<FamilyEvent>): void {
    if (event.type === 'FamilyRegistered') {
      this.families.set(familyId, { familyId, area: event.data.area, firstCaseId: event.data.firstCaseId, ehaCases: {}, lastEhaCaseId: null });
      this.dirtyFamilies.add(familyId);
      return;
    }
    const family = this.families.get(familyId);
    if (!family) return;
    switch (event.type) {
      case 'EarlyHelpAssessmentStarted':
        family.ehaCases = { ...family.ehaCases, [event.data.ehaId]: event.data.caseId };
        family.lastEhaCaseId = event.data.caseId;
        this.dirtyFamilies.add(familyId);
        this.earlyHelpFact(event, family, event.data.caseId, 'eha_started');
        break;
      case 'EarlyHelpAssessmentCompleted':
        this.earlyHelpFact(event, family, family.ehaCases[event.data.ehaId], 'eha_completed');
        break;
      case 'TeamAroundFamilyConvened':
        this.earlyHelpFact(event, family, family.ehaCases[event.data.ehaId], event.data.kind === 'TAC' ? 'tac_convened' : 'taf_convened');
        break;
      case 'EarlyHelpHubDecisionRecorded': {
        const kind = HUB_KINDS[event.data.decision];
        if (kind) this.earlyHelpFact(event, family, family.ehaCases[event.data.ehaId], kind);
        break;
      }
      case 'KeepInTouchStarted':
        this.earlyHelpFact(event, family, family.lastEhaCaseId ?? family.firstCaseId ?? undefined, 'keep_in_touch_started');
        break;
    }
  }

  /** Early help happens to a family; it is counted in the area and team of the child's case it is for. */
  private earlyHelpFact(event: Decoded<FamilyEvent>, family: FamilyMemory, caseId: string | undefined, kind: string): void {
    const memory = caseId ? this.cases.get(caseId) : undefined;
    const day = ukDay(event.metadata.occurredAt);
    const area = memory?.area ?? family.area;
    const team = memory?.team ?? event.metadata.actor.team ?? '';
    this.earlyHelp.push(event.position.toString(), family.familyId, memory?.caseId ?? null, day, area, team, kind);
    this.count(day, area, team, { [kind]: 1 });
  }

  /** R35: every entry of the case, on the day it happened, and whether it was recorded late. */
  private recorded(memory: CaseMemory, event: RecordedEvent): void {
    const late = isRecordedLate(event.metadata.occurredAt, event.metadata.recordedAt, this.recordedLateAfter);
    this.count(ukDay(event.metadata.occurredAt), memory.area, memory.team, late ? { entries_recorded: 1, entries_recorded_late: 1 } : { entries_recorded: 1 });
  }

  private setLevel(memory: CaseMemory, level: string, at: string): void {
    memory.level = level;
    memory.levelSince = at;
    this.dirtyCases.add(memory.caseId);
  }

  private referral(memory: CaseMemory, position: string, at: string, kind: string): void {
    const previous = this.children.get(memory.childKey) ?? [];
    const reReferral = isReReferral(previous, at);
    this.children.set(memory.childKey, [...previous, at].sort((a, b) => Date.parse(a) - Date.parse(b)));
    this.dirtyChildren.add(memory.childKey);
    const day = ukDay(at);
    this.referrals.push(position, memory.caseId, day, memory.area, memory.team, kind, reReferral);
    this.count(day, memory.area, memory.team, referralContribution(reReferral));
  }

  /** The child is at specialist again: every earlier step down from specialist still open did not hold. */
  private backUp(key: string, at: string): void {
    const open = this.openStepDowns.get(key);
    if (!open?.length) return;
    const stillOpen: StepDown[] = [];
    for (const stepDown of open) {
      if (Date.parse(stepDown.steppedDownAt) < Date.parse(at)) {
        stepDown.backUpAt = at;
        stepDown.backUpWithin = durabilityWindow(stepDown.steppedDownAt, at);
        if (!this.stepDownCases.has(stepDown)) this.storedBackUps.push(stepDown);
        this.count(stepDown.day, stepDown.area, stepDown.team, backUpContribution(stepDown.backUpWithin));
      } else {
        stillOpen.push(stepDown);
      }
    }
    this.openStepDowns.set(key, stillOpen);
  }

  private openStepDownsOf(key: string): StepDown[] {
    let open = this.openStepDowns.get(key);
    if (!open) this.openStepDowns.set(key, (open = []));
    return open;
  }

  /** Adds (or with sign -1 takes away) a fact's contribution to its day's counters. */
  private count(day: string, area: string, team: string, contribution: Contribution, sign = 1): void {
    const bucket = `${day}|${area}|${team}`;
    let row = this.daily.get(bucket);
    if (!row) this.daily.set(bucket, (row = { day, area, team, counts: {} }));
    for (const [counter, n] of Object.entries(contribution)) row.counts[counter] = (row.counts[counter] ?? 0) + sign * (n ?? 0);
  }

  async save(): Promise<void> {
    const q = (sql: string, parameters: unknown[]) => this.manager.query(sql, parameters);
    if (this.dirtyCases.size) {
      const rows = new Rows(['case_id', 'family_id', 'child_key', 'area', 'team', 'level', 'level_since', 'status', 'last_moves']);
      for (const id of this.dirtyCases) {
        const c = this.cases.get(id)!;
        rows.push(c.caseId, c.familyId, c.childKey, c.area, c.team, c.level, c.levelSince, c.status, JSON.stringify(c.lastMoves));
      }
      await q(
        `insert into report_cases (case_id, family_id, child_key, area, team, level, level_since, status, last_moves)
         select c.case_id, c.family_id, c.child_key, c.area, c.team, c.level, c.level_since, c.status, c.last_moves::jsonb
           from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
             as c(case_id, family_id, child_key, area, team, level, level_since, status, last_moves)
         on conflict (case_id) do update set area = excluded.area, team = excluded.team, level = excluded.level,
           level_since = excluded.level_since, status = excluded.status, last_moves = excluded.last_moves`,
        rows.columns,
      );
    }
    if (this.dirtyFamilies.size) {
      const rows = new Rows(['family_id', 'area', 'first_case_id', 'eha_cases', 'last_eha_case_id']);
      for (const id of this.dirtyFamilies) {
        const f = this.families.get(id)!;
        rows.push(f.familyId, f.area, f.firstCaseId, JSON.stringify(f.ehaCases), f.lastEhaCaseId);
      }
      await q(
        `insert into report_families (family_id, area, first_case_id, eha_cases, last_eha_case_id)
         select f.family_id, f.area, f.first_case_id, f.eha_cases::jsonb, f.last_eha_case_id
           from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[]) as f(family_id, area, first_case_id, eha_cases, last_eha_case_id)
         on conflict (family_id) do update set eha_cases = excluded.eha_cases, last_eha_case_id = excluded.last_eha_case_id`,
        rows.columns,
      );
    }
    if (this.dirtyChildren.size) {
      const keys = [...this.dirtyChildren];
      await q(
        `insert into report_children (child_key, referrals)
         select c.child_key, string_to_array(c.referrals, ',')::timestamptz[] from unnest($1::text[], $2::text[]) as c(child_key, referrals)
         on conflict (child_key) do update set referrals = excluded.referrals`,
        [keys, keys.map((key) => this.children.get(key)!.join(','))],
      );
    }
    if (this.moves.size) {
      await q(
        `insert into report_level_moves (${this.moves.names.join(', ')})
         select * from unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
           $11::text[], $12::int[], $13::date[])`,
        this.moves.columns,
      );
    }
    if (this.newStepDowns.length) {
      const rows = new Rows(['position', 'case_id', 'child_key', 'stepped_down_at', 'day', 'area', 'team', 'to_level', 'back_up_at', 'back_up_within']);
      for (const s of this.newStepDowns) {
        const { caseId, toLevel } = this.stepDownCases.get(s)!;
        rows.push(s.position, caseId, s.childKey, s.steppedDownAt, s.day, s.area, s.team, toLevel, s.backUpAt, s.backUpWithin);
      }
      await q(
        `insert into report_step_downs (${rows.names.join(', ')})
         select * from unnest($1::bigint[], $2::uuid[], $3::text[], $4::timestamptz[], $5::date[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::smallint[])`,
        rows.columns,
      );
    }
    if (this.storedBackUps.length) {
      await q(
        `update report_step_downs s set back_up_at = u.back_up_at, back_up_within = u.back_up_within
           from unnest($1::bigint[], $2::timestamptz[], $3::smallint[]) as u(position, back_up_at, back_up_within)
          where s.position = u.position`,
        [this.storedBackUps.map((s) => s.position), this.storedBackUps.map((s) => s.backUpAt), this.storedBackUps.map((s) => s.backUpWithin)],
      );
    }
    if (this.referrals.size) {
      await q(
        `insert into report_referrals (${this.referrals.names.join(', ')})
         select * from unnest($1::bigint[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::boolean[])`,
        this.referrals.columns,
      );
    }
    if (this.earlyHelp.size) {
      await q(
        `insert into report_early_help (${this.earlyHelp.names.join(', ')})
         select * from unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::date[], $5::text[], $6::text[], $7::text[])`,
        this.earlyHelp.columns,
      );
    }
    await this.saveDaily();
    for (const { caseId, area } of this.areaCorrections) await this.moveArea(caseId, area);
    for (const { caseId, eventId, category } of this.categoryCorrections) {
      await q(`update report_level_moves set reason_category = $3 where case_id = $1 and event_id = $2`, [caseId, eventId, category]);
    }
    for (const correction of this.levelCorrections) await this.refileLevel(correction);
    if (this.levelCorrections.length) await this.saveDaily();
  }

  /**
   * R22, R36: the move is filed under its corrected level, its counts taken from the old move and
   * given to the new one; a step corrected to the level it started from never happened, and goes.
   */
  private async refileLevel({ caseId, eventId, level }: { caseId: string; eventId: string; level: string }): Promise<void> {
    const [move]: { day: string; area: string; team: string; direction: string; from_level: string; to_level: string; repeat_since: string | null }[] =
      await this.manager.query(
        `select day::text as day, area, team, direction, from_level, to_level, repeat_since::text as repeat_since
           from report_level_moves where case_id = $1 and event_id = $2`,
        [caseId, eventId],
      );
    if (!move || move.to_level === level) return;
    const before = { direction: move.direction, from: move.from_level, to: move.to_level, repeatSince: move.repeat_since };
    this.count(move.day, move.area, move.team, moveContribution(before), -1);
    if (move.direction !== 'assessed' && move.from_level === level) {
      await this.manager.query(`delete from report_level_moves where case_id = $1 and event_id = $2`, [caseId, eventId]);
      return;
    }
    const direction = move.direction === 'assessed' ? 'assessed' : compareLevels(level as LevelOfNeed, move.from_level as LevelOfNeed) > 0 ? 'up' : 'down';
    this.count(move.day, move.area, move.team, moveContribution({ ...before, direction, to: level }));
    await this.manager.query(`update report_level_moves set to_level = $3, direction = $4 where case_id = $1 and event_id = $2`, [caseId, eventId, level, direction]);
    await this.manager.query(
      `update report_step_downs s set to_level = $3 from report_level_moves m where m.case_id = $1 and m.event_id = $2 and s.position = m.position`,
      [caseId, eventId, level],
    );
  }

  /** One upsert that adds this batch's counts to each day's row. */
  private async saveDaily(): Promise<void> {
    if (this.daily.size === 0) return;
    const rows = new Rows(['bucket', 'day', 'area', 'team', ...DAILY_COUNTERS]);
    for (const [bucket, { day, area, team, counts }] of this.daily) rows.push(bucket, day, area, team, ...DAILY_COUNTERS.map((counter) => counts[counter] ?? 0));
    this.daily.clear();
    const types = ['text', 'date', 'text', 'text', ...DAILY_COUNTERS.map(() => 'int')];
    await this.manager.query(
      `insert into report_daily (${rows.names.join(', ')})
       select * from unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')})
       on conflict (bucket) do update set ${DAILY_COUNTERS.map((counter) => `${counter} = report_daily.${counter} + excluded.${counter}`).join(', ')}`,
      rows.columns,
    );
  }

  /** R22: the case was always in the corrected area: its facts move there, and their counts with them. */
  private async moveArea(caseId: string, area: string): Promise<void> {
    const q = (sql: string): Promise<({ day: string; area: string; team: string } & Record<string, unknown>)[]> =>
      this.manager.query(sql, [caseId, area]);
    const move = (row: { day: string; area: string; team: string }, contribution: Contribution) => {
      this.count(row.day, row.area, row.team, contribution, -1);
      this.count(row.day, area, row.team, contribution);
    };
    const where = 'where case_id = $1 and area <> $2';
    for (const row of await q(`select day::text as day, area, team, direction, from_level, to_level, repeat_since from report_level_moves ${where}`)) {
      move(row, moveContribution({ direction: String(row.direction), from: String(row.from_level), to: String(row.to_level), repeatSince: row.repeat_since ? 'yes' : null }));
    }
    for (const row of await q(`select day::text as day, area, team, re_referral from report_referrals ${where}`)) move(row, referralContribution(Boolean(row.re_referral)));
    for (const row of await q(`select day::text as day, area, team, kind from report_early_help ${where}`)) move(row, { [String(row.kind)]: 1 });
    for (const row of await q(`select day::text as day, area, team, back_up_within from report_step_downs ${where}`)) {
      move(row, stepDownContribution(row.back_up_within === null ? null : Number(row.back_up_within)));
    }
    await this.saveDaily();
    for (const table of ['report_level_moves', 'report_step_downs', 'report_referrals', 'report_early_help']) {
      await this.manager.query(`update ${table} set area = $2 where case_id = $1`, [caseId, area]);
    }
  }
}
