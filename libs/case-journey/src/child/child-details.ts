import {
  CENSUS_GENDER_CODES,
  DisabilityCode,
  EthnicityCode,
  Gender,
  Sex,
  UpnUnknownReason,
} from '../domain/national-codes';

/** Who the child is, as the census records a child: the child's own record, and each case's copy at its contact. */
export interface ChildDetails {
  givenName: string;
  familyName: string;
  /** Exactly one of dateOfBirth and expectedDateOfBirth (an unborn child). */
  dateOfBirth?: string;
  expectedDateOfBirth?: string;
  sex: Sex;
  /** The census's GenderCurrent when it is recorded apart from sex; absent: derived from sex (censusGender). */
  gender?: Gender;
  ethnicity?: EthnicityCode;
  firstLanguage?: string;
  disabilities: DisabilityCode[];
  upn?: string;
  /** Why there is no UPN (census UPNunknown); only without a upn. */
  upnUnknownReason?: UpnUnknownReason;
}

/** The census's GenderCurrent code: the recorded gender, else the sex (unknown or not stated: 0). */
export function censusGender(details: Pick<ChildDetails, 'sex' | 'gender'>): '1' | '2' | '9' | '0' {
  if (details.gender) return CENSUS_GENDER_CODES[details.gender];
  return details.sex === 'male' ? '1' : details.sex === 'female' ? '2' : '0';
}
