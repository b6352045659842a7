import type { Actor } from '@windscreen/identity';
import { deciderSpecification } from '@windscreen/testing/decider-specification';
import type { CommandContext } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { caseDecider } from '../case.decider';
import { aCaseOpened } from '../open-case/a-case-opened.spec-helper';
import type {
  CompleteSection17Assessment,
  Section17AssessmentCompleted,
  Section17AssessmentOpened,
} from './section-17.decide';

const actor: Actor = {
  id: 'priya',
  name: 'Priya Shah',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Social Care',
  team: 'north',
  allTeams: false,
};
const context = (occurredAt = '2026-03-20T10:00:00Z'): CommandContext => ({
  actor,
  occurredAt,
  now: '2026-05-10T10:00:00Z',
  correlationId: 'c',
  causationId: 'c',
});
const spec = deciderSpecification(caseDecider, { occurredAt: '2026-03-02T10:00:00Z', actor });

const opened = aCaseOpened({ caseId: 'case-1', childId: 'child-1', familyId: 'family-1' }, '2026-03-02T09:00:00Z');
/** Opened on 2 March (the default time of a given event), due by 1 May. */
const assessmentOpened: Section17AssessmentOpened = {
  type: 'Section17AssessmentOpened',
  schemaVersion: 1,
  data: { dueBy: '2026-05-01T10:00:00Z' },
};
const complete = (
  data: Partial<CompleteSection17Assessment['data']> = {},
  occurredAt?: string,
): CompleteSection17Assessment => ({
  type: 'CompleteSection17Assessment',
  context: context(occurredAt),
  data: { caseId: 'case-1', primaryNeed: 'N4', factors: ['3A'], outcome: 'cin_plan', summary: 's', ...data },
});
const completed = (data: Partial<Section17AssessmentCompleted['data']>): Section17AssessmentCompleted => ({
  type: 'Section17AssessmentCompleted',
  schemaVersion: 2,
  data: {
    primaryNeed: 'N4',
    factors: ['3A'],
    outcome: 'cin_plan',
    summary: 's',
    late: false,
    authorisedOn: '2026-03-20',
    childSeen: null,
    ...data,
  },
});

describe('Completing a section 17 assessment records what the census asks', () => {
  it('Given an open assessment, When completed with no authorisation date, Then it is authorised the day it is completed and child seen is not recorded', () => {
    spec
      .given(opened, assessmentOpened)
      .when(complete())
      .then(completed({ authorisedOn: '2026-03-20', childSeen: null, notRecorded: ['childSeen'] }));
  });

  it('Given an open assessment, When completed with an authorisation date and child seen, Then both are recorded', () => {
    spec
      .given(opened, assessmentOpened)
      .when(complete({ authorisedOn: '2026-03-19', childSeen: false }))
      .then(completed({ authorisedOn: '2026-03-19', childSeen: false }));
  });

  it('Given an assessment due by 1 May, When completed on 5 May, Then it is recorded as late', () => {
    spec
      .given(opened, assessmentOpened)
      .when(complete({ childSeen: true }, '2026-05-05T10:00:00Z'))
      .then(completed({ late: true, authorisedOn: '2026-05-05', childSeen: true }));
  });

  it.each([
    ['before the assessment started', '2026-03-01'],
    ['after it is completed', '2026-03-21'],
  ])(
    'Given an open assessment, When completed with an authorisation date %s, Then R35 refuses it',
    (_, authorisedOn) => {
      spec
        .given(opened, assessmentOpened)
        .when(complete({ authorisedOn }))
        .thenThrows(RuleViolation, { rule: 'R35', code: 'S17.AUTHORISED_OUT_OF_ORDER' });
    },
  );

  it('Given a case with no open assessment, When one is completed, Then R15 refuses it', () => {
    spec.given(opened).when(complete()).thenThrows(RuleViolation, { rule: 'R15', code: 'S17.NOT_OPEN' });
  });
});
