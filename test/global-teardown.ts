import * as fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { windscreenTestServer?: { stop(): Promise<void>; dataDir: string } })
    .windscreenTestServer;
  if (!server) return;
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}
