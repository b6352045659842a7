import {
  Area,
  AssessmentFactor,
  BragRating,
  CaseCommand,
  ChangeLevelOfNeed,
  ChildDetails,
  compareLevels,
  ConsentDecision,
  ConsentGiver,
  ConsentScope,
  Contact,
  ContactRoute,
  DisabilityCode,
  EhaOutcome,
  EscalationLevel,
  EscalationRoute,
  EthnicityCode,
  FamilyCommand,
  HubDecision,
  InformationSharingDecision,
  isWorkingDay,
  KeepInTouchReason,
  LevelOfNeed,
  MashOutcome,
  Professional,
  ReasonCategory,
  ReferralSource,
  Section17Outcome,
  Sex,
  ANONYMITY_PERMITTED_SOURCES,
  ESCALATION_ROUTES,
  ClosureReason,
  AbuseCategory,
  Section20Ending,
  RecordParentOrCarer,
} from '@windscreen/case-journey/domain';
import { Role } from '@windscreen/identity';
import { Random, seedFrom } from './random';
import {
  ABUSE_CATEGORY_WEIGHTS,
  ASSESSMENT_FACTOR_CHOICES,
  CONCERNS,
  EARLY_HELP_SUMMARIES,
  familyName,
  FIRST_LANGUAGES,
  givenName,
  HUB_RATIONALES,
  initialled,
  PLACEMENTS,
  PRIMARY_NEEDS,
  PROVISIONS,
  REASONS,
  RISK_JUSTIFICATIONS,
  schoolName,
  surgeryName,
} from './vocabulary';

/**
 * The demo population, as data: for each family, the commands its workers record, in the order
 * and at the (backdated) times they happen. Pure and deterministic: the same seed, size and end
 * date always give the same families. Both the demo (through the CommandBus) and the reports
 * benchmark (through the pure deciders and the event store) play these scripts.
 *
 * The journeys follow the threshold rules, so that every command is accepted: consent before an
 * EHA (R1), one EHA per family (R2), a TAF/TAC only on an open EHA (R3), a step up to specialist
 * with its basis (R6-R8), the MASH rating before its decision (R11, R12), s17 with consent at
 * specialist (R15), s20 with consent (R17), care orders in court order (R18), escalations step
 * by step (R20), open statutory work ended before closure (R21). A refused command means this
 * file has a bug.
 */

export interface ScenarioOptions {
  seed: string;
  children: number;
  /** Nothing happens after this moment (default: now). */
  end: Date;
  /** How far back the population goes (default 3). */
  years?: number;
}

/** Who records a step; becomes the command's actor (acting in `role`). */
export interface DemoActor {
  id: string;
  name: string;
  role: Role;
  /** Every role the actor holds, when more than `role` (the MASH staff hold `mash` too). */
  roles?: Role[];
  agency: string;
  team: string;
}

type CaseType = CaseCommand['type'];
/** A case command without what the executor fills in (the case and family ids, and what handlers read). */
export type CaseStepCommand = {
  [T in CaseType]: {
    type: T;
    data: Omit<
      Extract<CaseCommand, { type: T }>['data'],
      'caseId' | 'familyId' | 'childId' | 'laChildId' | 'familyHasEarlyHelpAssessment'
    >;
  };
}[CaseType];

type FamilyType = Exclude<FamilyCommand['type'], 'RegisterFamily' | 'AddChildToFamily'>;
/** A family command without the family id and what the handler reads from the child's case. */
export type FamilyStepCommand = {
  [T in FamilyType]: {
    type: T;
    data: Omit<
      Extract<FamilyCommand, { type: T }>['data'],
      'familyId' | 'caseId' | 'childCaseOpen' | 'consentInForce' | 'sharingConsent'
    >;
  };
}[FamilyType];

/** A command on the child as a person, without the ids the executor fills in. */
export type ChildStepCommand = {
  type: 'RecordParentOrCarer';
  data: Omit<RecordParentOrCarer['data'], 'childId' | 'personId'>;
};

export type DemoStep =
  | {
      at: string;
      actor: DemoActor;
      stream: 'case';
      child: number;
      command: CaseStepCommand;
      /** An OpenCase about the child after their case closed: a new case (with this id, where the executor may choose it), linked to the same child (R40). */
      sameChild?: { caseId: string };
    }
  | { at: string; actor: DemoActor; stream: 'child'; child: number; command: ChildStepCommand }
  /** `child`: whose case the family step concerns (the EHA starts from a child's case). */
  | { at: string; actor: DemoActor; stream: 'family'; child: number; command: FamilyStepCommand };

export interface DemoChild {
  /** The case's id when the executor may choose it (the benchmark); the API picks its own. */
  caseId: string;
  details: ChildDetails;
  /** Recorded with the child's first contact (R44). */
  parentsAndCarers: ChildStepCommand['data'][];
}

export interface DemoFamily {
  index: number;
  familyId: string;
  area: Area;
  team: string;
  children: DemoChild[];
  steps: DemoStep[];
  /** Where each child's case stands after the last step, by the generator's own account. */
  final: { open: boolean; level: LevelOfNeed | null };
}

export const TEAMS: Record<Area, readonly (readonly [string, number])[]> = {
  cambridgeshire: [
    ['north', 35],
    ['south', 35],
    ['fenland', 30],
  ],
  peterborough: [['city', 100]],
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

const iso = (ms: number) => new Date(ms).toISOString();
/** R19: the legal answers of a decision made with the family's consent, about the child and the parents, who know. */
const WITH_CONSENT: Pick<
  InformationSharingDecision,
  'dataSubjects' | 'article6Basis' | 'specialCategoryData' | 'confidentialityBasis' | 'personInformed' | 'advice'
> = {
  dataSubjects: ['child', 'parent_carer'],
  article6Basis: 'public_task',
  specialCategoryData: false,
  confidentialityBasis: 'consent',
  personInformed: { told: true },
  advice: { sought: false },
};
const dateOnly = (ms: number) => iso(ms).slice(0, 10);

/** The domain's working days (weekends and bank holidays), remembered per day: generation asks often. */
const workingDayCache = new Map<number, boolean>();
function isWorkingDayAt(ms: number): boolean {
  const day = Math.floor(ms / DAY);
  let working = workingDayCache.get(day);
  if (working === undefined) {
    working = isWorkingDay(new Date(day * DAY));
    workingDayCache.set(day, working);
  }
  return working;
}

/** As the domain's addWorkingDays: the same time of day, `count` working days later. */
function addWorkingDaysAt(ms: number, count: number): number {
  let at = ms;
  for (let remaining = count; remaining > 0;) {
    at += DAY;
    if (isWorkingDayAt(at)) remaining--;
  }
  return at;
}

/** Every family of the population, one at a time (a large population never sits in memory). */
export function* generatePopulation(options: ScenarioOptions): Generator<DemoFamily> {
  const end = options.end.getTime();
  const start = end - (options.years ?? 3) * YEAR;
  const staff = new Map<string, TeamStaff>();
  const sizes = new Random(seedFrom(options.seed, 'family sizes'));
  let remaining = options.children;
  for (let index = 0; remaining > 0; index++) {
    const size = Math.min(remaining, sizes.weighted(FAMILY_SIZES));
    remaining -= size;
    yield generateFamily(options.seed, index, size, start, end, staff);
  }
}

/** How many children a referred family has (the demo registers each as a case). */
const FAMILY_SIZES = [
  [1, 45],
  [2, 30],
  [3, 15],
  [4, 7],
  [5, 3],
] as const;

export function generateFamily(
  seed: string,
  index: number,
  size: number,
  start: number,
  end: number,
  staff = new Map<string, TeamStaff>(),
): DemoFamily {
  const random = new Random(seedFrom(seed, 'family', index), [seed, 'family', index].join('\u0000'));
  const area: Area = random.weighted([
    ['cambridgeshire', 75],
    ['peterborough', 25],
  ]);
  const team = random.weighted(TEAMS[area]);
  if (!staff.has(team)) staff.set(team, teamStaff(seed, team));
  // Every child's case is opened within the period, the last ones a day before its end.
  const firstContact = start + random.next() * (end - start - DAY);
  const surname = familyName(random);
  const children = childrenOf(random, size, surname, firstContact);
  const family: DemoFamily = {
    index,
    familyId: random.uuid(),
    area,
    team,
    children: children.map((details) => ({
      caseId: random.uuid(),
      details,
      parentsAndCarers: [] as ChildStepCommand['data'][],
    })),
    steps: [],
    final: { open: false, level: null },
  };
  // Drawn apart from the journey's own numbers, so that the journeys stay as they were.
  const parents = parentsAndCarersOf(
    new Random(seedFrom(seed, 'parents', index), [seed, 'parents', index].join('\u0000')),
    surname,
    firstContact,
  );
  for (const child of family.children) child.parentsAndCarers = parents;
  const journey = new FamilyJourney(random, end, family, staff.get(team)!, firstContact);
  journey.run();
  secondContactAboutTheSameChild(
    new Random(seedFrom(seed, 'same child', index), [seed, 'same child', index].join('\u0000')),
    family,
    staff.get(team)!,
    end,
  );
  return family;
}

// ---------------------------------------------------------------------------------------------
// The staff of a team: invented people with stable ids (tokens can be minted for them).

export interface TeamStaff {
  contactOfficer: DemoActor;
  mashManager: DemoActor;
  mashWorker: DemoActor;
  hubWorker: DemoActor;
  earlyHelpWorkers: DemoActor[];
  socialWorkers: DemoActor[];
  teamManager: DemoActor;
}

export function teamStaff(seed: string, team: string): TeamStaff {
  const random = new Random(seedFrom(seed, 'staff', team), [seed, 'staff', team].join('\u0000'));
  const person = (id: string, role: Role, agency: string, alsoRoles: Role[] = []): DemoActor => ({
    id: `demo-${team}-${id}`,
    name: `${givenName(random)} ${familyName(random)}`,
    role,
    ...(alsoRoles.length && { roles: [role, ...alsoRoles] }),
    agency,
    team,
  });
  return {
    contactOfficer: person('cso', 'case_worker', 'Customer Service Centre'),
    // The front door's decisions are the MASH's (separation of duties): they hold the `mash` role.
    mashManager: person('mash-manager', 'manager', 'MASH', ['mash']),
    mashWorker: person('mash-worker', 'case_worker', 'MASH', ['mash']),
    hubWorker: person('hub', 'case_worker', 'Early Help Hub'),
    earlyHelpWorkers: [1, 2, 3, 4].map((n) => person(`ehw${n}`, 'case_worker', 'Early Help')),
    socialWorkers: [1, 2, 3, 4].map((n) => person(`sw${n}`, 'case_worker', 'Children’s Social Care')),
    teamManager: person('manager', 'manager', 'Children’s Social Care'),
  };
}

// ---------------------------------------------------------------------------------------------
// Children

const ETHNICITIES: readonly (readonly [EthnicityCode, number])[] = [
  ['WBRI', 68],
  ['WOTH', 9],
  ['WROM', 1],
  ['WIRI', 1],
  ['MWBC', 3],
  ['MWBA', 1],
  ['MWAS', 1],
  ['MOTH', 2],
  ['APKN', 3],
  ['AIND', 1],
  ['ABAN', 1],
  ['AOTH', 1],
  ['BAFR', 2],
  ['BCRB', 1],
  ['CHNE', 1],
  ['OOTH', 1],
  ['NOBT', 2],
  ['REFU', 1],
];
const DISABILITIES: readonly DisabilityCode[] = ['AUT', 'LD', 'BEH', 'COMM', 'HEAR', 'VIS', 'MOB', 'CON', 'PC'];

function childrenOf(random: Random, size: number, surname: string, at: number): ChildDetails[] {
  const eldest = random.weighted([
    [random.int(0, 4), 25],
    [random.int(5, 10), 35],
    [random.int(11, 15), 30],
    [random.int(16, 17), 10],
  ]);
  const ethnicity = random.weighted(ETHNICITIES);
  const firstLanguage = random.weighted(FIRST_LANGUAGES);
  return Array.from({ length: size }, (_, i) => {
    const age = Math.max(0, eldest - i * random.int(1, 3));
    const born = at - age * YEAR - random.int(30, 360) * DAY;
    const disabilities: DisabilityCode[] = random.chance(0.1)
      ? random.sample(DISABILITIES, random.int(1, 2))
      : ['NONE'];
    const sex: Sex = random.weighted([
      ['male', 49],
      ['female', 49],
      ['unknown', 1],
      ['not_stated', 1],
    ]);
    return {
      givenName: givenName(random),
      familyName: random.chance(0.88) ? surname : familyName(random),
      dateOfBirth: dateOnly(born),
      sex,
      ethnicity,
      firstLanguage,
      disabilities,
      ...(age >= 5 && random.chance(0.6) && { upn: upn(random) }),
      // Census UPNunknown UN1: under 6 and not yet at school.
      ...(age < 5 && { upnUnknownReason: 'UN1' as const }),
    };
  });
}

/**
 * Some children come back after their case closed as a new contact, recorded (R40) as a new case
 * about the same child, in the child's family: the last thing in the family's journey, so that
 * nothing of the earlier case's work is asked of the new one.
 */
function secondContactAboutTheSameChild(random: Random, family: DemoFamily, staff: TeamStaff, end: number): void {
  const last = family.steps[family.steps.length - 1];
  if (family.final.open || !last || !random.chance(0.2)) return;
  const at = Date.parse(last.at) + random.int(30, 400) * DAY;
  if (at > end - DAY) return;
  const child = random.int(0, family.children.length - 1);
  const receivedAt = iso(at);
  family.steps.push({
    at: receivedAt,
    actor: staff.contactOfficer,
    stream: 'case',
    child,
    sameChild: { caseId: random.uuid() },
    command: {
      type: 'OpenCase',
      data: {
        child: family.children[child].details,
        area: family.area,
        contact: {
          receivedAt,
          route: 'email',
          source: '2A',
          referrer: {
            name: `${givenName(random)} ${familyName(random)}`,
            agency: 'School safeguarding lead',
            anonymous: false,
          },
        },
        concerns: random.pick(CONCERNS.emerging),
      },
    },
  });
  family.final = { open: true, level: null };
}

/** The family's parents and carers: a mother, mostly a father, sometimes a step-parent or a grandparent who cares. */
function parentsAndCarersOf(random: Random, surname: string, at: number): ChildStepCommand['data'][] {
  const bornAround = (years: number) => dateOnly(at - (years + random.int(0, 12)) * YEAR - random.int(0, 360) * DAY);
  const people: ChildStepCommand['data'][] = [
    {
      name: `${givenName(random)} ${surname}`,
      relationship: 'mother',
      parentalResponsibility: true,
      dateOfBirth: bornAround(22),
    },
  ];
  if (random.chance(0.7)) {
    people.push({
      name: `${givenName(random)} ${random.chance(0.8) ? surname : familyName(random)}`,
      relationship: 'father',
      parentalResponsibility: random.chance(0.85),
      dateOfBirth: bornAround(24),
    });
  }
  if (random.chance(0.15))
    people.push({
      name: `${givenName(random)} ${familyName(random)}`,
      relationship: 'step-parent',
      parentalResponsibility: false,
    });
  if (random.chance(0.1))
    people.push({
      name: `${givenName(random)} ${surname}`,
      relationship: 'grandparent',
      parentalResponsibility: false,
      dateOfBirth: bornAround(50),
    });
  return people;
}

function upn(random: Random): string {
  const letters = 'ABCDEFGHJKLMNPQRTUVWXYZ';
  return `${random.pick(letters.split(''))}${Array.from({ length: 11 }, () => random.int(0, 9)).join('')}${random.pick(letters.split(''))}`;
}

// ---------------------------------------------------------------------------------------------
// One family's journey

/** Reached the end of the period: the journey stops there, mid-way if need be (thrown; not an error). */
/** Thrown to stop a child's story at the end of the generated period. */
class Horizon extends Error {}

type Route = 'advice' | 'emerging' | 'complex' | 's17' | 's47';
type Next =
  | 'early_help'
  | 'keep_in_touch'
  | 's17'
  | 's47'
  | 'provision'
  | 'closed'
  | 'stay'
  | { close: ClosureReason; summary: string };

const INITIAL_ROUTES: readonly (readonly [Route, number])[] = [
  ['advice', 22],
  ['emerging', 33],
  ['complex', 23],
  ['s17', 13],
  ['s47', 9],
];
const REREFERRAL_ROUTES: readonly (readonly [Route, number])[] = [
  ['advice', 15],
  ['emerging', 20],
  ['complex', 30],
  ['s17', 20],
  ['s47', 15],
];
const LEVEL_OF_ROUTE: Record<Route, LevelOfNeed> = {
  advice: 'universal',
  emerging: 'emerging',
  complex: 'complex',
  s17: 'specialist',
  s47: 'specialist',
};

const MASH_SOURCES: readonly (readonly [ReferralSource, number])[] = [
  ['6', 28],
  ['2A', 20],
  ['3B', 5],
  ['3A', 4],
  ['3E', 4],
  ['3F', 4],
  ['3C', 2],
  ['2B', 3],
  ['1A', 6],
  ['1D', 3],
  ['1B', 1],
  ['9', 3],
  ['4', 3],
  ['5C', 2],
  ['5D', 5],
  ['7', 2],
  ['8', 4],
  ['10', 1],
];
const EARLY_HELP_SOURCES: readonly (readonly [ReferralSource, number])[] = [
  ['2A', 40],
  ['3B', 15],
  ['1A', 10],
  ['1C', 5],
  ['5D', 20],
  ['3A', 10],
];

/** R11: hours the MASH has to gather information, by rating (Blue has none; it is decided within a day). */
const MASH_HOURS: Record<BragRating, number> = { red: 4, amber: 6, green: 24, blue: 24 };

interface Model {
  open: boolean;
  level: LevelOfNeed | null;
  consents: Partial<Record<ConsentScope, ConsentDecision>>;
  rating: BragRating | null;
  mashDecided: boolean;
  section47Open: boolean;
  strategyAt: number | null;
  section17OpenedAt: number | null;
  childProtectionPlan: boolean;
  childInNeedPlan: boolean;
  /** The child accommodated under s20, if one is. */
  accommodated: number | null;
  allocatedTo: string | null;
  // the family
  everHadEha: boolean;
  ehaOpen: boolean;
  ehaCompleted: boolean;
  hubDecided: boolean;
  teamConvened: boolean;
  /** A youth worker joined the team (R19: the EHA is shared with them). */
  youthWorkerJoined: boolean;
  leadProfessional: Professional | null;
  keepInTouch: boolean;
}

class FamilyJourney {
  /** The family's clock: the time of its last recorded step. */
  private t: number;
  private readonly pending: { at: number; child: number; record: () => void }[] = [];
  private readonly m: Model = {
    open: false,
    level: null,
    consents: {},
    rating: null,
    mashDecided: false,
    section47Open: false,
    strategyAt: null,
    section17OpenedAt: null,
    childProtectionPlan: false,
    childInNeedPlan: false,
    accommodated: null,
    allocatedTo: null,
    everHadEha: false,
    ehaOpen: false,
    ehaCompleted: false,
    hubDecided: false,
    teamConvened: false,
    youthWorkerJoined: false,
    leadProfessional: null,
    keepInTouch: false,
  };
  private readonly earlyHelpWorker: DemoActor;
  private readonly socialWorker: DemoActor;
  private readonly school: string;

  constructor(
    private readonly random: Random,
    private readonly end: number,
    private readonly family: DemoFamily,
    private readonly staff: TeamStaff,
    private readonly firstContact: number,
  ) {
    this.t = firstContact - HOUR;
    this.earlyHelpWorker = random.pick(staff.earlyHelpWorkers);
    this.socialWorker = random.pick(staff.socialWorkers);
    this.school = schoolName(random);
  }

  run(): void {
    try {
      this.journey();
      this.flushPending(this.end);
    } catch (error) {
      if (!(error instanceof Horizon)) throw error;
      try {
        this.flushPending(this.end);
      } catch (again) {
        if (!(again instanceof Horizon)) throw again;
      }
    }
    this.family.final = { open: this.m.open, level: this.m.level };
  }

  private journey(): void {
    let referrals = 0;
    let next: Next = this.contact(true);
    for (let phases = 0; phases < 14; phases++) {
      if (typeof next === 'object') {
        next = this.close(next.close, next.summary);
        continue;
      }
      switch (next) {
        case 'early_help':
          next = this.earlyHelp();
          break;
        case 'keep_in_touch':
          next = this.keepInTouch();
          break;
        case 's17':
          next = this.section17();
          break;
        case 's47':
          next = this.section47();
          break;
        case 'provision':
          this.waitUntil(this.days(14, 60));
          next = { close: 'RC7', summary: 'The specific provision is in place; no further involvement needed' };
          break;
        case 'closed':
          // R21: some children are referred again; within 12 months it is a re-referral.
          if (referrals < 2 && this.random.chance(referrals === 0 ? 0.3 : 0.15)) {
            referrals++;
            this.waitUntil(
              this.t + (this.random.chance(0.7) ? this.random.int(30, 330) : this.random.int(380, 640)) * DAY,
            );
            next = this.contact(false);
            break;
          }
          return;
        case 'stay':
          return;
      }
    }
  }

  // ----- recording --------------------------------------------------------------------------

  /** The time of the next step, at `at` or just after the last one; past the end, the journey stops. */
  private slot(at: number): number {
    this.flushPending(at);
    const when = Math.max(at, this.t + this.random.int(1, 4) * MINUTE);
    if (when > this.end) throw new Horizon();
    this.t = when;
    return when;
  }

  private onCase(
    at: number,
    actor: DemoActor,
    child: number,
    command: CaseStepCommand | ((when: number) => CaseStepCommand),
  ): number {
    const when = this.slot(at);
    this.family.steps.push({
      at: iso(when),
      actor,
      stream: 'case',
      child,
      command: typeof command === 'function' ? command(when) : command,
    });
    return when;
  }

  /** The same command on every child's case, a few minutes apart. */
  private onEveryCase(
    at: number,
    actor: DemoActor,
    command: CaseStepCommand | ((when: number, child: number) => CaseStepCommand),
  ): number {
    let first = 0;
    this.family.children.forEach((_, child) => {
      const when = this.onCase(child === 0 ? at : this.t, actor, child, (w) =>
        typeof command === 'function' ? command(w, child) : command,
      );
      if (child === 0) first = when;
    });
    return first;
  }

  private onFamily(
    at: number,
    actor: DemoActor,
    command: FamilyStepCommand | ((when: number) => FamilyStepCommand),
    child = 0,
  ): number {
    const when = this.slot(at);
    this.family.steps.push({
      at: iso(when),
      actor,
      stream: 'family',
      child,
      command: typeof command === 'function' ? command(when) : command,
    });
    return when;
  }

  /** Something that happens later while other work goes on (a written follow-up, the referrer told). */
  private later(at: number, child: number, record: () => void): void {
    this.pending.push({ at, child, record });
    this.pending.sort((a, b) => a.at - b.at);
  }

  /** Time passes with nothing recorded but what was expected meanwhile. */
  private waitUntil(at: number): void {
    this.flushPending(Math.min(at, this.end));
    if (at > this.end) throw new Horizon();
    this.t = Math.max(this.t, at);
  }

  private flushPending(until: number): void {
    while (this.pending.length && this.pending[0].at <= until) {
      const item = this.pending.shift()!;
      item.record();
    }
  }

  // ----- time -------------------------------------------------------------------------------

  /** The same moment if it falls in office hours on a working day, otherwise the next working morning. */
  private working(ms: number): number {
    const hour = (ms % DAY) / HOUR;
    const working = isWorkingDayAt(ms);
    if (working && hour >= 8.5 && hour < 17) return ms;
    let day = ms - (ms % DAY);
    if (hour >= 17 || !working) day += DAY;
    while (!isWorkingDayAt(day)) day += DAY;
    return day + 8.5 * HOUR + this.random.int(0, 180) * MINUTE;
  }

  /** Some calendar days after the family's clock, in office hours. */
  private days(min: number, max: number, from = this.t): number {
    return this.working(from + this.random.int(min, max) * DAY + this.random.int(0, 300) * MINUTE);
  }

  private workingDays(min: number, max: number, from = this.t): number {
    return this.working(addWorkingDaysAt(from, this.random.int(min, max)) + this.random.int(-120, 120) * MINUTE);
  }

  private hours(min: number, max: number, from = this.t): number {
    return from + this.random.between(min, max) * HOUR;
  }

  // ----- the front door ---------------------------------------------------------------------

  /** A contact about the family's children: new cases, or the closed cases reopened. */
  private contact(first: boolean): Next {
    const drawn = this.random.weighted(first ? INITIAL_ROUTES : REREFERRAL_ROUTES);
    // R6: without early help on record (or after it was refused, R8), a child in need is offered
    // early help first; only reasonable cause to suspect significant harm (s47) goes straight to
    // Children's Social Care. No immediate risk is invented to get past R6.
    const route: Route =
      drawn === 's17' && (!this.m.everHadEha || this.m.consents.early_help === 'refused') ? 'complex' : drawn;
    const level = LEVEL_OF_ROUTE[route];
    const viaMash = route === 'advice' || route === 's17' || route === 's47' || this.random.chance(0.65);
    const source = this.random.weighted(viaMash ? MASH_SOURCES : EARLY_HELP_SOURCES);
    const concerns = this.random.pick(CONCERNS[level]);
    const at = first ? this.firstContactTime() : this.working(this.t);
    const contact = { ...this.contactDetails(source, at), ...(route === 's47' && { childProtectionConcerns: true }) };
    if (first) {
      this.onEveryCase(at, this.staff.contactOfficer, (_, child) => ({
        type: 'OpenCase',
        data: { child: this.family.children[child].details, area: this.family.area, contact, concerns },
      }));
      this.recordParentsAndCarers();
      this.m.open = true;
      if (contact.route === 'telephone') this.expectWrittenFollowUps(Date.parse(contact.receivedAt));
    } else {
      this.onEveryCase(at, this.staff.contactOfficer, {
        type: 'ReopenCase',
        data: { reason: `New contact (source ${source}): ${concerns}`, source },
      });
      Object.assign(this.m, { open: true, rating: null, mashDecided: false });
    }
    const category: ReasonCategory | undefined = first ? undefined : 'new_information';
    if (viaMash) return this.mash(route, category, contact.route === 'telephone' && route === 's47');
    this.setLevel(level, this.earlyHelpWorker, this.days(1, 5), category);
    return 'early_help';
  }

  /** R44: each child's parents and carers, recorded by the contact officer with the child's first contact, at its time (no time of their own). */
  private recordParentsAndCarers(): void {
    const steps = this.family.steps;
    for (let index = steps.length - 1; index >= 0; index--) {
      const step = steps[index];
      if (step.stream !== 'case' || step.command.type !== 'OpenCase') continue;
      const parents = this.family.children[step.child].parentsAndCarers.map((data): DemoStep => ({
        at: step.at,
        actor: step.actor,
        stream: 'child',
        child: step.child,
        command: { type: 'RecordParentOrCarer', data },
      }));
      steps.splice(index + 1, 0, ...parents);
    }
  }

  /** Mostly in office hours; never later than the end of the period. */
  private firstContactTime(): number {
    const inOfficeHours = this.working(this.firstContact);
    return this.random.chance(0.8) && inOfficeHours < this.end - HOUR ? inOfficeHours : this.firstContact;
  }

  private contactDetails(source: ReferralSource, at: number): Contact {
    const route: ContactRoute =
      source === '6'
        ? this.random.weighted<ContactRoute>([
            ['email', 60],
            ['telephone', 40],
          ])
        : this.random.weighted<ContactRoute>([
            ['telephone', 45],
            ['email', 30],
            ['written', 15],
            ['in_person', 10],
          ]);
    const mayBeAnonymous = ANONYMITY_PERMITTED_SOURCES.includes(source);
    const anonymous = source === '9' || source === '10' || (mayBeAnonymous && this.random.chance(0.2));
    const agency: Partial<Record<ReferralSource, string>> = {
      '2A': this.school,
      '2B': 'Education welfare service',
      '3A': surgeryName(this.random),
      '3B': 'Health visiting service',
      '3C': 'School nursing service',
      '3E': 'Emergency department',
      '3F': 'Community midwifery',
      '4': 'Housing options team',
      '5C': 'Neighbouring local authority',
      '5D': 'Early Help',
      '6': 'Cambridgeshire Constabulary',
      '7': 'Probation service',
      '8': 'Voluntary sector family service',
    };
    return {
      receivedAt: iso(at - this.random.int(0, 40) * MINUTE),
      route,
      source,
      referrer: anonymous
        ? { anonymous: true }
        : { name: initialled(this.random), ...(agency[source] && { agency: agency[source] }), anonymous: false },
    };
  }

  /** R10: the referrer's written follow-up of a telephone contact, usually within 24 hours. */
  private expectWrittenFollowUps(receivedAt: number): void {
    this.family.children.forEach((_, child) => {
      const roll = this.random.next();
      if (roll > 0.97) return; // never arrives
      const at = receivedAt + (roll < 0.85 ? this.random.between(1, 20) : this.random.between(26, 72)) * HOUR;
      this.later(at, child, () =>
        this.onCase(at, this.staff.mashWorker, child, { type: 'RecordWrittenFollowUp', data: {} }),
      );
    });
  }

  /** R11-R13: rating, decision and the referrer told. */
  private mash(route: Route, category?: ReasonCategory, riskDecisionWithinTheHour = false): Next {
    const rating: BragRating = {
      advice: 'blue',
      emerging: 'green',
      complex: this.random.chance(0.7) ? 'green' : 'amber',
      s17: 'amber',
      s47: 'red',
    }[route] as BragRating;
    const level = LEVEL_OF_ROUTE[route];
    const lower: Partial<Record<BragRating, BragRating>> = { red: 'amber', amber: 'green', green: 'blue' };
    // R33: a telephone contact about child protection gets its risk decision within the hour, mostly.
    let ratedAt = riskDecisionWithinTheHour && this.random.chance(0.9) ? this.hours(0.2, 0.9) : this.hours(0.3, 3);
    // R11: the rating may change as information comes to light.
    if (lower[rating] && lower[rating] !== this.m.rating && this.random.chance(0.12)) {
      this.rate(lower[rating], ratedAt, 'Initial rating on the information in the contact');
      ratedAt = this.hours(1, 3);
    }
    if (rating !== this.m.rating)
      ratedAt = this.rate(rating, ratedAt, 'Rating after checks with police, health and school');
    const decisionAt =
      ratedAt +
      MASH_HOURS[rating] *
        HOUR *
        (this.random.chance(0.85) ? this.random.between(0.3, 0.9) : this.random.between(1.1, 2.5));
    // A contact needing only advice leaves the level where an earlier episode put it.
    if (route !== 'advice' || this.m.level === null)
      this.setLevel(level, this.staff.mashManager, this.hours(0.2, 1), category);
    if (route === 's17') this.consent('section_17', 'given', this.hours(0.2, 1));
    // R11: a contact goes to the Early Help Hub with the family's consent to early help.
    if ((route === 'emerging' || route === 'complex') && this.m.consents.early_help !== 'given')
      this.consent('early_help', 'given', this.hours(0.2, 1));
    if (route === 's47') {
      this.m.strategyAt = this.onEveryCase(this.hours(0.2, 1), this.staff.mashManager, {
        type: 'RecordStrategyDiscussion',
        data: {
          attendees: ['Police: child abuse investigation unit', 'Health: named nurse', 'CSC: MASH social worker'],
          decision: 'Section 47 enquiries to be undertaken jointly with the police',
        },
      });
    }
    const outcome: MashOutcome = {
      advice: this.random.chance(0.88) ? 'advice_and_close' : 'specific_provision',
      emerging: 'early_help_hub',
      complex: 'early_help_hub',
      s17: 'section_17_single_assessment',
      s47: 'section_47_first_response',
    }[route] as MashOutcome;
    const provisionName = outcome === 'specific_provision' ? this.random.pick(PROVISIONS) : undefined;
    const rationale = {
      advice_and_close: 'No safeguarding concern: advice given to the referrer and the family',
      specific_provision: `Needs are best met by the ${provisionName}`,
      early_help_hub: 'Wellbeing concerns: passed to the Early Help Hub for an Early Help Assessment',
      section_17_single_assessment: 'Significant concerns: a single assessment under section 17 is needed',
      section_47_first_response: 'Reasonable cause to suspect significant harm: passed to the First Response Team',
    }[outcome];
    this.onEveryCase(decisionAt, this.staff.mashManager, (_, child) => {
      if (outcome === 'advice_and_close') this.dropPending(child);
      return { type: 'RecordMashDecision', data: { outcome, rationale, ...(provisionName && { provisionName }) } };
    });
    this.m.mashDecided = true;
    // R13: the referrer is told, even of a contact closed with no further action (R27).
    this.expectReferrersNotified();
    if (outcome === 'advice_and_close') {
      this.m.open = false;
      return 'closed';
    }
    if (outcome === 'section_17_single_assessment') {
      this.m.section17OpenedAt = this.t;
      this.allocate(this.socialWorker, 'Allocated social worker for the single assessment');
      return 's17';
    }
    if (outcome === 'section_47_first_response') {
      this.m.section47Open = true;
      this.allocate(this.socialWorker, 'Allocated social worker for the section 47 enquiry');
      return 's47';
    }
    return outcome === 'specific_provision' ? 'provision' : 'early_help';
  }

  private rate(rating: BragRating, at: number, rationale: string): number {
    this.m.rating = rating;
    return this.onEveryCase(at, this.staff.mashManager, { type: 'ApplyBragRating', data: { rating, rationale } });
  }

  /** R13: the referrer hears the outcome within one working day, mostly. */
  private expectReferrersNotified(): void {
    const decidedAt = this.t;
    this.family.children.forEach((_, child) => {
      const at = this.random.chance(0.88) ? this.hours(0.5, 6, decidedAt) : this.workingDays(2, 4, decidedAt);
      this.later(at, child, () =>
        this.onCase(at, this.staff.mashWorker, child, {
          type: 'RecordReferrerNotified',
          data: { how: this.random.pick(['Telephone call', 'Secure email', 'Letter']) },
        }),
      );
    });
  }

  private dropPending(child: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) if (this.pending[i].child === child) this.pending.splice(i, 1);
  }

  // ----- levels, consent, allocation --------------------------------------------------------

  private setLevel(level: LevelOfNeed, actor: DemoActor, at: number, category?: ReasonCategory): void {
    const from = this.m.level;
    if (from === level) return;
    const up = from === null || compareLevels(level, from) > 0;
    const data: Omit<ChangeLevelOfNeed['data'], 'caseId' | 'familyHasEarlyHelpAssessment'> = {
      level,
      reason:
        from === null
          ? REASONS.assessed[level]
          : compareLevels(level, from) > 0
            ? ((REASONS.stepUp as Record<string, string>)[level] ?? REASONS.assessed[level])
            : REASONS.stepDown[level as 'complex' | 'emerging' | 'universal'],
    };
    if (!up) data.whatChanged = this.random.pick(REASONS.whatChanged);
    if (level === 'specialist') {
      // R6: early help first, or an immediate risk of significant harm.
      // R6: the EHA's summary where there was early help; the risk of significant harm only where
      // there is one (a Red contact, or the s47 that follows), never to get past R6.
      if (this.m.everHadEha && this.m.rating !== 'red' && this.m.consents.early_help !== 'refused')
        data.earlyHelpSummary = this.random.pick(EARLY_HELP_SUMMARIES);
      else data.immediateRisk = { justification: this.random.pick(RISK_JUSTIFICATIONS) };
      // R7: consent, the parents informed, or the recorded exception.
      if (this.m.consents.csc_referral !== 'given') {
        if (this.random.chance(0.8)) data.parentsInformed = true;
        else
          data.consentException = {
            reason: this.random.pick(['risk_of_significant_harm', 'prejudice_crime_detection'] as const),
            justification: 'Telling the parents now would alert the alleged perpetrator',
          };
      }
      // R8: after refused early help, a risk of significant harm and the intention discussed.
      if (this.m.consents.early_help === 'refused') {
        data.immediateRisk ??= { justification: this.random.pick(RISK_JUSTIFICATIONS) };
        if (!data.consentException) data.intentionDiscussedWithParent = true;
      }
    }
    data.reasonCategory =
      category ??
      (up
        ? data.immediateRisk
          ? 'risk_of_significant_harm'
          : from === null
            ? 'new_information'
            : 'needs_escalated'
        : from === 'specialist'
          ? 'statutory_work_ended'
          : this.random.weighted<ReasonCategory>([
              ['needs_met', 85],
              ['new_information', 10],
              ['other', 5],
            ]));
    this.onEveryCase(at, actor, { type: 'ChangeLevelOfNeed', data });
    this.m.level = level;
  }

  private consent(
    scope: ConsentScope,
    decision: ConsentDecision,
    at: number,
    givenBy: ConsentGiver = 'parent_carer',
  ): void {
    const social =
      scope === 'section_17' || scope === 'section_20' || scope === 'csc_referral' || this.m.level === 'specialist';
    this.onEveryCase(at, social ? this.socialWorker : this.earlyHelpWorker, {
      type: 'RecordConsent',
      data: { scope, givenBy, gillickCompetent: false, decision },
    });
    this.m.consents[scope] = decision;
  }

  /** The case is held by the team and allocated to a worker (need-to-know access follows it). */
  private allocate(worker: DemoActor, reason: string): void {
    if (this.m.allocatedTo === worker.id) return;
    this.onEveryCase(this.working(this.hours(1, 6)), this.staff.teamManager, {
      type: 'AllocateCase',
      data: { worker: { id: worker.id, name: worker.name }, team: this.family.team, reason },
    });
    this.m.allocatedTo = worker.id;
  }

  private professional(actor: DemoActor, role: string): Professional {
    return {
      name: actor.name,
      agency: actor.agency,
      role,
      contact: `${actor.id}@demo.windscreen.invalid`,
      userId: actor.id,
    };
  }

  // ----- early help -------------------------------------------------------------------------

  private earlyHelp(): Next {
    const worker = this.earlyHelpWorker;
    if (this.m.consents.early_help !== 'given') {
      // R1: consent first; some families say no, and are kept in touch with (R5).
      if (this.m.consents.early_help !== 'refused' && this.random.chance(0.12)) {
        this.consent('early_help', 'refused', this.days(1, 10));
        return 'keep_in_touch';
      }
      this.consent('early_help', 'given', this.days(1, 10));
    }
    if (this.m.consents.information_sharing === undefined && this.random.chance(0.75))
      this.consent('information_sharing', 'given', this.hours(0, 1));
    this.allocate(worker, 'Allocated early help worker');
    if (!this.m.ehaOpen) {
      const lead = this.random.chance(0.6)
        ? this.professional(worker, 'Family worker')
        : { name: initialled(this.random), agency: this.school, role: 'Designated safeguarding lead' };
      this.onFamily(this.days(2, 10), worker, {
        type: 'StartEarlyHelpAssessment',
        data: { ehaId: this.random.uuid(), leadProfessional: lead },
      });
      Object.assign(this.m, {
        ehaOpen: true,
        everHadEha: true,
        ehaCompleted: false,
        hubDecided: false,
        leadProfessional: lead,
      });
      this.onFamily(this.workingDays(5, 15), worker, {
        type: 'RecordNeedAndStrength',
        data: {
          need: this.m.level === 'complex' || this.random.chance(0.25) ? 'high' : 'low',
          strength: this.random.chance(0.5) ? 'high' : 'low',
          rationale: 'Agreed with the family at the assessment meeting',
        },
      });
      this.onFamily(this.workingDays(5, 20), worker, {
        type: 'CompleteEarlyHelpAssessment',
        data: { summary: 'Assessment completed with the family; plan agreed' },
      });
      this.m.ehaCompleted = true;
      // R14: the Early Help Hub decides on the completed EHA.
      const decision: HubDecision = this.random.weighted([
        ['district_early_help_service', 62],
        ['signpost', 14],
        ['advice_and_information', 14],
        ['escalate_to_mash', 10],
      ]);
      this.onFamily(this.workingDays(1, 5), this.staff.hubWorker, {
        type: 'RecordEarlyHelpHubDecision',
        data: { decision, rationale: HUB_RATIONALES[decision] },
      });
      this.m.hubDecided = true;
      if (decision === 'escalate_to_mash') return this.stepUpFromEarlyHelp();
    }
    if (this.m.level === 'complex' || this.random.chance(0.3)) this.conveneTeam();
    this.work();
    return this.earlyHelpOutcome();
  }

  private conveneTeam(): void {
    if (this.m.teamConvened || !this.m.ehaOpen) return;
    const lead = this.m.leadProfessional ?? this.professional(this.earlyHelpWorker, 'Family worker');
    const members: Professional[] = [
      { name: initialled(this.random), agency: this.school, role: 'Designated safeguarding lead' },
      { name: initialled(this.random), agency: 'Health visiting service', role: 'Health visitor' },
      ...(this.random.chance(0.5)
        ? [{ name: initialled(this.random), agency: 'Housing options team', role: 'Housing officer' }]
        : []),
    ];
    // Naming a TAF's lead and members is for the current lead professional or a manager.
    const convener =
      this.m.leadProfessional?.userId === this.earlyHelpWorker.id ? this.earlyHelpWorker : this.staff.teamManager;
    this.onFamily(this.workingDays(3, 10), convener, {
      type: 'ConveneTeamAroundFamily',
      data: {
        kind: this.family.children.length > 1 || this.random.chance(0.5) ? 'TAF' : 'TAC',
        leadProfessional: lead,
        members,
      },
    });
    this.m.teamConvened = true;
  }

  /** A period of early help work: TAF reviews, information shared, perhaps a disagreement. */
  private work(): void {
    if (this.random.chance(0.45)) this.shareWithConsent();
    if (this.random.chance(0.15)) this.shareWithConsent();
    if (this.random.chance(0.04)) this.escalate('professional');
    if (!this.m.teamConvened) {
      this.waitUntil(this.days(42, 120));
      return;
    }
    let due = this.days(28, 56);
    for (let review = this.random.int(2, 6); review > 0; review--) {
      const at = this.random.chance(0.85) ? due - this.random.int(0, 6) * DAY : due + this.random.int(3, 21) * DAY;
      const heldAt = this.onFamily(this.working(at), this.earlyHelpWorker, (when) => ({
        type: 'RecordTeamAroundFamilyReview',
        data: {
          heldOn: dateOnly(when),
          attendees: ['Parent', this.m.leadProfessional?.name ?? 'Lead professional', 'School'],
          progress: this.random.pick([
            'Good progress on the plan',
            'Some progress; attendance still a worry',
            'Little progress this period',
            'Plan outcomes mostly met',
          ]),
          nextReviewDate: dateOnly(when + 42 * DAY),
        },
      }));
      due = Date.parse(`${dateOnly(heldAt + 42 * DAY)}T10:00:00Z`);
      if (review > 1 && this.random.chance(0.08)) {
        const others = this.staff.earlyHelpWorkers.filter((worker) => worker.name !== this.m.leadProfessional?.name);
        const to = this.professional(this.random.pick(others), 'Family worker');
        this.onFamily(this.days(3, 14), this.staff.teamManager, {
          type: 'ChangeLeadProfessional',
          data: { leadProfessional: to, reason: 'The previous lead professional has moved to another team' },
        });
        this.m.leadProfessional = to;
      }
      if (review > 1 && !this.m.youthWorkerJoined && this.random.chance(0.1)) {
        const member = { name: initialled(this.random), agency: 'Youth service', role: 'Youth worker' };
        // Adding a member is, like convening, for the current lead professional or a manager.
        const adder =
          this.m.leadProfessional?.userId === this.earlyHelpWorker.id ? this.earlyHelpWorker : this.staff.teamManager;
        this.onFamily(this.days(3, 14), adder, { type: 'AddTeamAroundFamilyMember', data: { member } });
        this.m.youthWorkerJoined = true;
      }
    }
  }

  private earlyHelpOutcome(): Next {
    const complex = this.m.level === 'complex';
    const outcome = this.random.weighted<'improved' | 'worse' | 'specialist' | 's47' | 'disengaged' | 'moved'>(
      complex
        ? [
            ['improved', 50],
            ['specialist', 22],
            ['s47', 8],
            ['disengaged', 15],
            ['moved', 5],
          ]
        : [
            ['improved', 60],
            ['worse', 15],
            ['specialist', 7],
            ['disengaged', 13],
            ['moved', 5],
          ],
    );
    switch (outcome) {
      case 'improved':
        if (complex) {
          this.setLevel('emerging', this.earlyHelpWorker, this.days(1, 14));
          // Some step back up later: the improvement did not hold.
          if (this.random.chance(0.15)) {
            this.waitUntil(this.days(30, 120));
            this.setLevel('complex', this.earlyHelpWorker, this.days(0, 3));
            return 'early_help';
          }
          if (this.random.chance(0.45)) this.waitUntil(this.days(30, 90));
        }
        if (this.random.chance(0.3)) this.setLevel('universal', this.earlyHelpWorker, this.days(1, 14));
        this.closeEarlyHelp(this.m.level === 'universal' ? 'stepped_down_to_universal' : 'needs_met');
        return { close: 'RC7', summary: 'Early help plan outcomes met; needs now met by universal services' };
      case 'worse':
        this.setLevel('complex', this.earlyHelpWorker, this.days(1, 7));
        return 'early_help';
      case 'specialist':
        return this.stepUpFromEarlyHelp();
      case 's47':
        this.openSection47(this.socialWorker);
        return 's47';
      case 'disengaged':
        this.closeEarlyHelp('family_disengaged');
        return 'keep_in_touch';
      case 'moved':
        this.closeEarlyHelp('moved_away');
        return { close: 'RC5', summary: 'The family has moved to another local authority; records transferred' };
    }
  }

  /** A referral to Children's Social Care from early help (R6: the EHA's summary; R7). */
  private stepUpFromEarlyHelp(): Next {
    if (this.random.chance(0.6)) this.consent('csc_referral', 'given', this.days(1, 5));
    if (!this.m.mashDecided) {
      this.waitUntil(this.days(0, 2));
      return this.mash('s17');
    }
    this.setLevel('specialist', this.earlyHelpWorker, this.days(0, 3));
    // A few referrals need nothing more once the social worker has looked at them (referral NFA).
    if (this.random.chance(0.08)) {
      this.waitUntil(this.days(1, 5));
      return { close: 'RC7', summary: 'Referral: no further action; advice given to the family' };
    }
    this.consent('section_17', 'given', this.days(1, 5));
    this.onEveryCase(this.working(this.hours(1, 24)), this.socialWorker, { type: 'OpenSection17Assessment', data: {} });
    this.m.section17OpenedAt = this.t;
    this.allocate(this.socialWorker, 'Allocated social worker for the single assessment');
    return 's17';
  }

  private closeEarlyHelp(outcome: EhaOutcome): void {
    if (!this.m.ehaOpen) return;
    this.onFamily(this.days(1, 10), this.earlyHelpWorker, {
      type: 'CloseEarlyHelpAssessment',
      data: { outcome, summary: `Early help ended: ${outcome.replace(/_/g, ' ')}` },
    });
    Object.assign(this.m, { ehaOpen: false, teamConvened: false, youthWorkerJoined: false, leadProfessional: null });
  }

  /** R5: the family is kept in touch with, the child not being at risk of significant harm. */
  private keepInTouch(): Next {
    const reason: KeepInTouchReason =
      this.m.consents.early_help === 'refused'
        ? 'family_chose_not_to_engage'
        : this.random.pick(['family_chose_not_to_engage', 'no_intervention_available'] as const);
    this.onFamily(this.days(3, 15), this.earlyHelpWorker, {
      type: 'StartKeepInTouch',
      data: {
        reason,
        notAtRiskOfSignificantHarm: true,
        plan: 'Monthly contact with the family and the school; review in three months',
      },
    });
    this.m.keepInTouch = true;
    this.onFamily(this.days(60, 180), this.earlyHelpWorker, {
      type: 'EndKeepInTouch',
      data: { reason: 'Review: the family is managing' },
    });
    this.m.keepInTouch = false;
    const next = this.random.weighted<'close' | 'engage' | 'specialist'>([
      ['close', 70],
      ['engage', 20],
      ['specialist', 10],
    ]);
    if (next === 'engage') {
      this.consent('early_help', 'given', this.days(1, 10));
      return 'early_help';
    }
    if (next === 'specialist') {
      if (this.m.mashDecided) {
        this.setLevel('specialist', this.earlyHelpWorker, this.days(1, 10));
        this.openSection47(this.socialWorker);
        return 's47';
      }
      return this.mash('s47');
    }
    return { close: 'RC7', summary: 'Keep in Touch ended; no further needs identified' };
  }

  // ----- statutory work ---------------------------------------------------------------------

  private openSection47(actor: DemoActor): void {
    this.m.strategyAt = this.onEveryCase(this.days(0, 3), actor, {
      type: 'RecordStrategyDiscussion',
      data: {
        attendees: ['Police', 'Health', 'Children’s Social Care'],
        decision: 'Section 47 enquiries to be undertaken',
      },
    });
    this.onEveryCase(this.hours(1, 6), actor, {
      type: 'OpenSection47Enquiry',
      data: { reasonableCause: this.random.pick(RISK_JUSTIFICATIONS) },
    });
    this.m.section47Open = true;
    this.m.level = 'specialist'; // R16: opening steps the case up
    this.allocate(this.socialWorker, 'Allocated social worker for the section 47 enquiry');
  }

  private section17(): Next {
    const openedAt = this.m.section17OpenedAt ?? this.t;
    if (this.random.chance(0.3)) this.shareWithoutConsent();
    if (this.random.chance(0.05)) this.escalate(this.random.chance(0.5) ? 'professional' : 'mash_decision');
    const late = this.random.chance(0.15);
    const outcome: Section17Outcome = this.random.weighted([
      ['cin_plan', 45],
      ['step_down_to_early_help', 30],
      ['no_further_action', 25],
    ]);
    const factors = this.random.sample(ASSESSMENT_FACTOR_CHOICES, this.random.int(1, 3)) as AssessmentFactor[];
    this.onEveryCase(this.workingDays(late ? 46 : 15, late ? 70 : 44, openedAt), this.socialWorker, {
      type: 'CompleteSection17Assessment',
      data: {
        primaryNeed: this.random.weighted(PRIMARY_NEEDS),
        factors,
        outcome,
        summary: 'Single assessment completed and authorised',
        // Authorised the day it is completed (the default); the child seen in most assessments.
        childSeen: this.random.chance(0.95),
      },
    });
    this.m.section17OpenedAt = null;
    if (outcome === 'no_further_action') return { close: 'RC8', summary: 'Assessment completed: no further action' };
    if (outcome === 'step_down_to_early_help') {
      if (this.random.chance(0.4)) return { close: 'RC9', summary: 'Assessment completed: referred to early help' };
      this.setLevel(this.random.chance(0.7) ? 'complex' : 'emerging', this.socialWorker, this.days(1, 7));
      return 'early_help';
    }
    return this.childInNeedPlan();
  }

  private childInNeedPlan(): Next {
    this.onEveryCase(this.workingDays(2, 10), this.socialWorker, { type: 'StartChildInNeedPlan', data: {} });
    this.m.childInNeedPlan = true;
    const ends = this.days(90, 360);
    if (this.random.chance(0.05)) this.accommodate();
    this.reviewChildInNeedPlanUntil(ends);
    this.endChildInNeedPlan();
    const next = this.random.weighted<'early_help' | 'close' | 's47'>([
      ['early_help', 50],
      ['close', 40],
      ['s47', 10],
    ]);
    if (next === 's47') {
      this.openSection47(this.socialWorker);
      return 's47';
    }
    if (next === 'close') return { close: 'RC7', summary: 'Child in need plan ended: the child is no longer in need' };
    this.setLevel('complex', this.socialWorker, this.days(1, 7));
    return 'early_help';
  }

  /** R32: the CIN plan is reviewed about every 3 months (a few late) until it ends. */
  private reviewChildInNeedPlanUntil(ends: number): void {
    const started = this.t;
    for (let due = started + 91 * DAY; ;) {
      const at = this.working(
        due - (this.random.chance(0.85) ? this.random.int(1, 14) : -this.random.int(3, 20)) * DAY,
      );
      if (at >= ends) break;
      // The social worker sees the child before each review (a visit that is not statutory).
      const seen = this.random.chance(0.9);
      this.onEveryCase(this.days(3, 10, at - 14 * DAY), this.socialWorker, {
        type: 'RecordChildVisit',
        data: { seen, ...(seen && { seenAlone: this.random.chance(0.4) }), statutory: false },
      });
      const held = this.onEveryCase(at, this.socialWorker, {
        type: 'RecordChildInNeedPlanReview',
        data: {
          progress: this.random.pick([
            'Plan on track',
            'Some progress; actions carried over',
            'Little progress; plan revised',
          ]),
        },
      });
      due = held + 91 * DAY;
    }
    this.waitUntil(ends);
  }

  private endChildInNeedPlan(): void {
    this.endAccommodation();
    if (!this.m.childInNeedPlan) return;
    this.onEveryCase(this.days(0, 3), this.socialWorker, {
      type: 'EndChildInNeedPlan',
      data: { reason: 'Plan objectives met at review' },
    });
    this.m.childInNeedPlan = false;
  }

  private section47(): Next {
    const strategyAt = this.m.strategyAt ?? this.t;
    if (this.random.chance(0.5)) this.shareWithoutConsent();
    const substantiated = this.random.chance(0.6);
    const conference = substantiated && this.random.chance(0.55);
    const concludedAt = this.workingDays(5, 10, Math.max(strategyAt, this.t));
    let icpc = 0;
    if (conference) {
      // Working Together: the conference within 15 working days of the strategy discussion, mostly.
      const planned = addWorkingDaysAt(
        strategyAt,
        this.random.chance(0.8) ? this.random.int(10, 15) : this.random.int(16, 24),
      );
      icpc = Math.max(planned, addWorkingDaysAt(concludedAt, 1));
    }
    this.onEveryCase(concludedAt, this.socialWorker, {
      type: 'ConcludeSection47Enquiry',
      data: {
        concernsSubstantiated: substantiated,
        icpcNeeded: conference,
        ...(conference && { icpcDate: dateOnly(icpc) }),
        outcome: conference
          ? 'Initial child protection conference to be convened'
          : substantiated
            ? 'Concerns substantiated; a single assessment follows'
            : 'Concerns not substantiated',
      },
    });
    this.m.section47Open = false;
    if (conference) return this.childProtectionPlan(this.working(Date.parse(`${dateOnly(icpc)}T10:00:00Z`)));
    if (substantiated) {
      if (this.m.consents.section_17 !== 'given') this.consent('section_17', 'given', this.days(1, 5));
      this.onEveryCase(this.working(this.hours(1, 24)), this.socialWorker, {
        type: 'OpenSection17Assessment',
        data: {},
      });
      this.m.section17OpenedAt = this.t;
      return 's17';
    }
    // R26: RC8 is a closure after a section 17 assessment; an enquiry alone ends services (RC7).
    if (this.random.chance(0.5))
      return { close: 'RC7', summary: 'Section 47 enquiry: concerns not substantiated; no further action' };
    this.setLevel(
      this.random.chance(0.6) ? 'complex' : 'emerging',
      this.socialWorker,
      this.days(1, 10),
      'new_information',
    );
    return 'early_help';
  }

  private childProtectionPlan(conferenceAt: number): Next {
    const category = this.random.weighted<AbuseCategory>(ABUSE_CATEGORY_WEIGHTS);
    // R24: the initial conference decides on the plan; a few decide against one.
    const plan = this.random.chance(0.9);
    this.onEveryCase(conferenceAt, this.staff.teamManager, {
      type: 'RecordInitialChildProtectionConference',
      data: plan
        ? { decision: 'child_protection_plan', category }
        : { decision: 'no_plan', notes: 'Risks are managed under a child in need plan' },
    });
    if (!plan) return this.childInNeedPlan();
    // A few children had a plan elsewhere before (another authority).
    const previousPlansElsewhere = this.random.chance(0.08) ? 1 : 0;
    const madeAt = this.onEveryCase(this.hours(0.5, 2), this.staff.teamManager, {
      type: 'StartChildProtectionPlan',
      data: { category, previousPlansElsewhere },
    });
    this.m.childProtectionPlan = true;
    // R30: the core group first meets within 10 working days of the conference, mostly.
    this.onEveryCase(this.workingDays(3, this.random.chance(0.85) ? 9 : 14, madeAt), this.socialWorker, {
      type: 'RecordCoreGroupMeeting',
      data: { attendees: ['Parent', 'Social worker', 'School', 'Health visitor'] },
    });
    const ends = this.days(120, 540, madeAt);
    if (this.random.chance(0.04)) this.accommodate();
    if (this.random.chance(0.05) && this.careProceedings()) return 'stay';
    // R45: statutory visits under the plan, every four to six weeks; the child mostly seen, often alone.
    let nextVisit = this.days(21, 30, madeAt);
    const visitUntil = (until: number) => {
      for (; nextVisit < Math.min(until, ends); nextVisit = this.days(28, 42, nextVisit)) {
        const seen = this.random.chance(0.93);
        this.onEveryCase(nextVisit, this.socialWorker, {
          type: 'RecordChildVisit',
          data: { seen, ...(seen && { seenAlone: this.random.chance(0.6) }), statutory: true },
        });
      }
    };
    // R31: review conferences within 3 months, then every 6, each with the category as it stands.
    let latest = category;
    for (let due = madeAt + 91 * DAY; ;) {
      const at = this.working(
        due - (this.random.chance(0.85) ? this.random.int(1, 14) : -this.random.int(3, 20)) * DAY,
      );
      visitUntil(at);
      if (at >= ends) break;
      if (this.random.chance(0.1)) latest = this.random.weighted<AbuseCategory>(ABUSE_CATEGORY_WEIGHTS);
      const held = this.onEveryCase(at, this.staff.teamManager, {
        type: 'RecordReviewConference',
        data: { category: latest },
      });
      due = held + 182 * DAY;
    }
    visitUntil(ends);
    this.waitUntil(ends);
    this.endAccommodation();
    this.onEveryCase(this.t, this.staff.teamManager, {
      type: 'EndChildProtectionPlan',
      data: { reason: 'Review conference: the child is no longer at risk of significant harm' },
    });
    this.m.childProtectionPlan = false;
    if (this.random.chance(0.6)) {
      this.onEveryCase(this.workingDays(1, 5), this.socialWorker, { type: 'StartChildInNeedPlan', data: {} });
      this.m.childInNeedPlan = true;
      this.reviewChildInNeedPlanUntil(this.days(90, 180));
      this.endChildInNeedPlan();
    }
    if (this.random.chance(0.3))
      return { close: 'RC7', summary: 'Plans ended; the family no longer needs statutory support' };
    this.setLevel('complex', this.socialWorker, this.days(1, 10));
    return 'early_help';
  }

  /** R18: the local authority applies; the court grants or refuses. True when an order is made. */
  private careProceedings(): boolean {
    const reference = `${this.family.area === 'peterborough' ? 'PE' : 'CB'}${this.random.int(10, 99)}C${this.random.int(10000, 99999)}`;
    this.onEveryCase(this.days(20, 90), this.staff.teamManager, {
      type: 'RecordCareOrderStep',
      data: { step: 'applied', courtReference: reference },
    });
    const granted = this.random.chance(0.7);
    this.onEveryCase(this.days(60, 200), this.staff.teamManager, {
      type: 'RecordCareOrderStep',
      data: { step: granted ? 'granted' : 'refused', courtReference: reference },
    });
    if (!granted) return false;
    this.endAccommodation('care_order_made');
    this.onEveryCase(this.days(1, 10), this.staff.teamManager, {
      type: 'EndChildProtectionPlan',
      data: { reason: 'The child is looked after under a care order' },
    });
    this.m.childProtectionPlan = false;
    return true;
  }

  /** R17: s20 for the eldest child, with the consent of a person with parental responsibility (or their own at 16/17). */
  private accommodate(): void {
    if (this.m.accommodated !== null) return;
    const at = this.days(7, 60);
    const born = this.family.children[0].details.dateOfBirth!;
    const age = (at - Date.parse(born)) / YEAR;
    const ownConsent = age >= 16.05 && age < 17.9 && this.random.chance(0.5);
    this.onCase(at, this.socialWorker, 0, {
      type: 'RecordConsent',
      data: {
        scope: 'section_20',
        givenBy: ownConsent ? 'young_person' : 'person_with_parental_responsibility',
        gillickCompetent: ownConsent,
        decision: 'given',
      },
    });
    this.onCase(this.hours(2, 48), this.socialWorker, 0, {
      type: 'StartSection20Accommodation',
      data: { placement: this.random.pick(PLACEMENTS) },
    });
    this.m.accommodated = 0;
    this.waitUntil(this.days(30, 150));
  }

  private endAccommodation(ending?: Section20Ending): void {
    if (this.m.accommodated === null) return;
    const chosen: Section20Ending =
      ending ??
      this.random.weighted<Section20Ending>([
        ['returned_home', 65],
        ['removed_by_person_with_parental_responsibility', 15],
        ['other', 20],
      ]);
    this.onCase(this.days(0, 5), this.socialWorker, this.m.accommodated, {
      type: 'EndSection20Accommodation',
      data: { ending: chosen },
    });
    this.m.accommodated = null;
  }

  // ----- information sharing and escalation -------------------------------------------------

  /** R19: share with consent, or record a decision not to share. */
  private shareWithConsent(): void {
    const inForce = this.m.consents.information_sharing === 'given';
    const child = this.random.int(0, this.family.children.length - 1);
    const school = { agency: this.school, role: 'Designated safeguarding lead' };
    if (this.random.chance(0.15)) {
      this.onCase(this.days(3, 30), this.earlyHelpWorker, child, (when) => ({
        type: 'RecordInformationSharingDecision',
        data: {
          decisionId: this.random.uuid(),
          decision: 'not_share',
          information: 'The family’s early help plan',
          recipients: [{ agency: 'Voluntary sector family service' }],
          purpose: 'Referral for a mentoring programme',
          basis: 'consent',
          consentSought: true,
          consentAnswer: 'refused',
          ...WITH_CONSENT,
          request: { from: 'Voluntary sector family service', receivedAt: iso(when - this.random.int(2, 72) * HOUR) },
          reasons:
            'The parent refused and there is no risk of significant harm that would justify sharing without consent',
        },
      }));
      return;
    }
    const decisionId = this.random.uuid();
    const decided = this.onCase(this.days(3, 30), this.earlyHelpWorker, child, (when) => ({
      type: 'RecordInformationSharingDecision',
      data: {
        decisionId,
        decision: 'share',
        information: 'Attendance, the early help plan and the latest review',
        recipients: [school],
        purpose: 'Coordinate support through the team around the family',
        basis: 'consent',
        consentSought: !inForce,
        ...(!inForce && { consentAnswer: 'given' as const }),
        ...WITH_CONSENT,
        request: this.random.chance(0.5)
          ? { from: this.school, receivedAt: iso(when - this.random.int(2, 96) * HOUR) }
          : null,
        reasons: 'Needed for the school to support the plan; the family agreed',
      },
    }));
    this.informationSent(
      decided,
      this.earlyHelpWorker,
      child,
      decisionId,
      [school],
      'Attendance, the early help plan and the latest review',
    );
  }

  /** R19: sharing without consent, on a lawful basis, with the judgement behind it. */
  private shareWithoutConsent(): void {
    const child = this.random.int(0, this.family.children.length - 1);
    const crime = this.random.chance(0.3);
    const born = this.family.children[child].details.dateOfBirth!;
    const teenager = (this.t - Date.parse(born)) / YEAR >= 13;
    const decisionId = this.random.uuid();
    const information = crime
      ? 'The child’s account and the chronology of incidents'
      : 'Injuries seen, the child’s account and the household’s composition';
    const recipients = crime
      ? [{ agency: 'Cambridgeshire Constabulary', role: 'Child abuse investigation unit' }]
      : [{ agency: 'Community paediatrics', role: 'Consultant paediatrician' }];
    const decided = this.onCase(this.days(0, 7), this.socialWorker, child, (when) => ({
      type: 'RecordInformationSharingDecision',
      data: {
        decisionId,
        decision: 'share',
        information,
        recipients,
        purpose: crime ? 'Joint section 47 enquiry' : 'Child protection medical',
        basis: 'without_consent',
        consentSought: false,
        dataSubjects: crime ? ['child', 'other_adult'] : ['child', 'parent_carer', 'sibling'],
        article6Basis: 'public_task',
        specialCategoryData: true,
        article9Condition: 'substantial_public_interest',
        schedule1Condition: crime
          ? 'para_10_preventing_or_detecting_unlawful_acts'
          : 'para_18_safeguarding_of_children_and_individuals_at_risk',
        confidentialityBasis: 'public_interest',
        publicInterestGround: crime ? 'prevention_or_detection_of_crime' : 'risk_of_significant_harm',
        judgement: 'Seeking consent would alert the alleged perpetrator and place the child at greater risk',
        personInformed: {
          told: false,
          notToldReason: crime
            ? 'would_prejudice_prevention_or_detection_of_crime'
            : 'would_place_child_at_increased_risk',
        },
        advice: this.random.chance(0.6) ? { sought: true, from: 'manager' } : { sought: false },
        request: crime
          ? { from: 'Cambridgeshire Constabulary', receivedAt: iso(when - this.random.int(1, 30) * HOUR) }
          : null,
        ...(!crime &&
          teenager &&
          this.random.chance(0.3) && {
            youngPersonObjection: {
              overridden: true,
              why: 'Not sharing would leave the young person at risk of significant harm',
            },
          }),
        reasons: 'Necessary and proportionate to protect the child',
      },
    }));
    this.informationSent(decided, this.socialWorker, child, decisionId, recipients, information);
  }

  /** R19 (golden rule 6): what was shared is sent, securely, some hours after the decision. */
  private informationSent(
    decidedAt: number,
    actor: DemoActor,
    child: number,
    decisionId: string,
    recipients: { agency: string; role?: string }[],
    information: string,
  ): void {
    const at = this.hours(1, 30, decidedAt);
    this.later(at, child, () =>
      this.onCase(at, actor, child, (when) => ({
        type: 'RecordInformationSent',
        data: {
          decisionId,
          sentAt: iso(when),
          method: this.random.pick(['secure_email', 'secure_portal', 'telephone'] as const),
          recipients,
          information,
        },
      })),
    );
  }

  /** R20: a professional disagreement, step by step, resolved or withdrawn. */
  private escalate(route: EscalationRoute): void {
    const escalationId = this.random.uuid();
    const steps = ESCALATION_ROUTES[route] as readonly EscalationLevel[];
    const worker = this.m.level === 'specialist' ? this.socialWorker : this.earlyHelpWorker;
    this.onCase(this.days(2, 20), worker, 0, {
      type: 'RaiseEscalation',
      data: {
        escalationId,
        route,
        concern:
          route === 'mash_decision'
            ? 'The school disagrees with the MASH decision not to start a section 47 enquiry'
            : 'Health have not attended the last two TAF meetings',
        otherAgency: route === 'mash_decision' ? 'MASH' : 'Health visiting service',
        startsAt: steps[0],
      },
    });
    this.onCase(this.days(2, 10), worker, 0, {
      type: 'RecordEscalationDiscussion',
      data: {
        escalationId,
        discussion: 'Practitioners met to discuss the disagreement',
        actions: 'Share the chronology before the next meeting',
      },
    });
    for (let level = 1; level < steps.length - 1 && this.random.chance(level === 1 ? 0.4 : 0.25); level++) {
      this.onCase(this.days(3, 15), this.staff.teamManager, 0, {
        type: 'EscalateFurther',
        data: { escalationId, to: steps[level], why: 'No agreement at the previous step' },
      });
      this.onCase(this.days(2, 10), this.staff.teamManager, 0, {
        type: 'RecordEscalationDiscussion',
        data: {
          escalationId,
          discussion: 'Managers discussed the case and the agencies’ positions',
          agreements: 'A joint visit will be arranged',
        },
      });
    }
    if (this.random.chance(0.75)) {
      this.onCase(this.days(1, 10), this.staff.teamManager, 0, {
        type: 'ResolveEscalation',
        data: { escalationId, agreement: 'Agencies agreed the plan and who does what by when' },
      });
    } else {
      this.onCase(this.days(1, 10), worker, 0, {
        type: 'WithdrawEscalation',
        data: { escalationId, reason: 'New information resolved the concern' },
      });
    }
  }

  // ----- closure ----------------------------------------------------------------------------

  /** R21: open statutory work ends first; the family's early help closes with the cases. */
  private close(reason: ClosureReason, summary: string): Next {
    this.endChildInNeedPlan();
    if (this.m.keepInTouch) {
      this.onFamily(this.days(0, 3), this.earlyHelpWorker, {
        type: 'EndKeepInTouch',
        data: { reason: 'The case is closing' },
      });
      this.m.keepInTouch = false;
    }
    this.closeEarlyHelp(reason === 'RC5' ? 'moved_away' : 'needs_met');
    // Closing a case at specialist level is a manager's decision (separation of duties).
    const actor = this.m.level === 'specialist' ? this.staff.teamManager : this.earlyHelpWorker;
    this.onEveryCase(this.days(1, 10), actor, (_, child) => {
      this.dropPending(child);
      return { type: 'CloseCase', data: { reason, summary } };
    });
    this.m.open = false;
    return 'closed';
  }
}
