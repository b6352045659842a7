import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DecisionResult, RaiseEscalationCommand, RecordEscalationDiscussionCommand } from '@windscreen/case-journey';
import type { CommandContext } from '@windscreen/case-journey/domain';
import { EventStore } from '@windscreen/event-store';
import { Projection, PROJECTIONS, ProjectionProgress, rebuildProjections } from '@windscreen/projections';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';
import { playPopulation } from './demo/play';
import { generatePopulation } from './demo/scenario';
import { StorePlayer } from './demo/store-player';

/**
 * `npm run rebuild` must give back the read models kept live: for every table of every
 * projection, the same rows, with the same order inside their JSON values (arrays keep their
 * order in jsonb; objects are stored with their keys sorted).
 */
describe('Rebuild equals live', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every index on the read-model tables, with its definition. */
  async function indexes(dataSource: DataSource, projections: readonly Projection[]): Promise<string[]> {
    const rows: { definition: string }[] = await dataSource.query(
      `select indexdef as definition from pg_indexes where tablename = any($1) order by indexname`,
      [projections.flatMap((projection) => projection.tables)],
    );
    return rows.map((row) => row.definition);
  }

  /** Every row of every read-model table, each as its JSON text, in a stable order. */
  async function dump(dataSource: DataSource, projections: readonly Projection[]): Promise<Record<string, string[]>> {
    const tables = projections.flatMap((projection) => projection.tables);
    const dumps = await Promise.all(
      tables.map(async (table) => {
        const rows: { row: string }[] = await dataSource.query(
          `select row_to_json(t)::text as row from ${table} t order by 1`,
        );
        return [table, rows.map(({ row }) => row)] as const;
      }),
    );
    return Object.fromEntries(dumps);
  }

  it('Given a generated population projected live, When every read model is rebuilt, Then every table has the same rows, JSON order included', async () => {
    const store = t.app.get(EventStore);
    const population = { seed: 'rebuild', children: 120, end: new Date('2026-06-01T00:00:00.000Z') };
    // Some children come back as a second case about the same child.
    const secondCases = [...generatePopulation(population)].flatMap((family) =>
      family.steps.filter((step) => step.stream === 'case' && step.sameChild),
    ).length;
    const played = await playPopulation(generatePopulation(population), new StorePlayer(store), 4, () => undefined);
    expect(played.refused).toEqual([]);
    // Waits for a position the test recorded: the head a reader sees can lag behind it while another
    // test file's transaction on the shared server is still open.
    const caughtUp = async (position: bigint) =>
      expect(await t.app.get(ProjectionProgress).waitFor(position, 60_000)).toBe(true);

    // Two escalations open on one case, each projected live in its own batch, the second with an id
    // that sorts first, then one more entry: live, the state is read back from jsonb (keys sorted)
    // between batches; a rebuild folds them in one batch, in the order they were raised.
    const opened = await t
      .http()
      .post('/cases')
      .set('Authorization', `Bearer ${t.token({ sub: 'alice', roles: ['case_worker'], team: 'north' })}`)
      .send(aContact());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const context = (): CommandContext => ({
      actor: {
        id: 'alice',
        name: 'Alice',
        role: 'case_worker',
        roles: ['case_worker'],
        agency: 'Early Help',
        team: 'north',
        allTeams: false,
      },
      occurredAt: new Date().toISOString(),
      now: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
    });
    const bus = t.app.get(CommandBus);
    const raise = (escalationId: string): Promise<DecisionResult> =>
      bus.execute(
        new RaiseEscalationCommand(
          {
            caseId,
            escalationId,
            route: 'professional',
            concern: 'c',
            otherAgency: 'Health',
            startsAt: 'practitioner',
          },
          context(),
        ),
      );
    await caughtUp((await raise('ffffffff-ffff-4fff-8fff-ffffffffffff')).position);
    await caughtUp((await raise('00000000-0000-4000-8000-000000000000')).position);
    const discussed: DecisionResult = await bus.execute(
      new RecordEscalationDiscussionCommand(
        { caseId, escalationId: '00000000-0000-4000-8000-000000000000', discussion: 'd' },
        context(),
      ),
    );
    // Positions rise in the order readers pass them: once this is projected, so is the population before it.
    await caughtUp(discussed.position);

    const dataSource = t.app.get(DataSource);
    const projections = t.app.get<Projection[]>(PROJECTIONS);
    const live = await dump(dataSource, projections);
    // The population has what the comparison is about: open escalations and JSON arrays of several entries.
    expect(live.case_summaries.length).toBe(120 + secondCases + 1);
    const [escalated] = await dataSource.query(`select open_escalations from case_summaries where case_id = $1`, [
      caseId,
    ]);
    expect(
      escalated.open_escalations.map((escalation: { escalationId: string }) => escalation.escalationId[0]),
    ).toEqual(['f', '0']);

    // Each read index named is one of the projection's own, and not unique (upserts rely on those).
    for (const projection of projections) {
      const named: { indexname: string }[] = await dataSource.query(
        `select i.indexname from pg_indexes i join pg_class c on c.relname = i.indexname join pg_index x on x.indexrelid = c.oid
          where i.tablename = any($1) and i.indexname = any($2) and not x.indisunique`,
        [projection.tables, projection.readIndexes ?? []],
      );
      expect({ projection: projection.name, indexes: named.map((row) => row.indexname).sort() }).toEqual({
        projection: projection.name,
        indexes: [...(projection.readIndexes ?? [])].sort(),
      });
    }
    const indexesBefore = await indexes(dataSource, projections);

    // As `npm run rebuild` does: as the owner, who may set the read indexes aside while it replays.
    const owner = new Pool({ connectionString: t.database.url, max: 4 });
    try {
      // In small batches: a case's events fall in several, so each batch reads back what the
      // batches before it wrote (and only that: WrittenKeys).
      await rebuildProjections(owner, store, projections, undefined, 37);
      expect((await owner.query(`select index_name from read_indexes_set_aside`)).rows).toEqual([]);
    } finally {
      await owner.end();
    }
    const rebuilt = await dump(dataSource, projections);
    for (const table of Object.keys(live))
      expect({ table, rows: rebuilt[table] }).toEqual({ table, rows: live[table] });
    expect(await indexes(dataSource, projections)).toEqual(indexesBefore);
  });
});
