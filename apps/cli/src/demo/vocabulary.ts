import type { Random } from './random';

/**
 * Invented words for the demo population. Names are built from syllables, so no real person is
 * named; the wording of concerns and decisions follows the threshold documents' descriptions of
 * each level of need (../../../../shared/seeds), in our own words.
 */

const GIVEN_START = [
  'A',
  'Be',
  'Ca',
  'Da',
  'E',
  'Fa',
  'Ha',
  'I',
  'Ja',
  'Ka',
  'La',
  'Ma',
  'Na',
  'O',
  'Pa',
  'Ra',
  'Sa',
  'Ta',
  'Va',
  'Ya',
  'Za',
  'Ro',
  'Mi',
  'Lu',
  'Ke',
  'No',
  'Si',
  'Te',
];
const GIVEN_MIDDLE = ['', '', 'li', 'ri', 'ne', 'lo', 'mi', 'va', 'da', 'ra'];
const GIVEN_END = [
  'n',
  'ra',
  'la',
  'son',
  'mi',
  'ya',
  'ko',
  'ro',
  'ne',
  'ah',
  'el',
  'is',
  'o',
  'a',
  'en',
  'ie',
  'ar',
  'us',
];
const FAMILY_START = [
  'Ash',
  'Brem',
  'Carr',
  'Dal',
  'Ell',
  'Fen',
  'Gar',
  'Hol',
  'Ister',
  'Jarn',
  'Kel',
  'Lind',
  'Mar',
  'Nor',
  'Orm',
  'Pell',
  'Quar',
  'Rad',
  'Sel',
  'Tarn',
  'Ull',
  'Vard',
  'Wen',
  'Yar',
  'Zell',
  'Bro',
  'Cal',
  'Dre',
  'Hask',
  'Mol',
];
const FAMILY_END = [
  'ford',
  'ley',
  'by',
  'ton',
  'wick',
  'more',
  'field',
  'er',
  'ow',
  'ing',
  'stead',
  'ham',
  'well',
  'ridge',
  'acre',
  'ant',
  'is',
  'ek',
  'ova',
  'ani',
];

export function givenName(random: Random): string {
  return random.pick(GIVEN_START) + random.pick(GIVEN_MIDDLE) + random.pick(GIVEN_END);
}

export function familyName(random: Random): string {
  return random.pick(FAMILY_START) + random.pick(FAMILY_END);
}

export function initialled(random: Random): string {
  return `${random.pick('ABCDEFGHJKLMNPRSTW'.split(''))}. ${familyName(random)}`;
}

const PLACE = [
  'Northfield',
  'Fenbrook',
  'Millbank',
  'Ouseview',
  'Elmside',
  'Hareton',
  'Kingsmere',
  'Willowby',
  'Brackenhall',
  'Stanmoor',
  'Riverside',
  'Orchard Vale',
];

export const schoolName = (random: Random) =>
  `${random.pick(PLACE)} ${random.pick(['Primary School', 'Academy', 'Infant School', 'Community College', 'Junior School'])}`;
export const surgeryName = (random: Random) =>
  `${random.pick(PLACE)} ${random.pick(['Surgery', 'Medical Practice', 'Health Centre'])}`;

export const FIRST_LANGUAGES: readonly (readonly [string, number])[] = [
  ['English', 78],
  ['Polish', 5],
  ['Lithuanian', 3],
  ['Portuguese', 2],
  ['Urdu', 3],
  ['Romanian', 2],
  ['Punjabi', 2],
  ['Latvian', 1],
  ['Arabic', 2],
  ['Bengali', 1],
  ['Kurdish', 1],
];

export const PROVISIONS = [
  'Disability social work team',
  'Young carers service',
  'School nursing service',
  'Community paediatrics',
  'Child and adolescent mental health service',
];
export const PLACEMENTS = [
  'Foster placement in county',
  'Foster placement with a relative',
  'Residential children’s home',
  'Foster placement out of county',
];

export const CONCERNS: Record<'universal' | 'emerging' | 'complex' | 'specialist', readonly string[]> = {
  universal: [
    'Parent asked for advice about sleep and routines after a house move',
    'School reports occasional lateness; parent is engaging well with the school',
    'Health visitor asked for information about local parenting groups',
    'Parent worried about screen time and wanted to know what support is available',
    'Grandparent asked for advice after the child’s behaviour changed at visits',
  ],
  emerging: [
    'Attendance has dropped this term and the child often seems tired in class',
    'Parent is struggling with the child’s behaviour at home and asked the school for help',
    'Child is a young carer for a parent with a long-term illness',
    'Arguments between parents overheard by the child; the child is anxious at school',
    'Family has rent arrears and the child has come to school hungry on several days',
    'Child’s speech is behind for their age and the family has missed appointments',
  ],
  complex: [
    'Persistent non-attendance and a parent’s low mood is affecting routines at home',
    'Police attended two domestic incidents this month; the children were in the house',
    'Young person going missing overnight and spending time with older peers',
    'Home conditions are poor and the family has been served notice by the landlord',
    'Parent’s drinking is affecting supervision of the children in the evenings',
    'Child excluded twice this term; escalating aggression at home and at school',
  ],
  specialist: [
    'Child disclosed being hit by a parent’s partner; a mark was seen by the teacher',
    'Health visitor saw unexplained bruising on an infant',
    'Children found alone at home late at night; parent later found intoxicated',
    'Young person seen getting into cars with unknown adults; concerns of exploitation',
    'Serious domestic violence incident with the children present; one child injured',
    'Child says they are afraid to go home and describes being locked in their room',
  ],
};

export const REASONS = {
  assessed: {
    universal: 'Needs can be met by universal services with advice',
    emerging: 'Emerging needs: support from another service alongside school and health is needed',
    complex: 'Complex needs: several needs affecting the child; an EHA and a team around the family are needed',
    specialist: 'Specialist: the child is suffering, or likely to suffer, significant harm',
  },
  stepUp: {
    complex: 'Needs have grown despite early help: targeted multi-agency support is now needed',
    specialist: 'Concerns have escalated despite the early help plan: a referral to Children’s Social Care is needed',
  },
  stepDown: {
    complex: 'Statutory work has ended; the family will continue with early help through the team around the family',
    emerging: 'The plan’s outcomes are largely met; lighter support from the school and family worker continues',
    universal: 'Needs are now met by universal services',
  },
  whatChanged: [
    'Attendance back above 95% and the parent is keeping to the routine agreed at the last review',
    'Parent has engaged with the parenting course and the home is calmer',
    'Domestic abuse perpetrator has left the home and the parent has support from the outreach service',
    'Housing has been secured and the family’s finances are stable',
    'The young person is back in education and has not gone missing for three months',
    'Child protection plan ended: the risks identified at conference have reduced',
  ],
};

export const EARLY_HELP_SUMMARIES = [
  'EHA and TAF for six months: attendance improved briefly, but the parent has disengaged and new incidents were reported',
  'Family worker in place since the EHA; home conditions and supervision have not improved and the child reports being frightened',
  'Early help plan reviewed three times; outstanding: parental substance misuse and missed health appointments',
];

export const RISK_JUSTIFICATIONS = [
  'Physical injury seen by a professional, with a disclosure naming an adult in the household',
  'Children left without supervision at night with a parent unable to care for them',
  'Disclosure of harm and the alleged perpetrator still lives in the home',
  'Clear indicators of exploitation: the young person is at immediate risk',
];

export const HUB_RATIONALES = {
  escalate_to_mash: 'The EHA describes risks that need a MASH enquiry',
  district_early_help_service: 'Needs fit the district early help offer: a family worker is allocated',
  signpost: 'A local voluntary service is best placed to help the family',
  advice_and_information: 'The lead professional can meet the needs with advice from the hub',
} as const;

export const PRIMARY_NEEDS = [
  ['N1', 45],
  ['N4', 15],
  ['N5', 12],
  ['N3', 8],
  ['N2', 6],
  ['N6', 5],
  ['N8', 3],
  ['N7', 2],
  ['N0', 4],
] as const;
export const ASSESSMENT_FACTOR_CHOICES = [
  '3A',
  '3B',
  '4B',
  '1B',
  '2B',
  '16A',
  '17A',
  '18C',
  '14A',
  '10A',
  '11A',
  '24A',
  '5B',
  '6B',
  '7A',
  '15A',
] as const;
export const ABUSE_CATEGORY_WEIGHTS = [
  ['NEG', 45],
  ['EMO', 35],
  ['PHY', 8],
  ['SAB', 4],
  ['MUL', 8],
] as const;
