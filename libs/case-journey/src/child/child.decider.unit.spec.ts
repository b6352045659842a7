import { deciderSpecification } from '@windscreen/testing/decider-specification';
import type { CommandContext } from '../domain/command';
import { NotFound, RuleViolation } from '../domain/domain-error';
import { ChildCommand, childDecider, ChildEvent } from './child.decider';
import type { ChildDetails, ParentOrCarer } from './child.decider';

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
const spec = deciderSpecification(childDecider, { occurredAt: context.occurredAt, actor: context.actor });

const childId = 'c0000000-0000-4000-8000-000000000001';
const familyId = 'f0000000-0000-4000-8000-000000000000';
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
  data: { childId, laChildId: 'C00000000001', familyId, details, firstCaseId: 'case-1' },
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

const registered: ChildEvent = {
  type: 'ChildRegistered',
  schemaVersion: 1,
  data: { childId, laChildId: 'C00000000001', familyId, details },
};
const linked = (caseId: string): ChildEvent => ({ type: 'CaseLinkedToChild', schemaVersion: 1, data: { caseId } });
const corrected = (changes: Partial<ChildDetails>, reason = 'Birth certificate seen'): ChildEvent => ({
  type: 'ChildDetailsCorrected',
  schemaVersion: 1,
  data: { changes, reason },
});
const died = (dateOfDeath: string): ChildEvent => ({
  type: 'ChildDeathRecorded',
  schemaVersion: 1,
  data: { dateOfDeath },
});
/** R40: the child's case is open (the handler reads which of the child's cases are). */
const openCase = (caseId: string) => ({ openCaseId: caseId, childId, laChildId: 'C00000000001' });

describe('A child registered with a contact', () => {
  it('Given no child, When registered with the first case, Then ChildRegistered and CaseLinkedToChild', () => {
    spec.given().when(register).then(registered, linked('case-1'));
  });

  it('Given a registered child, When the case it was registered with is linked again, Then nothing (the case is the child’s)', () => {
    spec
      .given(registered, linked('case-1'))
      .when(link('case-1', ['case-1']))
      .then();
  });

  it('Given a registered child, When registered again, Then it is refused', () => {
    spec
      .given(registered, linked('case-1'))
      .when(register)
      .thenThrows(RuleViolation, { rule: undefined, code: 'CHILD.ALREADY_EXISTS' });
  });

  it('R41: Given details with both a date of birth and an expected one, When registered, Then it is refused', () => {
    const both: ChildCommand = {
      ...register,
      data: { ...register.data, details: { ...details, expectedDateOfBirth: '2026-09-01' } },
    };
    spec.given().when(both).thenThrows(RuleViolation, { rule: 'R41', code: 'CHILD.BIRTH_DATE' });
  });

  it('R41: Given a UPN and a reason it is unknown, When registered, Then it is refused', () => {
    const both: ChildCommand = {
      ...register,
      data: { ...register.data, details: { ...details, upn: 'A123456789012' } },
    };
    spec.given().when(both).thenThrows(RuleViolation, { rule: 'R41', code: 'CHILD.UPN_AND_REASON' });
  });
});

describe('R40: one open case per child', () => {
  it('Given a child whose case is open, When a second contact is linked, Then it is refused naming the open case', () => {
    spec
      .given(registered, linked('case-1'))
      .when(link('case-2', ['case-1']))
      .thenThrows(RuleViolation, {
        rule: 'R40',
        code: 'CHILD.CASE_ALREADY_OPEN',
        details: openCase('case-1'),
        message: expect.stringContaining('case-1'),
      });
  });

  it('Given a child whose case is closed, When a second contact is linked, Then CaseLinkedToChild', () => {
    spec.given(registered, linked('case-1')).when(link('case-2', [])).then(linked('case-2'));
  });

  it('Given a child with a second case linked, When a third contact comes while that case is open, Then it is refused naming it', () => {
    spec
      .given(registered, linked('case-1'), linked('case-2'))
      .when(link('case-3', ['case-2']))
      .thenThrows(RuleViolation, { rule: 'R40', code: 'CHILD.CASE_ALREADY_OPEN', details: openCase('case-2') });
  });

  it('Given an open case of another child, When a contact is linked, Then it is not this child’s and does not block', () => {
    spec
      .given(registered, linked('case-1'))
      .when(link('case-2', ['case-9']))
      .then(linked('case-2'));
  });

  it('Given a child known only as a v1 case, When registered from that case with a new contact, Then the new case is linked in the same decision unless the old one is open', () => {
    const fromCase = (openCaseIds: string[]): ChildCommand => ({
      ...register,
      data: { ...register.data, firstCaseId: 'case-1', linkCaseId: 'case-2', openCaseIds },
    });
    spec.given().when(fromCase([])).then(registered, linked('case-1'), linked('case-2'));
    spec
      .given()
      .when(fromCase(['case-1']))
      .thenThrows(RuleViolation, { rule: 'R40', code: 'CHILD.CASE_ALREADY_OPEN', details: openCase('case-1') });
  });

  it('Given no child, When a case is linked, Then the child is not found', () => {
    spec.given().when(link('case-2', [])).thenThrows(NotFound, { code: 'CHILD.NOT_FOUND' });
  });

  it('R43: Given a child whose death is recorded, When a new contact is linked, Then it is refused', () => {
    spec
      .given(registered, linked('case-1'), died('2026-02-01'))
      .when(link('case-2', []))
      .thenThrows(RuleViolation, { rule: 'R43', code: 'CHILD.DECEASED' });
  });
});

describe('Corrections (R22)', () => {
  it('Given a child, When the date of birth is corrected with a reason, Then ChildDetailsCorrected carries only what changed', () => {
    spec
      .given(registered, linked('case-1'))
      .when(correct({ dateOfBirth: '2015-04-03', givenName: 'Amira' }))
      .then(corrected({ dateOfBirth: '2015-04-03' }));
  });

  it('Given a corrected date of birth, When the same correction is made again, Then it changes nothing and is refused', () => {
    spec
      .given(registered, linked('case-1'), corrected({ dateOfBirth: '2015-04-03' }))
      .when(correct({ dateOfBirth: '2015-04-03' }))
      .thenThrows(RuleViolation, { rule: 'R22', code: 'CHILD.CORRECTION_CHANGES_NOTHING' });
  });

  it('Given a child, When a correction gives no reason, Then it is refused under R22', () => {
    spec
      .given(registered, linked('case-1'))
      .when(correct({ givenName: 'Amirah' }, '  '))
      .thenThrows(RuleViolation, { rule: 'R22', code: 'CORRECTION.NO_REASON' });
  });

  it('Given a child, When a correction changes nothing, Then it is refused under R22', () => {
    spec
      .given(registered, linked('case-1'))
      .when(correct({ givenName: 'Amira' }))
      .thenThrows(RuleViolation, { rule: 'R22', code: 'CHILD.CORRECTION_CHANGES_NOTHING' });
  });

  it('R41: Given a child with a UPN-unknown reason, When a UPN is added without clearing the reason, Then it is refused; with it cleared, it is accepted', () => {
    spec
      .given(registered, linked('case-1'))
      .when(correct({ upn: 'A123456789012' }))
      .thenThrows(RuleViolation, { rule: 'R41', code: 'CHILD.UPN_AND_REASON' });
    const cleared = { upn: 'A123456789012', upnUnknownReason: null } as unknown as Partial<ChildDetails>;
    spec.given(registered, linked('case-1')).when(correct(cleared)).then(corrected(cleared));
  });

  it('R41: Given a UPN added with the reason cleared, When the UPN is corrected, Then it is accepted (the reason is gone); a reason again is refused', () => {
    const cleared = { upn: 'A123456789012', upnUnknownReason: null } as unknown as Partial<ChildDetails>;
    spec
      .given(registered, linked('case-1'), corrected(cleared))
      .when(correct({ upn: 'A123456789013' }))
      .then(corrected({ upn: 'A123456789013' }));
    spec
      .given(registered, linked('case-1'), corrected(cleared))
      .when(correct({ upnUnknownReason: 'UN2' }))
      .thenThrows(RuleViolation, { rule: 'R41', code: 'CHILD.UPN_AND_REASON' });
  });
});

describe('Death (R43) and parents or carers (R44)', () => {
  const recordDeath = (dateOfDeath: string): ChildCommand => ({
    type: 'RecordChildDeath',
    data: { childId, dateOfDeath },
    context,
  });
  const sara: ParentOrCarer = {
    personId: 'p1',
    name: 'Sara Khan',
    relationship: 'mother',
    parentalResponsibility: true,
  };
  const recordMother: ChildCommand = { type: 'RecordParentOrCarer', data: { childId, ...sara }, context };
  const motherRecorded: ChildEvent = { type: 'ParentOrCarerRecorded', schemaVersion: 1, data: sara };
  const correctParent = (personId: string, changes: Partial<ParentOrCarer>, reason: string): ChildCommand => ({
    type: 'CorrectParentOrCarer',
    data: { childId, personId, changes, reason },
    context,
  });

  it('Given a child, When a date of death is recorded, Then ChildDeathRecorded', () => {
    spec.given(registered, linked('case-1')).when(recordDeath('2026-02-01')).then(died('2026-02-01'));
  });

  it.each([
    ['before the date of birth', '2015-04-01', 'CHILD.DEATH_BEFORE_BIRTH'],
    ['in the future', '2026-03-03', 'CHILD.DEATH_IN_FUTURE'],
  ] as const)('Given a child, When a date of death %s is recorded, Then it is refused', (_, date, code) => {
    spec.given(registered, linked('case-1')).when(recordDeath(date)).thenThrows(RuleViolation, { rule: 'R43', code });
  });

  it('Given a recorded death, When it is recorded again, Then it is refused', () => {
    spec
      .given(registered, linked('case-1'), died('2026-02-01'))
      .when(recordDeath('2026-02-01'))
      .thenThrows(RuleViolation, { rule: 'R43', code: 'CHILD.DEATH_ALREADY_RECORDED' });
  });

  it('R44: Given a child, When a parent with parental responsibility is recorded, Then ParentOrCarerRecorded says so', () => {
    spec.given(registered, linked('case-1')).when(recordMother).then(motherRecorded);
  });

  it('Given a recorded parent, When their parental responsibility is corrected, Then ParentOrCarerCorrected; corrected again the same way, it changes nothing', () => {
    spec
      .given(registered, linked('case-1'), motherRecorded)
      .when(correctParent('p1', { parentalResponsibility: false }, 'Order seen'))
      .then({
        type: 'ParentOrCarerCorrected',
        schemaVersion: 1,
        data: { personId: 'p1', changes: { parentalResponsibility: false }, reason: 'Order seen' },
      });
    spec
      .given(registered, linked('case-1'), motherRecorded, {
        type: 'ParentOrCarerCorrected',
        schemaVersion: 1,
        data: { personId: 'p1', changes: { parentalResponsibility: false }, reason: 'Order seen' },
      })
      .when(correctParent('p1', { parentalResponsibility: false }, 'Order seen'))
      .thenThrows(RuleViolation, { rule: 'R22', code: 'CHILD.CORRECTION_CHANGES_NOTHING' });
  });

  it('Given a recorded parent, When recorded again, Then it is refused (R44: correct instead)', () => {
    spec
      .given(registered, linked('case-1'), motherRecorded)
      .when(recordMother)
      .thenThrows(RuleViolation, { rule: 'R44', code: 'CHILD.PARENT_ALREADY_RECORDED' });
  });

  it('Given no such parent, When corrected, Then not found', () => {
    spec
      .given(registered, linked('case-1'))
      .when(correctParent('p9', { name: 'X' }, 'typo'))
      .thenThrows(NotFound, { code: 'CHILD.PARENT_NOT_FOUND' });
  });
});
