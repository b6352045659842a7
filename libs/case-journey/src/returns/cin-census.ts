import type { AbuseCategory } from '../case/child-protection-plan/child-protection-plan.decide';
import type { ClosureReason } from '../case/closure/closure.decide';
import type { AssessmentFactor, PrimaryNeedCode } from '../case/section-17/section-17.decide';
import { ICPC_WORKING_DAYS } from '../case/section-47/strategy-discussion.decide';
import type { Area, DisabilityCode, EthnicityCode, ReferralSource } from '../domain/national-codes';
import { addWorkingDays } from '../domain/working-days';
import { ukDay } from '../reports/periods';
import { censusGender } from '../child/child.decider';
import type { ReferralEpisode, ReturnCase, ReturnChild, ReturnsRecord } from './returns-record';

/**
 * The Children in Need census of one collection year, as the DfE's schema (CIN_schema_2024.xsd)
 * shapes it: every child in need at any point from 1 April to 31 March, one CINdetails per
 * referral episode. Pure: the record in, the census children out.
 */

/** The census year named by the 31 March it ends on: 2025 is 1 April 2024 to 31 March 2025. */
export interface CollectionYear {
  year: number;
  start: string;
  referenceDate: string;
}

export function collectionYear(year: number): CollectionYear {
  return { year, start: `${year - 1}-04-01`, referenceDate: `${year}-03-31` };
}

export interface CensusAssessment {
  startDate: string;
  authorisationDate?: string;
  factors?: AssessmentFactor[];
}

export interface CensusSection47 {
  startDate: string;
  icpcTarget?: string;
  icpcDate?: string;
  icpcNotRequired: boolean;
}

export interface CensusChildProtectionPlan {
  startDate: string;
  endDate?: string;
  initialCategory: AbuseCategory;
  latestCategory: AbuseCategory;
  previousPlans: number;
  reviewDates: string[];
}

export interface CensusEpisode {
  referralDate: string;
  referralSource: ReferralSource;
  primaryNeed?: PrimaryNeedCode;
  closureDate?: string;
  reasonForClosure?: ClosureReason;
  dateOfInitialCpc?: string;
  assessments: CensusAssessment[];
  cinPlans: { startDate: string; endDate?: string }[];
  section47s: CensusSection47[];
  referralNfa: boolean;
  cpPlans: CensusChildProtectionPlan[];
}

export interface CensusChild {
  childId: string;
  laChildId: string;
  upn?: string;
  upnUnknown?: string;
  birthDate?: string;
  expectedBirthDate?: string;
  gender: '0' | '1' | '2' | '9';
  deathDate?: string;
  ethnicity: EthnicityCode;
  disabilities: DisabilityCode[];
  episodes: CensusEpisode[];
}

/** A field the census needed and the record does not hold, so the return carries a stand-in or nothing. */
export interface Incomplete {
  laChildId: string;
  field: string;
  why: string;
}

export type CensusOutcome =
  | { included: true; child: CensusChild; incomplete: Incomplete[] }
  | { included: false; laChildId: string; reason: string };

const UPN = /^[A-Za-z](\d{12}|\d{11}[A-Za-z])$/;
const UPN_UNKNOWN_IN_SCHEMA = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'];

/** GenderCurrent: 0 for an unborn child, else the recorded gender or sex (censusGender). */
function genderCode(child: ReturnChild): CensusChild['gender'] {
  if (child.details.expectedDateOfBirth && !child.details.dateOfBirth) return '0';
  return censusGender(child.details);
}

const onOrBefore = (date: string | null | undefined, reference: string): date is string =>
  Boolean(date) && date! <= reference;

/** The episodes of a case open at some point of the year, as known on the reference date. */
function episodesInYear(record: ReturnCase, year: CollectionYear): ReferralEpisode[] {
  return record.episodes.filter(
    (episode) =>
      episode.referralDate <= year.referenceDate &&
      (!onOrBefore(episode.closureDate, year.referenceDate) || episode.closureDate >= year.start),
  );
}

/** Every child's census entry, or why the child is left out, in the order the record met them. */
export function* censusOutcomes(record: ReturnsRecord, year: CollectionYear, area?: Area): Generator<CensusOutcome> {
  const plansOfChild = childProtectionPlanStarts(record);
  for (const [childId, caseIds] of record.casesOfChild) {
    const child = record.children.get(childId)!;
    const cases = caseIds.map((id) => record.cases.get(id)!).filter((one) => !area || one.area === area);
    if (cases.length === 0) continue;
    const inYear = cases.flatMap((one) => episodesInYear(one, year).map((episode) => ({ record: one, episode })));
    if (inYear.length === 0) {
      const contactInYear = cases.some((one) =>
        one.contacts.some((contact) => contact.date >= year.start && contact.date <= year.referenceDate),
      );
      if (contactInYear)
        yield {
          included: false,
          laChildId: child.laChildId,
          reason: 'contacts in the year, none of which became a referral (not a child in need)',
        };
      continue;
    }
    const born = child.details.dateOfBirth;
    if (born && born > year.referenceDate) {
      yield {
        included: false,
        laChildId: child.laChildId,
        reason: `date of birth ${born} is after the reference date`,
      };
      continue;
    }
    yield censusChild(
      child,
      inYear.map((one) => one.episode),
      year,
      plansOfChild.get(childId) ?? [],
    );
  }
}

/** The start dates of every child protection plan of each child, across the child's cases. */
function childProtectionPlanStarts(record: ReturnsRecord): Map<string, string[]> {
  const starts = new Map<string, string[]>();
  for (const one of record.cases.values()) {
    for (const episode of one.episodes) {
      for (const plan of episode.cpPlans) starts.set(one.childId, [...(starts.get(one.childId) ?? []), plan.startDate]);
    }
  }
  return starts;
}

function censusChild(
  child: ReturnChild,
  episodes: ReferralEpisode[],
  year: CollectionYear,
  planStarts: string[],
): CensusOutcome {
  const incomplete: Incomplete[] = [];
  const missing = (field: string, why: string) => incomplete.push({ laChildId: child.laChildId, field, why });
  const { details } = child;
  const upn = details.upn && UPN.test(details.upn) ? details.upn : undefined;
  if (details.upn && !upn) missing('UPN', `recorded UPN ${details.upn} is not in the census format`);
  const upnUnknown =
    !upn && details.upnUnknownReason && UPN_UNKNOWN_IN_SCHEMA.includes(details.upnUnknownReason)
      ? details.upnUnknownReason
      : undefined;
  if (details.upnUnknownReason && !upnUnknown && !upn)
    missing('UPNunknown', `${details.upnUnknownReason} is not a code of the 2024 schema (UN1-UN7)`);
  if (!details.ethnicity) missing('Ethnicity', 'not recorded: reported as NOBT (information not yet obtained)');
  const deathDate = onOrBefore(child.dateOfDeath, year.referenceDate) ? child.dateOfDeath : undefined;
  const sorted = [...episodes].sort((a, b) => a.referralDate.localeCompare(b.referralDate));
  return {
    included: true,
    child: {
      childId: child.childId,
      laChildId: child.laChildId,
      ...(upn && { upn }),
      ...(upnUnknown && { upnUnknown }),
      ...(details.dateOfBirth && { birthDate: details.dateOfBirth }),
      ...(!details.dateOfBirth && details.expectedDateOfBirth && { expectedBirthDate: details.expectedDateOfBirth }),
      gender: genderCode(child),
      ...(deathDate && { deathDate }),
      ethnicity: details.ethnicity ?? 'NOBT',
      disabilities: [...new Set(details.disabilities ?? [])],
      episodes: sorted.map((episode) => censusEpisode(episode, year, planStarts, missing)),
    },
    incomplete,
  };
}

function censusEpisode(
  episode: ReferralEpisode,
  year: CollectionYear,
  planStarts: string[],
  missing: (field: string, why: string) => void,
): CensusEpisode {
  const reference = year.referenceDate;
  const known = <T extends { startDate: string }>(items: T[]) => items.filter((item) => item.startDate <= reference);
  const closed = onOrBefore(episode.closureDate, reference);
  if (!episode.source)
    missing(
      'ReferralSource',
      `referral of ${episode.referralDate}: the source of the contact that reopened the case was not recorded; reported as 10 (unknown)`,
    );

  const assessments = known(episode.assessments).map((assessment): CensusAssessment => {
    const completed = onOrBefore(assessment.completedDate, reference);
    if (completed && assessment.authorisationDate === null)
      missing('AssessmentAuthorisationDate', `assessment of ${assessment.startDate}: authorisation date not recorded`);
    return {
      startDate: assessment.startDate,
      ...(completed &&
        assessment.authorisationDate &&
        assessment.authorisationDate <= reference && { authorisationDate: assessment.authorisationDate }),
      ...(completed && assessment.factors?.length && { factors: [...new Set(assessment.factors)] }),
    };
  });
  const completedAssessments = episode.assessments.filter((assessment) =>
    onOrBefore(assessment.completedDate, reference),
  );
  const primaryNeed = completedAssessments.length
    ? (completedAssessments[completedAssessments.length - 1].primaryNeed ?? undefined)
    : undefined;

  const section47s = known(episode.section47s).map((enquiry): CensusSection47 => {
    const icpcDate = onOrBefore(enquiry.icpcDate, reference) ? enquiry.icpcDate : undefined;
    // Working Together: the conference is due 15 working days after the strategy discussion that started the enquiry.
    const icpcTarget = enquiry.strategyDiscussionDate
      ? ukDay(addWorkingDays(enquiry.strategyDiscussionDate, ICPC_WORKING_DAYS))
      : undefined;
    if (!enquiry.strategyDiscussionDate)
      missing(
        'InitialCPCtarget',
        `section 47 enquiry of ${enquiry.startDate}: no strategy discussion recorded to count the target from`,
      );
    return {
      startDate: enquiry.startDate,
      ...(icpcTarget && { icpcTarget }),
      ...(icpcDate && { icpcDate }),
      icpcNotRequired: enquiry.icpcNotRequired === true && onOrBefore(enquiry.concludedDate, reference),
    };
  });
  const icpcDates = section47s
    .map((enquiry) => enquiry.icpcDate)
    .filter((date): date is string => Boolean(date))
    .sort();

  const cpPlans = known(episode.cpPlans).map((plan): CensusChildProtectionPlan => {
    if (plan.previousPlansElsewhere === null)
      missing(
        'NumberOfPreviousCPP',
        `plan of ${plan.startDate}: plans held elsewhere not recorded; only the plans in this record are counted`,
      );
    const earlierHere = planStarts.filter((start) => start < plan.startDate).length;
    return {
      startDate: plan.startDate,
      ...(onOrBefore(plan.endDate, reference) && { endDate: plan.endDate }),
      initialCategory: plan.initialCategory,
      latestCategory: plan.latestCategory,
      previousPlans: earlierHere + (plan.previousPlansElsewhere ?? 0),
      reviewDates: plan.reviewDates.filter((date) => date <= reference),
    };
  });
  const cinPlans = known(episode.cinPlans).map((plan) => ({
    startDate: plan.startDate,
    ...(onOrBefore(plan.endDate, reference) && { endDate: plan.endDate }),
  }));

  let reasonForClosure: ClosureReason | undefined;
  if (closed) {
    reasonForClosure = episode.reasonForClosure ?? undefined;
    if (!reasonForClosure && episode.closedBy === 'stepped_down') {
      // A step down from specialist ends the CSC episode: after an assessment that referred the
      // child to early help that is RC9, otherwise the service ceased (RC7).
      const lastAssessment = completedAssessments[completedAssessments.length - 1];
      reasonForClosure = lastAssessment?.outcome === 'step_down_to_early_help' ? 'RC9' : 'RC7';
    }
  }
  const nothingFollowed =
    assessments.length === 0 && section47s.length === 0 && cinPlans.length === 0 && cpPlans.length === 0;
  return {
    referralDate: episode.referralDate,
    referralSource: episode.source ?? '10',
    ...(primaryNeed && { primaryNeed }),
    ...(closed && { closureDate: episode.closureDate! }),
    ...(reasonForClosure && { reasonForClosure }),
    ...(icpcDates.length && { dateOfInitialCpc: icpcDates[0] }),
    assessments,
    cinPlans,
    section47s,
    // The referral led to nothing: closed (as known on the reference date) with no assessment, enquiry or plan.
    referralNfa: closed && nothingFollowed,
    cpPlans,
  };
}
