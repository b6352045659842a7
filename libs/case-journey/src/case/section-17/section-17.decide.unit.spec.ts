import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { CaseState, initialCaseState } from '../case.state';
import { CompleteSection17Assessment, decideCompleteSection17Assessment } from './section-17.decide';

const actor: Actor = {
  id: 'priya',
  name: 'Priya Shah',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Social Care',
  team: 'north',
  allTeams: false,
};
const context: CommandContext = {
  actor,
  occurredAt: '2026-03-20T10:00:00Z',
  now: '2026-03-21T10:00:00Z',
  correlationId: 'c',
  causationId: 'c',
};
const open: CaseState = {
  ...initialCaseState(),
  section17: { dueBy: '2026-05-01T10:00:00Z', since: '2026-03-02T10:00:00Z' },
};
const complete = (data: Partial<CompleteSection17Assessment['data']> = {}): CompleteSection17Assessment => ({
  type: 'CompleteSection17Assessment',
  context,
  data: { caseId: 'case-1', primaryNeed: 'N4', factors: ['3A'], outcome: 'cin_plan', summary: 's', ...data },
});

describe('Completing a section 17 assessment records what the census asks', () => {
  it('Given no authorisation date, When completed, Then it is authorised the day it is completed and child seen is not recorded', () => {
    expect(decideCompleteSection17Assessment(complete(), open)[0]).toMatchObject({
      schemaVersion: 2,
      data: { authorisedOn: '2026-03-20', childSeen: null, notRecorded: ['childSeen'] },
    });
  });

  it('Given an authorisation date and child seen, When completed, Then both are recorded', () => {
    const [event] = decideCompleteSection17Assessment(complete({ authorisedOn: '2026-03-19', childSeen: false }), open);
    expect(event.data).toMatchObject({ authorisedOn: '2026-03-19', childSeen: false });
    expect(event.data.notRecorded).toBeUndefined();
  });

  it.each([
    ['before the assessment started', '2026-03-01'],
    ['after it is completed', '2026-03-21'],
  ])('Given an authorisation date %s, When completed, Then R35 refuses it', (_, authorisedOn) => {
    expect(() => decideCompleteSection17Assessment(complete({ authorisedOn }), open)).toThrow(RuleViolation);
    try {
      decideCompleteSection17Assessment(complete({ authorisedOn }), open);
    } catch (error) {
      expect((error as RuleViolation).code).toBe('S17.AUTHORISED_OUT_OF_ORDER');
    }
  });
});
