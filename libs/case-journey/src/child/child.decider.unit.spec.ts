import type { CommandContext } from '../domain/command';
import { NotFound, RuleViolation } from '../domain/domain-error';
import { ChildCommand, childDecider, ChildState } from './child.decider';
import type { ChildDetails } from './child.decider';

const context: CommandContext = {
  actor: {
    id: 'alice',
    name: 'Alice',
    role: 'case_worker',
    roles: ['case_worker'],
    agency: 'MASH',
    team: 'north',
    allTeams: false,
  },
  occurredAt: '2026-03-02T10:00:00Z',
  now: '2026-03-02T10:00:00Z',
  correlationId: 'c',
  causationId: 'c',
};
const childId = 'c0000000-0000-4000-8000-000000000001';
const details: ChildDetails = {
  givenName: 'Amira',
  familyName: 'Khan',
  dateOfBirth: '2015-04-02',
  sex: 'female',
  disabilities: ['NONE'],
  upnUnknownReason: 'UN2',
};
const register: ChildCommand = {
  type: 'RegisterChild',
  data: {
    childId,
    laChildId: 'C00000000001',
    familyId: 'f0000000-0000-4000-8000-000000000000',
    details,
    firstCaseId: 'case-1',
  },
  context,
};
const link = (caseId: string, openCaseIds: string[]): ChildCommand => ({
  type: 'LinkCaseToChild',
  data: { childId, caseId, openCaseIds },
  context,
});
const correct = (changes: Partial<ChildDetails>, reason = 'Birth certificate seen'): ChildCommand => ({
  type: 'CorrectChildDetails',
  data: { childId, changes, reason },
  context,
});

function given(...commands: ChildCommand[]): ChildState {
  return commands.reduce(
    (state, command) =>
      childDecider.decide(command, state).reduce(
        (next, event) =>
          childDecider.evolve(next, {
            ...event,
            metadata: { occurredAt: context.occurredAt, actor: context.actor },
          }),
        state,
      ),
    childDecider.initialState(),
  );
}

function refusal(command: ChildCommand, state: ChildState): RuleViolation {
  try {
    childDecider.decide(command, state);
  } catch (error) {
    return error as RuleViolation;
  }
  throw new Error('not refused');
}

describe('A child registered with a contact', () => {
  it('Given no child, When registered with the first case, Then ChildRegistered and CaseLinkedToChild', () => {
    expect(childDecider.decide(register, given())).toEqual([
      {
        type: 'ChildRegistered',
        schemaVersion: 1,
        data: { childId, laChildId: 'C00000000001', familyId: 'f0000000-0000-4000-8000-000000000000', details },
      },
      { type: 'CaseLinkedToChild', schemaVersion: 1, data: { caseId: 'case-1' } },
    ]);
    expect(given(register)).toMatchObject({ exists: true, laChildId: 'C00000000001', caseIds: ['case-1'] });
  });

  it('R41: Given details with both a date of birth and an expected one, When registered, Then it is refused', () => {
    const both: ChildCommand = {
      ...register,
      data: { ...register.data, details: { ...details, expectedDateOfBirth: '2026-09-01' } },
    };
    expect(refusal(both, given())).toMatchObject({ rule: 'R41', code: 'CHILD.BIRTH_DATE' });
  });

  it('R41: Given a UPN and a reason it is unknown, When registered, Then it is refused', () => {
    const both: ChildCommand = {
      ...register,
      data: { ...register.data, details: { ...details, upn: 'A123456789012' } },
    };
    expect(refusal(both, given())).toMatchObject({ rule: 'R41', code: 'CHILD.UPN_AND_REASON' });
  });
});

describe('R40: one open case per child', () => {
  it('Given a child whose case is open, When a second contact is linked, Then it is refused naming the open case', () => {
    const error = refusal(link('case-2', ['case-1']), given(register));
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error).toMatchObject({
      rule: 'R40',
      code: 'CHILD.CASE_ALREADY_OPEN',
      details: { openCaseId: 'case-1', laChildId: 'C00000000001' },
    });
    expect(error.message).toContain('case-1');
  });

  it('Given a child whose case is closed, When a second contact is linked, Then CaseLinkedToChild', () => {
    expect(childDecider.decide(link('case-2', []), given(register))).toEqual([
      { type: 'CaseLinkedToChild', schemaVersion: 1, data: { caseId: 'case-2' } },
    ]);
    expect(given(register, link('case-2', [])).caseIds).toEqual(['case-1', 'case-2']);
  });

  it('Given an open case of another child, When a contact is linked, Then it is not this child’s and does not block', () => {
    expect(childDecider.decide(link('case-2', ['case-9']), given(register))).toHaveLength(1);
  });

  it('Given a child known only as a v1 case, When registered from that case with a new contact, Then the new case is linked in the same decision unless the old one is open', () => {
    const fromCase = (openCaseIds: string[]): ChildCommand => ({
      ...register,
      data: { ...register.data, firstCaseId: 'case-1', linkCaseId: 'case-2', openCaseIds },
    });
    expect(
      childDecider
        .decide(fromCase([]), given())
        .map((event) => [event.type, event.type === 'CaseLinkedToChild' ? event.data.caseId : null]),
    ).toEqual([
      ['ChildRegistered', null],
      ['CaseLinkedToChild', 'case-1'],
      ['CaseLinkedToChild', 'case-2'],
    ]);
    expect(refusal(fromCase(['case-1']), given())).toMatchObject({ rule: 'R40', details: { openCaseId: 'case-1' } });
  });

  it('Given no child, When a case is linked, Then the child is not found', () => {
    expect(() => childDecider.decide(link('case-2', []), given())).toThrow(NotFound);
  });

  it('R43: Given a child whose death is recorded, When a new contact is linked, Then it is refused', () => {
    const died: ChildCommand = { type: 'RecordChildDeath', data: { childId, dateOfDeath: '2026-02-01' }, context };
    expect(refusal(link('case-2', []), given(register, died))).toMatchObject({ rule: 'R43', code: 'CHILD.DECEASED' });
  });
});

describe('Corrections (R22)', () => {
  it('Given a child, When the date of birth is corrected with a reason, Then ChildDetailsCorrected carries only what changed', () => {
    const events = childDecider.decide(correct({ dateOfBirth: '2015-04-03', givenName: 'Amira' }), given(register));
    expect(events).toEqual([
      {
        type: 'ChildDetailsCorrected',
        schemaVersion: 1,
        data: { changes: { dateOfBirth: '2015-04-03' }, reason: 'Birth certificate seen' },
      },
    ]);
    expect(given(register, correct({ dateOfBirth: '2015-04-03' })).details).toEqual({
      ...details,
      dateOfBirth: '2015-04-03',
    });
  });

  it('Given a child, When a correction gives no reason, Then it is refused under R22', () => {
    expect(refusal(correct({ givenName: 'Amirah' }, '  '), given(register))).toMatchObject({
      rule: 'R22',
      code: 'CORRECTION.NO_REASON',
    });
  });

  it('Given a child, When a correction changes nothing, Then it is refused under R22', () => {
    expect(refusal(correct({ givenName: 'Amira' }), given(register))).toMatchObject({
      rule: 'R22',
      code: 'CHILD.CORRECTION_CHANGES_NOTHING',
    });
  });

  it('R41: Given a child with a UPN-unknown reason, When a UPN is added without clearing the reason, Then it is refused; with it cleared, it is accepted', () => {
    expect(refusal(correct({ upn: 'A123456789012' }), given(register))).toMatchObject({ rule: 'R41' });
    const cleared = { upn: 'A123456789012', upnUnknownReason: null } as unknown as Partial<ChildDetails>;
    expect(given(register, correct(cleared)).details).toEqual({
      ...details,
      upnUnknownReason: undefined,
      upn: 'A123456789012',
    });
  });
});

describe('Death (R43) and parents or carers (R44)', () => {
  const died = (dateOfDeath: string): ChildCommand => ({
    type: 'RecordChildDeath',
    data: { childId, dateOfDeath },
    context,
  });
  const mother: ChildCommand = {
    type: 'RecordParentOrCarer',
    data: { childId, personId: 'p1', name: 'Sara Khan', relationship: 'mother', parentalResponsibility: true },
    context,
  };

  it.each([
    ['before the date of birth', '2015-04-01', 'CHILD.DEATH_BEFORE_BIRTH'],
    ['in the future', '2026-03-03', 'CHILD.DEATH_IN_FUTURE'],
  ])('Given a child, When a date of death %s is recorded, Then it is refused', (_, date, code) => {
    expect(refusal(died(date), given(register))).toMatchObject({ rule: 'R43', code });
  });

  it('Given a recorded death, When it is recorded again, Then it is refused', () => {
    expect(refusal(died('2026-02-01'), given(register, died('2026-02-01')))).toMatchObject({
      rule: 'R43',
      code: 'CHILD.DEATH_ALREADY_RECORDED',
    });
  });

  it('Given a child, When a parent with parental responsibility is recorded and then corrected, Then the record shows the correction', () => {
    const corrected: ChildCommand = {
      type: 'CorrectParentOrCarer',
      data: { childId, personId: 'p1', changes: { parentalResponsibility: false }, reason: 'Order seen' },
      context,
    };
    expect(given(register, mother, corrected).parentsAndCarers).toEqual([
      { personId: 'p1', name: 'Sara Khan', relationship: 'mother', parentalResponsibility: false },
    ]);
  });

  it('Given a recorded parent, When recorded again, Then it is refused (R44: correct instead)', () => {
    expect(refusal(mother, given(register, mother))).toMatchObject({ rule: 'R44' });
  });

  it('Given no such parent, When corrected, Then not found', () => {
    const corrected: ChildCommand = {
      type: 'CorrectParentOrCarer',
      data: { childId, personId: 'p9', changes: { name: 'X' }, reason: 'typo' },
      context,
    };
    expect(() => childDecider.decide(corrected, given(register))).toThrow(NotFound);
  });
});
