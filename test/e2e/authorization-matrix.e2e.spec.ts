import * as jwt from 'jsonwebtoken';
import { Client } from 'pg';
import type { Response } from 'supertest';
import type { Role } from '@windscreen/identity';
import { aContact, startTestApp, TEST_JWT_SECRET, TestApp } from '@windscreen/testing';
import { captureStdoutPerTest, discoverApi, Endpoint, pathOf, recordOneOfEach } from './openapi-endpoints';

/**
 * Who may call what, for every endpoint of the OpenAPI document. The policy is written down here,
 * from the README, not read from the code under test: a route whose @Roles() drifts from it fails.
 * Tokens are of team `north`, the team of the case used, so that need-to-know (team, allocation,
 * lead professional) never decides: this is about roles.
 */
/** `mash` alone reads and records nothing: it is held with `case_worker` or `manager`, for the front door's decisions. */
const ROLES: Role[] = ['case_worker', 'manager', 'mash', 'auditor', 'admin'];
const RECORDERS: Role[] = ['case_worker', 'manager'];
const CASE_READERS: Role[] = ['case_worker', 'manager', 'auditor'];

/** First match wins. An endpoint no line matches fails the test: decide who may call it, and add it here. */
const POLICY: Array<{ endpoints: RegExp; allowed: Role[] | 'public'; why: string }> = [
  { endpoints: /^GET \/health$/, allowed: 'public', why: 'load balancers and monitoring' },
  { endpoints: /^GET \/audit\//, allowed: ['auditor'], why: 'the audit trail is for auditors' },
  {
    endpoints: /^POST \/audit\//,
    allowed: ['auditor'],
    why: 'signing a checkpoint of the log records nothing of a case',
  },
  {
    endpoints: /^GET \/reports\//,
    allowed: ['manager', 'auditor'],
    why: 'trend reports are for managers (and auditors)',
  },
  // Tokens here have no all-teams claim: a manager with it may make the returns too (returns.e2e.spec.ts).
  {
    endpoints: /^GET \/returns\//,
    allowed: ['auditor'],
    why: 'a statutory return names every child: auditors, and managers with the all-teams claim',
  },
  {
    endpoints: /^GET \/(cases|timeliness)(\/|$)/,
    allowed: CASE_READERS,
    why: 'case data: workers, managers, auditors; never admins',
  },
  {
    endpoints: /^GET \/children(\/|$)/,
    allowed: CASE_READERS,
    why: 'children are known through their cases: as case data',
  },
  {
    endpoints: /^POST \/(cases|families|children)(\/|$)/,
    allowed: RECORDERS,
    why: 'recording: auditors only read, admins manage users',
  },
];

const policyFor = (endpoint: Endpoint) => POLICY.find((line) => line.endpoints.test(endpoint.name));

describe('Authorization matrix: every endpoint, every way of not being signed in, every role', () => {
  let t: TestApp;
  let endpoints: Endpoint[];
  let events: Client;
  /** Path and query values that exist: a case of team north, its family, and an escalation of it. */
  let existing: Record<string, string>;

  const countEvents = async () => Number((await events.query('select count(*) from events')).rows[0].count);

  const call = (endpoint: Endpoint, authorization?: string) => {
    const query = Object.fromEntries(endpoint.requiredQuery.map((name) => [name, existing[name]]));
    const test =
      endpoint.method === 'get'
        ? t.http().get(pathOf(endpoint, existing)).query(query)
        : t.http().post(pathOf(endpoint, existing)).send({});
    return authorization === undefined ? test : test.set('Authorization', authorization);
  };

  const expectProblem = (response: Response, status: number, label: string) => {
    expect({ label, status: response.status, type: response.headers['content-type'] }).toEqual({
      label,
      status,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  };

  beforeAll(async () => {
    t = await startTestApp();
    events = new Client({ connectionString: t.database.url });
    await events.connect();
    endpoints = (await discoverApi(t)).endpoints;
    const auth = `Bearer ${t.token({ sub: 'nadia', roles: ['case_worker'], team: 'north' })}`;
    existing = await recordOneOfEach(t, auth);
  });
  afterAll(async () => {
    await events?.end();
    await t?.close();
  });

  it('Given the OpenAPI document, When every endpoint is looked up in the policy, Then each has a line (none is left to chance) and the document is complete', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(46);
    expect(endpoints.filter((endpoint) => !policyFor(endpoint)).map((endpoint) => endpoint.name)).toEqual([]);
    for (const endpoint of endpoints) {
      const unknownParams = [...endpoint.pathParams, ...endpoint.requiredQuery].filter(
        (name) => existing[name] === undefined,
      );
      expect({ endpoint: endpoint.name, unknownParams }).toEqual({ endpoint: endpoint.name, unknownParams: [] });
    }
  });

  describe('not signed in', () => {
    const otherSecret = 'another-secret-another-secret-another-secret';
    const claims = { roles: ['manager', 'case_worker', 'auditor'], team: 'north', name: 'Mallory' };
    const valid = () => jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory', expiresIn: 60 });
    const WAYS: Array<[string, () => string | undefined]> = [
      ['no Authorization header', () => undefined],
      ['an expired token', () => `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory', expiresIn: -10 })}`],
      ['a token signed with another secret', () => `Bearer ${jwt.sign(claims, otherSecret, { subject: 'mallory' })}`],
      [
        'an unsigned token (alg none)',
        () => `Bearer ${jwt.sign(claims, '', { subject: 'mallory', algorithm: 'none' })}`,
      ],
      [
        'a token whose header was switched to alg none, signature dropped',
        () => `Bearer ${noneHeader()}.${valid().split('.')[1]}.`,
      ],
      [
        'a token signed with another algorithm (HS512)',
        () => `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory', algorithm: 'HS512' })}`,
      ],
      [
        'a token not yet valid',
        () => `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory', notBefore: 3600 })}`,
      ],
      ['a token without an expiry', () => `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory' })}`],
      [
        'a token living longer than AUTH_TOKEN_MAX_HOURS',
        () => `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory', expiresIn: '30d' })}`,
      ],
      ['a token without a subject', () => `Bearer ${jwt.sign(claims, TEST_JWT_SECRET)}`],
      [
        'a token with no known role',
        () => `Bearer ${jwt.sign({ ...claims, roles: ['superuser'] }, TEST_JWT_SECRET, { subject: 'mallory' })}`,
      ],
      ['a tampered payload', () => `Bearer ${tamper(valid())}`],
      ['a malformed header (Basic)', () => `Basic ${Buffer.from('mallory:password').toString('base64')}`],
      ['a malformed header (Bearer and nothing)', () => 'Bearer'],
      ['a malformed header (two tokens)', () => `Bearer ${valid()} ${valid()}`],
      ['a malformed token (not a JWT)', () => 'Bearer not.a.jwt'],
      ['a malformed token (SQL)', () => "Bearer ' OR '1'='1"],
    ];

    it.each(WAYS)(
      'Given %s, When every protected endpoint is called, Then each answers 401 as a problem document and nothing is recorded',
      async (way, authorization) => {
        const before = await countEvents();
        const protectedEndpoints = endpoints.filter((endpoint) => policyFor(endpoint)?.allowed !== 'public');
        expect(protectedEndpoints.length).toBeGreaterThan(40);
        for (const endpoint of protectedEndpoints) {
          const response = await call(endpoint, authorization());
          expectProblem(response, 401, `${way}: ${endpoint.name}`);
        }
        expect(await countEvents()).toBe(before);
      },
    );

    it('Given no token, When a public endpoint is called, Then it answers', async () => {
      for (const endpoint of endpoints.filter((candidate) => policyFor(candidate)?.allowed === 'public')) {
        expect({ endpoint: endpoint.name, status: (await call(endpoint)).status }).toEqual({
          endpoint: endpoint.name,
          status: 200,
        });
      }
    });
  });

  describe.each(ROLES)('signed in as %s', (role) => {
    it(`Given a token with the role ${role}, team north, When every endpoint is called, Then only those the policy allows get past authorization (queries answer 200) and the rest answer 403 recording nothing`, async () => {
      const authorization = `Bearer ${t.token({ sub: `matrix-${role}`, roles: [role], team: 'north' })}`;
      const outcomes: Array<{ endpoint: string; expected: string; status: number }> = [];
      for (const endpoint of endpoints) {
        const policy = policyFor(endpoint)!;
        const allowed = policy.allowed === 'public' || policy.allowed.includes(role);
        const before = await countEvents();
        const response = await call(endpoint, authorization);
        if (allowed) {
          const passed =
            endpoint.method === 'get'
              ? response.status === 200
              : ![401, 403].includes(response.status) && response.status < 500;
          outcomes.push({
            endpoint: endpoint.name,
            expected: endpoint.method === 'get' ? '200' : 'past authorization',
            status: passed ? -1 : response.status,
          });
        } else {
          expectProblem(response, 403, `${role}: ${endpoint.name}`);
          expect({ endpoint: endpoint.name, recorded: (await countEvents()) - before }).toEqual({
            endpoint: endpoint.name,
            recorded: 0,
          });
        }
      }
      // -1 marks the combinations that behaved as the policy says; anything else is listed with its status.
      expect(outcomes.filter((outcome) => outcome.status !== -1)).toEqual([]);
      expect(outcomes.length).toBe(
        endpoints.filter(
          (endpoint) =>
            policyFor(endpoint)!.allowed === 'public' || (policyFor(endpoint)!.allowed as Role[]).includes(role),
        ).length,
      );
    });
  });

  it('Given a token with several roles, When a command is sent, Then it acts in a role that may (an auditor who is also a case worker records)', async () => {
    const authorization = `Bearer ${t.token({ sub: 'two-hats', roles: ['auditor', 'case_worker'], team: 'north' })}`;
    const response = await t.http().post('/cases').set('Authorization', authorization).send(aContact());
    expect(response.status).toBe(201);
    const history = await t.http().get(`/cases/${response.body.caseId}/history`).set('Authorization', authorization);
    expect(history.body.events[0].metadata.actor).toMatchObject({ id: 'two-hats', role: 'case_worker' });
  });
});

describe('Rejected tokens in the log', () => {
  const THRESHOLD = 10;
  let t: TestApp;
  const stdout = captureStdoutPerTest();

  /** The JSON lines the app wrote while the test ran (the JSON logger writes to stdout). */
  const logged = (): Array<Record<string, unknown>> =>
    stdout
      .written()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const rejections = () => logged().filter((entry) => entry.event === 'auth.rejected');
  const warnings = () => logged().filter((entry) => entry.event === 'auth.repeated-rejections');

  beforeAll(async () => {
    t = await startTestApp({ logLevel: 'info', authFailureThreshold: THRESHOLD, authFailureWindowMs: 60_000 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('Given tokens refused for different reasons, When used, Then each refusal is one structured line with the reason, ip, method and path, and no part of any token', async () => {
    const claims = { roles: ['case_worker'], team: 'north' };
    const sent: Array<[reason: string, authorization: string | undefined]> = [
      ['missing-token', undefined],
      ['malformed-header', 'Basic bWFsbG9yeTpwYXNzd29yZA=='],
      [
        'bad-signature',
        `Bearer ${jwt.sign(claims, 'another-secret-another-secret-another-secret', { subject: 'mallory' })}`,
      ],
      ['expired', `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory', expiresIn: -10 })}`],
      ['unsigned', `Bearer ${jwt.sign(claims, '', { subject: 'mallory', algorithm: 'none' })}`],
      ['wrong-algorithm', `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory', algorithm: 'HS512' })}`],
      ['no-role', `Bearer ${jwt.sign({ roles: [] }, TEST_JWT_SECRET, { subject: 'mallory', expiresIn: 60 })}`],
      ['no-expiry', `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory' })}`],
      ['lifetime-too-long', `Bearer ${jwt.sign(claims, TEST_JWT_SECRET, { subject: 'mallory', expiresIn: '13h' })}`],
    ];
    for (const [index, [, authorization]] of sent.entries()) {
      const request = t.http().get(`/cases?secret-query=${index}`).set('X-Correlation-Id', `refused-${index}`);
      const response = await (authorization ? request.set('Authorization', authorization) : request);
      expect(response.status).toBe(401);
    }
    const ok = await t.http().get('/cases').set('Authorization', `Bearer ${t.token()}`);
    expect(ok.status).toBe(200);

    expect(rejections()).toEqual(
      sent.map(([reason], index) =>
        expect.objectContaining({
          level: 'info',
          context: 'Auth',
          reason,
          ip: expect.stringMatching(/127\.0\.0\.1/),
          method: 'GET',
          path: '/cases',
          correlationId: `refused-${index}`,
          failuresInWindow: index + 1,
        }),
      ),
    );
    const everything = stdout.written();
    for (const [, authorization] of sent) {
      for (const part of (authorization ?? '')
        .replace(/^(Bearer|Basic) /, '')
        .split('.')
        .filter((piece) => piece.length > 8)) {
        expect(everything).not.toContain(part);
      }
    }
    expect(everything).not.toContain('secret-query');
    expect(warnings()).toEqual([]);
  });

  it(`Given one client failing again and again, When its failures in the window reach ${THRESHOLD}, Then one warning says so, and no second one within the window`, async () => {
    const forged = `Bearer ${jwt.sign({ roles: ['manager'] }, 'guessed-secret-guessed-secret-guessed-secret', { subject: 'mallory' })}`;
    for (let attempt = 0; attempt < THRESHOLD + 5; attempt++) {
      expect((await t.http().get('/cases').set('Authorization', forged)).status).toBe(401);
    }
    const counts = rejections().map((entry) => entry.failuresInWindow);
    // Counted up to the threshold: earlier tests' failures from this ip are in the same window.
    expect(counts[counts.length - 1]).toBe(THRESHOLD);
    expect(warnings()).toEqual([
      expect.objectContaining({
        level: 'warn',
        context: 'Auth',
        ip: expect.stringMatching(/127\.0\.0\.1/),
        threshold: THRESHOLD,
        windowSeconds: 60,
        failuresSinceLastWarning: THRESHOLD,
      }),
    ]);
    // The warning follows the failure that reached the threshold.
    const lines = logged().filter((entry) => entry.context === 'Auth');
    const warningAt = lines.findIndex((entry) => entry.event === 'auth.repeated-rejections');
    expect(lines[warningAt - 1]).toMatchObject({ event: 'auth.rejected', failuresInWindow: THRESHOLD });
  });
});

function noneHeader(): string {
  return Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
}

/** The same token with one claim changed and the old signature kept. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return [
    header,
    Buffer.from(JSON.stringify({ ...claims, roles: ['admin', 'manager'] })).toString('base64url'),
    signature,
  ].join('.');
}
