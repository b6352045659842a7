import type { Area } from '../domain/national-codes';
import { AREAS } from '../domain/national-codes';
import { CollectionYear, censusOutcomes, Incomplete } from './cin-census';
import { CENSUS_XML_CLOSING, censusChildXml, censusXmlOpening } from './cin-census-xml';
import { validateCensusChild, ValidationIssue } from './census-validation';
import { LOCAL_AUTHORITIES } from './local-authorities';
import type { ReturnsRecord } from './returns-record';

/** What goes beside the census: who is in it, who is left out and why, what is incomplete, what the DfE's rules would reject. */
export interface CensusReport {
  collectionYear: CollectionYear;
  asOf: string;
  area: Area | null;
  children: number;
  episodes: number;
  leftOut: { laChildId: string; reason: string }[];
  incomplete: Incomplete[];
  validation: ValidationIssue[];
  /** The schema needs at least one child: an empty census cannot be submitted. */
  empty: boolean;
}

export const SOFTWARE_CODE = 'Windscreen';

/**
 * The census XML a child at a time, filling `report` as it goes: a caller writes each chunk out
 * as it comes (the HTTP response, a file) and reads the report when the generator is done.
 */
export function* censusDocument(
  record: ReturnsRecord,
  options: { year: CollectionYear; asOf: string; area?: Area; generatedAt: string },
  report: CensusReport,
): Generator<string> {
  const { year, area } = options;
  const areas = area ? [area] : [...AREAS];
  yield censusXmlOpening({
    year,
    laCodes: areas.map((one) => LOCAL_AUTHORITIES[one].code),
    softwareCode: SOFTWARE_CODE,
    generatedAt: options.generatedAt,
  });
  for (const outcome of censusOutcomes(record, year, area)) {
    if (!outcome.included) {
      report.leftOut.push({ laChildId: outcome.laChildId, reason: outcome.reason });
      continue;
    }
    report.children++;
    report.episodes += outcome.child.episodes.length;
    report.incomplete.push(...outcome.incomplete);
    report.validation.push(...validateCensusChild(outcome.child, year));
    yield censusChildXml(outcome.child);
  }
  report.empty = report.children === 0;
  yield CENSUS_XML_CLOSING;
}

export function emptyCensusReport(year: CollectionYear, asOf: string, area?: Area): CensusReport {
  return {
    collectionYear: year,
    asOf,
    area: area ?? null,
    children: 0,
    episodes: 0,
    leftOut: [],
    incomplete: [],
    validation: [],
    empty: false,
  };
}
