import type { QueryRunner } from 'typeorm';

/**
 * A table of counts (`counts`) kept by statement triggers on `table`: the function `<counts>_count`
 * runs after each insert, update and delete (triggers `<counts>_on_insert` ...), with the
 * statement's rows in `new_rows` / `old_rows`. `merge` is its SQL, with `%s` where the changed rows
 * go: every row, with `sign` 1 (new) or -1 (old).
 */
export async function createCountTriggers(
  queryRunner: QueryRunner,
  table: string,
  counts: string,
  merge: string,
): Promise<void> {
  const name = `${counts}_count`;
  await queryRunner.query(`
      create function ${name}() returns trigger language plpgsql as $$
      declare
        changes text := case tg_op
          when 'INSERT' then 'select *, 1 as sign from new_rows'
          when 'DELETE' then 'select *, -1 as sign from old_rows'
          else 'select *, 1 as sign from new_rows union all select *, -1 as sign from old_rows'
        end;
      begin
        execute format($sql$${merge}$sql$, changes);
        return null;
      end $$`);
  // Transition tables allow one event per trigger, hence three.
  await queryRunner.query(`
      create trigger ${counts}_on_insert after insert on ${table}
        referencing new table as new_rows for each statement execute function ${name}()`);
  await queryRunner.query(`
      create trigger ${counts}_on_update after update on ${table}
        referencing old table as old_rows new table as new_rows for each statement execute function ${name}()`);
  await queryRunner.query(`
      create trigger ${counts}_on_delete after delete on ${table}
        referencing old table as old_rows for each statement execute function ${name}()`);
}

export async function dropCountTriggers(queryRunner: QueryRunner, table: string, counts: string): Promise<void> {
  for (const operation of ['delete', 'update', 'insert']) {
    await queryRunner.query(`drop trigger ${counts}_on_${operation} on ${table}`);
  }
  await queryRunner.query(`drop function ${counts}_count()`);
}
