import { startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';

/**
 * A dedicated embedded PostgreSQL in its own process, for the fault tests that stop and start it
 * (jest's module system cannot load the ESM-only embedded-postgres package inside a test file).
 * Usage: node -r @swc-node/register embedded-postgres-process.ts <dataDir> [port]
 * Prints one JSON line {"url": ...} once the server accepts connections; SIGTERM stops the server
 * (a fast shutdown: running transactions are rolled back, clients disconnected) and exits.
 */
async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: port ? Number(port) : undefined,
    postgresFlags: ['-c', 'max_connections=100'],
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((error) => {
  process.stderr.write(
    `embedded PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
