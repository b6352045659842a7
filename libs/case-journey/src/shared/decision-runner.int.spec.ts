import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@windscreen/event-store';
import { createTestDatabase, TestDatabase } from '@windscreen/testing';
import type { CaseCommand } from '../case/case.decider';
import { streamName } from '../domain/stream-name';
import { caseAggregate } from '../events/aggregates';
import type { Actor } from '@windscreen/identity';
import { RuleViolation } from '../domain/domain-error';
import { DecisionRunner } from './decision-runner';

const actor: Actor = {
  id: 'alice',
  name: 'Alice Smith',
  role: 'case_worker',
  roles: ['case_worker'],
  agency: 'Early Help',
  team: 'north',
  allTeams: false,
};
const context = () => ({
  actor,
  occurredAt: new Date().toISOString(),
  now: new Date().toISOString(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

const openCase = (caseId: string): CaseCommand => ({
  type: 'OpenCase',
  context: context(),
  data: {
    caseId,
    childId: caseId,
    laChildId: 'C0000000001',
    familyId: randomUUID(),
    area: 'cambridgeshire',
    concerns: 'concerns',
    child: { givenName: 'Amira', familyName: 'Khan', dateOfBirth: '2015-04-02', sex: 'female', disabilities: ['NONE'] },
    contact: {
      receivedAt: '2026-03-02T09:15:00Z',
      route: 'email',
      source: '2A',
      referrer: { name: 'R. Patel', agency: 'Northfield Primary School', anonymous: false },
    },
  },
});
const changeLevel = (caseId: string, level: 'universal' | 'emerging' | 'complex'): CaseCommand => ({
  type: 'ChangeLevelOfNeed',
  data: { caseId, level, reason: `to ${level}`, familyHasEarlyHelpAssessment: false },
  context: context(),
});
const closeCase = (caseId: string): CaseCommand => ({
  type: 'CloseCase',
  data: { caseId, reason: 'RC7', summary: 'closed' },
  context: context(),
});
const reopenCase = (caseId: string): CaseCommand => ({
  type: 'ReopenCase',
  data: { caseId, reason: 'new concerns' },
  context: context(),
});

async function refusalOf(action: Promise<unknown>): Promise<string> {
  try {
    await action;
    return 'no refusal';
  } catch (error) {
    return error instanceof RuleViolation
      ? error.code
      : `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

/**
 * Each runner remembers the state its own last write left a stream in. Two runners on one store
 * stand for two api processes: what one writes, the other's memory does not know.
 */
describe('DecisionRunner: remembered state is a hint the append checks', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let thisProcess: DecisionRunner;
  let anotherProcess: DecisionRunner;
  const run = (runner: DecisionRunner, command: CaseCommand) =>
    runner.run(caseAggregate, streamName.case(command.data.caseId), command);

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 4 });
    store = new PostgresEventStore(pool, database.url);
    thisProcess = new DecisionRunner(store);
    anotherProcess = new DecisionRunner(store);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  it('Given a case walked through several commands, When the state remembered is compared with the stream read afresh, Then they are the same', async () => {
    const caseId = randomUUID();
    for (const command of [
      openCase(caseId),
      changeLevel(caseId, 'emerging'),
      changeLevel(caseId, 'complex'),
      closeCase(caseId),
      reopenCase(caseId),
    ]) {
      await run(thisProcess, command);
    }
    const remembered = await thisProcess.loadForDecision(caseAggregate, streamName.case(caseId));
    const read = await thisProcess.loadState(caseAggregate, streamName.case(caseId));
    expect(remembered.remembered).toBe(true);
    expect({ ...remembered, remembered: undefined }).toEqual({ ...read, remembered: undefined });
    expect(Object.keys(read.state.entryTypes)).toHaveLength(5);
  });

  it('Given another process stepped the case up since this one wrote, When this one asks for the same level, Then it is refused on the stream as it is, not with a bare conflict', async () => {
    const caseId = randomUUID();
    await run(thisProcess, openCase(caseId));
    await run(thisProcess, changeLevel(caseId, 'emerging'));
    await run(anotherProcess, changeLevel(caseId, 'complex'));

    expect(await refusalOf(run(thisProcess, changeLevel(caseId, 'complex')))).toBe('LEVEL_OF_NEED.UNCHANGED');
    const types = (await store.readStream(streamName.case(caseId))).map((event) => event.type);
    expect(types).toEqual(['CaseOpened', 'LevelOfNeedAssessed', 'SteppedUp']);
  });

  it('Given another process reopened the case this one remembers closed, When this one records a change, Then it is recorded after the reopening', async () => {
    const caseId = randomUUID();
    await run(thisProcess, openCase(caseId));
    await run(thisProcess, closeCase(caseId));
    await run(anotherProcess, reopenCase(caseId));

    const result = await run(thisProcess, changeLevel(caseId, 'emerging'));
    const recorded = await store.readStream(streamName.case(caseId));
    expect(recorded.map((event) => event.type)).toEqual([
      'CaseOpened',
      'CaseClosed',
      'CaseReopened',
      'LevelOfNeedAssessed',
    ]);
    expect(result.revision).toBe(3n);
  });

  it('Given another process wrote a step this one does not know of, When this one records the next, Then both are in the stream, in order', async () => {
    const caseId = randomUUID();
    await run(thisProcess, openCase(caseId));
    await run(anotherProcess, changeLevel(caseId, 'emerging'));

    await run(thisProcess, changeLevel(caseId, 'complex'));
    const recorded = await store.readStream(streamName.case(caseId));
    expect(recorded.map((event) => [event.type, (event.data as { from?: string }).from ?? null])).toEqual([
      ['CaseOpened', null],
      ['LevelOfNeedAssessed', null],
      ['SteppedUp', 'emerging'],
    ]);
  });

  it('Given two cases decided apart, When committed together, Then both are recorded in one transaction and remembered as written', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const prepared = await Promise.all(
      [first, second].map((caseId) =>
        thisProcess.prepare(
          caseAggregate,
          streamName.case(caseId),
          openCase(caseId),
          thisProcess.newStream(caseAggregate),
        ),
      ),
    );

    const results = await thisProcess.commitTogether(prepared);
    const recorded = await Promise.all([first, second].map((caseId) => store.readStream(streamName.case(caseId))));
    expect(recorded.map((events) => events.map((event) => event.type))).toEqual([['CaseOpened'], ['CaseOpened']]);
    expect(results).toEqual(recorded.map(([event]) => ({ revision: 0n, position: event.position })));
    expect(recorded[0][0].position >> 20n).toBe(recorded[1][0].position >> 20n);
    const remembered = await thisProcess.loadForDecision(caseAggregate, streamName.case(second));
    expect(remembered).toMatchObject({ remembered: true, revision: 0n, position: recorded[1][0].position });
  });

  it('Given one of two cases opened meanwhile by another process, When committed together, Then neither is written again and a ConcurrencyError names it', async () => {
    const [fresh, taken] = [randomUUID(), randomUUID()];
    const prepared = await Promise.all(
      [fresh, taken].map((caseId) =>
        thisProcess.prepare(
          caseAggregate,
          streamName.case(caseId),
          openCase(caseId),
          thisProcess.newStream(caseAggregate),
        ),
      ),
    );
    await run(anotherProcess, openCase(taken));

    expect(await refusalOf(thisProcess.commitTogether(prepared))).toContain(
      `ConcurrencyError: Stream ${streamName.case(taken)}`,
    );
    expect(await store.readStream(streamName.case(fresh))).toEqual([]);
    expect(await store.readStream(streamName.case(taken))).toHaveLength(1);
  });
});
