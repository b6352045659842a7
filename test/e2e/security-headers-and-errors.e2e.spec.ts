import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';
import { captureStdoutPerTest } from './openapi-endpoints';

/** The headers every answer carries, whatever it is: success, refusal or failure. */
const SECURITY_HEADERS = {
  'content-security-policy': expect.stringContaining("default-src 'none'"),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': expect.stringMatching(/^max-age=\d{7,}/),
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
  'x-correlation-id': expect.any(String),
};

const expectSecurityHeaders = (response: Response, label: string) => {
  expect({ label, headers: response.headers }).toEqual({ label, headers: expect.objectContaining(SECURITY_HEADERS) });
  expect({ label, poweredBy: response.headers['x-powered-by'] }).toEqual({ label, poweredBy: undefined });
};

/** Renames a table the idempotency interceptor uses: every command sent with an Idempotency-Key then fails inside the server. */
async function breakIdempotencyStore(t: TestApp): Promise<void> {
  const client = new Client({ connectionString: t.database.url });
  await client.connect();
  try {
    await client.query('alter table idempotency_keys rename to idempotency_keys_out_of_order');
  } finally {
    await client.end();
  }
}

describe('Security headers on every response', () => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await startTestApp();
    auth = `Bearer ${t.token()}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('Given answers of every kind (ok, 400, 401, 403, 404, 413, 415), When they arrive, Then each carries the security headers and no X-Powered-By', async () => {
    const answers: Array<[string, Response, number]> = [
      ['GET /health', await t.http().get('/health'), 200],
      ['POST /cases', await t.http().post('/cases').set('Authorization', auth).send(aContact()), 201],
      [
        'malformed JSON',
        await t
          .http()
          .post('/cases')
          .set('Authorization', auth)
          .set('Content-Type', 'application/json')
          .send('{"child":'),
        400,
      ],
      ['no token', await t.http().get(`/cases/${randomUUID()}`), 401],
      [
        'auditor recording',
        await t
          .http()
          .post('/cases')
          .set('Authorization', `Bearer ${t.token({ roles: ['auditor'] })}`)
          .send(aContact()),
        403,
      ],
      ['unknown case', await t.http().get(`/cases/${randomUUID()}`).set('Authorization', auth), 404],
      ['unknown route', await t.http().get('/no-such-thing'), 404],
      [
        'too large',
        await t
          .http()
          .post('/cases')
          .set('Authorization', auth)
          .send({ concerns: 'x'.repeat(t.config.requestBodyLimitBytes) }),
        413,
      ],
      [
        'not JSON',
        await t.http().post('/cases').set('Authorization', auth).set('Content-Type', 'text/plain').send('hello'),
        415,
      ],
    ];
    for (const [label, response, status] of answers) {
      expect({ label, status: response.status }).toEqual({ label, status });
      expectSecurityHeaders(response, label);
    }
  });

  it('Given the printable chronology, When served as HTML, Then its policy allows its inline style and no script at all', async () => {
    const opened = await t.http().post('/cases').set('Authorization', auth).send(aContact());
    const page = await t
      .http()
      .get(`/cases/${opened.body.caseId}/chronology`)
      .query({ format: 'html' })
      .set('Authorization', auth);
    expect(page.status).toBe(200);
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).not.toMatch(/script-src/);
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('Given Swagger UI at /docs, When loaded, Then its page, scripts and styles come from this server under a policy that allows them, with no inline script', async () => {
    const page = await t.http().get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("img-src 'self' data:");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    // An inline script would be refused by script-src 'self'.
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    const assets = [...page.text.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"']+)["']/g)].map(
      (match) => match[1],
    );
    expect(assets.filter((asset) => asset.endsWith('.js')).length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const loaded = await t.http().get(new URL(asset, 'http://server/docs').pathname);
      expect({ asset, status: loaded.status }).toEqual({ asset, status: 200 });
      expect(loaded.headers['content-security-policy']).toBe(policy);
    }
    const init = await t.http().get('/docs/swagger-ui-init.js');
    expect(init.text).toContain('Windscreen');
  });

  it('Given the OpenAPI document, When served, Then it is JSON under the strict policy', async () => {
    const document = await t.http().get('/openapi.json');
    expect(document.status).toBe(200);
    expectSecurityHeaders(document, '/openapi.json');
  });
});

describe('Error bodies', () => {
  let production: TestApp;
  let development: TestApp;
  const stdout = captureStdoutPerTest();
  beforeAll(async () => {
    production = await startTestApp({ production: true, requestBodyLimitBytes: 4 * 1024 });
    development = await startTestApp();
    await breakIdempotencyStore(production);
    await breakIdempotencyStore(development);
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
  });

  const sendCommand = (t: TestApp, correlationId: string) =>
    t
      .http()
      .post('/cases')
      .set('Authorization', `Bearer ${t.token()}`)
      .set('Idempotency-Key', 'key-1')
      .set('X-Correlation-Id', correlationId)
      .send(aContact());

  it('Given a server outside production whose store is broken, When a command fails inside, Then the 500 tells the developer the message (what production hides), never the stack', async () => {
    const response = await sendCommand(development, 'dev-failure');
    expect(response.status).toBe(500);
    expect(response.body.detail).toContain('idempotency_keys');
    expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it('Given a production server whose store is broken, When a command fails inside, Then the 500 is a generic problem document with the correlation id, and the log has the rest', async () => {
    const before = await production.countEvents();
    const response = await sendCommand(production, 'prod-failure');
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'https://windscreen.local/problems/internal',
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred',
      correlationId: 'prod-failure',
    });
    expect(response.text).not.toMatch(/idempotency|\brelation\b|QueryFailed|stack|\.ts\b|node_modules/i);
    expectSecurityHeaders(response, 'production 500');
    expect(await production.countEvents()).toBe(before);
    const logged = stdout
      .written()
      .split('\n')
      .filter((line) => line.includes('"prod-failure"'));
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 'error',
        correlationId: 'prod-failure',
        msg: expect.stringContaining('idempotency_keys'),
        stack: expect.stringContaining('idempotency.interceptor'),
      }),
    ]);
  });

  it('Given a production server, When a client errs, Then the 4xx still says what was wrong (only internal failures are hidden)', async () => {
    const invalid = await production
      .http()
      .post('/cases')
      .set('Authorization', `Bearer ${production.token()}`)
      .send(aContact({ area: 'atlantis' }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([{ field: 'area', reasons: [expect.any(String)] }]);
  });

  it('Given a body limit configured at 4 kB, When 5 kB arrive, Then 413 names the limit, and 3 kB still gets through to validation', async () => {
    const auth = `Bearer ${production.token()}`;
    const tooLarge = await production
      .http()
      .post('/cases')
      .set('Authorization', auth)
      .send(aContact({ concerns: 'x'.repeat(5 * 1024) }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({
      status: 413,
      title: 'payload too large',
      detail: 'The request body is larger than the limit of 4 kB',
    });
    const fits = await production
      .http()
      .post('/cases')
      .set('Authorization', auth)
      .send(aContact({ concerns: 'x'.repeat(3 * 1024), area: 'atlantis' }));
    expect(fits.status).toBe(400);
  });
});
