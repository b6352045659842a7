import type { CensusChild, CensusEpisode, CollectionYear } from './cin-census';

/**
 * The DfE's published CIN census validation rules that this record can break, run over the
 * census as exported: what a census team would otherwise find only when the return is uploaded.
 * Rules the record cannot break (a code outside its list, a malformed date) are left to the schema.
 */
export interface ValidationIssue {
  rule: string;
  message: string;
  laChildId: string;
  field: string;
  /** The referral episode (its referral date), when the issue is in one. */
  referralDate?: string;
}

interface Rule {
  rule: string;
  message: string;
  check: (child: CensusChild, year: CollectionYear) => { field: string; episode?: CensusEpisode }[];
}

const eachEpisode = (child: CensusChild, field: string, broken: (episode: CensusEpisode) => boolean) =>
  child.episodes.filter(broken).map((episode) => ({ field, episode }));

/** Days from one calendar date to another. */
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

export const CENSUS_RULES: readonly Rule[] = [
  {
    rule: '8600',
    message: 'Child referral date missing or after data collection period',
    check: (child, year) =>
      eachEpisode(child, 'CINreferralDate', (episode) => episode.referralDate > year.referenceDate),
  },
  {
    rule: '8606',
    message: 'Child referral date is more than 40 weeks before DOB or expected DOB',
    check: (child) => {
      const born = child.birthDate ?? child.expectedBirthDate;
      return born
        ? eachEpisode(child, 'CINreferralDate', (episode) => daysBetween(episode.referralDate, born) > 280)
        : [];
    },
  },
  {
    rule: '8620',
    message: 'CIN Closure Date present and does not fall within the Census year',
    check: (child, year) =>
      eachEpisode(
        child,
        'CINclosureDate',
        (episode) =>
          Boolean(episode.closureDate) &&
          (episode.closureDate! < year.start || episode.closureDate! > year.referenceDate),
      ),
  },
  {
    rule: '8805',
    message: 'A CIN case cannot have a CIN closure date without a Reason for Closure',
    check: (child) =>
      eachEpisode(child, 'ReasonForClosure', (episode) => Boolean(episode.closureDate) && !episode.reasonForClosure),
  },
  {
    rule: '8810',
    message: 'A CIN case cannot have a Reason for Closure without a CIN Closure Date',
    check: (child) =>
      eachEpisode(child, 'CINclosureDate', (episode) => Boolean(episode.reasonForClosure) && !episode.closureDate),
  },
  {
    rule: '8565',
    message: 'Activity shown after a case has been closed',
    check: (child) =>
      eachEpisode(child, 'CINclosureDate', (episode) => {
        if (!episode.closureDate) return false;
        const activity = [
          ...episode.assessments.flatMap((one) => [one.startDate, one.authorisationDate]),
          ...episode.section47s.flatMap((one) => [one.startDate, one.icpcDate]),
          ...episode.cpPlans.map((one) => one.endDate),
          ...episode.cinPlans.flatMap((one) => [one.startDate, one.endDate]),
        ];
        return activity.some((date) => date !== undefined && date > episode.closureDate!);
      }),
  },
  {
    rule: '8585Q',
    message: 'Please check: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death',
    check: (child) =>
      eachEpisode(child, 'PersonDeathDate', (episode) => episode.reasonForClosure === 'RC2' && !child.deathDate),
  },
  {
    rule: '8614',
    message: 'Parental or child factors at assessment should only be present for a completed assessment.',
    check: (child) =>
      eachEpisode(child, 'AssessmentFactors', (episode) =>
        episode.assessments.some((one) => Boolean(one.factors?.length) && !one.authorisationDate),
      ),
  },
  {
    rule: '2883',
    message: 'There are more child protection plans starting than initial conferences taking place',
    check: (child, year) =>
      eachEpisode(child, 'CPPstartDate', (episode) => {
        const inYear = (date?: string) => Boolean(date) && date! >= year.start && date! <= year.referenceDate;
        const plans = episode.cpPlans.filter((plan) => inYear(plan.startDate)).length;
        const conferences = episode.section47s.filter((enquiry) => inYear(enquiry.icpcDate)).length;
        return plans > conferences;
      }),
  },
  {
    rule: '8740',
    message:
      'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
    check: (child, year) =>
      eachEpisode(child, 'S47ActualStartDate', (episode) =>
        episode.section47s.some(
          (enquiry) =>
            !enquiry.icpcDate &&
            !enquiry.icpcNotRequired &&
            (enquiry.startDate < year.start || enquiry.startDate > year.referenceDate),
        ),
      ),
  },
];

export function validateCensusChild(child: CensusChild, year: CollectionYear): ValidationIssue[] {
  return CENSUS_RULES.flatMap(({ rule, message, check }) =>
    check(child, year).map(({ field, episode }) => ({
      rule,
      message,
      laChildId: child.laChildId,
      field,
      ...(episode && { referralDate: episode.referralDate }),
    })),
  );
}
