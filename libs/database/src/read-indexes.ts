import type { Pool } from 'pg';
import { inTransaction, Sql } from './sql';

/**
 * Indexes that only the read side uses can be dropped while a rebuild replays the log and built
 * once at the end: one build over the finished table costs far less than keeping the index
 * through every batch's writes. Each is recorded with its definition before it is dropped, so a
 * rebuild that stops part way leaves nothing lost: `restoreReadIndexes` (run by the next rebuild
 * and after the migrations at every start) builds what is recorded. Only the tables' owner may
 * drop an index; for any other role both are no-ops and the indexes stay through the replay.
 */
export async function setAsideReadIndexes(pool: Pool, indexNames: readonly string[]): Promise<string[]> {
  if (indexNames.length === 0 || !(await ownsIndexedTables(pool, indexNames))) return [];
  const { rows } = await pool.query<{ index_name: string; table_name: string; definition: string }>(
    `select i.relname as index_name, t.relname as table_name, pg_get_indexdef(i.oid) as definition
       from pg_class i join pg_index x on x.indexrelid = i.oid join pg_class t on t.oid = x.indrelid
      where i.relname = any($1::text[]) and i.relnamespace = 'public'::regnamespace
        and not x.indisunique and not x.indisprimary`,
    [indexNames],
  );
  for (const row of rows) {
    // Recorded and dropped in one transaction: never dropped and forgotten.
    await inTransaction(pool, async (sql) => {
      await sql.query(
        `insert into read_indexes_set_aside (index_name, table_name, definition) values ($1, $2, $3)
         on conflict (index_name) do nothing`,
        [row.index_name, row.table_name, row.definition],
      );
      await sql.query(`drop index "${row.index_name}"`);
    });
  }
  return rows.map((row) => row.index_name);
}

/** Builds every index a rebuild set aside, and forgets it once built. Returns their names. */
export async function restoreReadIndexes(sql: Sql): Promise<string[]> {
  const { rows: owner } = await sql.query<{ owns: boolean }>(
    `select coalesce(bool_and(pg_has_role(current_user, tableowner, 'MEMBER')), false) as owns
       from pg_tables where schemaname = 'public' and tablename = 'read_indexes_set_aside'`,
  );
  if (!owner[0]?.owns) return [];
  const { rows } = await sql.query<{ index_name: string; definition: string }>(
    `select index_name, definition from read_indexes_set_aside order by index_name`,
  );
  for (const row of rows) {
    // Idempotent: an index built before the process stopped is not built twice.
    await sql.query(row.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
    await sql.query(`delete from read_indexes_set_aside where index_name = $1`, [row.index_name]);
  }
  return rows.map((row) => row.index_name);
}

async function ownsIndexedTables(sql: Sql, indexNames: readonly string[]): Promise<boolean> {
  const { rows } = await sql.query<{ owns: boolean }>(
    `select coalesce(bool_and(pg_has_role(current_user, t.relowner, 'MEMBER')), false) as owns
       from pg_class i join pg_index x on x.indexrelid = i.oid join pg_class t on t.oid = x.indrelid
      where i.relname = any($1::text[]) and i.relnamespace = 'public'::regnamespace`,
    [indexNames],
  );
  return rows[0]?.owns ?? false;
}
