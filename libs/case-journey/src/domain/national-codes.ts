/** Codes of the Children in Need census, so statutory returns can be built from the event log. */

export const REFERRAL_SOURCES = [
  '1A',
  '1B',
  '1C',
  '1D',
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '3D',
  '3E',
  '3F',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7',
  '8',
  '9',
  '10',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** R9: only members of the public (1A-1D), anonymous (9) or unknown (10) may stay anonymous. */
export const ANONYMITY_PERMITTED_SOURCES: readonly ReferralSource[] = ['1A', '1B', '1C', '1D', '9', '10'];

export const DISABILITY_CODES = [
  'NONE',
  'MOB',
  'HAND',
  'PC',
  'INC',
  'COMM',
  'LD',
  'HEAR',
  'VIS',
  'BEH',
  'CON',
  'AUT',
  'DDA',
] as const;
export type DisabilityCode = (typeof DISABILITY_CODES)[number];

/** CIN census ethnicity codes. */
export const ETHNICITY_CODES = [
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
] as const;
export type EthnicityCode = (typeof ETHNICITY_CODES)[number];

export const SEXES = ['male', 'female', 'unknown', 'not_stated'] as const;
export type Sex = (typeof SEXES)[number];

/** The census's GenderCurrent, when recorded apart from sex: 1 male, 2 female, 9 indeterminate, 0 not recorded or unborn. */
export const GENDERS = ['male', 'female', 'indeterminate', 'not_recorded'] as const;
export type Gender = (typeof GENDERS)[number];
export const CENSUS_GENDER_CODES: { readonly [G in Gender]: '1' | '2' | '9' | '0' } = {
  male: '1',
  female: '2',
  indeterminate: '9',
  not_recorded: '0',
};

/**
 * Why a child has no unique pupil number (the census's UPNunknown): the codes the published 2024
 * schema (CIN_schema_2024.xsd) accepts; their meanings are the DfE census guide's.
 */
export const UPN_UNKNOWN_REASONS = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'] as const;
export type UpnUnknownReason = (typeof UPN_UNKNOWN_REASONS)[number];

export const CONTACT_ROUTES = ['telephone', 'written', 'email', 'in_person'] as const;
export type ContactRoute = (typeof CONTACT_ROUTES)[number];

export const AREAS = ['cambridgeshire', 'peterborough'] as const;
export type Area = (typeof AREAS)[number];
