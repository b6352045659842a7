import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';
import {
  Api,
  DATE_FIELDS,
  DATE_TIME_FIELDS,
  discoverApi,
  Endpoint,
  pathOf,
  recordOneOfEach,
  Schema,
  typeOf,
  validCommand,
  validValue,
} from './openapi-endpoints';

/**
 * Bad and hostile input on every command endpoint, found from the OpenAPI document (a new endpoint
 * is covered without touching this file). Whatever arrives: never a 5xx, a refusal is a problem
 * document (a 400 names each invalid field), and a refused request records nothing.
 */

/** Commands documented when this was written; more is fine, fewer means some fell out of the document (and out of these tests). */
const DOCUMENTED_COMMANDS = 39;
/** Random bodies per endpoint: enough to vary shapes, small enough for the 2-core CI (the file runs in about 30 s when the machine is idle). */
const RUNS_PER_ENDPOINT = 8;
/** A loaded machine (the whole suite on two cores) can make the random-body test several times slower. */
const PROPERTY_TIMEOUT_MS = 180_000;

/** A field whose name says "date" must be in one of the sets above, so that its odd formats are tried. */
const LOOKS_LIKE_A_DATE = /(At|Date|On)$|^date/;

const INJECTION = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10); --',
  'Robert"); DELETE FROM streams; --',
  '$1::text',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '../../../../etc/passwd',
  '=HYPERLINK("http://evil.example","click")',
  'null\u0000byte',
  '\u202Eevil\u202C',
  '\uD800 lone surrogate',
  'Zoë 𝒜mira 👩‍👧 ١٢٣',
];

const ODD_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-03-02T25:00:00Z',
  '0000-00-00T00:00:00Z',
  '31/12/2025',
  '12/31/2025 10:00',
  'Mon, 02 Mar 2026 09:15:00 GMT',
  'yesterday',
  'NaN',
  '1772442900',
  '',
  ' ',
  '2026-03-02 09:15:00Z',
  '2026-W10-1',
  '2026-061',
  '20260302T091500Z',
  '2026-03-02T09:15:00,5Z',
  '2026-03-02T09:15:00+01',
  '+275760-09-13T00:00:00Z',
  "2026-03-02T09:15:00Z' OR '1'='1",
];
/** Well-formed and accepted, but far from today: rules may refuse them, nothing may break on them. */
const EXTREME_DATES = [
  '0001-01-01T00:00:00Z',
  '1899-12-31T23:59:59.999999999+14:00',
  '2099-12-31T23:59:59-12:00',
  '9999-12-31T23:59:59Z',
];
/** Valid ISO 8601, but not an instant: no time, or no time zone. */
const NOT_AN_INSTANT = ['2026-03-02', '2026-03', '2026-03-02T09:15:00', '2026-03-02T09:15'];
/** Valid ISO 8601, but not a calendar date. */
const NOT_A_DATE = ['2026-03-02T09:15:00Z', '2026-03', '2026'];

const WRONG_TYPE: Record<string, unknown[]> = {
  string: [42, true, { $gt: '' }, ['a'], 1e308],
  boolean: ['true', 1, 0, 'yes', {}, []],
  number: ['1', true, {}, []],
  integer: ['1', 1.5, true, {}],
  array: ['a', 1, true, { 0: 'a' }],
  object: ['a', 1, true, [], [{}]],
};

const HUGE = 'x'.repeat(25_000);
/** Text PostgreSQL cannot keep as sent. */
const UNSTORABLE_TEXT = ['before\u0000after', 'half a pair \uD83D here', '\uDC00'];

describe('Hostile input on every command endpoint', () => {
  let t: TestApp;
  let api: Api;
  let events: Client;
  let auth: string;
  /** Path values that exist: a real case, its family, and an escalation of it (so that valid bodies reach the rules). */
  let existing: Record<string, string>;

  /** As t.countEvents(), on one connection kept open: the property tests count around every request. */
  const countEvents = async () => Number((await events.query('select count(*) from events')).rows[0].count);
  const post = (path: string) => t.http().post(path).set('Authorization', auth);
  const send = async (endpoint: Endpoint, body: unknown, values = existing): Promise<Response> =>
    post(pathOf(endpoint, values)).set('Content-Type', 'application/json').send(JSON.stringify(body));

  /** A refusal's body: an RFC 9457 problem document with the correlation id that finds it in the log. */
  const expectProblemDocument = (response: Response) => {
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status: response.status,
      detail: expect.any(String),
      correlationId: response.headers['x-correlation-id'],
    });
    if (response.status === 400 && response.body.errors) {
      expect(response.body.errors.length).toBeGreaterThan(0);
      for (const error of response.body.errors) {
        // A field may be named " " (a key of one space is still that key); it may not be unnamed.
        expect(error).toEqual({
          field: expect.stringMatching(/^.+$/s),
          reasons: expect.arrayContaining([expect.stringMatching(/\S/)]),
        });
      }
    }
  };
  const fieldsNamed = (response: Response): string[] =>
    (response.body.errors ?? []).map((error: { field: string }) => error.field);

  beforeAll(async () => {
    t = await startTestApp();
    events = new Client({ connectionString: t.database.url });
    await events.connect();
    auth = `Bearer ${t.token()}`;
    api = await discoverApi(t);
    existing = await recordOneOfEach(t, auth);
  });
  afterAll(async () => {
    await events?.end();
    await t?.close();
  });

  it('Given the OpenAPI document, When its commands are listed, Then every command endpoint is there with its request schema', () => {
    expect(api.commands.length).toBeGreaterThanOrEqual(DOCUMENTED_COMMANDS);
    expect(api.commands.map((endpoint) => endpoint.name)).toEqual(
      expect.arrayContaining([
        'POST /cases',
        'POST /cases/{caseId}/level-of-need',
        'POST /cases/{caseId}/escalations/{escalationId}/resolution',
        'POST /families/{familyId}/keep-in-touch/end',
      ]),
    );
    for (const endpoint of api.commands)
      expect({ endpoint: endpoint.name, properties: Object.keys(endpoint.body?.properties ?? {}).length > 0 }).toEqual({
        endpoint: endpoint.name,
        properties: true,
      });
  });

  it('Given every date-like field of every command, When classified, Then each is a date-time or a date (so its odd formats are tried below)', () => {
    const unclassified = fieldsOf(api).filter(
      ({ name, schema }) =>
        LOOKS_LIKE_A_DATE.test(name) && !schema.enum && !DATE_TIME_FIELDS.has(name) && !DATE_FIELDS.has(name),
    );
    expect(unclassified.map(({ endpoint, path }) => `${endpoint.name}: ${path.join(',')}`)).toEqual([]);
  });

  it(
    'Given random bodies (any JSON, wrong types, unknown fields, huge strings, injection payloads, odd dates), When posted to every command, Then never a 5xx, refusals are problem documents and record nothing',
    async () => {
      const failures: string[] = [];
      for (const endpoint of api.commands) {
        try {
          await fc.assert(
            fc.asyncProperty(hostileBody(endpoint.body!, api), async (body) => {
              const before = await countEvents();
              const response = await send(endpoint, body);
              expect(response.status).toBeLessThan(500);
              if (response.status >= 400) {
                expectProblemDocument(response);
                expect(await countEvents()).toBe(before);
              }
            }),
            { numRuns: RUNS_PER_ENDPOINT },
          );
        } catch (error) {
          const cause = (error as { cause?: Error }).cause?.message ?? '';
          failures.push(`${endpoint.name}: ${(error as Error).message.slice(0, 1200)}\n${cause.slice(0, 800)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('Given a field of the wrong type, When posted, Then 400 names that field and nothing is recorded', async () => {
    const typed = fieldsOf(api).filter(({ schema }) => WRONG_TYPE[typeOf(schema)]);
    expect(typed.length).toBeGreaterThan(api.commands.length * 2);
    await expectEachNamesItsField(rotate(typed, ({ schema }) => WRONG_TYPE[typeOf(schema)]));
  });

  it('Given an invalid code, When posted, Then 400 names the field', async () => {
    const coded = fieldsOf(api).filter(({ schema }) => schema.enum || schema.items?.enum);
    expect(coded.length).toBeGreaterThan(30);
    const invalidCodes = ({ schema }: Field) => {
      const codes = schema.enum ?? schema.items!.enum!;
      const valid = String(codes[0]);
      const changedCase = valid.toUpperCase() === valid ? valid.toLowerCase() : valid.toUpperCase();
      const invalid = ['', 'NOT-A-CODE', ` ${valid}`, `${valid} `, changedCase, "' OR 1=1 --", 7].filter(
        (code) => !codes.includes(code),
      );
      return invalid.map((code) => (schema.items ? [code] : code));
    };
    // Two bad codes per coded field, turning through the kinds of bad code.
    await expectEachNamesItsField([...rotate(coded, invalidCodes), ...rotate(coded, invalidCodes, 3)]);
  });

  it('Given a date in an odd format, When posted, Then 400 names the field', async () => {
    const dates = fieldsOf(api).filter(({ name }) => DATE_TIME_FIELDS.has(name) || DATE_FIELDS.has(name));
    expect(dates.length).toBeGreaterThanOrEqual(api.commands.length);
    const oddFor = ({ name }: Field) => [...ODD_DATES, ...(DATE_TIME_FIELDS.has(name) ? NOT_AN_INSTANT : NOT_A_DATE)];
    // Three odd formats per field; each format lands on several fields, and every date-only field gets every one.
    const cases = [0, 1, 2].flatMap((turn) => rotate(dates, oddFor, turn * 7));
    const everyFormatOnDateFields = dates
      .filter(({ name }) => DATE_FIELDS.has(name))
      .flatMap((field) => oddFor(field).map((value) => ({ ...field, value })));
    await expectEachNamesItsField([...cases, ...everyFormatOnDateFields]);
  });

  it('Given text that cannot be kept as sent (far longer than any field takes, a NUL, an unpaired surrogate), When posted, Then 400 names the field', async () => {
    const cases = fieldsOf(api).filter(
      ({ schema, name }) =>
        typeOf(schema) === 'string' && !schema.enum && !DATE_TIME_FIELDS.has(name) && !DATE_FIELDS.has(name),
    );
    expect(cases.length).toBeGreaterThan(api.commands.length);
    await expectEachNamesItsField(rotate(cases, () => [HUGE, ...UNSTORABLE_TEXT]));
  });

  it('Given a list far longer than any list field takes, When posted, Then 400 names the field', async () => {
    const cases = fieldsOf(api)
      .filter(({ schema }) => typeOf(schema) === 'array')
      .map(({ endpoint, path, schema }) => {
        const item = schema.items?.enum
          ? schema.items.enum[0]
          : typeOf(schema.items ? api.resolve(schema.items) : {}) === 'object'
            ? {}
            : 'a';
        return { endpoint, path, value: Array.from({ length: 500 }, () => item) };
      });
    expect(cases.length).toBeGreaterThan(3);
    await expectEachNamesItsField(cases);
  });

  it('Given a field the command does not know (including __proto__ and constructor), When posted, Then 400 names it and no object is polluted', async () => {
    const unknown = [
      'favouriteColour',
      '__proto__',
      'constructor',
      'prototype',
      'isAdmin',
      "x'; DROP TABLE events; --",
      '',
    ];
    const before = await countEvents();
    for (const [index, endpoint] of api.commands.entries()) {
      // Two names per endpoint, rotating, so that each name meets several endpoints.
      for (const name of [unknown[index % unknown.length], unknown[(index + 3) % unknown.length]]) {
        const raw = `{${JSON.stringify(name)}: {"polluted": true}}`;
        const response = await post(pathOf(endpoint, existing)).set('Content-Type', 'application/json').send(raw);
        expect({ endpoint: endpoint.name, name, status: response.status }).toEqual({
          endpoint: endpoint.name,
          name,
          status: 400,
        });
        expectProblemDocument(response);
        expect({ endpoint: endpoint.name, fields: fieldsNamed(response) }).toEqual({
          endpoint: endpoint.name,
          fields: expect.arrayContaining([name || '""']),
        });
      }
    }
    expect(await countEvents()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('Given bodies that are not a JSON object (malformed, a list, a scalar, deeply nested, another type or charset), When posted, Then a 4xx problem document and nothing recorded', async () => {
    const raw: Array<[contentType: string, body: string]> = [
      ['application/json', '{"child":'],
      ['application/json', '{"a":1,}'],
      ['application/json', "{'single': 'quotes'}"],
      ['application/json', '[]'],
      ['application/json', '[{"level":"complex"}]'],
      ['application/json', '"just a string"'],
      ['application/json', '42'],
      ['application/json', 'null'],
      ['application/json', 'true'],
      ['application/json', `${'{"a":'.repeat(12_000)}1${'}'.repeat(12_000)}`],
      ['application/json', `${'['.repeat(40_000)}${']'.repeat(40_000)}`],
      ['application/json; charset=utf-16', '{}'],
      ['application/json; charset=bogus', '{}'],
      ['text/plain', 'level=complex'],
      ['application/x-www-form-urlencoded', 'level=complex&reason=r'],
      ['application/xml', '<level>complex</level>'],
    ];
    const before = await countEvents();
    for (const [index, endpoint] of api.commands.entries()) {
      // Four bodies per endpoint, rotating: every body meets several endpoints.
      for (const [contentType, body] of [0, 1, 2, 3].map((turn) => raw[(index * 4 + turn) % raw.length])) {
        const response = await post(pathOf(endpoint, existing))
          .set('Content-Type', contentType)
          .set('Idempotency-Key', randomUUID())
          .send(body);
        if (response.status !== 400 && response.status !== 415) {
          throw new Error(
            `${endpoint.name} with ${contentType} ${body.slice(0, 40)}: ${response.status} ${response.text.slice(0, 300)}`,
          );
        }
        expectProblemDocument(response);
      }
    }
    expect(await countEvents()).toBe(before);
  });

  it('Given a body over the size limit, When posted to any command, Then 413 as a problem document and nothing is recorded', async () => {
    const limit = t.config.requestBodyLimitBytes;
    const before = await countEvents();
    for (const endpoint of api.commands) {
      const response = await send(endpoint, { ...validCommand(endpoint, api), padding: 'x'.repeat(limit + 1) });
      expect({ endpoint: endpoint.name, status: response.status }).toEqual({ endpoint: endpoint.name, status: 413 });
      expectProblemDocument(response);
      expect(response.body.detail).toContain(`${Math.floor(limit / 1024)} kB`);
    }
    expect(await countEvents()).toBe(before);
  });

  it('Given path parameters that are not uuids, When posted, Then 400 names the parameter', async () => {
    const withParams = api.commands.filter((endpoint) => endpoint.pathParams.length > 0);
    expect(withParams.length).toBeGreaterThan(30);
    const notAUuid = fc
      .oneof(
        fc.constantFrom(
          'not-a-uuid',
          '123',
          `${randomUUID()}x`,
          randomUUID().replace(/-/g, ''),
          '00000000-0000-0000-0000-00000000000g',
          'x'.repeat(5_000),
          ...INJECTION,
        ),
        fc.string({ minLength: 1, maxLength: 60, unit: 'binary' }),
      )
      .filter(
        (value) =>
          value !== '.' &&
          value !== '..' &&
          !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) &&
          isWellFormed(value),
      );
    const before = await countEvents();
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...withParams)
          .chain((endpoint) => fc.tuple(fc.constant(endpoint), fc.constantFrom(...endpoint.pathParams), notAUuid)),
        async ([endpoint, param, value]) => {
          const response = await send(endpoint, validCommand(endpoint, api), { ...existing, [param]: value });
          expect({ endpoint: endpoint.name, param, status: response.status }).toEqual({
            endpoint: endpoint.name,
            param,
            status: 400,
          });
          expectProblemDocument(response);
          expect(fieldsNamed(response)).toEqual([param]);
        },
      ),
      { numRuns: 80 },
    );
    expect(await countEvents()).toBe(before);
  });

  it('Given hostile query parameters, When any query endpoint is read, Then never a 5xx and a refusal is a problem document', async () => {
    const queries = api.endpoints.filter((endpoint) => endpoint.method === 'get' && endpoint.query.length > 0);
    expect(queries.length).toBeGreaterThanOrEqual(5);
    const reader = `Bearer ${t.token({ roles: ['case_worker', 'manager', 'auditor'], allTeams: true })}`;
    const hostileValue = fc
      .oneof(
        fc.constantFrom<unknown>(
          ...INJECTION,
          ...ODD_DATES,
          ...NOT_AN_INSTANT,
          ...EXTREME_DATES,
          '-1',
          '0',
          '1e309',
          '99999999999999999999999',
          'x'.repeat(10_000),
          ['a', 'b'],
        ),
        fc.string({ maxLength: 80, unit: 'binary' }),
      )
      .filter((value) => typeof value !== 'string' || isWellFormed(value));
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...queries)
          .chain((endpoint) => fc.tuple(fc.constant(endpoint), fc.constantFrom(...endpoint.query), hostileValue)),
        async ([endpoint, param, value]) => {
          const query = {
            ...Object.fromEntries(endpoint.requiredQuery.map((name) => [name, existing[name] ?? 'x'])),
            [param]: value,
          };
          const response = await t.http().get(pathOf(endpoint, existing)).query(query).set('Authorization', reader);
          expect({ endpoint: endpoint.name, param, status: response.status }).toEqual({
            endpoint: endpoint.name,
            param,
            status: expect.any(Number),
          });
          if (response.status >= 500)
            throw new Error(
              `${endpoint.name}?${param}=${String(value).slice(0, 60)}: ${response.status} ${response.text.slice(0, 300)}`,
            );
          if (response.status >= 400) expectProblemDocument(response);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('Given a case, family or escalation that does not exist, When a well-formed command is sent, Then 404 as a problem document and nothing is recorded', async () => {
    const before = await countEvents();
    const results: Array<{ endpoint: string; status: number; detail?: string }> = [];
    for (const endpoint of api.commands.filter((candidate) => candidate.pathParams.length > 0)) {
      const unknown = Object.fromEntries(endpoint.pathParams.map((param) => [param, randomUUID()]));
      const response = await send(endpoint, validCommand(endpoint, api), unknown);
      results.push({
        endpoint: endpoint.name,
        status: response.status,
        ...(response.status !== 404 && { detail: response.body.detail }),
      });
      if (response.status === 404) expectProblemDocument(response);
    }
    expect(results.filter((result) => result.status !== 404)).toEqual([]);
    expect(await countEvents()).toBe(before);
  });

  it('Given SQL and HTML in free text, When recorded and read back, Then it is kept verbatim as data and the printable chronology escapes it', async () => {
    const payload = INJECTION.filter((text) => !text.includes('\u0000') && !text.includes('\uD800')).join(' | ');
    const opened = await t
      .http()
      .post('/cases')
      .set('Authorization', auth)
      .send(
        aContact({
          concerns: payload,
          child: { ...(aContact().child as object), givenName: '<script>alert(1)</script>' },
        }),
      );
    expect(opened.status).toBe(201);
    const summary = await t
      .http()
      .get(`/cases/${opened.body.caseId}`)
      .set('Authorization', auth)
      .query({ minPosition: opened.body.position });
    expect(summary.status).toBe(200);
    expect(JSON.stringify(summary.body)).toContain(JSON.stringify('<script>alert(1)</script>'));
    const history = await t.http().get(`/cases/${opened.body.caseId}/history`).set('Authorization', auth);
    expect(history.body.events[0].data.concerns).toBe(payload);
    const page = await t
      .http()
      .get(`/cases/${opened.body.caseId}/chronology`)
      .query({ format: 'html' })
      .set('Authorization', auth);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(await countEvents()).toBeGreaterThan(0);
  });

  /** Sends each case alone in an otherwise empty body: the 400 must name that field. */
  async function expectEachNamesItsField(
    cases: Array<{ endpoint: Endpoint; path: string[]; value: unknown }>,
  ): Promise<void> {
    expect(cases.length).toBeGreaterThan(0);
    const before = await countEvents();
    const wrong: unknown[] = [];
    for (const { endpoint, path, value } of cases) {
      const response = await send(endpoint, setAt(validCommand(endpoint, api), path, value));
      const field = path.join('.');
      const named = fieldsNamed(response);
      if (response.status !== 400 || !named.some((name) => name === field || name.startsWith(`${field}.`))) {
        wrong.push({
          endpoint: endpoint.name,
          field,
          value: typeof value === 'string' ? value.slice(0, 40) : value,
          status: response.status,
          named,
        });
      } else {
        expectProblemDocument(response);
      }
    }
    expect(wrong).toEqual([]);
    expect(await countEvents()).toBe(before);
  }
});

interface Field {
  endpoint: Endpoint;
  /** Path from the body's root, e.g. ['contact', 'referrer', 'name']. */
  path: string[];
  name: string;
  schema: Schema;
  required: boolean;
}

/** Every field of every command's body, nested objects included (array items are not descended). */
function fieldsOf(api: Api): Field[] {
  const walk = (endpoint: Endpoint, schema: Schema, prefix: string[]): Field[] =>
    Object.entries(schema.properties ?? {}).flatMap(([name, raw]) => {
      const resolved = api.resolve(raw);
      const field: Field = {
        endpoint,
        path: [...prefix, name],
        name,
        schema: resolved,
        required: (schema.required ?? []).includes(name),
      };
      return resolved.properties ? [field, ...walk(endpoint, resolved, field.path)] : [field];
    });
  return api.commands.flatMap((endpoint) => walk(endpoint, endpoint.body!, []));
}

/** Gives each field one of its bad values, turning through them, so that every value is tried on some fields. */
function rotate(
  fields: Field[],
  valuesFor: (field: Field) => unknown[],
  offset = 0,
): Array<Field & { value: unknown }> {
  return fields.map((field, index) => {
    const values = valuesFor(field);
    return { ...field, value: values[(index + offset) % values.length] };
  });
}

function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function setAt(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...body, [head]: value };
  const inner = body[head];
  return {
    ...body,
    [head]: setAt(
      typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {},
      rest,
      value,
    ),
  };
}

/** Anything at all, or the command's own shape with each field valid, hostile or missing, plus strangers. */
function hostileBody(schema: Schema, api: Api): fc.Arbitrary<unknown> {
  const hostileString = fc.oneof(
    fc.constantFrom(
      ...INJECTION,
      ...ODD_DATES,
      ...NOT_AN_INSTANT,
      ...EXTREME_DATES,
      ...UNSTORABLE_TEXT,
      HUGE,
      'x'.repeat(90_000),
    ),
    fc.string({ maxLength: 300, unit: 'binary' }),
  );
  const hostileScalar = fc.oneof(
    hostileString,
    fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1),
    fc.double(),
    fc.integer(),
  );
  const valueFor = (name: string, raw: Schema): fc.Arbitrary<unknown> => {
    const field = api.resolve(raw);
    const valid = fc.constant(validValue(name, field, api));
    const nested = field.properties ? [shaped(field)] : [];
    return fc.oneof(
      valid,
      hostileScalar,
      fc.jsonValue({ maxDepth: 3 }),
      fc.array(hostileScalar, { maxLength: 5 }),
      ...nested,
    );
  };
  const shaped = (of: Schema): fc.Arbitrary<Record<string, unknown>> =>
    fc
      .tuple(
        fc.record(
          Object.fromEntries(Object.entries(of.properties ?? {}).map(([name, raw]) => [name, valueFor(name, raw)])),
          { requiredKeys: [] },
        ),
        fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'role', 'actor', '$where'), hostileScalar, {
          maxKeys: 2,
        }),
      )
      .map(([known, strangers]) => ({ ...known, ...strangers }));
  return fc.oneof(
    { weight: 3, arbitrary: shaped(schema) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.object() },
  );
}
