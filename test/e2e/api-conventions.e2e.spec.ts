import * as jwt from 'jsonwebtoken';
import { aContact, startTestApp, TEST_JWT_SECRET, TestApp } from '@windscreen/testing';

describe('API conventions: auth, validation, problem documents, idempotency, documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('authentication and roles', () => {
    it('Given no token, When a case is opened, Then 401 as a problem document', async () => {
      const response = await t.http().post('/cases').send(aContact());
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it.each([
      [
        'signed with another secret',
        jwt.sign({ roles: ['case_worker'] }, 'another-secret-another-secret-another', { subject: 'x' }),
      ],
      ['expired', jwt.sign({ roles: ['case_worker'] }, TEST_JWT_SECRET, { subject: 'x', expiresIn: -10 })],
      ['unsigned (alg none)', jwt.sign({ roles: ['case_worker'] }, '', { subject: 'x', algorithm: 'none' })],
      ['without a role', jwt.sign({ roles: [] }, TEST_JWT_SECRET, { subject: 'x' })],
    ])('Given a token %s, When used, Then 401', async (_, token) => {
      const response = await t.http().post('/cases').set('Authorization', `Bearer ${token}`).send(aContact());
      expect(response.status).toBe(401);
    });

    it('Given an auditor, When they try to record, Then 403 and nothing is recorded', async () => {
      const before = await t.countEvents();
      const response = await t
        .http()
        .post('/cases')
        .set('Authorization', `Bearer ${t.token({ roles: ['auditor'] })}`)
        .send(aContact());
      expect(response.status).toBe(403);
      expect(await t.countEvents()).toBe(before);
    });

    it('Given an auditor, When they read a case, Then they may', async () => {
      const { body } = await t.http().post('/cases').set('Authorization', `Bearer ${t.token()}`).send(aContact());
      const read = await t
        .http()
        .get(`/cases/${body.caseId}/history`)
        .set('Authorization', `Bearer ${t.token({ roles: ['auditor'] })}`);
      expect(read.status).toBe(200);
    });

    it('Given an admin only, When they read a case, Then 403 (admins manage users, not cases)', async () => {
      const { body } = await t.http().post('/cases').set('Authorization', `Bearer ${t.token()}`).send(aContact());
      const read = await t
        .http()
        .get(`/cases/${body.caseId}`)
        .set('Authorization', `Bearer ${t.token({ roles: ['admin'] })}`);
      expect(read.status).toBe(403);
    });
  });

  describe('validation', () => {
    const post = (body: unknown) =>
      t
        .http()
        .post('/cases')
        .set('Authorization', `Bearer ${t.token()}`)
        .send(body as object);

    it('Given an unknown field, When posted, Then 400 names it', async () => {
      const response = await post(aContact({ favouriteColour: 'blue' }));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'favouriteColour', reasons: [expect.stringContaining('should not exist')] },
      ]);
    });

    it('Given invalid codes and dates, When posted, Then 400 lists each nested field and why', async () => {
      const contact = aContact() as { child: object; contact: object };
      const response = await post({
        ...contact,
        child: { ...contact.child, sex: 'x', dateOfBirth: '2015-02-30', disabilities: ['WINGS'] },
        contact: { ...contact.contact, source: '99', receivedAt: 'yesterday' },
      });
      expect(response.status).toBe(400);
      const fields = response.body.errors.map((error: { field: string }) => error.field).sort();
      expect(fields).toEqual([
        'child.dateOfBirth',
        'child.disabilities',
        'child.sex',
        'contact.receivedAt',
        'contact.source',
      ]);
      for (const error of response.body.errors) expect(error.reasons.length).toBeGreaterThan(0);
    });

    it('Given malformed JSON, When posted, Then 400 (not 500)', async () => {
      const response = await t
        .http()
        .post('/cases')
        .set('Authorization', `Bearer ${t.token()}`)
        .set('Content-Type', 'application/json')
        .send('{"child":');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('Given a case id that is not a uuid, When read, Then 400 names caseId', async () => {
      const response = await t.http().get('/cases/not-a-uuid').set('Authorization', `Bearer ${t.token()}`);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('caseId');
    });

    it('R9: Given a school referring anonymously, When posted, Then 409 with the rule and nothing is recorded', async () => {
      const before = await t.countEvents();
      const contact = aContact() as { contact: object };
      const response = await post({ ...contact, contact: { ...contact.contact, referrer: { anonymous: true } } });
      expect(response.status).toBe(409);
      expect(await t.countEvents()).toBe(before);
      expect(response.body).toMatchObject({
        rule: 'R9',
        code: 'CONTACT.ANONYMOUS_PROFESSIONAL',
        howToResolve: expect.any(String),
      });
    });

    it('Given an unknown case, When its level is changed, Then 404', async () => {
      const response = await t
        .http()
        .post('/cases/7d8f1a0e-0000-4000-8000-000000000000/level-of-need')
        .set('Authorization', `Bearer ${t.token()}`)
        .send({ level: 'complex', reason: 'r' });
      expect(response.status).toBe(404);
    });
  });

  describe('idempotent commands', () => {
    it('Given a command sent with an Idempotency-Key, When it is retried, Then the first answer returns and nothing new is recorded', async () => {
      const auth = `Bearer ${t.token({ sub: 'retrying-user' })}`;
      const { body: opened } = await t.http().post('/cases').set('Authorization', auth).send(aContact());
      const send = () =>
        t
          .http()
          .post(`/cases/${opened.caseId}/level-of-need`)
          .set('Authorization', auth)
          .set('Idempotency-Key', 'level-1')
          .send({ level: 'complex', reason: 'once' });
      const first = await send();
      const retries = await Promise.all([send(), send(), send()]);
      expect(first.status).toBe(201);
      for (const retry of retries) {
        expect(retry.status).toBe(201);
        expect(retry.body).toEqual(first.body);
      }
      const history = await t.http().get(`/cases/${opened.caseId}/history`).set('Authorization', auth);
      expect(history.body.events).toHaveLength(2);
    });

    it('Given a used Idempotency-Key, When sent with a different body, Then 422', async () => {
      const auth = `Bearer ${t.token({ sub: 'key-reuser' })}`;
      const first = await t
        .http()
        .post('/cases')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-1')
        .send(aContact());
      expect(first.status).toBe(201);
      const reused = await t
        .http()
        .post('/cases')
        .set('Authorization', auth)
        .set('Idempotency-Key', 'k-1')
        .send(aContact({ concerns: 'something else' }));
      expect(reused.status).toBe(422);
    });

    it('Given a refused command with a key, When retried after fixing nothing, Then it is refused again (refusals are not stored as successes)', async () => {
      const auth = `Bearer ${t.token({ sub: 'refused-user' })}`;
      const contact = aContact() as { contact: object };
      const body = { ...contact, contact: { ...contact.contact, referrer: { anonymous: true } } };
      const first = await t.http().post('/cases').set('Authorization', auth).set('Idempotency-Key', 'r-1').send(body);
      const again = await t.http().post('/cases').set('Authorization', auth).set('Idempotency-Key', 'r-1').send(body);
      expect([first.status, again.status]).toEqual([409, 409]);
    });
  });

  describe('operations', () => {
    it('serves the OpenAPI document with every endpoint, each command with its request schema', async () => {
      const response = await t.http().get('/openapi.json');
      expect(response.status).toBe(200);
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining([
          '/cases',
          '/cases/{caseId}',
          '/cases/{caseId}/level-of-need',
          '/cases/{caseId}/history',
          '/health',
        ]),
      );
      // Every command of the journey is documented, each with its request schema (signing an audit checkpoint takes no body).
      const commands = Object.entries(
        response.body.paths as Record<string, { post?: { requestBody?: unknown } }>,
      ).filter(([path, item]) => item.post && !path.startsWith('/audit/'));
      expect(commands.length).toBeGreaterThanOrEqual(38);
      for (const [path, item] of commands)
        expect({ path, documented: Boolean(item.post!.requestBody) }).toEqual({ path, documented: true });
    });

    it('reports health with the lag of each projection', async () => {
      const response = await t.http().get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'ok',
        head: expect.any(String),
        projections: expect.arrayContaining([
          expect.objectContaining({ name: 'case_summaries', lag: expect.any(String) }),
        ]),
      });
    });

    it('echoes a correlation id, or makes one', async () => {
      const given = await t.http().get('/health').set('X-Correlation-Id', 'abc-123');
      expect(given.headers['x-correlation-id']).toBe('abc-123');
      const made = await t.http().get('/health');
      expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('carries the correlation id into the events a request records', async () => {
      const opened = await t
        .http()
        .post('/cases')
        .set('Authorization', `Bearer ${t.token()}`)
        .set('X-Correlation-Id', 'journey-42')
        .send(aContact());
      const history = await t
        .http()
        .get(`/cases/${opened.body.caseId}/history`)
        .set('Authorization', `Bearer ${t.token()}`);
      expect(history.body.events[0].metadata.correlationId).toBe('journey-42');
    });
  });
});
