import type { Sql } from '@windscreen/database';

/** A read-model column: its name and its PostgreSQL type. */
export interface ColumnSpec {
  name: string;
  type: string;
}

/**
 * Writes many rows in one statement: rows travel as one JSON array, unpacked by
 * jsonb_to_recordset, and rows whose key exists are updated in place. One round trip per batch
 * keeps a rebuild fast.
 */
export async function upsertRows(
  sql: Sql,
  table: string,
  key: string,
  columns: readonly ColumnSpec[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const record = columns.map((column) => `"${column.name}" ${column.type}`).join(', ');
  const updates = columns
    .filter((column) => column.name !== key)
    .map((column) => `"${column.name}" = excluded."${column.name}"`)
    .join(', ');
  await sql.query(
    `insert into "${table}" (${names})
     select ${names} from jsonb_to_recordset($1::jsonb) as row(${record})
     on conflict ("${key}") do update set ${updates}`,
    [JSON.stringify(rows)],
  );
}
