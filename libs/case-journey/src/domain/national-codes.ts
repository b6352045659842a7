/** Codes of the Children in Need census, so statutory returns can be built from the event log. */

export const REFERRAL_SOURCES = [
  '1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D', '3E', '3F', '4',
  '5A', '5B', '5C', '5D', '6', '7', '8', '9', '10',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** R9: only members of the public (1A-1D), anonymous (9) or unknown (10) may stay anonymous. */
export const ANONYMITY_PERMITTED_SOURCES: readonly ReferralSource[] = ['1A', '1B', '1C', '1D', '9', '10'];

export const DISABILITY_CODES = [
  'NONE', 'MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT', 'DDA',
] as const;
export type DisabilityCode = (typeof DISABILITY_CODES)[number];

/** CIN census ethnicity codes. */
export const ETHNICITY_CODES = [
  'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH',
  'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT',
] as const;
export type EthnicityCode = (typeof ETHNICITY_CODES)[number];

export const SEXES = ['male', 'female', 'unknown', 'not_stated'] as const;
export type Sex = (typeof SEXES)[number];

export const CONTACT_ROUTES = ['telephone', 'written', 'email', 'in_person'] as const;
export type ContactRoute = (typeof CONTACT_ROUTES)[number];

export const AREAS = ['cambridgeshire', 'peterborough'] as const;
export type Area = (typeof AREAS)[number];
