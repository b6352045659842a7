import type { CaseEvent } from '../case/case.events';
import type { ReasonCategory } from '../case/change-level-of-need/change-level-of-need.decide';
import type { ReferralRoute } from '../case/referral/referral.decide';
import type { CaseOrFamilyEvent, Decoded } from '../events/decode';
import type { HubDecision } from '../family/early-help/early-help.decide';
import type { FamilyEvent } from '../family/family.decider';
import { compareLevels, LevelOfNeed } from '../domain/levels-of-need';
import type { Area } from '../domain/national-codes';
import { isRecordedLate } from '../domain/working-days';
import {
  backUpContribution,
  Contribution,
  DailyCounter,
  EARLY_HELP_KINDS,
  moveContribution,
  referralContribution,
  stepDownContribution,
} from './daily-counts';
import { childKey, durabilityWindow, DurabilityWindow, isReReferral } from './measures';
import { daysBetween, ukDay } from './periods';

export type CaseStatus = 'open' | 'closed';
export type EarlyHelpKind = (typeof EARLY_HELP_KINDS)[number];
/** Where a move starts: a level, or a new contact (an assessment). */
export type MoveOrigin = LevelOfNeed | 'new_contact';
/** Where a move ends: a level, or the case closed. */
export type MoveDestination = LevelOfNeed | 'closed';
export type MoveDirection = 'assessed' | 'up' | 'down' | 'closed';
/** A move's reason category; an assessment or step recorded without one is `not_recorded`. */
export type MoveCategory = ReasonCategory | 'not_recorded';

/** Where a case stands, as far as the reports need to know (`report_cases`). */
export interface ReportCase {
  caseId: string;
  familyId: string;
  childKey: string;
  area: Area;
  /** The team that holds the case: its opener's, until it is allocated. */
  team: string;
  level: LevelOfNeed | null;
  levelSince: string | null;
  status: CaseStatus;
  /** The latest day of each move the case made (`complex>specialist`), to count a child once per move. */
  lastMoves: Record<string, string>;
}

/** A family, as far as the reports need to know (`report_families`). */
export interface ReportFamily {
  familyId: string;
  area: Area;
  firstCaseId: string | null;
  /** Which child's case each EHA was started for. */
  ehaCases: Record<string, string>;
  lastEhaCaseId: string | null;
}

/** A move between levels (`report_level_moves`). */
export interface LevelMove {
  position: string;
  eventId: string;
  caseId: string;
  day: string;
  area: Area;
  team: string;
  agency: string;
  direction: MoveDirection;
  fromLevel: MoveOrigin;
  toLevel: MoveDestination;
  reasonCategory: MoveCategory | null;
  daysAtLevel: number | null;
  /** The day the case made the same move before, if it did: the flow counts the child once. */
  repeatSince: string | null;
}

/** A step down from specialist, and whether the child came back up (`report_step_downs`). */
export interface StepDown {
  position: string;
  caseId: string;
  childKey: string;
  steppedDownAt: string;
  day: string;
  area: Area;
  team: string;
  toLevel: LevelOfNeed;
  backUpAt: string | null;
  backUpWithin: DurabilityWindow | null;
}

/** A referral to Children's Social Care (`report_referrals`). */
export interface ReferralFact {
  position: string;
  caseId: string;
  day: string;
  area: Area;
  team: string;
  kind: ReferralRoute;
  reReferral: boolean;
}

/** Early help done for a family, counted in the area and team of the child's case it is for (`report_early_help`). */
export interface EarlyHelpFact {
  position: string;
  familyId: string;
  caseId: string | null;
  day: string;
  area: Area;
  team: string;
  kind: EarlyHelpKind;
}

/** One UK day's counters for an area and a team (`report_daily`), as changes to add. */
export interface DailyCounts {
  day: string;
  area: Area;
  team: string;
  counts: Partial<Record<DailyCounter, number>>;
}

/** What a batch needs to know from the tables, loaded for its events (see `reportFactsNeeded`). */
export interface ReportFacts {
  cases: ReadonlyMap<string, ReportCase>;
  families: ReadonlyMap<string, ReportFamily>;
  /** Each child's referrals, oldest first, for the children referred in the batch. */
  referralsByChild: ReadonlyMap<string, readonly string[]>;
  /** Step downs from specialist not yet followed by a return: of the children who may come back up, and of the cases whose area is corrected. */
  stepDowns: readonly StepDown[];
  /** Every stored fact of the cases whose area or a level is corrected in the batch. */
  moves: readonly LevelMove[];
  referrals: readonly ReferralFact[];
  earlyHelp: readonly EarlyHelpFact[];
}

/** What a batch's events need loaded: the ids to read rows for. */
export interface ReportFactsNeeded {
  caseIds: Set<string>;
  familyIds: Set<string>;
  /** Cases opened in the batch, with their child: for the children whose referrals or step downs are read. */
  openedChildren: Map<string, string>;
  referredCaseIds: Set<string>;
  /** Cases that reach specialist in the batch: their children's open step downs may end. */
  specialistCaseIds: Set<string>;
  /** Cases with a corrected area or level: their stored facts move or are re-filed. */
  correctedCaseIds: Set<string>;
}

/** What a batch changes, one list per table; rows before updates, so that updates reach rows written in the same batch. */
export interface ReportChanges {
  cases: ReportCase[];
  families: ReportFamily[];
  children: { childKey: string; referrals: string[] }[];
  newMoves: LevelMove[];
  newStepDowns: StepDown[];
  newReferrals: ReferralFact[];
  newEarlyHelp: EarlyHelpFact[];
  /** Stored step downs that came back up (or moved area, or were re-filed) in the batch. */
  changedStepDowns: StepDown[];
  /** Stored moves whose category, level or area was corrected. */
  changedMoves: LevelMove[];
  /** Stored moves of steps corrected to the level they started from: they never happened (R36). */
  deletedMoves: { caseId: string; eventId: string }[];
  /** R22: cases whose facts all move to a corrected area. */
  areaCorrections: { caseId: string; area: Area }[];
  daily: DailyCounts[];
}

const HUB_KINDS: Record<HubDecision, EarlyHelpKind> = {
  escalate_to_mash: 'hub_escalated_to_mash',
  district_early_help_service: 'hub_district_early_help',
  signpost: 'hub_signposted',
  advice_and_information: 'hub_advice_and_information',
};

const LEVEL_EVENTS: ReadonlySet<string> = new Set(['LevelOfNeedAssessed', 'SteppedUp', 'SteppedDown']);
/** Family events that are counted, in the area and team of a child's case. */
const EARLY_HELP_EVENTS: ReadonlySet<string> = new Set([
  'EarlyHelpAssessmentStarted',
  'EarlyHelpAssessmentCompleted',
  'TeamAroundFamilyConvened',
  'EarlyHelpHubDecisionRecorded',
  'KeepInTouchStarted',
]);

/** The ids whose rows a batch of events needs. Families' own rows may name more cases (see `casesNamedBy`). */
export function reportFactsNeeded(events: readonly CaseOrFamilyEvent[]): ReportFactsNeeded {
  const needed: ReportFactsNeeded = {
    caseIds: new Set(),
    familyIds: new Set(),
    openedChildren: new Map(),
    referredCaseIds: new Set(),
    specialistCaseIds: new Set(),
    correctedCaseIds: new Set(),
  };
  for (const { kind, id, event } of events) {
    if (kind === 'case') {
      if (event.type === 'CaseOpened') needed.openedChildren.set(id, childKey(event.data.familyId, event.data.child));
      else needed.caseIds.add(id); // every entry is counted as recorded (R35), in its case's area and team
      if (event.type === 'ReferralRecorded') needed.referredCaseIds.add(id);
      if (
        (event.type === 'LevelOfNeedAssessed' && event.data.level === 'specialist') ||
        (event.type === 'SteppedUp' && event.data.to === 'specialist')
      ) {
        needed.specialistCaseIds.add(id);
      }
      if (
        event.type === 'EntryCorrected' &&
        (event.data.correctsType === 'CaseOpened' || LEVEL_EVENTS.has(event.data.correctsType))
      )
        needed.correctedCaseIds.add(id);
    } else if (EARLY_HELP_EVENTS.has(event.type)) {
      needed.familyIds.add(id);
      if (event.type === 'EarlyHelpAssessmentStarted') needed.caseIds.add(event.data.caseId);
    }
  }
  return needed;
}

/** The cases a family's row names: early help is counted in their area and team. */
export function casesNamedBy(family: ReportFamily): string[] {
  return [family.firstCaseId, family.lastEhaCaseId, ...Object.values(family.ehaCases)].filter(
    (id): id is string => id !== null,
  );
}

/**
 * The trend reports' fold: the batch's events, in log order, over the facts loaded for them, to
 * the rows each table gains or changes. Pure: the same events over the same facts give the same
 * changes, so the result does not depend on where batches begin and end.
 */
export function foldTrendReports(
  events: readonly CaseOrFamilyEvent[],
  facts: ReportFacts,
  recordedLateAfterWorkingDays: number,
): ReportChanges {
  return new TrendReportsFold(facts, recordedLateAfterWorkingDays).fold(events);
}

class TrendReportsFold {
  private readonly cases: Map<string, ReportCase>;
  private readonly families: Map<string, ReportFamily>;
  private readonly referralsByChild: Map<string, string[]>;
  private readonly changedCases = new Set<string>();
  private readonly changedFamilies = new Set<string>();
  private readonly changedChildren = new Set<string>();
  /** Step downs by child not yet followed by a return, oldest first. */
  private readonly openStepDowns = new Map<string, StepDown[]>();
  private readonly storedStepDowns: StepDown[];
  private readonly storedMoves: LevelMove[];
  private readonly storedReferrals: ReferralFact[];
  private readonly storedEarlyHelp: EarlyHelpFact[];
  private readonly changedStoredStepDowns = new Set<StepDown>();
  private readonly changedStoredMoves = new Set<LevelMove>();
  private readonly deletedMoves: LevelMove[] = [];
  private readonly newMoves: LevelMove[] = [];
  private readonly newStepDowns: StepDown[] = [];
  private readonly newReferrals: ReferralFact[] = [];
  private readonly newEarlyHelp: EarlyHelpFact[] = [];
  private readonly daily = new Map<string, DailyCounts>();
  private readonly areaCorrections: { caseId: string; area: Area }[] = [];
  private readonly categoryCorrections: { caseId: string; eventId: string; category: MoveCategory }[] = [];
  private readonly levelCorrections: { caseId: string; eventId: string; level: LevelOfNeed }[] = [];

  constructor(
    facts: ReportFacts,
    private readonly recordedLateAfter: number,
  ) {
    // Copies: the fold changes its own rows, never the facts it was given.
    this.cases = new Map([...facts.cases].map(([id, row]) => [id, { ...row }]));
    this.families = new Map([...facts.families].map(([id, row]) => [id, { ...row }]));
    this.referralsByChild = new Map([...facts.referralsByChild].map(([key, referrals]) => [key, [...referrals]]));
    this.storedStepDowns = facts.stepDowns.map((row) => ({ ...row }));
    this.storedMoves = facts.moves.map((row) => ({ ...row }));
    this.storedReferrals = facts.referrals.map((row) => ({ ...row }));
    this.storedEarlyHelp = facts.earlyHelp.map((row) => ({ ...row }));
    for (const stepDown of [...this.storedStepDowns].sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)))) {
      if (stepDown.backUpAt === null) this.openStepDownsOf(stepDown.childKey).push(stepDown);
    }
  }

  fold(events: readonly CaseOrFamilyEvent[]): ReportChanges {
    for (const decoded of events) {
      if (decoded.kind === 'case') this.applyToCase(decoded.id, decoded.event);
      else this.applyToFamily(decoded.id, decoded.event);
    }
    // Corrections apply to the batch's facts and the stored ones alike, after the batch's events, as their updates are written.
    for (const { caseId, area } of this.areaCorrections) this.moveArea(caseId, area);
    for (const { caseId, eventId, category } of this.categoryCorrections) {
      for (const move of this.movesOf(caseId, eventId)) {
        move.reasonCategory = category;
        this.changed(move);
      }
    }
    for (const correction of this.levelCorrections) this.refileLevel(correction);
    return {
      cases: [...this.changedCases].map((id) => this.cases.get(id)!),
      families: [...this.changedFamilies].map((id) => this.families.get(id)!),
      children: [...this.changedChildren].map((key) => ({ childKey: key, referrals: this.referralsByChild.get(key)! })),
      newMoves: this.newMoves.filter((move) => !this.deletedMoves.includes(move)),
      newStepDowns: this.newStepDowns,
      newReferrals: this.newReferrals,
      newEarlyHelp: this.newEarlyHelp,
      changedStepDowns: [...this.changedStoredStepDowns],
      changedMoves: [...this.changedStoredMoves].filter((move) => !this.deletedMoves.includes(move)),
      deletedMoves: this.deletedMoves
        .filter((move) => this.storedMoves.includes(move))
        .map(({ caseId, eventId }) => ({ caseId, eventId })),
      areaCorrections: this.areaCorrections,
      daily: [...this.daily.values()],
    };
  }

  private applyToCase(caseId: string, event: Decoded<CaseEvent>): void {
    const at = event.metadata.occurredAt;
    const position = event.position.toString();
    if (event.type === 'CaseOpened') {
      const { familyId, child, area } = event.data;
      const opened: ReportCase = {
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
      this.cases.set(caseId, opened);
      this.changedCases.add(caseId);
      this.countRecorded(opened, event);
      return;
    }
    const reportCase = this.cases.get(caseId);
    if (!reportCase) return;
    this.countRecorded(reportCase, event);
    const move = (
      direction: MoveDirection,
      fromLevel: MoveOrigin,
      toLevel: MoveDestination,
      category: MoveCategory | null,
      exitsLevel: boolean,
    ) => this.move(reportCase, event, { direction, fromLevel, toLevel, reasonCategory: category }, exitsLevel);
    switch (event.type) {
      case 'LevelOfNeedAssessed':
        move('assessed', 'new_contact', event.data.level, event.data.reasonCategory ?? 'not_recorded', false);
        this.setLevel(reportCase, event.data.level, at);
        if (event.data.level === 'specialist') this.backUp(reportCase.childKey, at);
        break;
      case 'SteppedUp':
        move('up', event.data.from, event.data.to, event.data.reasonCategory ?? 'not_recorded', true);
        this.setLevel(reportCase, event.data.to, at);
        if (event.data.to === 'specialist') this.backUp(reportCase.childKey, at);
        break;
      case 'SteppedDown':
        move('down', event.data.from, event.data.to, event.data.reasonCategory ?? 'not_recorded', true);
        this.setLevel(reportCase, event.data.to, at);
        if (event.data.from === 'specialist') {
          const stepDown: StepDown = {
            position,
            caseId,
            childKey: reportCase.childKey,
            steppedDownAt: at,
            day: ukDay(at),
            area: reportCase.area,
            team: reportCase.team,
            toLevel: event.data.to,
            backUpAt: null,
            backUpWithin: null,
          };
          this.newStepDowns.push(stepDown);
          this.openStepDownsOf(reportCase.childKey).push(stepDown);
          // Counted when it happens; its back-up windows when (if) the child comes back up.
          this.count(stepDown, { stepped_down_from_specialist: 1 });
        }
        break;
      case 'CaseClosed':
      case 'ContactClosed':
        move('closed', reportCase.level ?? 'new_contact', 'closed', null, reportCase.level !== null);
        reportCase.status = 'closed';
        this.changedCases.add(caseId);
        break;
      case 'CaseReopened':
        reportCase.status = 'open';
        // Time at a level starts again when the case comes back.
        if (reportCase.level) reportCase.levelSince = at;
        this.changedCases.add(caseId);
        break;
      case 'ReferralRecorded':
        // R28: a contact counts once it becomes a referral; re-referral by the DfE definition, over every case of the child.
        this.referral(reportCase, position, at, event.data.route);
        break;
      case 'CaseAllocated':
        reportCase.team = event.data.team;
        this.changedCases.add(caseId);
        break;
      case 'EntryCorrected': {
        // R22: a corrected area moves the case's facts and counts with it; a corrected category re-files the step.
        const corrected = event.data.correctedValues;
        if (event.data.correctsType === 'CaseOpened' && typeof corrected.area === 'string') {
          reportCase.area = corrected.area as Area;
          this.changedCases.add(caseId);
          this.areaCorrections.push({ caseId, area: corrected.area as Area });
        } else if (LEVEL_EVENTS.has(event.data.correctsType)) {
          if (typeof corrected.reasonCategory === 'string') {
            this.categoryCorrections.push({
              caseId,
              eventId: event.data.correctsEventId,
              category: corrected.reasonCategory as ReasonCategory,
            });
          }
          // R36: a corrected level re-files the move it made (the decider allows it on the latest level only).
          const level = corrected.level ?? corrected.to;
          if (typeof level === 'string') {
            reportCase.level = level as LevelOfNeed;
            this.changedCases.add(caseId);
            this.levelCorrections.push({ caseId, eventId: event.data.correctsEventId, level: level as LevelOfNeed });
          }
        }
        break;
      }
    }
  }

  private move(
    reportCase: ReportCase,
    event: Decoded<CaseEvent>,
    made: Pick<LevelMove, 'direction' | 'fromLevel' | 'toLevel' | 'reasonCategory'>,
    exitsLevel: boolean,
  ): void {
    const day = ukDay(event.metadata.occurredAt);
    // The same move made before (that day or earlier): the flow counts the child once.
    const pair = `${made.fromLevel}>${made.toLevel}`;
    const before = reportCase.lastMoves[pair];
    const repeatSince = before && before <= day ? before : null;
    reportCase.lastMoves = { ...reportCase.lastMoves, [pair]: before && before > day ? before : day };
    this.changedCases.add(reportCase.caseId);
    const move: LevelMove = {
      position: event.position.toString(),
      eventId: event.id,
      caseId: reportCase.caseId,
      day,
      area: reportCase.area,
      team: reportCase.team,
      agency: event.metadata.actor.agency ?? '',
      ...made,
      daysAtLevel:
        exitsLevel && reportCase.levelSince ? Math.max(0, daysBetween(ukDay(reportCase.levelSince), day)) : null,
      repeatSince,
    };
    this.newMoves.push(move);
    this.count(move, moveContributionOf(move));
  }

  private applyToFamily(familyId: string, event: Decoded<FamilyEvent>): void {
    if (event.type === 'FamilyRegistered') {
      this.families.set(familyId, {
        familyId,
        area: event.data.area,
        firstCaseId: event.data.firstCaseId,
        ehaCases: {},
        lastEhaCaseId: null,
      });
      this.changedFamilies.add(familyId);
      return;
    }
    const family = this.families.get(familyId);
    if (!family) return;
    switch (event.type) {
      case 'EarlyHelpAssessmentStarted':
        family.ehaCases = { ...family.ehaCases, [event.data.ehaId]: event.data.caseId };
        family.lastEhaCaseId = event.data.caseId;
        this.changedFamilies.add(familyId);
        this.earlyHelp(event, family, event.data.caseId, 'eha_started');
        break;
      case 'EarlyHelpAssessmentCompleted':
        this.earlyHelp(event, family, family.ehaCases[event.data.ehaId], 'eha_completed');
        break;
      case 'TeamAroundFamilyConvened':
        this.earlyHelp(
          event,
          family,
          family.ehaCases[event.data.ehaId],
          event.data.kind === 'TAC' ? 'tac_convened' : 'taf_convened',
        );
        break;
      case 'EarlyHelpHubDecisionRecorded':
        this.earlyHelp(event, family, family.ehaCases[event.data.ehaId], HUB_KINDS[event.data.decision]);
        break;
      case 'KeepInTouchStarted':
        this.earlyHelp(event, family, family.lastEhaCaseId ?? family.firstCaseId ?? undefined, 'keep_in_touch_started');
        break;
    }
  }

  /** Early help happens to a family; it is counted in the area and team of the child's case it is for. */
  private earlyHelp(
    event: Decoded<FamilyEvent>,
    family: ReportFamily,
    caseId: string | undefined,
    kind: EarlyHelpKind,
  ): void {
    const reportCase = caseId ? this.cases.get(caseId) : undefined;
    const fact: EarlyHelpFact = {
      position: event.position.toString(),
      familyId: family.familyId,
      caseId: reportCase?.caseId ?? null,
      day: ukDay(event.metadata.occurredAt),
      area: reportCase?.area ?? family.area,
      team: reportCase?.team ?? event.metadata.actor.team ?? '',
      kind,
    };
    this.newEarlyHelp.push(fact);
    this.count(fact, { [kind]: 1 });
  }

  /** R35: every entry of the case, on the day it happened, and whether it was recorded late. */
  private countRecorded(reportCase: ReportCase, event: Decoded<CaseEvent>): void {
    const late = isRecordedLate(event.metadata.occurredAt, event.metadata.recordedAt, this.recordedLateAfter);
    const where = { day: ukDay(event.metadata.occurredAt), area: reportCase.area, team: reportCase.team };
    this.count(where, late ? { entries_recorded: 1, entries_recorded_late: 1 } : { entries_recorded: 1 });
  }

  private setLevel(reportCase: ReportCase, level: LevelOfNeed, at: string): void {
    reportCase.level = level;
    reportCase.levelSince = at;
    this.changedCases.add(reportCase.caseId);
  }

  private referral(reportCase: ReportCase, position: string, at: string, kind: ReferralRoute): void {
    const previous = this.referralsByChild.get(reportCase.childKey) ?? [];
    const reReferral = isReReferral(previous, at);
    this.referralsByChild.set(
      reportCase.childKey,
      [...previous, at].sort((a, b) => Date.parse(a) - Date.parse(b)),
    );
    this.changedChildren.add(reportCase.childKey);
    const fact: ReferralFact = {
      position,
      caseId: reportCase.caseId,
      day: ukDay(at),
      area: reportCase.area,
      team: reportCase.team,
      kind,
      reReferral,
    };
    this.newReferrals.push(fact);
    this.count(fact, referralContribution(reReferral));
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
        this.changed(stepDown);
        this.count(stepDown, backUpContribution(stepDown.backUpWithin));
      } else {
        stillOpen.push(stepDown);
      }
    }
    this.openStepDowns.set(key, stillOpen);
  }

  /** R22: the case was always in the corrected area: its facts move there, and their counts with them. */
  private moveArea(caseId: string, area: Area): void {
    const moveCounts = (fact: { day: string; area: Area; team: string }, contribution: Contribution) => {
      this.count(fact, contribution, -1);
      this.count({ ...fact, area }, contribution);
      fact.area = area;
    };
    const ofCase = <T extends { caseId: string | null; area: Area }>(rows: readonly T[]) =>
      rows.filter((row) => row.caseId === caseId && row.area !== area);
    for (const move of ofCase([...this.storedMoves, ...this.newMoves])) {
      moveCounts(move, moveContributionOf(move));
      this.changed(move);
    }
    for (const referral of ofCase([...this.storedReferrals, ...this.newReferrals]))
      moveCounts(referral, referralContribution(referral.reReferral));
    for (const fact of ofCase([...this.storedEarlyHelp, ...this.newEarlyHelp])) moveCounts(fact, { [fact.kind]: 1 });
    for (const stepDown of ofCase([...this.storedStepDowns, ...this.newStepDowns])) {
      moveCounts(stepDown, stepDownContribution(stepDown.backUpWithin));
      this.changed(stepDown);
    }
  }

  /**
   * R22, R36: the move is filed under its corrected level, its counts taken from the old move and
   * given to the new one; a step corrected to the level it started from never happened, and goes.
   */
  private refileLevel({ caseId, eventId, level }: { caseId: string; eventId: string; level: LevelOfNeed }): void {
    const [move] = this.movesOf(caseId, eventId);
    if (!move || move.toLevel === level) return;
    this.count(move, moveContributionOf(move), -1);
    if (move.direction !== 'assessed' && move.fromLevel === level) {
      this.deletedMoves.push(move);
      return;
    }
    move.direction =
      move.direction === 'assessed'
        ? 'assessed'
        : compareLevels(level, move.fromLevel as LevelOfNeed) > 0
          ? 'up'
          : 'down';
    move.toLevel = level;
    this.changed(move);
    this.count(move, moveContributionOf(move));
    for (const stepDown of [...this.storedStepDowns, ...this.newStepDowns].filter(
      (row) => row.position === move.position,
    )) {
      stepDown.toLevel = level;
      this.changed(stepDown);
    }
  }

  private movesOf(caseId: string, eventId: string): LevelMove[] {
    return [...this.storedMoves, ...this.newMoves].filter(
      (move) => move.caseId === caseId && move.eventId === eventId && !this.deletedMoves.includes(move),
    );
  }

  /** A stored row is rewritten; a row of this batch is written as it ends. */
  private changed(row: LevelMove | StepDown): void {
    if ('eventId' in row) {
      if (this.storedMoves.includes(row)) this.changedStoredMoves.add(row);
    } else if (this.storedStepDowns.includes(row)) {
      this.changedStoredStepDowns.add(row);
    }
  }

  private openStepDownsOf(key: string): StepDown[] {
    let open = this.openStepDowns.get(key);
    if (!open) this.openStepDowns.set(key, (open = []));
    return open;
  }

  /** Adds (or with sign -1 takes away) a fact's contribution to its day's counters. */
  private count(
    { day, area, team }: { day: string; area: Area; team: string },
    contribution: Contribution,
    sign = 1,
  ): void {
    const bucket = `${day}|${area}|${team}`;
    let row = this.daily.get(bucket);
    if (!row) this.daily.set(bucket, (row = { day, area, team, counts: {} }));
    for (const [counter, n] of Object.entries(contribution)) {
      const key = counter;
      row.counts[key] = (row.counts[key] ?? 0) + sign * (n ?? 0);
    }
  }
}

const moveContributionOf = (move: LevelMove): Contribution =>
  moveContribution({
    direction: move.direction,
    from: move.fromLevel,
    to: move.toLevel,
    repeatSince: move.repeatSince,
  });
