import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../../domain/command';
import { RuleViolation } from '../../domain/domain-error';
import { CaseState, initialCaseState } from '../case.state';
import { decideRecordChildVisit, RecordChildVisit } from './visits.decide';

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
const visit = (data: Partial<RecordChildVisit['data']>): RecordChildVisit => ({
  type: 'RecordChildVisit',
  context,
  data: { caseId: 'case-1', seen: true, statutory: false, ...data },
});
const onAPlan: CaseState = {
  ...initialCaseState(),
  childProtectionPlan: {
    category: 'NEG',
    since: '2026-02-01T10:00:00Z',
    coreGroupDueBy: null,
    coreGroupMet: false,
    nextReviewDueBy: null,
  },
};
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof RuleViolation ? [error.rule, error.code] : error;
  }
  return 'accepted';
};

describe('R45: visits to the child', () => {
  it('Given a child on a plan, When a statutory visit saw the child alone, Then ChildVisited records it', () => {
    expect(decideRecordChildVisit(visit({ statutory: true, seenAlone: true }), onAPlan)).toEqual([
      { type: 'ChildVisited', schemaVersion: 1, data: { seen: true, seenAlone: true, statutory: true, notes: null } },
    ]);
  });

  it('Given no plan, When a statutory visit is recorded, Then R45 refuses it', () => {
    expect(refusal(() => decideRecordChildVisit(visit({ statutory: true }), initialCaseState()))).toEqual([
      'R45',
      'VISIT.NO_PLAN',
    ]);
  });

  it('Given a child not seen, When the visit says seen alone, Then R45 refuses it', () => {
    expect(refusal(() => decideRecordChildVisit(visit({ seen: false, seenAlone: true }), onAPlan))).toEqual([
      'R45',
      'VISIT.ALONE_UNSEEN',
    ]);
  });

  it('Given a child not seen, When the visit is recorded, Then seen alone is null', () => {
    expect(decideRecordChildVisit(visit({ seen: false }), initialCaseState())[0].data).toEqual({
      seen: false,
      seenAlone: null,
      statutory: false,
      notes: null,
    });
  });
});
