import type { Actor } from '@windscreen/identity';
import { deciderSpecification } from '@windscreen/testing/decider-specification';
import type { CommandContext } from '../../domain/command';
import { NotFound, RuleViolation } from '../../domain/domain-error';
import type { LevelOfNeed } from '../../domain/levels-of-need';
import { CaseCommand, caseDecider } from '../case.decider';
import { aCaseOpened } from '../open-case/a-case-opened.spec-helper';
import type { LevelOfNeedChanged, ReasonCategory } from './change-level-of-need.decide';

const actor: Actor = {
  id: 'alice',
  name: 'Alice Smith',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Early Help',
  team: 'north',
  allTeams: false,
};
const context = (occurredAt: string): CommandContext => ({
  actor,
  occurredAt,
  now: '2026-03-10T10:00:00Z',
  correlationId: 'c',
  causationId: 'c',
});
const spec = deciderSpecification(caseDecider, { occurredAt: '2026-03-02T10:00:00Z', actor });
const caseId = '11111111-1111-4111-8111-111111111111';

const opened = aCaseOpened(
  { caseId, childId: caseId, familyId: '22222222-2222-4222-8222-222222222222' },
  '2026-03-02T09:15:00Z',
);

const change = (level: LevelOfNeed, reasonCategory?: ReasonCategory): CaseCommand => ({
  type: 'ChangeLevelOfNeed',
  context: context('2026-03-05T10:00:00Z'),
  data: {
    caseId,
    level,
    reason: `to ${level}`,
    familyHasEarlyHelpAssessment: false,
    ...(reasonCategory && { reasonCategory }),
    ...(level === 'specialist' && { immediateRisk: { justification: 'risk' }, parentsInformed: true }),
  },
});
const assessed = (level: LevelOfNeed, reasonCategory?: ReasonCategory): LevelOfNeedChanged => ({
  type: 'LevelOfNeedAssessed',
  schemaVersion: 1,
  data: { level, reason: `to ${level}`, ...(reasonCategory && { reasonCategory }) },
});

/** A correction as its handler passes it on: with the entry it names, as read from the case's stream (R22). */
const correctCategory = (reasonCategory: unknown, entry = assessed('complex', 'other')): CaseCommand => ({
  type: 'CorrectEntry',
  context: context('2026-03-06T10:00:00Z'),
  data: {
    caseId,
    correctsEventId: 'event-2',
    correctedValues: { reasonCategory },
    reason: 'wrong category chosen',
    entry: { type: entry.type, data: entry.data },
  },
});

describe('Level of need: the reason category managers count', () => {
  it('Given a new case, When its level is assessed with a category, Then LevelOfNeedAssessed carries it', () => {
    spec
      .given(opened)
      .when(change('emerging', 'new_information'))
      .then({
        type: 'LevelOfNeedAssessed',
        schemaVersion: 1,
        data: { level: 'emerging', reason: 'to emerging', reasonCategory: 'new_information' },
      });
  });

  it('Given a case at emerging, When it is stepped up to specialist because of a risk of significant harm, Then SteppedUp carries the category beside its basis, with the referral (R6, R7, R28)', () => {
    spec
      .given(opened, assessed('emerging'))
      .when(change('specialist', 'risk_of_significant_harm'))
      .then(
        {
          type: 'SteppedUp',
          schemaVersion: 1,
          data: {
            from: 'emerging',
            to: 'specialist',
            reason: 'to specialist',
            reasonCategory: 'risk_of_significant_harm',
            basis: { immediateRisk: { justification: 'risk' }, parentsInformed: true },
          },
        },
        {
          type: 'ReferralRecorded',
          schemaVersion: 1,
          data: { route: 'move_to_specialist', previousReferralAt: null, reReferral: false },
        },
      );
  });

  it('Given a case at specialist, When statutory work ends and it steps down to complex, Then SteppedDown carries statutory_work_ended (R21)', () => {
    spec
      .given(opened, assessed('specialist'))
      .when(change('complex', 'statutory_work_ended'))
      .then({
        type: 'SteppedDown',
        schemaVersion: 1,
        data: {
          from: 'specialist',
          to: 'complex',
          reason: 'to complex',
          reasonCategory: 'statutory_work_ended',
          whatChanged: 'to complex',
        },
      });
  });

  it('Given a case at complex, When it steps down without a category, Then the event has no reasonCategory field (as events recorded before categories existed)', () => {
    spec
      .given(opened, assessed('complex'))
      .when(change('emerging'))
      .then({
        type: 'SteppedDown',
        schemaVersion: 1,
        data: { from: 'complex', to: 'emerging', reason: 'to emerging', whatChanged: 'to emerging' },
      });
  });

  it('Given a step recorded before categories existed, When the case steps again, Then it moves from where that step took it', () => {
    const old: LevelOfNeedChanged = {
      type: 'SteppedUp',
      schemaVersion: 1,
      data: { from: 'complex', to: 'specialist', reason: 'old' },
    };
    spec
      .given(opened, assessed('complex'), old)
      .when(change('complex', 'needs_met'))
      .then({
        type: 'SteppedDown',
        schemaVersion: 1,
        data: {
          from: 'specialist',
          to: 'complex',
          reason: 'to complex',
          reasonCategory: 'needs_met',
          whatChanged: 'to complex',
        },
      });
    spec
      .given(opened, assessed('complex'), old)
      .when(change('specialist'))
      .thenThrows(RuleViolation, { rule: undefined, code: 'LEVEL_OF_NEED.UNCHANGED' });
  });

  it('Given a step recorded with a category, When the category is corrected to another one, Then EntryCorrected records both (R22)', () => {
    spec
      .given({ ...opened, id: 'event-1' }, { ...assessed('complex', 'other'), id: 'event-2' })
      .when(correctCategory('needs_met'))
      .then({
        type: 'EntryCorrected',
        schemaVersion: 1,
        data: {
          correctsEventId: 'event-2',
          correctsType: 'LevelOfNeedAssessed',
          originalValues: { reasonCategory: 'other' },
          correctedValues: { reasonCategory: 'needs_met' },
          reason: 'wrong category chosen',
        },
      });
  });

  it('Given a step recorded with a category, When it is corrected to something not in the list, Then the correction is refused (R22)', () => {
    spec
      .given({ ...opened, id: 'event-1' }, { ...assessed('complex', 'other'), id: 'event-2' })
      .when(correctCategory('bored'))
      .thenThrows(RuleViolation, { rule: 'R22', code: 'CORRECTION.INVALID_VALUES' });
  });

  it('Given a case whose stream has no such entry, When a category is corrected, Then the entry is not found (R22)', () => {
    spec
      .given({ ...opened, id: 'event-1' })
      .when(correctCategory('needs_met'))
      .thenThrows(NotFound, { code: 'ENTRY.NOT_FOUND' });
  });
});
