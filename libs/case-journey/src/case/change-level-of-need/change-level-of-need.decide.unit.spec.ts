import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../../domain/command';
import type { EventEnvelope } from '../../domain/decider';
import type { LevelOfNeed } from '../../domain/levels-of-need';
import { CaseCommand, caseDecider } from '../case.decider';
import type { CaseEvent } from '../case.events';
import type { CaseState } from '../case.state';
import type { ReasonCategory } from './change-level-of-need.decide';
import type { CorrectedEntry } from '../correction/correction.decide';

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
const caseId = '11111111-1111-4111-8111-111111111111';

const opened: CaseCommand = {
  type: 'OpenCase',
  context: context('2026-03-02T10:00:00Z'),
  data: {
    caseId,
    childId: caseId,
    laChildId: 'C0000000001',
    familyId: '22222222-2222-4222-8222-222222222222',
    area: 'peterborough',
    concerns: 'concerns',
    child: { givenName: 'Amira', familyName: 'Khan', dateOfBirth: '2015-04-02', sex: 'female', disabilities: ['NONE'] },
    contact: {
      receivedAt: '2026-03-02T09:15:00Z',
      route: 'written',
      source: '2A',
      referrer: { name: 'R. Patel', anonymous: false },
    },
  },
};

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

/** Folds the commands' events as the store hands them back, the n-th event with id `event-n`. */
/** The entries the last given() recorded, by id: the stream the correction's handler reads its entry from (R22). */
let recordedEntries = new Map<string, CorrectedEntry>();

/** A command as its handler passes it on: a correction with the entry it names. */
function asHandled(command: CaseCommand): CaseCommand {
  if (command.type !== 'CorrectEntry') return command;
  return { ...command, data: { ...command.data, entry: recordedEntries.get(command.data.correctsEventId) } };
}

const decide = (command: CaseCommand, state: CaseState) => caseDecider.decide(asHandled(command), state);

function given(...commands: CaseCommand[]): CaseState {
  let state = caseDecider.initialState();
  let n = 0;
  recordedEntries = new Map();
  for (const command of commands) {
    for (const event of decide(command, state)) {
      const id = `event-${++n}`;
      recordedEntries.set(id, { type: event.type, data: event.data as Record<string, unknown> });
      const envelope = { ...event, id, metadata: { occurredAt: command.context.occurredAt, actor } };
      state = caseDecider.evolve(state, envelope);
    }
  }
  return state;
}

const correctCategory = (reasonCategory: unknown): CaseCommand => ({
  type: 'CorrectEntry',
  context: context('2026-03-06T10:00:00Z'),
  data: { caseId, correctsEventId: 'event-2', correctedValues: { reasonCategory }, reason: 'wrong category chosen' },
});

describe('Level of need: the reason category managers count', () => {
  it('Given a new case, When its level is assessed with a category, Then LevelOfNeedAssessed carries it', () => {
    expect(decide(change('emerging', 'new_information'), given(opened))).toEqual([
      {
        type: 'LevelOfNeedAssessed',
        schemaVersion: 1,
        data: { level: 'emerging', reason: 'to emerging', reasonCategory: 'new_information' },
      },
    ]);
  });

  it('Given a case at emerging, When it is stepped up to specialist because of a risk of significant harm, Then SteppedUp carries the category beside its basis (R6, R7)', () => {
    const [event] = decide(change('specialist', 'risk_of_significant_harm'), given(opened, change('emerging')));
    expect(event).toEqual({
      type: 'SteppedUp',
      schemaVersion: 1,
      data: {
        from: 'emerging',
        to: 'specialist',
        reason: 'to specialist',
        reasonCategory: 'risk_of_significant_harm',
        basis: { immediateRisk: { justification: 'risk' }, parentsInformed: true },
      },
    });
  });

  it('Given a case at specialist, When statutory work ends and it steps down to complex, Then SteppedDown carries statutory_work_ended (R21)', () => {
    const [event] = decide(change('complex', 'statutory_work_ended'), given(opened, change('specialist')));
    expect(event).toEqual({
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
    const [event] = decide(change('emerging'), given(opened, change('complex')));
    expect(event.type).toBe('SteppedDown');
    expect(event.data).not.toHaveProperty('reasonCategory');
  });

  it('Given an event recorded before categories existed, When it is folded, Then the case moves as before', () => {
    const state = given(opened, change('complex'));
    const old = {
      type: 'SteppedUp',
      schemaVersion: 1,
      data: { from: 'complex', to: 'specialist', reason: 'old' },
      metadata: { occurredAt: '2026-03-06T10:00:00Z', actor },
    };
    expect(caseDecider.evolve(state, old as EventEnvelope<CaseEvent>).level).toBe('specialist');
  });

  it('Given a step recorded with a category, When the category is corrected to another one, Then EntryCorrected records both (R22)', () => {
    const [event] = decide(correctCategory('needs_met'), given(opened, change('complex', 'other')));
    expect(event.data).toMatchObject({
      correctsEventId: 'event-2',
      originalValues: { reasonCategory: 'other' },
      correctedValues: { reasonCategory: 'needs_met' },
    });
  });

  it('Given a step recorded with a category, When it is corrected to something not in the list, Then the correction is refused (R22)', () => {
    expect(() => decide(correctCategory('bored'), given(opened, change('complex', 'other')))).toThrow(
      expect.objectContaining({ rule: 'R22', code: 'CORRECTION.INVALID_VALUES' }),
    );
  });
});
