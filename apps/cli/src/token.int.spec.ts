import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveJwtSecret, verifyToken } from '@windscreen/auth';

const run = (args: string[], env: NodeJS.ProcessEnv) =>
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/token.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

describe('npm run token', () => {
  it('Given no AUTH_JWT_SECRET, When a token is minted, Then stdout is only a token signed with the data folder’s secret', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'windscreen-token-'));
    const out = run(['--role', 'manager,auditor', '--sub', 'bob', '--name', 'Bob Jones', '--agency', 'MASH', '--team', 'south'], {
      DATA_DIR: dataDir,
      AUTH_JWT_SECRET: '',
    });
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const actor = verifyToken(out.trim(), resolveJwtSecret({ dataDir, authJwtSecret: undefined }));
    expect(actor).toEqual({ id: 'bob', name: 'Bob Jones', role: 'manager', roles: ['manager', 'auditor'], agency: 'MASH', team: 'south', allTeams: false });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given an unknown role, When asked, Then it refuses and prints no token', () => {
    expect(() => run(['--role', 'superuser'], { DATA_DIR: os.tmpdir() })).toThrow(/unknown role superuser/);
  });
});
