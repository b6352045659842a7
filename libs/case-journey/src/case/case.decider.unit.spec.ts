import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../domain/command';
import { EventEnvelope } from '../domain/decider';
import { NotFound, RuleViolation } from '../domain/domain-error';
import { caseDecider, CaseCommand } from './case.decider';
import type { CaseEvent } from './case.events';
import type { CaseState } from './case.state';
import type { OpenCase } from './open-case/open-case.decide';

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

/** Given these commands already decided, fold their events as the store would hand them back. */
function given(...commands: CaseCommand[]): CaseState {
  let state = caseDecider.initialState();
  for (const command of commands) {
    for (const event of caseDecider.decide(command, state)) {
      const envelope = {
        ...event,
        metadata: { occurredAt: command.context.occurredAt, actor },
      } as EventEnvelope<CaseEvent>;
      state = caseDecider.evolve(state, envelope);
    }
  }
  return state;
}

const changeLevel = (level: 'universal' | 'emerging' | 'complex' | 'specialist', occurredAt?: string): CaseCommand => ({
  type: 'ChangeLevelOfNeed',
  data: {
    caseId,
    level,
    reason: `to ${level}`,
    familyHasEarlyHelpAssessment: false,
    ...(level === 'specialist' && { immediateRisk: { justification: 'risk' }, parentsInformed: true }),
  },
  context: context(occurredAt),
});

function refusal(action: () => unknown): RuleViolation {
  try {
    action();
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the command was accepted');
}

describe('Case: opening from a contact', () => {
  it('Given no case, When a contact is opened as a case, Then CaseOpened records the child, contact and concerns', () => {
    const events = caseDecider.decide(openCase(), given());
    expect(events).toEqual([
      {
        type: 'CaseOpened',
        schemaVersion: 2,
        data: { ...openCase().data, writtenFollowUpDueBy: '2026-03-03T09:15:00.000Z' },
      },
    ]);
  });

  it('R9: a professional referral cannot be anonymous', () => {
    const error = refusal(() => caseDecider.decide(openCase({ source: '2A', referrer: { anonymous: true } }), given()));
    expect(error.rule).toBe('R9');
    expect(error.code).toBe('CONTACT.ANONYMOUS_PROFESSIONAL');
  });

  it.each(['1A', '1B', '1C', '1D', '9', '10'] as const)(
    'R9: a member of the public (source %s) may remain anonymous',
    (source) => {
      const events = caseDecider.decide(openCase({ source, referrer: { anonymous: true } }), given());
      expect(events[0].type).toBe('CaseOpened');
    },
  );

  it('R10: a telephone contact is due a written follow-up 24 hours after the call; a written one is not', () => {
    const written = caseDecider.decide(openCase({ route: 'written' }), given())[0];
    expect(written.data).not.toHaveProperty('writtenFollowUpDueBy');
  });

  it('R9: a referrer who is not anonymous must be named', () => {
    expect(refusal(() => caseDecider.decide(openCase({ referrer: { anonymous: false } }), given())).rule).toBe('R9');
  });

  it('Given an open case, When it is opened again, Then it is refused', () => {
    expect(refusal(() => caseDecider.decide(openCase(), given(openCase()))).code).toBe('CASE.ALREADY_EXISTS');
  });
});

describe('Case: level of need', () => {
  it('Given a new case, When a level is first recorded, Then LevelOfNeedAssessed (not a step)', () => {
    expect(caseDecider.decide(changeLevel('complex'), given(openCase()))).toEqual([
      { type: 'LevelOfNeedAssessed', schemaVersion: 1, data: { level: 'complex', reason: 'to complex' } },
    ]);
  });

  it.each([
    ['universal', 'emerging', 'SteppedUp'],
    ['emerging', 'specialist', 'SteppedUp'],
    ['specialist', 'complex', 'SteppedDown'],
    ['complex', 'universal', 'SteppedDown'],
  ] as const)('Given a case at %s, When moved to %s, Then %s with from and to', (from, to, type) => {
    const events = caseDecider.decide(changeLevel(to), given(openCase(), changeLevel(from)));
    expect(events[0]).toEqual({
      type,
      schemaVersion: 1,
      data: expect.objectContaining({ from, to, reason: `to ${to}` }),
    });
    // R28: a move to specialist is also a referral to Children's Social Care.
    expect(events.slice(1).map((event) => event.type)).toEqual(to === 'specialist' ? ['ReferralRecorded'] : []);
  });

  it('Given a case at complex, When complex is recorded again, Then it is refused as unchanged', () => {
    const error = refusal(() => caseDecider.decide(changeLevel('complex'), given(openCase(), changeLevel('complex'))));
    expect(error.code).toBe('LEVEL_OF_NEED.UNCHANGED');
  });

  it('Given no case, When a level is recorded, Then the case is not found', () => {
    expect(() => caseDecider.decide(changeLevel('complex'), given())).toThrow(NotFound);
  });

  it('Given a level change, When folded, Then the state knows since when and by whom', () => {
    const state = given(openCase(), changeLevel('emerging', '2026-03-02T09:30:00Z'));
    expect(state).toMatchObject({
      level: 'emerging',
      levelSince: '2026-03-02T09:30:00Z',
      levelSetBy: { id: 'alice', role: 'case_worker' },
    });
  });

  it('R22: an occurredAt beyond clock skew in the future is refused; a late one is accepted', () => {
    const state = given(openCase());
    const future: CaseCommand = {
      ...changeLevel('emerging'),
      context: context('2026-03-02T10:10:00Z', '2026-03-02T10:00:00Z'),
    };
    expect(refusal(() => caseDecider.decide(future, state)).code).toBe('OCCURRED_AT.IN_FUTURE');
    const skewed: CaseCommand = {
      ...changeLevel('emerging'),
      context: context('2026-03-02T10:01:00Z', '2026-03-02T10:00:00Z'),
    };
    expect(caseDecider.decide(skewed, state)).toHaveLength(1);
    const late: CaseCommand = {
      ...changeLevel('emerging'),
      context: context('2026-03-02T09:20:00Z', '2026-03-05T10:00:00Z'),
    };
    expect(caseDecider.decide(late, state)).toHaveLength(1);
    // R35: but not before the contact it follows.
    const beforeTheContact: CaseCommand = {
      ...changeLevel('emerging'),
      context: context('2025-12-01T10:00:00Z', '2026-03-02T10:00:00Z'),
    };
    expect(refusal(() => caseDecider.decide(beforeTheContact, state))).toMatchObject({
      rule: 'R35',
      code: 'OCCURRED_AT.BEFORE_WHAT_IT_FOLLOWS',
    });
  });
});
