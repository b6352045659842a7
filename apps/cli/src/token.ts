import { resolveJwtSecret, signToken } from '@windscreen/auth';
import { Role, ROLES } from '@windscreen/identity';
import { loadConfig } from '@windscreen/config';
import { fail, parseArgs } from './cli-args';

/**
 * Mints a development token signed with the secret the app uses (AUTH_JWT_SECRET or the one in
 * the data folder) and prints only the token, so it can be captured: TOKEN=$(npm run -s token -- ...).
 */
function main(): void {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2), {
      values: ['role', 'sub', 'name', 'agency', 'team', 'hours'],
      flags: ['all-teams'],
    });
  } catch (error) {
    fail(`token: ${(error as Error).message}`);
  }
  const roles = String(args.role ?? 'case_worker').split(',') as Role[];
  const unknown = roles.filter((role) => !ROLES.includes(role));
  if (unknown.length) fail(`token: unknown role ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
  const config = loadConfig();
  // Within the lifetime the api accepts (AUTH_TOKEN_MAX_HOURS), and with its issuer and audience, if any.
  const maxHours = config.authTokenMaxHours;
  const hours = Number(args.hours ?? Math.min(8, maxHours));
  if (!(hours > 0 && hours <= maxHours))
    fail(`token: --hours must be more than 0 and at most ${maxHours} (AUTH_TOKEN_MAX_HOURS)`);
  const secret = resolveJwtSecret(config);
  const token = signToken(
    {
      sub: String(args.sub ?? 'dev-user'),
      name: String(args.name ?? 'Dev User'),
      roles,
      agency: String(args.agency ?? 'Early Help'),
      team: String(args.team ?? 'north'),
      allTeams: args['all-teams'] === true,
    },
    secret,
    Math.round(hours * 3600),
    { issuer: config.authIssuer, audience: config.authAudience },
  );
  process.stdout.write(`${token}\n`);
}

main();
