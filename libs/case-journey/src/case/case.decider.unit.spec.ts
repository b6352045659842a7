import type { Actor } from '@windscreen/identity';
import { deciderSpecification } from '@windscreen/testing/decider-specification';
import type { CommandContext } from '../domain/command';
import { NotFound, RuleViolation } from '../domain/domain-error';
import type { LevelOfNeed } from '../domain/levels-of-need';
import { caseDecider, CaseCommand } from './case.decider';
import type { CaseEvent } from './case.events';
import type { LevelOfNeedAssessed } from './change-level-of-need/change-level-of-need.decide';
import type { CaseOpened, OpenCase } from './open-case/open-case.decide';

const actor: Actor = {
  id: 'alice',
  name: 'Alice Smith',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Early Help',
  team: 'north',
  allTeams: false,
};
const context = (occurredAt = '2026-03-02T10:00:00Z', now = '2026-03-02T10:00:00Z'): CommandContext => ({
  actor,
  occurredAt,
  now,
  correlationId: 'corr-1',
  causationId: 'cause-1',
});
const spec = deciderSpecification(caseDecider, { occurredAt: '2026-03-02T10:00:00Z', actor });

const caseId = '11111111-1111-4111-8111-111111111111';

const openCase = (contact: Partial<OpenCase['data']['contact']> = {}): OpenCase => ({
  type: 'OpenCase',
  context: context(),
  data: {
    caseId,
    childId: caseId,
    laChildId: 'C0000000001',
    familyId: '22222222-2222-4222-8222-222222222222',
    area: 'cambridgeshire',
    concerns: 'concerns',
    child: { givenName: 'Amira', familyName: 'Khan', dateOfBirth: '2015-04-02', sex: 'female', disabilities: ['NONE'] },
    contact: {
      receivedAt: '2026-03-02T09:15:00Z',
      route: 'telephone',
      source: '2A',
      referrer: { name: 'R. Patel', agency: 'Northfield Primary School', anonymous: false },
      ...contact,
    },
  },
});
/** R10: a telephone contact received at 09:15 is due its written follow-up at 09:15 the next day. */
const caseOpened = (contact: Partial<OpenCase['data']['contact']> = {}): CaseOpened => ({
  type: 'CaseOpened',
  schemaVersion: 2,
  data: { ...openCase(contact).data, writtenFollowUpDueBy: '2026-03-03T09:15:00.000Z' },
});

const changeLevel = (level: LevelOfNeed, occurredAt?: string, now?: string): CaseCommand => ({
  type: 'ChangeLevelOfNeed',
  data: {
    caseId,
    level,
    reason: `to ${level}`,
    familyHasEarlyHelpAssessment: false,
    ...(level === 'specialist' && { immediateRisk: { justification: 'risk' }, parentsInformed: true }),
  },
  context: context(occurredAt, now),
});
const assessed = (level: LevelOfNeed): LevelOfNeedAssessed => ({
  type: 'LevelOfNeedAssessed',
  schemaVersion: 1,
  data: { level, reason: `to ${level}` },
});

describe('Case: opening from a contact', () => {
  it('Given no case, When a contact is opened as a case, Then CaseOpened records the child, contact and concerns', () => {
    spec.given().when(openCase()).then(caseOpened());
  });

  it('R9: Given no case, When a professional’s contact is opened as anonymous, Then it is refused', () => {
    spec
      .given()
      .when(openCase({ source: '2A', referrer: { anonymous: true } }))
      .thenThrows(RuleViolation, { rule: 'R9', code: 'CONTACT.ANONYMOUS_PROFESSIONAL' });
  });

  it.each(['1A', '1B', '1C', '1D', '9', '10'] as const)(
    'R9: Given no case, When a member of the public’s contact (source %s) is opened as anonymous, Then CaseOpened',
    (source) => {
      spec
        .given()
        .when(openCase({ source, referrer: { anonymous: true } }))
        .then(caseOpened({ source, referrer: { anonymous: true } }));
    },
  );

  it('R10: Given no case, When a written contact is opened, Then CaseOpened has no written follow-up due (a telephone one has, 24 hours on)', () => {
    const { writtenFollowUpDueBy: _, ...written } = caseOpened({ route: 'written' }).data;
    spec
      .given()
      .when(openCase({ route: 'written' }))
      .then({ type: 'CaseOpened', schemaVersion: 2, data: written });
    spec
      .given()
      .when(openCase({ route: 'telephone' }))
      .then(caseOpened({ route: 'telephone' }));
  });

  it('R9: Given no case, When a contact whose referrer is not anonymous gives no name, Then it is refused', () => {
    spec
      .given()
      .when(openCase({ referrer: { anonymous: false } }))
      .thenThrows(RuleViolation, { rule: 'R9', code: 'CONTACT.REFERRER_UNNAMED' });
  });

  it('Given an open case, When it is opened again, Then it is refused', () => {
    spec
      .given(caseOpened())
      .when(openCase())
      .thenThrows(RuleViolation, { rule: undefined, code: 'CASE.ALREADY_EXISTS' });
  });
});

describe('Case: level of need', () => {
  it('Given a new case, When a level is first recorded, Then LevelOfNeedAssessed (not a step)', () => {
    spec.given(caseOpened()).when(changeLevel('complex')).then(assessed('complex'));
  });

  const specialistBasis = { immediateRisk: { justification: 'risk' }, parentsInformed: true };
  // R28: a move to specialist is also a referral to Children's Social Care.
  const referral: CaseEvent = {
    type: 'ReferralRecorded',
    schemaVersion: 1,
    data: { route: 'move_to_specialist', previousReferralAt: null, reReferral: false },
  };
  it.each<[LevelOfNeed, LevelOfNeed, string, CaseEvent[]]>([
    [
      'universal',
      'emerging',
      'SteppedUp with from and to',
      [{ type: 'SteppedUp', schemaVersion: 1, data: { from: 'universal', to: 'emerging', reason: 'to emerging' } }],
    ],
    [
      'emerging',
      'specialist',
      'SteppedUp with from and to, and a referral (R28)',
      [
        {
          type: 'SteppedUp',
          schemaVersion: 1,
          data: { from: 'emerging', to: 'specialist', reason: 'to specialist', basis: specialistBasis },
        },
        referral,
      ],
    ],
    [
      'specialist',
      'complex',
      'SteppedDown with from and to',
      [
        {
          type: 'SteppedDown',
          schemaVersion: 1,
          data: { from: 'specialist', to: 'complex', reason: 'to complex', whatChanged: 'to complex' },
        },
      ],
    ],
    [
      'complex',
      'universal',
      'SteppedDown with from and to',
      [
        {
          type: 'SteppedDown',
          schemaVersion: 1,
          data: { from: 'complex', to: 'universal', reason: 'to universal', whatChanged: 'to universal' },
        },
      ],
    ],
  ])('Given a case at %s, When moved to %s, Then %s', (from, to, _, events) => {
    spec
      .given(caseOpened(), assessed(from))
      .when(changeLevel(to))
      .then(...events);
  });

  it('Given a case at complex, When complex is recorded again, Then it is refused as unchanged', () => {
    spec
      .given(caseOpened(), assessed('complex'))
      .when(changeLevel('complex'))
      .thenThrows(RuleViolation, { rule: undefined, code: 'LEVEL_OF_NEED.UNCHANGED', details: { level: 'complex' } });
  });

  it('Given no case, When a level is recorded, Then the case is not found', () => {
    spec.given().when(changeLevel('complex')).thenThrows(NotFound, { code: 'CASE.NOT_FOUND' });
  });

  it('Given a level change, When folded, Then the state knows since when and by whom', () => {
    // What the case summary shows; no decision reads it, so it is read off the fold.
    const { levelSince, levelSetBy } = spec
      .given(caseOpened(), { ...assessed('emerging'), metadata: { occurredAt: '2026-03-02T09:30:00Z' } })
      .state();
    expect({ levelSince, levelSetBy }).toStrictEqual({
      levelSince: '2026-03-02T09:30:00Z',
      levelSetBy: { id: 'alice', name: 'Alice Smith', role: 'case_worker' },
    });
  });

  it('R22: Given a case, When a level is recorded beyond clock skew in the future, Then it is refused', () => {
    spec
      .given(caseOpened())
      .when(changeLevel('emerging', '2026-03-02T10:10:00Z', '2026-03-02T10:00:00Z'))
      .thenThrows(RuleViolation, { rule: 'R22', code: 'OCCURRED_AT.IN_FUTURE' });
  });

  it('R22: Given a case, When a level is recorded within clock skew, or late, Then it is accepted', () => {
    spec
      .given(caseOpened())
      .when(changeLevel('emerging', '2026-03-02T10:01:00Z', '2026-03-02T10:00:00Z'))
      .then(assessed('emerging'));
    spec
      .given(caseOpened())
      .when(changeLevel('emerging', '2026-03-02T09:20:00Z', '2026-03-05T10:00:00Z'))
      .then(assessed('emerging'));
  });

  it('R35: Given a case, When a level is recorded as happening before the contact, Then it is refused', () => {
    spec
      .given(caseOpened())
      .when(changeLevel('emerging', '2025-12-01T10:00:00Z', '2026-03-02T10:00:00Z'))
      .thenThrows(RuleViolation, {
        rule: 'R35',
        code: 'OCCURRED_AT.BEFORE_WHAT_IT_FOLLOWS',
        details: { earliest: '2026-03-02T09:15:00Z' },
      });
  });
});
