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
    const out = run(
      ['--role', 'manager,auditor', '--sub', 'bob', '--name', 'Bob Jones', '--agency', 'MASH', '--team', 'south'],
      {
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: '',
      },
    );
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const actor = verifyToken(out.trim(), resolveJwtSecret({ dataDir, authJwtSecret: undefined }));
    expect(actor).toEqual({
      id: 'bob',
      name: 'Bob Jones',
      role: 'manager',
      roles: ['manager', 'auditor'],
      agency: 'MASH',
      team: 'south',
      allTeams: false,
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given AUTH_TOKEN_MAX_HOURS, When a longer token is asked for, Then it refuses; within it, the token carries the configured issuer and audience', () => {
    const env = {
      DATA_DIR: os.tmpdir(),
      AUTH_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters!',
      AUTH_TOKEN_MAX_HOURS: '4',
      AUTH_ISSUER: 'windscreen-dev',
      AUTH_AUDIENCE: 'windscreen',
    };
    expect(() => run(['--hours', '5'], env)).toThrow(/at most 4/);
    const out = run(['--hours', '4', '--role', 'case_worker,mash'], env).trim();
    const policy = { maxLifetimeSeconds: 4 * 3600, issuer: 'windscreen-dev', audience: 'windscreen' };
    expect(verifyToken(out, env.AUTH_JWT_SECRET, policy)).toMatchObject({ roles: ['case_worker', 'mash'] });
    expect(() => verifyToken(out, env.AUTH_JWT_SECRET, { ...policy, maxLifetimeSeconds: 3 * 3600 })).toThrow(
      /longer than 3 h/,
    );
  });

  it('Given an unknown role, When asked, Then it refuses and prints no token', () => {
    expect(() => run(['--role', 'superuser'], { DATA_DIR: os.tmpdir() })).toThrow(/unknown role superuser/);
  });
});
