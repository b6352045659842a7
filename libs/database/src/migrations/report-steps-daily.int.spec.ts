import { testDatabaseClient } from '@windscreen/testing';

/**
 * report_steps_daily is kept by triggers on report_level_moves. Whatever is written to the moves
 * (new steps and other moves, a corrected area or reason category, deletes), the daily counts must
 * equal the steps up and down counted from the moves themselves.
 */
describe('Daily step counts follow the level moves', () => {
  const client = testDatabaseClient();

  const daily = () =>
    client()
      .query(
        // Every row: a count that fell to nothing must be gone, not left at zero.
        `select day::text, area, team, agency, direction, from_level, to_level, reason_category, steps
           from report_steps_daily order by 1, 2, 3, 4, 5, 6, 7, 8`,
      )
      .then((result) => result.rows);
  const countedFromMoves = () =>
    client()
      .query(
        `select day::text, area, team, agency, direction, from_level, to_level, coalesce(reason_category, '') as reason_category, count(*)::int as steps
           from report_level_moves where direction in ('up', 'down') group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8`,
      )
      .then((result) => result.rows);

  it('Given many random moves and corrections, When the moves are compared with the daily counts, Then they agree, and deleting the moves leaves nothing counted', async () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    let position = 0;
    for (let round = 0; round < 20; round++) {
      // One statement per batch, as the projection writes: steps up and down, and other moves.
      const moves = Array.from({ length: 30 }, () => [
        ++position,
        `00000000-0000-4000-8000-${String(1 + Math.floor(random() * 12)).padStart(12, '0')}`,
        `2025-03-${String(1 + Math.floor(random() * 4)).padStart(2, '0')}`,
        pick(['cambridgeshire', 'peterborough']),
        pick(['north', 'south']),
        pick(['MASH', 'Early Help']),
        pick(['up', 'down', 'assessed', 'closed']),
        pick(['emerging', 'complex']),
        pick(['complex', 'specialist']),
        pick([null, 'needs_met', 'new_information']),
      ]);
      await client().query(
        `insert into report_level_moves (position, event_id, case_id, day, area, team, agency, direction, from_level, to_level, reason_category)
         select p, gen_random_uuid(), c, d, a, t, ag, dir, f, tl, r
           from unnest($1::bigint[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
             as m(p, c, d, a, t, ag, dir, f, tl, r)`,
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((column) => moves.map((row) => row[column])),
      );
      // Corrections, as R22 makes them: a case's area, one step's reason category.
      const caseId = `00000000-0000-4000-8000-${String(1 + Math.floor(random() * 12)).padStart(12, '0')}`;
      if (round % 3 === 0)
        await client().query('update report_level_moves set area = $2 where case_id = $1', [
          caseId,
          pick(['cambridgeshire', 'peterborough']),
        ]);
      if (round % 4 === 0)
        await client().query('update report_level_moves set reason_category = $2 where position = $1', [
          position - 3,
          pick([null, 'other']),
        ]);
    }
    expect((await countedFromMoves()).length).toBeGreaterThan(10);
    expect(await daily()).toEqual(await countedFromMoves());

    await client().query(`delete from report_level_moves where position % 3 = 0`);
    expect(await daily()).toEqual(await countedFromMoves());
    await client().query('delete from report_level_moves');
    expect(await daily()).toEqual([]);
  });
});
