/** The windscreen continuum, lowest to highest. */
export const LEVELS_OF_NEED = ['universal', 'emerging', 'complex', 'specialist'] as const;
export type LevelOfNeed = (typeof LEVELS_OF_NEED)[number];

export const LEVEL_LABELS: Record<LevelOfNeed, string> = {
  universal: 'Universal',
  emerging: 'Emerging needs',
  complex: 'Complex needs',
  specialist: 'Specialist & safeguarding',
};

export function compareLevels(a: LevelOfNeed, b: LevelOfNeed): number {
  return LEVELS_OF_NEED.indexOf(a) - LEVELS_OF_NEED.indexOf(b);
}
