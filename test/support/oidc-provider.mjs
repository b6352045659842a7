// A real OpenID provider (oidc-provider) for the sign-in tests, run in its own process: it is an
// ES module with ES module dependencies, which jest's CommonJS runtime does not load.
// usage: node test/support/oidc-provider.mjs <port> <redirect uri> <post-logout redirect uri>
import Provider from 'oidc-provider';

const [port, redirectUri, postLogoutRedirectUri] = process.argv.slice(2);
/** The council's directory, as the test knows it: groups, team and agency as claims. */
const ACCOUNTS = {
  'oidc-case-worker': {
    name: 'Olive Okafor',
    groups: ['Everyone', 'CSC-Workers'],
    team: 'north',
    agency: 'Early Help',
  },
  'oidc-no-role': { name: 'Nico Nobody', groups: ['Everyone'], team: 'north', agency: 'Libraries' },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'windscreen',
      client_secret: 'windscreen-test-secret',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutRedirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], profile: ['name', 'groups', 'team', 'agency'] },
  conformIdTokenClaims: false,
  findAccount: async (_context, id) => ({ accountId: id, claims: async () => ({ sub: id, ...(ACCOUNTS[id] ?? {}) }) }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['windscreen-test-provider-cookies'] },
});
provider.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
