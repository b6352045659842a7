import request from 'supertest';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';

/** The children's pages: find a child by name, a child's page, and the likely-match check before a new contact. */
describe('Children on the pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

  /** Signs in on the development page as a demo user; the agent keeps the session cookie. */
  async function signIn(user: string) {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/web/sign-in');
    const signedIn = await agent
      .post('/web/sign-in/development')
      .type('form')
      .send({ _csrf: csrfOf(page.text), user, returnTo: '/web/my-work' });
    expect(signedIn.status).toBe(303);
    return agent;
  }

  it('Given a child of team north with a parent, When a north worker finds them by name and opens their page, Then the LA child ID, parent and case are shown; a south worker finds nothing and is told only that a likely match exists', async () => {
    const north = `Bearer ${t.token({ sub: 'demo-north-ehw1', team: 'north' })}`;
    const opened = await t
      .http()
      .post('/cases')
      .set('Authorization', north)
      .send(
        aContact({
          child: {
            ...(aContact().child as object),
            givenName: 'Noémie',
            familyName: 'Duval',
            dateOfBirth: '2013-05-06',
          },
        }),
      );
    expect(opened.status).toBe(201);
    const parent = await t
      .http()
      .post(`/children/${opened.body.childId}/parents-and-carers`)
      .set('Authorization', north)
      .send({ name: 'Claire Duval', relationship: 'mother', parentalResponsibility: true });
    // Read your writes: the pages read the read models, which follow the event log.
    expect(
      (
        await t
          .http()
          .get(`/children/${opened.body.childId}?minPosition=${parent.body.position}`)
          .set('Authorization', north)
      ).status,
    ).toBe(200);

    const worker = await signIn('demo-north-ehw1');
    const found = await worker.get('/web/children?name=noemie');
    expect(found.status).toBe(200);
    expect(found.text).toContain(`/web/children/${opened.body.childId}`);
    const page = await worker.get(`/web/children/${opened.body.childId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(opened.body.laChildId);
    expect(page.text).toContain('Claire Duval, mother: holds parental responsibility');
    expect(page.text).toContain(`/web/cases/${opened.body.caseId}`);
    const check = await worker.get('/web/children/likely-matches?givenName=Noemie&familyName=Duval&born=2013-05-06');
    expect(check.text).toContain(`/web/children/${opened.body.childId}`);
    expect(check.text).toContain('record the contact on the open case');

    const outsider = await signIn('demo-south-ehw1');
    expect((await outsider.get('/web/children?name=noemie')).text).toContain('No child you may see matches.');
    expect((await outsider.get(`/web/children/${opened.body.childId}`)).status).toBe(404);
    const theirCheck = await outsider.get(
      '/web/children/likely-matches?givenName=Noemie&familyName=Duval&born=2013-05-06',
    );
    expect(theirCheck.text).not.toContain(opened.body.childId);
    expect(theirCheck.text).toContain('1 other likely match is held by a team you do not belong to');
  });

  it('Given the likely-match check, When the date is not a date, Then the page says so and looks nothing up', async () => {
    const worker = await signIn('demo-north-ehw1');
    const check = await worker.get('/web/children/likely-matches?givenName=A&familyName=B&born=yesterday');
    expect(check.status).toBe(200);
    expect(check.text).toContain('Enter the date of birth (or expected date of birth) as YYYY-MM-DD');
  });
});
