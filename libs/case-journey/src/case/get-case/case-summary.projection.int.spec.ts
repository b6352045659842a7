import type { RecordedEvent } from '@windscreen/event-store';
import { projectionUnderTest } from '@windscreen/testing';
import type { Actor } from '@windscreen/identity';
import type { CommandContext } from '../../domain/command';
import { streamName } from '../../domain/stream-name';
import { caseDecider, CaseCommand } from '../case.decider';
import { CaseSummaryProjection } from './case-summary.projection';

const actor: Actor = {
  id: 'alice',
  name: 'Alice',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Early Help',
  team: 'north',
  allTeams: false,
};
const caseId = '55555555-5555-4555-8555-555555555555';
const familyId = '66666666-6666-4666-8666-666666666666';
const context = (occurredAt: string): CommandContext => ({
  actor,
  occurredAt,
  now: occurredAt,
  correlationId: 'c',
  causationId: 'c',
});

const commands: CaseCommand[] = [
  {
    type: 'OpenCase',
    context: context('2026-03-02T10:00:00.000Z'),
    data: {
      caseId,
      familyId,
      childId: caseId,
      laChildId: 'C000000000001',
      area: 'peterborough',
      concerns: 'Missed school',
      child: {
        givenName: 'Amira',
        familyName: 'Khan',
        dateOfBirth: '2015-04-02',
        sex: 'female',
        disabilities: ['NONE'],
      },
      contact: {
        receivedAt: '2026-03-02T09:00:00.000Z',
        route: 'telephone',
        source: '2A',
        referrer: { name: 'R. Patel', anonymous: false },
      },
    },
  },
  {
    type: 'ChangeLevelOfNeed',
    context: context('2026-03-03T10:00:00.000Z'),
    data: { caseId, level: 'complex', reason: 'Needs a plan', familyHasEarlyHelpAssessment: false },
  },
  {
    type: 'AllocateCase',
    context: context('2026-03-04T10:00:00.000Z'),
    data: { caseId, worker: { id: 'bob', name: 'Bob' }, team: 'south', reason: 'Nearer the school' },
  },
];

/** The commands' events as the store records them: the case's stream, revisions from 0. */
function recordedEvents(): RecordedEvent[] {
  let state = caseDecider.initialState();
  const recorded: RecordedEvent[] = [];
  for (const command of commands) {
    for (const event of caseDecider.decide(command, state)) {
      const revision = BigInt(recorded.length);
      const metadata = {
        actor,
        occurredAt: command.context.occurredAt,
        recordedAt: command.context.occurredAt,
        correlationId: 'c',
        causationId: 'c',
      };
      const stored: RecordedEvent = {
        ...event,
        id: `00000000-0000-4000-8000-00000000000${recorded.length}`,
        streamId: streamName.case(caseId),
        revision,
        position: 10n + revision,
        metadata,
      };
      recorded.push(stored);
      state = caseDecider.evolve(state, { ...event, id: stored.id, metadata });
    }
  }
  return recorded;
}

describe('Case summary projection', () => {
  const projection = new CaseSummaryProjection();
  const { apply, query } = projectionUnderTest(projection);
  const rows = async () => ({
    cases: await query(`select * from case_summaries order by case_id`),
    folds: await query(`select * from case_summary_folds order by case_id`),
    items: await query(
      `select item_id, case_id, rule, label, team, due_at, done_at, cancelled_at, position from timeliness_items order by item_id`,
    ),
  });

  it('Given a telephone contact assessed at complex and allocated to another team, When projected, Then the summary row holds the columns its reads serve', async () => {
    await apply(recordedEvents());

    const { cases, folds, items } = await rows();
    expect(cases).toEqual([
      {
        case_id: caseId,
        family_id: familyId,
        area: 'peterborough',
        team: 'south',
        status: 'open',
        level: 'complex',
        level_since: new Date('2026-03-03T10:00:00.000Z'),
        level_set_by: { id: 'alice', name: 'Alice', role: 'case_worker' },
        child: {
          givenName: 'Amira',
          familyName: 'Khan',
          dateOfBirth: '2015-04-02',
          sex: 'female',
          disabilities: ['NONE'],
        },
        opened_at: new Date('2026-03-02T10:00:00.000Z'),
        closed_at: null,
        allocated_worker: { id: 'bob', name: 'Bob' },
        allocated_worker_id: 'bob',
        open_episodes: [],
        consents: {},
        open_escalations: [],
        last_occurred_at: new Date('2026-03-04T10:00:00.000Z'),
        revision: '2',
        position: '12',
      },
    ]);
    // The fold carried to the next batch: the case's state, with no correction index in it.
    expect(folds).toHaveLength(1);
    expect(folds[0].state).toMatchObject({ status: 'open', level: 'complex', team: 'south', entryTypes: {} });
    // R10: the written follow-up of a telephone contact is due 24 hours after it, in the team that holds the case.
    expect(items).toEqual([
      expect.objectContaining({
        case_id: caseId,
        rule: 'R10',
        team: 'south',
        due_at: new Date('2026-03-03T09:00:00.000Z'),
        done_at: null,
        cancelled_at: null,
      }),
    ]);
  });

  it('Given the same events, When projected one batch per event, Then the rows are the same as from one batch', async () => {
    await apply(recordedEvents());
    const inOneBatch = await rows();
    await query(`truncate ${projection.tables.join(', ')}`);

    for (const event of recordedEvents()) await apply([event]);

    expect(await rows()).toEqual(inOneBatch);
  });
});
