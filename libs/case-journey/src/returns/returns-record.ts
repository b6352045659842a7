import type { ChildDetails } from '../child/child.decider';
import type { AbuseCategory } from '../case/child-protection-plan/child-protection-plan.decide';
import type { ClosureReason } from '../case/closure/closure.decide';
import type { AssessmentFactor, PrimaryNeedCode, Section17Outcome } from '../case/section-17/section-17.decide';
import type { Area, ReferralSource } from '../domain/national-codes';
import type { DecodedEvent } from '../events/decode';
import { ukDay } from '../reports/periods';

/**
 * What the statutory returns need of the record, folded from the event log in one pass: per case,
 * the contacts and each referral episode (referral to closure) with its assessments, plans and
 * enquiries; per family, its early help assessments. Only the facts the returns report are kept
 * (dates as UK calendar days, codes), not the events, so the fold stays small beside the log.
 * Corrections (R22) are applied to the entry they correct.
 */

export interface ReturnChild {
  childId: string;
  laChildId: string;
  details: ChildDetails;
  dateOfDeath: string | null;
  /** Whether the child's own record (the child stream) speaks for it, rather than a case's copy at its contact. */
  registered: boolean;
}

export interface AssessmentFacts {
  eventId: string;
  startDate: string;
  completedDate: string | null;
  completedEventId: string | null;
  /** null: not recorded (completed before the date was asked) or not completed. */
  authorisationDate: string | null;
  childSeen: boolean | null;
  primaryNeed: PrimaryNeedCode | null;
  factors: AssessmentFactor[] | null;
  outcome: Section17Outcome | null;
  notRecorded: string[];
}

export interface Section47Facts {
  eventId: string;
  startDate: string;
  strategyDiscussionDate: string | null;
  concludedDate: string | null;
  /** true: the enquiry concluded that no conference was needed; null while open. */
  icpcNotRequired: boolean | null;
  icpcDate: string | null;
  icpcDecision: 'child_protection_plan' | 'no_plan' | null;
}

export interface ChildProtectionPlanFacts {
  eventId: string;
  startDate: string;
  endDate: string | null;
  initialCategory: AbuseCategory;
  latestCategory: AbuseCategory;
  reviewDates: string[];
  /** Plans held elsewhere; null: not recorded (started before it was asked). */
  previousPlansElsewhere: number | null;
}

export interface VisitFacts {
  date: string;
  seen: boolean;
  seenAlone: boolean | null;
  statutory: boolean;
}

export interface ReferralEpisode {
  referralDate: string;
  /** The referral source of the contact the episode grew from; null: not recorded. */
  source: ReferralSource | null;
  assessments: AssessmentFacts[];
  cinPlans: { startDate: string; endDate: string | null }[];
  section47s: Section47Facts[];
  cpPlans: ChildProtectionPlanFacts[];
  visits: VisitFacts[];
  closureDate: string | null;
  closureEventId: string | null;
  reasonForClosure: ClosureReason | null;
  /** How the episode ended: the case closed, or it stepped down from specialist (R28). */
  closedBy: 'case_closed' | 'stepped_down' | null;
}

export interface ContactFacts {
  date: string;
  source: ReferralSource | null;
}

export interface ReturnCase {
  caseId: string;
  childId: string;
  familyId: string;
  area: Area;
  team: string | null;
  worker: string | null;
  openedEventId: string;
  contacts: ContactFacts[];
  /** The source of the latest contact, for the episode it may become. */
  latestSource: ReferralSource | null;
  episodes: ReferralEpisode[];
  /** Index of the open episode in `episodes`, or -1. */
  open: number;
}

export interface EarlyHelpAssessmentFacts {
  ehaId: string;
  caseId: string;
  startDate: string;
  completedDate: string | null;
  organisation: string;
}

/** The events the returns read; any other is passed over without being decoded. */
export const RETURN_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ChildRegistered',
  'ChildDetailsCorrected',
  'ChildDeathRecorded',
  'EarlyHelpAssessmentStarted',
  'EarlyHelpAssessmentCompleted',
  'CaseOpened',
  'CaseAllocated',
  'CaseReopened',
  'ReferralRecorded',
  'CaseClosed',
  'SteppedDown',
  'EntryCorrected',
  'Section17AssessmentOpened',
  'Section17AssessmentCompleted',
  'ChildInNeedPlanStarted',
  'ChildInNeedPlanEnded',
  'Section47EnquiryOpened',
  'Section47EnquiryConcluded',
  'InitialChildProtectionConferenceHeld',
  'ChildProtectionPlanStarted',
  'ChildProtectionReviewConferenceHeld',
  'ChildVisited',
  'ChildProtectionPlanEnded',
]);

export class ReturnsRecord {
  readonly cases = new Map<string, ReturnCase>();
  readonly children = new Map<string, ReturnChild>();
  readonly earlyHelp = new Map<string, EarlyHelpAssessmentFacts>();
  /** The early help assessments started for each case. */
  readonly earlyHelpOfCase = new Map<string, EarlyHelpAssessmentFacts[]>();
  /** Cases of each child, in the order they were opened. */
  readonly casesOfChild = new Map<string, string[]>();

  apply(decoded: DecodedEvent): void {
    if (decoded.kind === 'family') return this.applyFamily(decoded);
    if (decoded.kind === 'child') return this.applyChild(decoded);
    if (decoded.kind === 'case') return this.applyCase(decoded.id, decoded.event);
  }

  /** The child's own record: identifiers and characteristics as registered, corrections applied. */
  private applyChild(decoded: Extract<DecodedEvent, { kind: 'child' }>): void {
    const event = decoded.event;
    switch (event.type) {
      case 'ChildRegistered': {
        const known = this.children.get(decoded.id);
        this.children.set(decoded.id, {
          childId: decoded.id,
          laChildId: event.data.laChildId,
          details: { ...event.data.details },
          dateOfDeath: known?.dateOfDeath ?? null,
          registered: true,
        });
        return;
      }
      case 'ChildDetailsCorrected': {
        const child = this.children.get(decoded.id);
        if (child) child.details = { ...child.details, ...event.data.changes };
        return;
      }
      case 'ChildDeathRecorded': {
        const child = this.children.get(decoded.id);
        if (child) child.dateOfDeath = event.data.dateOfDeath;
        return;
      }
      default:
        return;
    }
  }

  private applyFamily(decoded: Extract<DecodedEvent, { kind: 'family' }>): void {
    const event = decoded.event;
    const day = ukDay(event.metadata.occurredAt);
    switch (event.type) {
      case 'EarlyHelpAssessmentStarted': {
        const eha = {
          ehaId: event.data.ehaId,
          caseId: event.data.caseId,
          startDate: day,
          completedDate: null,
          organisation: event.data.leadProfessional.agency,
        };
        this.earlyHelp.set(eha.ehaId, eha);
        this.earlyHelpOfCase.set(eha.caseId, [...(this.earlyHelpOfCase.get(eha.caseId) ?? []), eha]);
        return;
      }
      case 'EarlyHelpAssessmentCompleted': {
        const eha = this.earlyHelp.get(event.data.ehaId);
        if (eha) eha.completedDate = day;
        return;
      }
      default:
        return;
    }
  }

  private applyCase(caseId: string, event: Extract<DecodedEvent, { kind: 'case' }>['event']): void {
    if (event.type === 'CaseOpened') {
      const data = event.data;
      const childId = data.childId;
      this.cases.set(caseId, {
        caseId,
        childId,
        familyId: data.familyId,
        area: data.area,
        team: event.metadata.actor.team ?? null,
        worker: null,
        openedEventId: event.id,
        contacts: [{ date: ukDay(data.contact.receivedAt), source: data.contact.source }],
        latestSource: data.contact.source,
        episodes: [],
        open: -1,
      });
      this.casesOfChild.set(childId, [...(this.casesOfChild.get(childId) ?? []), caseId]);
      // A child the record knows only by its case (opened before children had records of their
      // own): its identity is what the contact recorded. A registered child's own record wins.
      if (!this.children.has(childId)) {
        this.children.set(childId, {
          childId,
          laChildId: data.laChildId,
          details: { ...data.child },
          dateOfDeath: null,
          registered: false,
        });
      }
      return;
    }
    const record = this.cases.get(caseId);
    if (!record) return;
    const episode = record.open >= 0 ? record.episodes[record.open] : undefined;
    const day = ukDay(event.metadata.occurredAt);
    switch (event.type) {
      case 'CaseAllocated':
        record.team = event.data.team;
        record.worker = event.data.worker.name;
        return;
      case 'CaseReopened':
        record.contacts.push({ date: day, source: event.data.source });
        record.latestSource = event.data.source;
        return;
      case 'ReferralRecorded':
        record.episodes.push({
          referralDate: day,
          source: record.latestSource,
          assessments: [],
          cinPlans: [],
          section47s: [],
          cpPlans: [],
          visits: [],
          closureDate: null,
          closureEventId: null,
          reasonForClosure: null,
          closedBy: null,
        });
        record.open = record.episodes.length - 1;
        return;
      case 'CaseClosed':
        if (event.data.reason === 'RC2' && event.data.dateOfDeath) {
          const child = this.children.get(record.childId);
          if (child && !child.dateOfDeath) child.dateOfDeath = event.data.dateOfDeath;
        }
        if (episode) {
          episode.closureDate = day;
          episode.closureEventId = event.id;
          episode.reasonForClosure = event.data.reason;
          episode.closedBy = 'case_closed';
          record.open = -1;
        }
        return;
      case 'SteppedDown':
        if (episode && event.data.from === 'specialist') {
          episode.closureDate = day;
          episode.closedBy = 'stepped_down';
          record.open = -1;
        }
        return;
      case 'EntryCorrected':
        return this.applyCorrection(record, event.data.correctsEventId, event.data.correctedValues);
      default:
        break;
    }
    if (!episode) return;
    switch (event.type) {
      case 'Section17AssessmentOpened':
        episode.assessments.push({
          eventId: event.id,
          startDate: day,
          completedDate: null,
          completedEventId: null,
          authorisationDate: null,
          childSeen: null,
          primaryNeed: null,
          factors: null,
          outcome: null,
          notRecorded: [],
        });
        return;
      case 'Section17AssessmentCompleted': {
        const assessment = last(episode.assessments.filter((one) => one.completedDate === null));
        if (!assessment) return;
        Object.assign(assessment, {
          completedDate: day,
          completedEventId: event.id,
          authorisationDate: event.data.authorisedOn,
          childSeen: event.data.childSeen,
          primaryNeed: event.data.primaryNeed,
          factors: event.data.factors,
          outcome: event.data.outcome,
          notRecorded: event.data.notRecorded ?? [],
        });
        return;
      }
      case 'ChildInNeedPlanStarted':
        episode.cinPlans.push({ startDate: day, endDate: null });
        return;
      case 'ChildInNeedPlanEnded': {
        const plan = last(episode.cinPlans);
        if (plan && plan.endDate === null) plan.endDate = day;
        return;
      }
      case 'Section47EnquiryOpened':
        episode.section47s.push({
          eventId: event.id,
          startDate: day,
          strategyDiscussionDate: event.data.strategyDiscussionAt,
          concludedDate: null,
          icpcNotRequired: null,
          icpcDate: null,
          icpcDecision: null,
        });
        return;
      case 'Section47EnquiryConcluded': {
        const enquiry = last(episode.section47s);
        if (enquiry) {
          enquiry.concludedDate = day;
          enquiry.icpcNotRequired = !event.data.icpcNeeded;
        }
        return;
      }
      case 'InitialChildProtectionConferenceHeld': {
        const enquiry = last(episode.section47s);
        if (enquiry) {
          enquiry.icpcDate = day;
          enquiry.icpcDecision = event.data.decision;
          enquiry.icpcNotRequired = false;
        }
        return;
      }
      case 'ChildProtectionPlanStarted':
        episode.cpPlans.push({
          eventId: event.id,
          startDate: day,
          endDate: null,
          initialCategory: event.data.category,
          latestCategory: event.data.category,
          reviewDates: [],
          previousPlansElsewhere: event.data.previousPlansElsewhere,
        });
        return;
      case 'ChildProtectionReviewConferenceHeld': {
        const plan = last(episode.cpPlans);
        if (plan && plan.endDate === null) {
          plan.reviewDates.push(day);
          plan.latestCategory = event.data.category;
        }
        return;
      }
      case 'ChildVisited':
        episode.visits.push({
          date: day,
          seen: event.data.seen,
          seenAlone: event.data.seenAlone,
          statutory: event.data.statutory,
        });
        return;
      case 'ChildProtectionPlanEnded': {
        const plan = last(episode.cpPlans);
        if (plan && plan.endDate === null) plan.endDate = day;
        return;
      }
      default:
        return;
    }
  }

  /** R22: the corrected values replace what the entry recorded, for the facts the returns keep. */
  private applyCorrection(record: ReturnCase, eventId: string, values: Record<string, unknown>): void {
    if (eventId === record.openedEventId) {
      const child = this.children.get(record.childId);
      if (child && !child.registered && values.child && typeof values.child === 'object') {
        child.details = { ...child.details, ...(values.child as Partial<ChildDetails>) };
      }
      const contact = values.contact as { source?: ReferralSource } | undefined;
      if (contact?.source) {
        record.contacts[0].source = contact.source;
        if (record.episodes[0] && record.contacts.length === 1) record.episodes[0].source = contact.source;
      }
      return;
    }
    for (const episode of record.episodes) {
      if (episode.closureEventId === eventId && typeof values.reason === 'string')
        episode.reasonForClosure = values.reason as ClosureReason;
      for (const assessment of episode.assessments) {
        if (assessment.completedEventId !== eventId) continue;
        if ('primaryNeed' in values) assessment.primaryNeed = values.primaryNeed as PrimaryNeedCode;
        if ('factors' in values) assessment.factors = values.factors as AssessmentFactor[];
        if ('authorisedOn' in values) assessment.authorisationDate = values.authorisedOn as string | null;
        if ('childSeen' in values) assessment.childSeen = values.childSeen as boolean | null;
        assessment.notRecorded = assessment.notRecorded.filter((field) => !(field in values));
      }
      for (const plan of episode.cpPlans) {
        if (plan.eventId !== eventId) continue;
        if ('category' in values) plan.initialCategory = values.category as AbuseCategory;
        if (plan.reviewDates.length === 0 && 'category' in values)
          plan.latestCategory = values.category as AbuseCategory;
        if ('previousPlansElsewhere' in values)
          plan.previousPlansElsewhere = values.previousPlansElsewhere as number | null;
      }
    }
  }
}

const last = <T>(items: T[]): T | undefined => items[items.length - 1];
