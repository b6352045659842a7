import { randomUUID } from 'node:crypto';
import { aContact, aSharingDecision, startTestApp, TestApp } from '@windscreen/testing';

/**
 * Bounds that keep one request from taking the service down: report ranges in real years, edited
 * cursors and out-of-range positions answered as a 400 naming the parameter (never a 500 with the
 * database's words), CSV exports a spreadsheet cannot run, and a time limit on every route.
 */
describe('Request bounds', () => {
  let t: TestApp;
  const manager = () => `Bearer ${t.token({ sub: 'mary', roles: ['manager'], team: 'north' })}`;
  const auditor = () => `Bearer ${t.token({ sub: 'audrey', roles: ['auditor'], team: 'audit' })}`;
  const worker = () => `Bearer ${t.token()}`;
  const get = (path: string, auth: string) => t.http().get(path).set('Authorization', auth);
  const cursorOf = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  const namesField = (response: { status: number; body: { errors?: { field: string }[] } }, field: string) =>
    expect({ status: response.status, fields: (response.body.errors ?? []).map((error) => error.field) }).toEqual({
      status: 400,
      fields: [field],
    });

  beforeAll(async () => {
    t = await startTestApp({ requestTimeoutMs: 1000, readYourWritesTimeoutMs: 5000 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['from=1899-12-31&to=1900-06-30', 'from'],
    ['from=2100-06-01&to=2101-01-01', 'to'],
    ['from=0000-01-01&to=2026-01-01', 'from'],
    ['from=9999-01-01&to=9999-12-31', 'from'],
    ['from=2026-03-01&to=2026-02-28', 'from'],
    ['from=2000-01-01&to=2026-01-01', 'from'],
  ])('Given a report asked for %s, Then it is a 400 naming %s', async (query, field) => {
    namesField(await get(`/reports/transitions?${query}&interval=week`, manager()), field);
  });

  it('Given a report over the first and last years allowed, Then it answers with every period', async () => {
    const early = await get('/reports/transitions?from=1900-01-01&to=1900-12-31&interval=quarter', manager());
    expect(early.status).toBe(200);
    expect(early.body.rows.map((row: { period: string }) => row.period)).toEqual([
      '1900-Q1',
      '1900-Q2',
      '1900-Q3',
      '1900-Q4',
    ]);
    const late = await get('/reports/transitions?from=2091-01-01&to=2100-12-31&interval=week', manager());
    expect(late.status).toBe(200);
    expect(late.body.rows.length).toBeGreaterThan(520);
  });

  it.each([
    ['a cursor that is not base64 JSON', () => 'not-a-cursor'],
    ['a cursor whose id is not a uuid', () => cursorOf(['2026-01-01T00:00:00.000Z', "x' or '1'='1"])],
    ['a cursor whose moment is out of range', () => cursorOf(['275760-09-13T00:00:00.000Z', randomUUID()])],
    ['a cursor whose moment is not a moment', () => cursorOf(['yesterday', randomUUID()])],
    ['a cursor of three parts', () => cursorOf(['2026-01-01T00:00:00.000Z', randomUUID(), 'x'])],
  ])(
    'Given %s, When paging the caseload and what is due, Then each is a 400 naming the cursor',
    async (_what, cursor) => {
      namesField(await get(`/cases?cursor=${cursor()}`, worker()), 'cursor');
      namesField(await get(`/timeliness?cursor=${cursor()}`, worker()), 'cursor');
    },
  );

  it('Given positions past what the store can hold, When used as a cursor or an offset, Then each is a 400 naming it', async () => {
    namesField(await get('/audit/information-sharing?cursor=9223372036854775808', auditor()), 'cursor');
    namesField(await get('/audit/information-sharing?cursor=99999999999999999999', auditor()), 'cursor');
    expect((await get('/audit/information-sharing?cursor=9223372036854775807', auditor())).status).toBe(200);
    const { body: opened } = await t.http().post('/cases').set('Authorization', worker()).send(aContact());
    namesField(await get(`/cases/${opened.caseId}/history?cursor=9999999999999999999`, worker()), 'cursor');
    expect((await get(`/cases/${opened.caseId}/history?cursor=999999999999999999`, worker())).status).toBe(200);
  });

  it('Given decisions whose text starts with a formula, a tab or a carriage return, When exported as CSV, Then every such cell is neutralised', async () => {
    const { body: opened } = await t.http().post('/cases').set('Authorization', worker()).send(aContact());
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1'];
    let position = '0';
    for (const text of hostile) {
      const response = await t
        .http()
        .post(`/cases/${opened.caseId}/information-sharing-decisions`)
        .set('Authorization', worker())
        .send(aSharingDecision({ information: text }));
      expect(response.status).toBe(201);
      position = response.body.position;
    }
    const csv = await get(
      `/audit/information-sharing?caseId=${opened.caseId}&format=csv&minPosition=${position}`,
      auditor(),
    );
    expect(csv.status).toBe(200);
    for (const text of hostile) expect(csv.text).toContain(`'${text.replace(/"/g, '""')}`);
    // No cell of a data row starts with a raw trigger: split on the cell boundaries a spreadsheet sees.
    const cells = csv.text
      .split('\r\n')
      .slice(1)
      .flatMap((line) => line.split(','));
    expect(cells.filter((cell) => /^"?[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it('Given a query that would wait longer than REQUEST_TIMEOUT_MS, Then it is stopped with a 503 problem document within the limit', async () => {
    // Without projections a recorded position is never reached, so a read asking for it waits.
    const unprojected = await startTestApp({
      requestTimeoutMs: 1000,
      readYourWritesTimeoutMs: 5000,
      projections: 'off',
    });
    try {
      const opened = await unprojected
        .http()
        .post('/cases')
        .set('Authorization', `Bearer ${unprojected.token()}`)
        .send(aContact());
      expect(opened.status).toBe(201);
      const started = Date.now();

      const response = await unprojected
        .http()
        .get(`/cases?minPosition=${opened.body.position}`)
        .set('Authorization', `Bearer ${unprojected.token()}`);

      expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
        status: 503,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await unprojected.close();
    }
  });

  it('Given a minPosition past the last recorded event, Then it is a 400 at once, not a wait', async () => {
    const response = await get('/cases?minPosition=9223372036854775000', worker());
    namesField(response, 'minPosition');
    expect(response.body.errors[0].reasons).toEqual([
      expect.stringMatching(/minPosition is past the last recorded event/),
    ]);
  });
});
