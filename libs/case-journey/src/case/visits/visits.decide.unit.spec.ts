import type { Actor } from '@windscreen/identity';
import { deciderSpecification } from '@windscreen/testing/decider-specification';
import type { CommandContext } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { caseDecider } from '../case.decider';
import type { ChildProtectionPlanEvent } from '../child-protection-plan/child-protection-plan.decide';
import { aCaseOpened } from '../open-case/a-case-opened.spec-helper';
import type { RecordChildVisit } from './visits.decide';

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
  occurredAt: '2026-03-02T10:00:00Z',
  now: '2026-03-10T10:00:00Z',
  correlationId: 'c',
  causationId: 'c',
};
const spec = deciderSpecification(caseDecider, { occurredAt: '2026-02-01T10:00:00Z', actor });

const opened = aCaseOpened({ caseId: 'case-1', childId: 'child-1', familyId: 'family-1' }, '2026-01-20T09:00:00Z');
/** A child protection plan since 1 February (the default time of a given event). */
const planStarted: ChildProtectionPlanEvent = {
  type: 'ChildProtectionPlanStarted',
  schemaVersion: 2,
  data: { category: 'NEG', previousPlansElsewhere: 0 },
};
const visit = (data: Partial<RecordChildVisit['data']>): RecordChildVisit => ({
  type: 'RecordChildVisit',
  context,
  data: { caseId: 'case-1', seen: true, statutory: false, ...data },
});

describe('R45: visits to the child', () => {
  it('Given a child on a plan, When a statutory visit saw the child alone, Then ChildVisited records it', () => {
    spec
      .given(opened, planStarted)
      .when(visit({ statutory: true, seenAlone: true }))
      .then({
        type: 'ChildVisited',
        schemaVersion: 1,
        data: { seen: true, seenAlone: true, statutory: true, notes: null },
      });
  });

  it('Given no plan, When a statutory visit is recorded, Then R45 refuses it', () => {
    spec
      .given(opened)
      .when(visit({ statutory: true }))
      .thenThrows(RuleViolation, { rule: 'R45', code: 'VISIT.NO_PLAN' });
  });

  it('Given a plan that has ended, When a statutory visit is recorded, Then R45 refuses it', () => {
    spec
      .given(opened, planStarted, {
        type: 'ChildProtectionPlanEnded',
        schemaVersion: 1,
        data: { reason: 'Plan ended' },
      })
      .when(visit({ statutory: true }))
      .thenThrows(RuleViolation, { rule: 'R45', code: 'VISIT.NO_PLAN' });
  });

  it('Given a child not seen, When the visit says seen alone, Then R45 refuses it', () => {
    spec
      .given(opened, planStarted)
      .when(visit({ seen: false, seenAlone: true }))
      .thenThrows(RuleViolation, { rule: 'R45', code: 'VISIT.ALONE_UNSEEN' });
  });

  it('Given a child not seen, When the visit is recorded, Then seen alone is null', () => {
    spec
      .given(opened)
      .when(visit({ seen: false }))
      .then({
        type: 'ChildVisited',
        schemaVersion: 1,
        data: { seen: false, seenAlone: null, statutory: false, notes: null },
      });
  });
});
