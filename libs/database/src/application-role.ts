import { createHmac } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { withMigrationLock } from './migrate';
// Relative: jest's global setup loads this file without the path aliases.
import { readOrCreateSecret } from '../../config/src/secret-file';

/** The role the api and the projector connect as, when it is derived from the owner's connection. */
export const APPLICATION_ROLE = 'windscreen_app';

/** Written once, never changed: the application role may read and add to them, nothing else (R22). */
export const APPEND_ONLY_TABLES = ['events', 'access_log', 'log_checkpoints'] as const;

/** Schema bookkeeping the application has no business with. */
const OWNER_ONLY_TABLES = ['migrations', 'typeorm_metadata', 'read_indexes_set_aside'];

export class UnsafeDatabaseRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeDatabaseRoleError';
  }
}

/** What a connection's role may do to the event log beyond reading and appending. */
export interface RolePrivileges {
  role: string;
  superuser: boolean;
  /** Owns (or is a member of the owner of) the event log: could disable its triggers. */
  ownsEventLog: boolean;
  bypassesRowSecurity: boolean;
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The connection string of `role` (with `password`) on the database of `ownerUrl`. */
export function urlAsRole(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * The derived application role's password, kept outside the database: computed from the owner's
 * password when its connection carries one (so every process given that connection agrees on it,
 * and nobody without the owner's password can), else generated into the data folder.
 */
export function applicationRolePassword(ownerUrl: string, dataDir: string): string {
  const ownerPassword = decodeURIComponent(new URL(ownerUrl).password);
  if (ownerPassword)
    return createHmac('sha256', ownerPassword).update(`${APPLICATION_ROLE} password`).digest('base64url');
  return readOrCreateSecret(path.join(dataDir, 'database-app.password'));
}

/**
 * Makes sure `role` can log in with `password`, creating it when missing: a plain login role,
 * not a superuser, creating nothing. The owner's connection must be allowed to create roles.
 */
export async function ensureLoginRole(ownerUrl: string, role: string, password: string): Promise<void> {
  if (await canConnect(urlAsRole(ownerUrl, role, password))) return;
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const exists = await owner.query('select 1 from pg_roles where rolname = $1', [role]);
        const verb = exists.rowCount ? 'alter' : 'create';
        await owner.query(
          `${verb} role ${quoteIdentifier(role)} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${quoteLiteral(password)}`,
        );
        return;
      } catch (error) {
        // Two processes (or two databases of one server) made the role at the same moment.
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || (code !== '42710' && code !== 'XX000' && code !== '23505')) {
          throw new UnsafeDatabaseRoleError(
            `Could not create the application role ${role} with the owner's connection (${(error as Error).message}). ` +
              'Set DATABASE_APP_URL to a role that may only read and append the event log, or ALLOW_SUPERUSER=true to run as the owner.',
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  } finally {
    await owner.end();
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Grants `role` what the api and the projector need, and no more: SELECT and INSERT on the event
 * log and the access log (no UPDATE, DELETE or TRUNCATE; not the owner, so it cannot alter their
 * triggers), full use of the read models, nothing on the migrations' bookkeeping. Run by the owner
 * after every migration, so new tables are covered; serialised with migrations.
 */
export async function grantApplicationRole(ownerUrl: string, role: string): Promise<void> {
  await withMigrationLock(ownerUrl, async (query) => {
    const grantee = quoteIdentifier(role);
    const [{ database }] = await query<{ database: string }>('select current_database() as database');
    const tables = (
      await query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public'`)
    ).map((row) => row.name);
    const appendOnly = tables.filter((table) => (APPEND_ONLY_TABLES as readonly string[]).includes(table));
    const ownerOnly = tables.filter((table) => OWNER_ONLY_TABLES.includes(table));
    const readModels = tables.filter((table) => !appendOnly.includes(table) && !ownerOnly.includes(table));
    const list = (names: string[]) => names.map(quoteIdentifier).join(', ');
    await query(`grant connect on database ${quoteIdentifier(database)} to ${grantee}`);
    await query(`grant usage on schema public to ${grantee}`);
    if (readModels.length)
      await query(`grant select, insert, update, delete, truncate on ${list(readModels)} to ${grantee}`);
    if (appendOnly.length) {
      await query(`revoke all on ${list(appendOnly)} from ${grantee}`);
      await query(`grant select, insert on ${list(appendOnly)} to ${grantee}`);
    }
    if (ownerOnly.length) await query(`revoke all on ${list(ownerOnly)} from ${grantee}`);
    await query(`grant usage, select on all sequences in schema public to ${grantee}`);
  });
}

/** What the role of `url` could do to the event log beyond reading and appending. */
export async function rolePrivileges(url: string): Promise<RolePrivileges> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<RolePrivileges>(
      `
      select current_user as role, r.rolsuper as superuser, r.rolbypassrls as "bypassesRowSecurity",
             coalesce((select bool_or(pg_has_role(current_user, t.tableowner, 'MEMBER')) from pg_tables t
                        where t.schemaname = 'public' and t.tablename = any($1)), false) as "ownsEventLog"
        from pg_roles r where r.rolname = current_user`,
      [[...APPEND_ONLY_TABLES]],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * Refuses a connection whose role could rewrite the event log (a superuser, or its owner), unless
 * the operator said so; then returns the warning to log.
 */
export function checkApplicationRole(privileges: RolePrivileges, allowSuperuser: boolean): string | undefined {
  if (!privileges.superuser && !privileges.ownsEventLog) return undefined;
  const what = privileges.superuser ? 'a superuser' : 'the owner of the event log';
  const message =
    `The application connects as ${privileges.role}, ${what}: it could switch off the append-only triggers and rewrite ` +
    'recorded events and the access log.';
  if (!allowSuperuser) {
    throw new UnsafeDatabaseRoleError(
      `${message} Set DATABASE_APP_URL to a least-privilege role (or leave it unset for Windscreen to create ${APPLICATION_ROLE}), ` +
        'or ALLOW_SUPERUSER=true to run like this anyway.',
    );
  }
  return `${message} Running anyway because ALLOW_SUPERUSER=true.`;
}
