import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@windscreen/testing';
import { migrate } from './migrate';
import { restoreReadIndexes, setAsideReadIndexes } from './read-indexes';

describe('Read indexes set aside while a rebuild replays', () => {
  let database: TestDatabase;
  let owner: Pool;
  let app: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = new Pool({ connectionString: database.url, max: 2 });
    app = new Pool({ connectionString: database.appUrl, max: 2 });
  });
  afterAll(async () => {
    await app.end();
    await owner.end();
    await database.drop();
  });

  const definitionOf = async (name: string) =>
    (await owner.query<{ indexdef: string }>(`select indexdef from pg_indexes where indexname = $1`, [name])).rows[0]
      ?.indexdef;
  const setAside = async () =>
    (await owner.query<{ index_name: string }>(`select index_name from read_indexes_set_aside order by 1`)).rows.map(
      (row) => row.index_name,
    );
  const readIndexes = ['case_summaries_level_idx', 'timeliness_items_report_idx'];

  it('Given read indexes, When the owner sets them aside and restores them, Then they are dropped and recorded, then built again as they were', async () => {
    const before = await Promise.all(readIndexes.map(definitionOf));
    expect(before.every((definition) => definition?.startsWith('CREATE INDEX'))).toBe(true);

    expect((await setAsideReadIndexes(owner, readIndexes)).sort()).toEqual(readIndexes);
    expect(await Promise.all(readIndexes.map(definitionOf))).toEqual([undefined, undefined]);
    expect(await setAside()).toEqual(readIndexes);

    expect(await restoreReadIndexes(owner)).toEqual(readIndexes);
    expect(await Promise.all(readIndexes.map(definitionOf))).toEqual(before);
    expect(await setAside()).toEqual([]);
  });

  it('Given indexes set aside by a rebuild that stopped part way, When the migrations run at start-up, Then they are built again', async () => {
    const before = await definitionOf('case_summaries_level_idx');
    await setAsideReadIndexes(owner, ['case_summaries_level_idx']);
    expect(await definitionOf('case_summaries_level_idx')).toBeUndefined();

    await migrate(database.url);

    expect(await definitionOf('case_summaries_level_idx')).toEqual(before);
    expect(await setAside()).toEqual([]);
  });

  it('Given a unique index or a primary key, When it is named, Then it is kept: upserts and lookups rely on it', async () => {
    expect(await setAsideReadIndexes(owner, ['information_sharing_decision_id_idx', 'case_summaries_pkey'])).toEqual(
      [],
    );
    expect(await definitionOf('information_sharing_decision_id_idx')).toContain('UNIQUE');
    expect(await definitionOf('case_summaries_pkey')).toContain('UNIQUE');
  });

  it('Given the application role (not the owner), When it sets indexes aside or restores them, Then nothing changes and nothing fails', async () => {
    expect(await setAsideReadIndexes(app, readIndexes)).toEqual([]);
    expect(await restoreReadIndexes(app)).toEqual([]);
    expect(await Promise.all(readIndexes.map(definitionOf))).not.toContain(undefined);
  });
});
