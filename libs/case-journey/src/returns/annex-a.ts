import { ageOn } from '../case/section-20/section-20.decide';
import type { Area } from '../domain/national-codes';
import { addMonths } from '../reports/periods';
import { censusGender } from '../child/child.decider';
import { LOCAL_AUTHORITIES } from './local-authorities';
import type { ReferralEpisode, ReturnCase, ReturnChild, ReturnsRecord } from './returns-record';

/**
 * Ofsted's Annex A lists 1-7 for an inspection period, from the same record as the census: the
 * published headers in order (shared/specs/annex-a/lists.md), one row per event in the period
 * for lists 1-5 (by the list's key date), and per episode or plan open at any point of the
 * period for lists 6 (children in need) and 7 (child protection), which describe a status.
 * Dates are YYYY-MM-DD; a value the record does not hold is left blank.
 */

const CHILD_COLUMNS = ['Child Unique ID', 'Gender', 'Ethnicity', 'Date of Birth', 'Age of Child (Years)'];
const DISABILITY_COLUMN = 'Does the Child have a Disability';

interface ListDefinition {
  number: number;
  title: string;
  columns: string[];
  withDisability: boolean;
  withWorker: boolean;
}

const list = (number: number, title: string, columns: string[]): ListDefinition => ({
  number,
  title,
  columns,
  withDisability: number >= 4,
  withWorker: number >= 3,
});

const LISTS: readonly ListDefinition[] = [
  list(1, 'List 1 Contacts', ['Date of Contact', 'Contact Source']),
  list(2, 'List 2 Early Help', [
    'Assessment start date',
    'Assessment completion date',
    'Organisation completing assessment',
  ]),
  list(3, 'List 3 Referrals', [
    'Date of referral',
    'Referral Source',
    'Referral NFA?',
    'Number of Referrals in Last 12 Months',
  ]),
  list(4, 'List 4 Assessments', [
    'Continuous Assessment Start Date',
    'Child Seen During Continuous Assessment',
    'Continuous Assessment Date of Authorisation',
    "Was the child assessed as requiring LA children's social care support?",
  ]),
  list(5, 'List 5 Section 47', [
    'Strategy discussion initiating Section 47 Enquiry Start Date',
    'Was an Initial Child Protection Conference deemed unnecessary?',
    'Date of Initial Child Protection Conference',
    'Did the Initial Child Protection Conference Result in a Child Protection Plan',
    'Number of Section 47 Enquiries in the last 12 months',
    'Number of ICPCs in the last 12 months',
  ]),
  list(6, 'List 6 Children in Need', [
    'CIN Start Date',
    'Primary Need Code',
    'Date Child Was Last Seen',
    'CIN Closure Date',
    'Reason for Closure',
    'Case Status',
  ]),
  list(7, 'List 7 Child Protection', [
    'Child Protection Plan Start Date',
    'Initial Category of Abuse',
    'Latest Category of Abuse',
    'Date of the Last Statutory Visit',
    'Was the Child Seen Alone?',
    'Date of latest review conference',
    'Child Protection Plan End Date',
    'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
    'Number of Previous Child Protection Plans',
  ]),
];

export const ANNEX_A_LISTS = LISTS.map((one) => one.number);

export function annexAList(number: number): ListDefinition & { headers: string[] } {
  const definition = LISTS.find((one) => one.number === number);
  if (!definition) throw new Error(`Annex A list ${number} is not produced`);
  return {
    ...definition,
    headers: [
      ...CHILD_COLUMNS,
      ...(definition.withDisability ? [DISABILITY_COLUMN] : []),
      ...definition.columns,
      'Allocated Team',
      ...(definition.withWorker ? ['Allocated Worker'] : []),
      'LA',
    ],
  };
}

export interface AnnexAPeriod {
  from: string;
  to: string;
  area?: Area;
}

const GENDER_WORDS: Record<string, string> = { '1': 'Male', '2': 'Female', '9': 'Indeterminate', '0': 'Not recorded' };
const yesNo = (value: boolean | null | undefined) => (value === true ? 'Yes' : value === false ? 'No' : '');
const within = (date: string | null | undefined, period: AnnexAPeriod) =>
  Boolean(date) && date! >= period.from && date! <= period.to;
const openDuring = (start: string, end: string | null, period: AnnexAPeriod) =>
  start <= period.to && (end === null || end >= period.from);
const inTwelveMonthsTo = (dates: string[], day: string) =>
  dates.filter((date) => date <= day && date > addMonths(day, -12)).length;

/** The rows of one list, in the order the record met the children. */
export function* annexARows(record: ReturnsRecord, number: number, period: AnnexAPeriod): Generator<string[]> {
  const definition = annexAList(number);
  for (const [childId, caseIds] of record.casesOfChild) {
    const child = record.children.get(childId)!;
    const cases = caseIds.map((id) => record.cases.get(id)!).filter((one) => !period.area || one.area === period.area);
    if (cases.length === 0) continue;
    const episodes = cases.flatMap((one) => one.episodes);
    for (const one of cases) {
      for (const row of listRows(record, number, one, episodes, period)) {
        yield [
          ...childColumns(child, period, definition.withDisability),
          ...row,
          one.team ?? '',
          ...(definition.withWorker ? [one.worker ?? ''] : []),
          LOCAL_AUTHORITIES[one.area].name,
        ];
      }
    }
  }
}

function childColumns(child: ReturnChild, period: AnnexAPeriod, withDisability: boolean): string[] {
  const { details } = child;
  const born = details.dateOfBirth;
  const unborn = !born && details.expectedDateOfBirth;
  const disabilities = details.disabilities ?? [];
  return [
    child.laChildId,
    unborn ? GENDER_WORDS['0'] : GENDER_WORDS[censusGender(details)],
    details.ethnicity ?? '',
    born ?? '',
    born ? String(ageOn(born, `${period.to}T12:00:00Z`)) : '',
    ...(withDisability
      ? [disabilities.length === 0 ? '' : disabilities.some((code) => code !== 'NONE') ? 'Yes' : 'No']
      : []),
  ];
}

function* listRows(
  record: ReturnsRecord,
  number: number,
  one: ReturnCase,
  childEpisodes: ReferralEpisode[],
  period: AnnexAPeriod,
): Generator<string[]> {
  switch (number) {
    case 1:
      for (const contact of one.contacts) if (within(contact.date, period)) yield [contact.date, contact.source ?? ''];
      return;
    case 2:
      for (const eha of record.earlyHelpOfCase.get(one.caseId) ?? []) {
        if (within(eha.startDate, period)) yield [eha.startDate, eha.completedDate ?? '', eha.organisation];
      }
      return;
    case 3: {
      const referralDates = childEpisodes.map((episode) => episode.referralDate);
      for (const episode of one.episodes) {
        if (!within(episode.referralDate, period)) continue;
        yield [
          episode.referralDate,
          episode.source ?? '',
          yesNo(referralNfa(episode)),
          String(inTwelveMonthsTo(referralDates, episode.referralDate)),
        ];
      }
      return;
    }
    case 4:
      for (const episode of one.episodes) {
        for (const assessment of episode.assessments) {
          if (!within(assessment.startDate, period)) continue;
          const completed = assessment.completedDate !== null && assessment.completedDate <= period.to;
          yield [
            assessment.startDate,
            completed ? yesNo(assessment.childSeen) : '',
            completed ? (assessment.authorisationDate ?? '') : '',
            completed ? yesNo(assessment.outcome === 'cin_plan') : '',
          ];
        }
      }
      return;
    case 5: {
      const enquiries = childEpisodes.flatMap((episode) => episode.section47s);
      const starts = enquiries.map((enquiry) => enquiry.startDate);
      const conferences = enquiries.map((enquiry) => enquiry.icpcDate).filter((date): date is string => date !== null);
      for (const episode of one.episodes) {
        for (const enquiry of episode.section47s) {
          if (!within(enquiry.startDate, period)) continue;
          const held = enquiry.icpcDate !== null && enquiry.icpcDate <= period.to;
          yield [
            enquiry.startDate,
            enquiry.icpcNotRequired === null ? '' : yesNo(enquiry.icpcNotRequired),
            held ? enquiry.icpcDate! : '',
            held ? yesNo(enquiry.icpcDecision === 'child_protection_plan') : '',
            String(inTwelveMonthsTo(starts, enquiry.startDate)),
            String(inTwelveMonthsTo(conferences, enquiry.startDate)),
          ];
        }
      }
      return;
    }
    case 6:
      for (const episode of one.episodes) {
        const closure = episode.closureDate !== null && episode.closureDate <= period.to ? episode.closureDate : null;
        if (!openDuring(episode.referralDate, closure, period)) continue;
        const completed = episode.assessments.filter(
          (assessment) => assessment.completedDate !== null && assessment.completedDate <= period.to,
        );
        const seen = episode.visits
          .filter((visit) => visit.seen && visit.date <= period.to)
          .map((visit) => visit.date)
          .sort();
        yield [
          episode.referralDate,
          completed.length ? (completed[completed.length - 1].primaryNeed ?? '') : '',
          seen.length ? seen[seen.length - 1] : '',
          closure ?? '',
          closure ? (episode.reasonForClosure ?? '') : '',
          caseStatus(episode, closure, period),
        ];
      }
      return;
    case 7: {
      const planStarts = childEpisodes.flatMap((episode) => episode.cpPlans.map((plan) => plan.startDate));
      for (const episode of one.episodes) {
        for (const plan of episode.cpPlans) {
          const end = plan.endDate !== null && plan.endDate <= period.to ? plan.endDate : null;
          if (!openDuring(plan.startDate, end, period)) continue;
          const visits = episode.visits
            .filter((visit) => visit.statutory && visit.date >= plan.startDate && visit.date <= (end ?? period.to))
            .sort((a, b) => a.date.localeCompare(b.date));
          const lastVisit = visits[visits.length - 1];
          const reviews = plan.reviewDates.filter((date) => date <= period.to);
          yield [
            plan.startDate,
            plan.initialCategory,
            plan.latestCategory,
            lastVisit?.date ?? '',
            lastVisit ? yesNo(lastVisit.seenAlone) : '',
            reviews.length ? reviews[reviews.length - 1] : '',
            end ?? '',
            // Emergency protection orders and police protection are not part of this record.
            '',
            // As in the census: the plans in this record before it, and those held elsewhere where recorded.
            String(planStarts.filter((start) => start < plan.startDate).length + (plan.previousPlansElsewhere ?? 0)),
          ];
        }
      }
      return;
    }
    default:
      return;
  }
}

/** The referral led to nothing: closed with no assessment, enquiry or plan (as in the census). */
function referralNfa(episode: ReferralEpisode): boolean | null {
  if (episode.closureDate === null) return null;
  return (
    episode.assessments.length === 0 &&
    episode.section47s.length === 0 &&
    episode.cinPlans.length === 0 &&
    episode.cpPlans.length === 0
  );
}

function caseStatus(episode: ReferralEpisode, closure: string | null, period: AnnexAPeriod): string {
  if (closure) return 'Closed';
  const openOnLastDay = (items: { startDate: string; endDate: string | null }[]) =>
    items.some((item) => item.startDate <= period.to && (item.endDate === null || item.endDate > period.to));
  if (openOnLastDay(episode.cpPlans)) return 'Child protection plan';
  if (openOnLastDay(episode.cinPlans)) return 'Child in need plan';
  if (
    episode.section47s.some(
      (enquiry) =>
        enquiry.startDate <= period.to && (enquiry.concludedDate === null || enquiry.concludedDate > period.to),
    )
  )
    return 'Section 47 enquiry';
  if (
    episode.assessments.some(
      (assessment) =>
        assessment.startDate <= period.to &&
        (assessment.completedDate === null || assessment.completedDate > period.to),
    )
  )
    return 'Assessment';
  return 'Open';
}
