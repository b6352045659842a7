import { testDatabaseClient } from '@windscreen/testing';

/**
 * timeliness_daily is kept by triggers on timeliness_items. Whatever is written to the items (new
 * items, upserts, items done, cancelled or moved to another team, deletes), the daily counts must
 * equal the same counts taken from the items themselves.
 */
describe('Timeliness daily counts follow the items', () => {
  const client = testDatabaseClient();
  beforeEach(async () => {
    await client().query('delete from timeliness_items');
    await client().query('delete from timeliness_daily');
  });

  const item = (
    id: string,
    dueAt: string,
    fields: {
      rule?: string;
      brag?: string | null;
      team?: string;
      doneAt?: string | null;
      cancelledAt?: string | null;
    } = {},
  ) => [
    id,
    fields.rule ?? 'R10',
    fields.brag ?? null,
    fields.team ?? 'north',
    dueAt,
    fields.doneAt ?? null,
    fields.cancelledAt ?? null,
  ];
  /** One statement, as the projection writes a batch: new items inserted, known ones updated. */
  async function upsert(...items: unknown[][]) {
    await client().query(
      `insert into timeliness_items (item_id, case_id, family_id, rule, brag, label, area, team, started_at, due_at, done_at, cancelled_at, position)
       select id, null, '00000000-0000-4000-8000-000000000001', rule, brag, 'label', 'cambridgeshire', team, '2025-01-01T00:00:00Z', due_at, done_at, cancelled_at, 1
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])
           as i(id, rule, brag, team, due_at, done_at, cancelled_at)
       on conflict (item_id) do update set team = excluded.team, done_at = excluded.done_at, cancelled_at = excluded.cancelled_at`,
      [0, 1, 2, 3, 4, 5, 6].map((column) => items.map((row) => row[column])),
    );
  }
  const daily = () =>
    client()
      .query(
        // Every row: a day nothing is counted on any more must be gone, not left at zero.
        `select day::text, team, rule, brag, due, on_time, late_done, open from timeliness_daily order by 1, 2, 3, 4`,
      )
      .then((result) => result.rows);
  const countedFromItems = () =>
    client()
      .query(
        `select (due_at at time zone 'Europe/London')::date::text as day, team, rule, coalesce(brag, '') as brag, count(*)::int as due,
                count(*) filter (where done_at <= due_at)::int as on_time, count(*) filter (where done_at > due_at)::int as late_done,
                count(*) filter (where done_at is null)::int as open
           from timeliness_items where cancelled_at is null group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
      )
      .then((result) => result.rows);

  it('Given new items, When they are inserted, Then each UK day counts its items due, done on time, done late and still open', async () => {
    await upsert(
      item('a', '2025-03-03T09:00:00Z', { doneAt: '2025-03-03T08:00:00Z' }),
      item('b', '2025-03-03T12:00:00Z', { doneAt: '2025-03-04T08:00:00Z' }),
      item('c', '2025-03-03T23:30:00Z', { rule: 'R11', brag: 'red' }),
      // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
      item('d', '2025-06-30T23:30:00Z'),
    );
    expect(await daily()).toEqual([
      { day: '2025-03-03', team: 'north', rule: 'R10', brag: '', due: 2, on_time: 1, late_done: 1, open: 0 },
      { day: '2025-03-03', team: 'north', rule: 'R11', brag: 'red', due: 1, on_time: 0, late_done: 0, open: 1 },
      { day: '2025-07-01', team: 'north', rule: 'R10', brag: '', due: 1, on_time: 0, late_done: 0, open: 1 },
    ]);
  });

  it('Given open items, When they are done, cancelled or moved to another team in one upsert, Then the counts move with them', async () => {
    await upsert(
      item('a', '2025-03-03T09:00:00Z'),
      item('b', '2025-03-03T09:00:00Z'),
      item('c', '2025-03-03T09:00:00Z'),
    );
    await upsert(
      item('a', '2025-03-03T09:00:00Z', { doneAt: '2025-03-03T10:00:00Z' }),
      item('b', '2025-03-03T09:00:00Z', { cancelledAt: '2025-03-03T08:00:00Z' }),
      item('c', '2025-03-03T09:00:00Z', { team: 'south' }),
      item('e', '2025-03-04T09:00:00Z'),
    );
    expect(await daily()).toEqual([
      { day: '2025-03-03', team: 'north', rule: 'R10', brag: '', due: 1, on_time: 0, late_done: 1, open: 0 },
      { day: '2025-03-03', team: 'south', rule: 'R10', brag: '', due: 1, on_time: 0, late_done: 0, open: 1 },
      { day: '2025-03-04', team: 'north', rule: 'R10', brag: '', due: 1, on_time: 0, late_done: 0, open: 1 },
    ]);
  });

  it('Given many random writes, When the items are compared with the daily counts, Then they agree, and deleting the items leaves nothing counted', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    for (let round = 0; round < 20; round++) {
      const batch = Array.from({ length: 40 }, () => {
        const dueAt = new Date(
          Date.UTC(2025, 2, 28 + Math.floor(random() * 5), Math.floor(random() * 24)),
        ).toISOString();
        const doneAt = pick([null, new Date(Date.parse(dueAt) + (random() - 0.5) * 86_400_000).toISOString()]);
        return item(`i${Math.floor(random() * 120)}`, dueAt, {
          rule: pick(['R10', 'R11', 'S17']),
          brag: pick([null, 'red', 'amber']),
          team: pick(['north', 'south']),
          doneAt,
          cancelledAt: random() < 0.1 ? dueAt : null,
        });
      });
      // One statement cannot write the same item twice.
      await upsert(...new Map(batch.map((row) => [row[0], row])).values());
    }
    expect((await countedFromItems()).length).toBeGreaterThan(10);
    expect(await daily()).toEqual(await countedFromItems());

    await client().query(`delete from timeliness_items where item_id like 'i1%'`);
    expect(await daily()).toEqual(await countedFromItems());
    await client().query('delete from timeliness_items');
    expect(await daily()).toEqual([]);
  });
});
