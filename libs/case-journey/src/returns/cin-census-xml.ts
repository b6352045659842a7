import type { CensusChild, CensusEpisode, CollectionYear } from './cin-census';

/**
 * The census as XML, in the element order of CIN_schema_2024.xsd, written a child at a time so
 * that a caller can stream it: the opening, each child, the closing.
 */

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const element = (name: string, value: string | number | undefined) =>
  value === undefined ? '' : `<${name}>${escape(String(value))}</${name}>`;

export interface CensusHeader {
  year: CollectionYear;
  /** The three-digit DfE codes of the local authorities the return is for. */
  laCodes: string[];
  softwareCode: string;
  generatedAt: string;
}

export function censusXmlOpening(header: CensusHeader): string {
  const sources = header.laCodes
    .map(
      (code) =>
        `<Source><SourceLevel>L</SourceLevel>${element('LEA', code)}${element('SoftwareCode', header.softwareCode)}${element('DateTime', header.generatedAt.replace(/\.\d+Z$/, 'Z'))}</Source>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails><Collection>CIN</Collection>' +
    `${element('Year', header.year.year)}${element('ReferenceDate', header.year.referenceDate)}</CollectionDetails>${sources}</Header>\n<Children>\n`
  );
}

export const CENSUS_XML_CLOSING = '</Children>\n</Message>\n';

export function censusChildXml(child: CensusChild): string {
  const identifiers =
    '<ChildIdentifiers>' +
    element('LAchildID', child.laChildId) +
    element('UPN', child.upn) +
    element('UPNunknown', child.upnUnknown) +
    element('PersonBirthDate', child.birthDate) +
    element('ExpectedPersonBirthDate', child.expectedBirthDate) +
    element('GenderCurrent', child.gender) +
    element('PersonDeathDate', child.deathDate) +
    '</ChildIdentifiers>';
  const disabilities = child.disabilities.length
    ? `<Disabilities>${child.disabilities.map((code) => element('Disability', code)).join('')}</Disabilities>`
    : '';
  const characteristics = `<ChildCharacteristics>${element('Ethnicity', child.ethnicity)}${disabilities}</ChildCharacteristics>`;
  return `<Child>${identifiers}${characteristics}${child.episodes.map(episodeXml).join('')}</Child>\n`;
}

function episodeXml(episode: CensusEpisode): string {
  return (
    '<CINdetails>' +
    element('CINreferralDate', episode.referralDate) +
    element('ReferralSource', episode.referralSource) +
    element('PrimaryNeedCode', episode.primaryNeed) +
    element('CINclosureDate', episode.closureDate) +
    element('ReasonForClosure', episode.reasonForClosure) +
    element('DateOfInitialCPC', episode.dateOfInitialCpc) +
    episode.assessments
      .map(
        (assessment) =>
          '<Assessments>' +
          element('AssessmentActualStartDate', assessment.startDate) +
          element('AssessmentAuthorisationDate', assessment.authorisationDate) +
          (assessment.factors?.length
            ? `<FactorsIdentifiedAtAssessment>${assessment.factors.map((factor) => element('AssessmentFactors', factor)).join('')}</FactorsIdentifiedAtAssessment>`
            : '') +
          '</Assessments>',
      )
      .join('') +
    episode.cinPlans
      .map(
        (plan) =>
          `<CINPlanDates>${element('CINPlanStartDate', plan.startDate)}${element('CINPlanEndDate', plan.endDate)}</CINPlanDates>`,
      )
      .join('') +
    episode.section47s
      .map(
        (enquiry) =>
          '<Section47>' +
          element('S47ActualStartDate', enquiry.startDate) +
          element('InitialCPCtarget', enquiry.icpcTarget) +
          element('DateOfInitialCPC', enquiry.icpcDate) +
          element('ICPCnotRequired', String(enquiry.icpcNotRequired)) +
          '</Section47>',
      )
      .join('') +
    element('ReferralNFA', String(episode.referralNfa)) +
    episode.cpPlans
      .map(
        (plan) =>
          '<ChildProtectionPlans>' +
          element('CPPstartDate', plan.startDate) +
          element('CPPendDate', plan.endDate) +
          element('InitialCategoryOfAbuse', plan.initialCategory) +
          element('LatestCategoryOfAbuse', plan.latestCategory) +
          element('NumberOfPreviousCPP', plan.previousPlans) +
          (plan.reviewDates.length
            ? `<Reviews>${plan.reviewDates.map((date) => element('CPPreviewDate', date)).join('')}</Reviews>`
            : '') +
          '</ChildProtectionPlans>',
      )
      .join('') +
    '</CINdetails>'
  );
}
