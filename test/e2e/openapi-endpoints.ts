import { randomUUID } from 'node:crypto';
import { aContact, aSharingDecision, type TestApp } from '@windscreen/testing';

/** The part of an OpenAPI schema these tests read. */
export interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As documented, e.g. /cases/{caseId}/closure. */
  path: string;
  /** "POST /cases/{caseId}/closure": how tables and failures name it. */
  name: string;
  pathParams: string[];
  query: string[];
  requiredQuery: string[];
  /** The request body's schema, with references resolved (commands only). */
  body?: Schema;
}

export interface Api {
  endpoints: Endpoint[];
  commands: Endpoint[];
  resolve(schema: Schema): Schema;
}

/** Every endpoint the running app documents: tests built on this cover new endpoints by themselves. */
export async function discoverApi(t: TestApp): Promise<Api> {
  const response = await t.http().get('/openapi.json');
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  const document = response.body as OpenApiDocument;
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) {
      const resolved = schemas[schema.$ref.replace('#/components/schemas/', '')];
      if (!resolved) throw new Error(`unknown schema ${schema.$ref}`);
      return resolve(resolved);
    }
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  };
  const endpoints: Endpoint[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      endpoints.push({
        method: method as Endpoint['method'],
        path,
        name: `${method.toUpperCase()} ${path}`,
        pathParams: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
        query: parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
        requiredQuery: parameters
          .filter((parameter) => parameter.in === 'query' && parameter.required)
          .map((parameter) => parameter.name),
        body: body && resolve(body),
      });
    }
  }
  return { endpoints, commands: endpoints.filter((endpoint) => endpoint.method === 'post' && endpoint.body), resolve };
}

/** The documented path with its parameters filled in (each value URL-encoded). */
export function pathOf(endpoint: Endpoint, values: Record<string, string>): string {
  return endpoint.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${endpoint.name}: no value for the path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** One case with one escalation and one information-sharing decision, its child with a parent: ids to fill in every path and required query of the document. */
export async function recordOneOfEach(t: TestApp, auth: string): Promise<Record<string, string>> {
  const opened = await t.http().post('/cases').set('Authorization', auth).send(aContact());
  if (opened.status !== 201) throw new Error(`opening a case: ${opened.status} ${JSON.stringify(opened.body)}`);
  const escalation = await t.http().post(`/cases/${opened.body.caseId}/escalations`).set('Authorization', auth).send({
    route: 'professional',
    concern: 'No reply to the referral',
    otherAgency: 'Northfield Primary School',
    startsAt: 'practitioner',
  });
  if (escalation.status !== 201)
    throw new Error(`raising an escalation: ${escalation.status} ${JSON.stringify(escalation.body)}`);
  const sharing = await t
    .http()
    .post(`/cases/${opened.body.caseId}/information-sharing-decisions`)
    .set('Authorization', auth)
    .send(aSharingDecision());
  if (sharing.status !== 201)
    throw new Error(`recording a sharing decision: ${sharing.status} ${JSON.stringify(sharing.body)}`);
  const parent = await t
    .http()
    .post(`/children/${opened.body.childId}/parents-and-carers`)
    .set('Authorization', auth)
    .send({ name: 'Sara Khan', relationship: 'mother', parentalResponsibility: true });
  if (parent.status !== 201) throw new Error(`recording a parent: ${parent.status} ${JSON.stringify(parent.body)}`);
  return {
    caseId: opened.body.caseId,
    familyId: opened.body.familyId,
    childId: opened.body.childId,
    personId: parent.body.personId,
    givenName: 'Amira',
    familyName: 'Khan',
    born: '2015-04-02',
    escalationId: escalation.body.escalationId,
    decisionId: sharing.body.decisionId,
    // The required query parameters of the returns: a collection year and a period.
    year: '2025',
    from: '2025-01-01',
    to: '2025-06-30',
  };
}

/** Collects what the app writes to stdout (its JSON log) during each test, instead of printing it. */
export function captureStdoutPerTest(): { written: () => string } {
  let chunks: string[] = [];
  let spy: jest.SpyInstance | undefined;
  beforeEach(() => {
    chunks = [];
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(chunk.toString());
      return true;
    });
  });
  afterEach(() => spy?.mockRestore());
  return { written: () => chunks.join('') };
}

/** Fields that hold an instant: a date-time with its time zone. */
export const DATE_TIME_FIELDS = new Set(['occurredAt', 'receivedAt', 'strategyDiscussionAt', 'sentAt']);
/** Fields that hold a calendar date, YYYY-MM-DD. */
export const DATE_FIELDS = new Set([
  'dateOfBirth',
  'expectedDateOfBirth',
  'icpcDate',
  'heldOn',
  'nextReviewDate',
  'dateOfDeath',
  'firstReviewDate',
  'authorisedOn',
]);

/** Bodies the schema alone cannot describe (conditional fields): used where a command must get past validation. */
const VALID_BODIES: Record<string, () => Record<string, unknown>> = {
  'POST /cases': () => aContact(),
};

export function typeOf(schema: Schema): string {
  if (schema.type) return schema.type;
  return schema.$ref || schema.allOf || schema.properties ? 'object' : 'unknown';
}

/** A body validation accepts, so that what a test changes is the only fault. */
export function validCommand(endpoint: Endpoint, api: Api): Record<string, unknown> {
  return VALID_BODIES[endpoint.name]?.() ?? validBody(endpoint.body!, api);
}

/** What the schema requires, each with a plausible value. */
function validBody(schema: Schema, api: Api): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of schema.required ?? []) body[name] = validValue(name, api.resolve(schema.properties![name]), api);
  return body;
}

export function validValue(name: string, schema: Schema, api: Api): unknown {
  if (schema.enum) return schema.enum[0];
  if (DATE_TIME_FIELDS.has(name)) return '2026-03-02T09:15:00Z';
  if (DATE_FIELDS.has(name)) return '2026-03-02';
  switch (typeOf(schema)) {
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
      return 1;
    case 'array':
      return [validValue(name, api.resolve(schema.items ?? {}), api)];
    case 'object':
      return schema.properties ? validBody(schema, api) : { note: 'x' };
    default:
      return /Id$/.test(name) ? randomUUID() : 'Written by the hostile-input test';
  }
}
