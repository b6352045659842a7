import { Command, DomainEvent } from '../domain/command';
import { Decider, EventEnvelope } from '../domain/decider';
import { NotFound, RuleViolation } from '../domain/domain-error';
import { assertOccurredAtNotInFuture } from '../domain/occurred-at';
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

/**
 * A child as a person, across every contact about them: the local authority's child id, who the
 * child is, the parents and carers, and the cases opened about the child. The boundary of what is
 * unique per child (R40: one open case at a time): two contacts about one child are serialised by
 * the child's stream.
 */
export interface ParentOrCarer {
  personId: string;
  name: string;
  /** To the child, in the worker's words: mother, father, step-father, grandmother, foster carer... */
  relationship: string;
  /** R44: who holds parental responsibility is recorded for each parent or carer, never assumed. */
  parentalResponsibility: boolean;
  dateOfBirth?: string;
  address?: string;
  /** How to reach them: phone or email. */
  contact?: string;
}

export type ChildRegistered = DomainEvent<
  'ChildRegistered',
  { childId: string; laChildId: string; familyId: string; details: ChildDetails }
>;
/** R22: a correction is a new fact naming what it changes and why; what was recorded stays. */
export type ChildDetailsCorrected = DomainEvent<
  'ChildDetailsCorrected',
  { changes: Partial<ChildDetails>; reason: string }
>;
export type ChildDeathRecorded = DomainEvent<'ChildDeathRecorded', { dateOfDeath: string }>;
export type ParentOrCarerRecorded = DomainEvent<'ParentOrCarerRecorded', ParentOrCarer>;
export type ParentOrCarerCorrected = DomainEvent<
  'ParentOrCarerCorrected',
  { personId: string; changes: Partial<Omit<ParentOrCarer, 'personId'>>; reason: string }
>;
export type CaseLinkedToChild = DomainEvent<'CaseLinkedToChild', { caseId: string }>;
export type ChildEvent =
  | ChildRegistered
  | ChildDetailsCorrected
  | ChildDeathRecorded
  | ParentOrCarerRecorded
  | ParentOrCarerCorrected
  | CaseLinkedToChild;

export type RegisterChild = Command<
  'RegisterChild',
  {
    childId: string;
    laChildId: string;
    familyId: string;
    details: ChildDetails;
    firstCaseId: string;
    /**
     * A child known until now only as a case's (CaseOpened v1), registered when a new contact names
     * it: the new contact's case, linked in the same decision (R40 on `openCaseIds`, read by the handler).
     */
    linkCaseId?: string;
    openCaseIds?: string[];
  }
>;
export type LinkCaseToChild = Command<
  'LinkCaseToChild',
  {
    childId: string;
    caseId: string;
    /** Read from the child's cases by the handler: those open now (R40). */
    openCaseIds: string[];
  }
>;
export type CorrectChildDetails = Command<
  'CorrectChildDetails',
  { childId: string; changes: Partial<ChildDetails>; reason: string }
>;
export type RecordChildDeath = Command<'RecordChildDeath', { childId: string; dateOfDeath: string }>;
export type RecordParentOrCarer = Command<'RecordParentOrCarer', ParentOrCarer & { childId: string }>;
export type CorrectParentOrCarer = Command<
  'CorrectParentOrCarer',
  ParentOrCarerCorrected['data'] & { childId: string }
>;
export type ChildCommand =
  RegisterChild | LinkCaseToChild | CorrectChildDetails | RecordChildDeath | RecordParentOrCarer | CorrectParentOrCarer;

export interface ChildState {
  exists: boolean;
  childId: string | null;
  laChildId: string | null;
  familyId: string | null;
  details: ChildDetails | null;
  dateOfDeath: string | null;
  parentsAndCarers: ParentOrCarer[];
  /** Every case opened about the child, oldest first. */
  caseIds: string[];
}

export const initialChildState = (): ChildState => ({
  exists: false,
  childId: null,
  laChildId: null,
  familyId: null,
  details: null,
  dateOfDeath: null,
  parentsAndCarers: [],
  caseIds: [],
});

export const CHILD_DETAIL_FIELDS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'expectedDateOfBirth',
  'sex',
  'gender',
  'ethnicity',
  'firstLanguage',
  'disabilities',
  'upn',
  'upnUnknownReason',
] as const satisfies readonly (keyof ChildDetails)[];

export function decideChild(command: ChildCommand, state: ChildState): ChildEvent[] {
  assertOccurredAtNotInFuture(command.context);
  switch (command.type) {
    case 'RegisterChild': {
      if (state.exists)
        throw new RuleViolation(undefined, 'CHILD.ALREADY_EXISTS', `Child ${command.data.childId} already exists`);
      const { firstCaseId, linkCaseId, openCaseIds, ...registered } = command.data;
      assertCoherentDetails(registered.details);
      const events: ChildEvent[] = [
        { type: 'ChildRegistered', schemaVersion: 1, data: registered },
        { type: 'CaseLinkedToChild', schemaVersion: 1, data: { caseId: firstCaseId } },
      ];
      if (!linkCaseId) return events;
      const metadata = { occurredAt: command.context.occurredAt, actor: command.context.actor };
      const registeredState = events.reduce((next, event) => evolveChild(next, { ...event, metadata }), state);
      return [
        ...events,
        ...decideLinkCase(
          {
            type: 'LinkCaseToChild',
            data: { childId: registered.childId, caseId: linkCaseId, openCaseIds: openCaseIds ?? [] },
            context: command.context,
          },
          registeredState,
        ),
      ];
    }
    case 'LinkCaseToChild':
      return decideLinkCase(command, requireChild(state, command.data.childId));
    case 'CorrectChildDetails':
      return decideCorrectDetails(command, requireChild(state, command.data.childId));
    case 'RecordChildDeath':
      return decideRecordDeath(command, requireChild(state, command.data.childId));
    case 'RecordParentOrCarer': {
      const child = requireChild(state, command.data.childId);
      const { childId, ...person } = command.data;
      if (child.parentsAndCarers.some((known) => known.personId === person.personId)) {
        throw new RuleViolation(
          'R44',
          'CHILD.PARENT_ALREADY_RECORDED',
          `${person.personId} is already recorded for the child`,
          'Correct their record instead',
        );
      }
      return [{ type: 'ParentOrCarerRecorded', schemaVersion: 1, data: person }];
    }
    case 'CorrectParentOrCarer':
      return decideCorrectParent(command, requireChild(state, command.data.childId));
  }
}

export function evolveChild(state: ChildState, event: EventEnvelope<ChildEvent>): ChildState {
  switch (event.type) {
    case 'ChildRegistered':
      return { ...initialChildState(), exists: true, ...event.data };
    case 'ChildDetailsCorrected':
      return { ...state, details: withoutUndefined({ ...state.details!, ...event.data.changes }) };
    case 'ChildDeathRecorded':
      return { ...state, dateOfDeath: event.data.dateOfDeath };
    case 'ParentOrCarerRecorded':
      return { ...state, parentsAndCarers: [...state.parentsAndCarers, event.data] };
    case 'ParentOrCarerCorrected':
      return {
        ...state,
        parentsAndCarers: state.parentsAndCarers.map((person) =>
          person.personId === event.data.personId ? withoutUndefined({ ...person, ...event.data.changes }) : person,
        ),
      };
    case 'CaseLinkedToChild':
      return state.caseIds.includes(event.data.caseId)
        ? state
        : { ...state, caseIds: [...state.caseIds, event.data.caseId] };
  }
}

export const childDecider: Decider<ChildCommand, ChildEvent, ChildState> = {
  initialState: initialChildState,
  decide: decideChild,
  evolve: evolveChild,
};

/** R40: one open case per child; a second contact about the child is recorded on the open case or waits for it to close. */
function decideLinkCase(command: LinkCaseToChild, state: ChildState): CaseLinkedToChild[] {
  const { caseId, openCaseIds } = command.data;
  if (state.caseIds.includes(caseId)) return [];
  const open = openCaseIds.find((id) => state.caseIds.includes(id));
  if (open) {
    throw new RuleViolation(
      'R40',
      'CHILD.CASE_ALREADY_OPEN',
      `The child already has an open case (${open}): one open case per child`,
      `Record the new contact on case ${open}, or close it first`,
      { openCaseId: open, childId: state.childId, laChildId: state.laChildId },
    );
  }
  if (state.dateOfDeath) {
    throw new RuleViolation(
      'R43',
      'CHILD.DECEASED',
      `The child died on ${state.dateOfDeath}: no new case is opened`,
      'Correct the date of death if it was recorded in error',
    );
  }
  return [{ type: 'CaseLinkedToChild', schemaVersion: 1, data: { caseId } }];
}

/** R22 and R41: a correction gives its reason, changes something, and leaves the details coherent. */
function decideCorrectDetails(command: CorrectChildDetails, state: ChildState): ChildDetailsCorrected[] {
  const { changes, reason } = command.data;
  assertReason(reason);
  const changed = Object.fromEntries(
    Object.entries(changes).filter(
      ([field, value]) =>
        value !== undefined && JSON.stringify(value) !== JSON.stringify(state.details![field as keyof ChildDetails]),
    ),
  ) as Partial<ChildDetails>;
  if (Object.keys(changed).length === 0) {
    throw new RuleViolation(
      'R22',
      'CHILD.CORRECTION_CHANGES_NOTHING',
      'The correction changes nothing the record holds',
      'Give the fields whose recorded values were wrong',
    );
  }
  assertCoherentDetails(withoutUndefined({ ...state.details!, ...changed }));
  return [{ type: 'ChildDetailsCorrected', schemaVersion: 1, data: { changes: changed, reason } }];
}

/** R43: a date of death, once, not before the child was born nor in the future. */
function decideRecordDeath(command: RecordChildDeath, state: ChildState): ChildDeathRecorded[] {
  const { dateOfDeath } = command.data;
  if (state.dateOfDeath) {
    throw new RuleViolation(
      'R43',
      'CHILD.DEATH_ALREADY_RECORDED',
      `The child’s death is recorded (${state.dateOfDeath})`,
      'Correct it through the child’s details if the date was wrong',
    );
  }
  const born = state.details?.dateOfBirth;
  if (born && dateOfDeath < born)
    throw new RuleViolation(
      'R43',
      'CHILD.DEATH_BEFORE_BIRTH',
      `The date of death (${dateOfDeath}) is before the date of birth (${born})`,
    );
  if (dateOfDeath > command.context.now.slice(0, 10))
    throw new RuleViolation('R43', 'CHILD.DEATH_IN_FUTURE', `The date of death (${dateOfDeath}) is in the future`);
  return [{ type: 'ChildDeathRecorded', schemaVersion: 1, data: { dateOfDeath } }];
}

function decideCorrectParent(command: CorrectParentOrCarer, state: ChildState): ParentOrCarerCorrected[] {
  const { personId, changes, reason } = command.data;
  assertReason(reason);
  const person = state.parentsAndCarers.find((known) => known.personId === personId);
  if (!person) throw new NotFound('CHILD.PARENT_NOT_FOUND', `No parent or carer ${personId} is recorded for the child`);
  const changed = Object.fromEntries(
    Object.entries(changes).filter(
      ([field, value]) => value !== undefined && (value ?? undefined) !== person[field as keyof ParentOrCarer],
    ),
  );
  if (Object.keys(changed).length === 0) {
    throw new RuleViolation(
      'R22',
      'CHILD.CORRECTION_CHANGES_NOTHING',
      'The correction changes nothing the record holds',
      'Give the fields whose recorded values were wrong',
    );
  }
  return [{ type: 'ParentOrCarerCorrected', schemaVersion: 1, data: { personId, changes: changed, reason } }];
}

function assertReason(reason: string): void {
  if (!reason?.trim())
    throw new RuleViolation(
      'R22',
      'CORRECTION.NO_REASON',
      'A correction says why the record was wrong',
      'Give the reason',
    );
}

/** R41: a date of birth or an expected one (not both); a UPN or the reason it is unknown (not both). */
function assertCoherentDetails(details: ChildDetails): void {
  if (Boolean(details.dateOfBirth) === Boolean(details.expectedDateOfBirth)) {
    throw new RuleViolation(
      'R41',
      'CHILD.BIRTH_DATE',
      'A child has a date of birth or, unborn, an expected date of birth: exactly one',
      'Give dateOfBirth or expectedDateOfBirth',
    );
  }
  if (details.upn && details.upnUnknownReason) {
    throw new RuleViolation(
      'R41',
      'CHILD.UPN_AND_REASON',
      'A child with a UPN has no reason for it being unknown',
      'Give the upn or the upnUnknownReason, not both',
    );
  }
}

function requireChild(state: ChildState, childId: string): ChildState {
  if (!state.exists) throw new NotFound('CHILD.NOT_FOUND', `Child ${childId} was not found`);
  return state;
}

/** A correction that clears an optional field sends it as null or undefined: the field is then absent. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined && field !== null)) as T;
}
