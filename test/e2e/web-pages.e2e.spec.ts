import { Pool } from 'pg';
import request from 'supertest';
import { aContact, aSharingDecision, eventually, startTestApp, TestApp } from '@windscreen/testing';

/**
 * The pages without a browser: sign-in and its session cookie, CSRF on every form, a step recorded
 * through a form, a refusal shown with its rule and the answers kept, need-to-know on pages.
 */
describe('Web pages over the real app', () => {
  let t: TestApp;
  const worker = 'demo-north-ehw1';

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

  /** Signs in on the development page as a demo user; the agent keeps the session cookie. */
  async function signIn(user: string) {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/web/sign-in');
    expect(page.status).toBe(200);
    const signedIn = await agent
      .post('/web/sign-in/development')
      .type('form')
      .send({ _csrf: csrfOf(page.text), user, returnTo: '/web/my-work' });
    expect(signedIn.status).toBe(303);
    expect(String(signedIn.headers['set-cookie'])).toMatch(
      /windscreen_session=[^;]+; Path=\/web; HttpOnly; SameSite=Lax/,
    );
    return agent;
  }

  async function openCaseAllocatedTo(userId: string): Promise<string> {
    const auth = `Bearer ${t.token({ sub: userId, team: 'north' })}`;
    const opened = await t.http().post('/cases').set('Authorization', auth).send(aContact());
    expect(opened.status).toBe(201);
    // Allocation is the team manager's step (separation of duties).
    const manager = `Bearer ${t.token({ sub: 'demo-north-manager', roles: ['manager'], team: 'north' })}`;
    const allocated = await t
      .http()
      .post(`/cases/${opened.body.caseId}/allocation`)
      .set('Authorization', manager)
      .send({ worker: { id: userId, name: 'Worker' }, team: 'north', reason: 'New case' });
    expect(allocated.status).toBe(201);
    // Read your writes: the pages read the read models, which follow the event log.
    expect(
      (
        await t
          .http()
          .get(`/cases/${opened.body.caseId}?minPosition=${allocated.body.position}`)
          .set('Authorization', auth)
      ).status,
    ).toBe(200);
    return opened.body.caseId;
  }

  it('Given no session, When a page is asked for, Then the browser is sent to sign in and back afterwards', async () => {
    const response = await t.http().get('/web/my-work');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/web/sign-in?returnTo=%2Fweb%2Fmy-work');
  });

  it("Given a signed-in case worker, When they open My work, Then their allocated case is listed, with the pages' security policy", async () => {
    const caseId = await openCaseAllocatedTo(worker);
    const agent = await signIn(worker);
    const page = await agent.get('/web/my-work');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    await eventually(async () => (await agent.get('/web/my-work')).text.includes(`/web/cases/${caseId}`));
    // A list of cases is a read of each of them: the page is in the case's access log.
    const auditor = `Bearer ${t.token({ sub: 'audit1', roles: ['auditor'] })}`;
    const log = await t.http().get(`/audit/access?caseId=${caseId}`).set('Authorization', auditor);
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.body)).toContain('"my_work"');
  });

  it("Given a form posted without the session's CSRF token, When it arrives, Then it is refused and nothing is recorded", async () => {
    const caseId = await openCaseAllocatedTo(worker);
    const agent = await signIn(worker);
    const before = await t.countEvents();
    const response = await agent
      .post(`/web/cases/${caseId}/level-of-need`)
      .type('form')
      .send({ level: 'emerging', reason: 'Needs support' });
    expect(response.status).toBe(403);
    expect(await t.countEvents()).toBe(before);
  });

  it('Given the level-of-need form, When filled wrongly, refused by a rule, then filled right, Then field errors, then the rule in plain English with the answers kept, then the step is recorded', async () => {
    const caseId = await openCaseAllocatedTo(worker);
    const agent = await signIn(worker);
    const form = await agent.get(`/web/cases/${caseId}/level-of-need`);
    expect(form.status).toBe(200);
    const csrf = csrfOf(form.text);

    const invalid = await agent
      .post(`/web/cases/${caseId}/level-of-need`)
      .type('form')
      .send({ _csrf: csrf, reason: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('There is a problem');
    expect(invalid.text).toContain('href="#level"');

    const refused = await agent
      .post(`/web/cases/${caseId}/level-of-need`)
      .type('form')
      .send({ _csrf: csrf, level: 'specialist', reason: 'Worried about home' });
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/rule R[678]/);
    expect(refused.text).toContain('Worried about home');

    const recorded = await agent
      .post(`/web/cases/${caseId}/level-of-need`)
      .type('form')
      .send({ _csrf: csrf, level: 'emerging', reason: 'Needs some support' });
    expect(recorded.text.match(/This cannot be recorded[\s\S]{0,400}/)?.[0]).toBeUndefined();
    expect(recorded.status).toBe(303);
    expect(recorded.headers.location).toMatch(
      new RegExp(`^/web/cases/${caseId}\\?recorded=level-of-need&minPosition=\\d+$`),
    );
    const casePage = await agent.get(recorded.headers.location);
    expect(casePage.text).toContain('Record the level of need, or step up or down: recorded.');
    expect(casePage.text).toContain('Needs some support');
    const history = await t
      .http()
      .get(`/cases/${caseId}/history`)
      .set('Authorization', `Bearer ${t.token({ sub: worker })}`);
    expect(history.body.events.map((event: { type: string }) => event.type)).toContain('LevelOfNeedAssessed');
  });

  it("Given a case with two sharing decisions, When information sent is recorded through its form, Then the decision is chosen from the case's own, an insecure method asks its reason, and only then is it recorded", async () => {
    const caseId = await openCaseAllocatedTo(worker);
    const auth = `Bearer ${t.token({ sub: worker, team: 'north' })}`;
    const decisions = `/cases/${caseId}/information-sharing-decisions`;
    const decidedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    const shared = await t
      .http()
      .post(decisions)
      .set('Authorization', auth)
      .send(aSharingDecision({ recipients: [{ agency: 'Health visiting' }], occurredAt: decidedAt }));
    const declined = await t
      .http()
      .post(decisions)
      .set('Authorization', auth)
      .send(aSharingDecision({ decision: 'not_share', recipients: [{ agency: 'Housing' }], occurredAt: decidedAt }));
    expect([shared.status, declined.status]).toEqual([201, 201]);
    const agent = await signIn(worker);

    const form = await agent.get(`/web/cases/${caseId}/information-sent`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`name="decisionId" type="radio" value="${shared.body.decisionId}"`);
    expect(form.text).toContain(`name="decisionId" type="radio" value="${declined.body.decisionId}"`);
    expect(form.text).toContain('Share with Health visiting');
    expect(form.text).toContain('Not to share with Housing');
    const csrf = csrfOf(form.text);
    // Sent a few minutes ago, as the form asks it: the day, month, year and time in the UK.
    const uk = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      })
        .formatToParts(new Date(Date.now() - 5 * 60_000))
        .map((part) => [part.type, part.value]),
    );
    const answers = {
      _csrf: csrf,
      'sentAt-day': uk.day,
      'sentAt-month': uk.month,
      'sentAt-year': uk.year,
      'sentAt-time': `${uk.hour}:${uk.minute}`,
      'recipients.0.agency': 'Health visiting',
      information: 'Chronology',
    };
    const before = await t.countEvents();

    const unchosen = await agent
      .post(`/web/cases/${caseId}/information-sent`)
      .type('form')
      .send({ ...answers, method: 'secure_email' });
    expect(unchosen.status).toBe(400);
    expect(unchosen.text).toContain('<a href="#decisionId">Select the decision the information was sent under</a>');

    const insecure = await agent
      .post(`/web/cases/${caseId}/information-sent`)
      .type('form')
      .send({ ...answers, decisionId: shared.body.decisionId, method: 'unsecured_email' });
    expect(insecure.status).toBe(409);
    expect(insecure.text).toContain('rule R19');
    expect(insecure.text).toContain(`value="${shared.body.decisionId}" checked`);
    expect(await t.countEvents()).toBe(before);

    const recorded = await agent
      .post(`/web/cases/${caseId}/information-sent`)
      .type('form')
      .send({
        ...answers,
        decisionId: shared.body.decisionId,
        method: 'unsecured_email',
        insecureMethodReason: 'The secure portal was down',
      });
    expect(recorded.text.match(/This cannot be recorded[\s\S]{0,400}/)?.[0]).toBeUndefined();
    expect(recorded.status).toBe(303);
    const history = await t.http().get(`/cases/${caseId}/history`).set('Authorization', auth);
    const sent = history.body.events.find((event: { type: string }) => event.type === 'InformationSent');
    expect(sent.data).toMatchObject({
      decisionId: shared.body.decisionId,
      method: 'unsecured_email',
      insecureMethodReason: 'The secure portal was down',
    });
  });

  it('Given the closure form, When a reason that asks nothing more is chosen with a court reference typed under another answer, Then that reference is not recorded', async () => {
    const caseId = await openCaseAllocatedTo(worker);
    const agent = await signIn(worker);
    const form = await agent.get(`/web/cases/${caseId}/closure`);
    expect(form.text).toContain('data-aria-controls="conditional-reason-2"');
    expect(form.text).toMatch(
      /id="conditional-reason-2">\s*<fieldset class="govuk-fieldset">\s*<legend[^>]*>\s*Date of death\s*</,
    );
    const closed = await agent
      .post(`/web/cases/${caseId}/closure`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        reason: 'RC7',
        summary: 'Services ceased',
        'reason-RC1-courtReference': 'typed under another answer',
      });
    expect(closed.text.match(/This cannot be recorded[\s\S]{0,400}/)?.[0]).toBeUndefined();
    expect(closed.status).toBe(303);
    const history = await t
      .http()
      .get(`/cases/${caseId}/history`)
      .set('Authorization', `Bearer ${t.token({ sub: worker, team: 'north' })}`);
    const closure = history.body.events.find((event: { type: string }) => event.type === 'CaseClosed');
    expect(closure.data).toEqual({ reason: 'RC7', summary: 'Services ceased' });
  });

  it('Given a case of another team, When a case worker opens its page, Then it is not found', async () => {
    const auth = `Bearer ${t.token({ sub: 'someone-south', team: 'south' })}`;
    const opened = await t.http().post('/cases').set('Authorization', auth).send(aContact());
    const agent = await signIn(worker);
    const page = await agent.get(`/web/cases/${opened.body.caseId}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page not found');
  });

  it('Given a signed-in user, When they sign out, Then the session no longer opens pages', async () => {
    const agent = await signIn(worker);
    const page = await agent.get('/web/my-work');
    const out = await agent
      .post('/web/sign-out')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(out.status).toBe(200);
    expect((await agent.get('/web/my-work')).status).toBe(303);
  });

  it('Given a signed-in user, When their session goes unused for longer than the idle timeout, Then the next page sends them to sign in again', async () => {
    const agent = await signIn('demo-head-of-service');
    expect((await agent.get('/web/team')).status).toBe(200);
    // Idle for the configured time and a minute more: the session's last use moved back rather than the test waiting.
    const pool = new Pool({ connectionString: t.database.url });
    try {
      const idle = `${t.config.web.sessionIdleMs + 60_000} milliseconds`;
      await pool.query(
        `update web_sessions set last_seen_at = last_seen_at - $1::interval where actor->>'id' = 'demo-head-of-service'`,
        [idle],
      );
    } finally {
      await pool.end();
    }
    const page = await agent.get('/web/team');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/web/sign-in?returnTo=%2Fweb%2Fteam');
  });

  it('Given a case with decisions, When an auditor replays it, checks its access log and verifies it, Then each page says it in words, and the reads are logged', async () => {
    const caseId = await openCaseAllocatedTo(worker);
    const workerAgent = await signIn(worker);
    const form = await workerAgent.get(`/web/cases/${caseId}/level-of-need`);
    await workerAgent
      .post(`/web/cases/${caseId}/level-of-need`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), level: 'emerging', reason: 'Needs some support' });
    const auditor = await signIn('demo-auditor');

    const replay = await auditor.get(`/web/audit/cases/${caseId}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.text).toContain('3 decisions');
    expect(replay.text).toContain('level Emerging');
    const before = await auditor.get(`/web/audit/cases/${caseId}/replay?view=as-known-then&at=2000-01-01`);
    expect(before.status).toBe(404);

    const verification = await auditor.get(`/web/audit/cases/${caseId}/verification`);
    expect(verification.text).toContain('The record is intact');

    const log = await auditor.get(`/web/audit/cases/${caseId}/access-log`);
    expect(log.text).toContain('Replay');
    expect(log.text).toContain('Case form');

    const sharing = await auditor.get(`/web/audit/information-sharing?caseId=${caseId}`);
    expect(sharing.status).toBe(200);
    expect(sharing.text).toContain('0 decisions');
    const csv = await auditor.get(`/web/audit/information-sharing?caseId=${caseId}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toContain('decidedAt');
    expect((await auditor.get('/web/audit/information-sharing?decision=maybe')).status).toBe(400);
  });

  it('Given a case with a late entry, When an auditor steps through its decisions, Then previous and next are links, each step shows the case after it, and the two orders differ', async () => {
    const auth = `Bearer ${t.token({ sub: worker, team: 'north' })}`;
    const opened = await t
      .http()
      .post('/cases')
      .set('Authorization', auth)
      .send(aContact({ occurredAt: '2026-03-02T10:00:00Z' }));
    const manager = `Bearer ${t.token({ sub: 'demo-north-manager', roles: ['manager'], team: 'north' })}`;
    const caseId = opened.body.caseId;
    expect(
      (
        await t
          .http()
          .post(`/cases/${caseId}/allocation`)
          .set('Authorization', manager)
          .send({ worker: { id: worker, name: 'Worker' }, team: 'north', reason: 'New case' })
      ).status,
    ).toBe(201);
    // Assessed the day after the contact, recorded only now: a late entry, before the allocation in the order things happened.
    const late = await t
      .http()
      .post(`/cases/${caseId}/level-of-need`)
      .set('Authorization', auth)
      .send({ level: 'emerging', reason: 'Needs some support', occurredAt: '2026-03-03T10:00:00Z' });
    expect(late.status).toBe(201);
    const auditor = await signIn('demo-auditor');
    const replayOf = (query: string) => auditor.get(`/web/audit/cases/${caseId}/replay${query}`);
    const currentStep = (html: string) =>
      /Decision (\d) of 3, ([a-z ]+)<\/span>\s*<h2[^>]*>([^<]+)</.exec(html)?.slice(1);
    const paginationLinks = (html: string) =>
      [...html.matchAll(/<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="(prev|next)"/g)].map(
        (match) => ({ href: match[1].replace(/&amp;/g, '&'), rel: match[2] }),
      );

    const known = await replayOf('?view=as-known-then&decision=0');
    expect(known.status).toBe(200);
    expect(currentStep(known.text)?.slice(0, 2)).toEqual(['1', 'as known then']);
    expect(paginationLinks(known.text)).toEqual([
      { rel: 'next', href: `/web/audit/cases/${caseId}/replay?view=as-known-then&decision=1#current-step` },
    ]);

    const second = await replayOf('?view=as-known-then&decision=1');
    expect(currentStep(second.text)?.[0]).toBe('2');
    expect(second.text).toMatch(/Level of need<\/dt><dd class="govuk-summary-list__value">Not assessed/);
    expect(second.text).toContain(
      `href="/web/audit/cases/${caseId}/replay?view=as-it-happened&amp;decision=1#current-step"`,
    );

    // The same allocation as it happened: after the late assessment, so the case was already at Emerging.
    const happened = await replayOf('?view=as-it-happened&decision=1');
    expect(currentStep(happened.text)?.slice(0, 2)).toEqual(['3', 'as it happened']);
    expect(happened.text).toMatch(/Level of need<\/dt><dd class="govuk-summary-list__value">Emerging/);
    expect(paginationLinks(happened.text).map((link) => link.rel)).toEqual(['prev']);

    // With no decision named, the last one; a moment of recording before the late entry leaves it out.
    expect(currentStep((await replayOf('')).text)?.[0]).toBe('3');
    expect((await replayOf('?view=as-it-happened&at=2026-03-02')).text).toContain('1 decision,');
  });

  it("Given a case worker, When they open an auditor's page, Then they are refused", async () => {
    const agent = await signIn(worker);
    expect((await agent.get('/web/audit')).status).toBe(403);
  });

  it('Given a manager, When they open the team, escalations and dashboard pages, Then each answers from the same queries and reports, with the CSV of a report', async () => {
    const caseId = await openCaseAllocatedTo(worker);
    const auth = `Bearer ${t.token({ sub: worker, team: 'north' })}`;
    const raised = await t.http().post(`/cases/${caseId}/escalations`).set('Authorization', auth).send({
      otherAgency: 'Police',
      route: 'professional',
      concern: 'Disagree with the decision',
      startsAt: 'practitioner',
    });
    const manager = await signIn('demo-north-manager');

    expect(raised.status).toBe(201);
    // The pages read the read models, which follow the event log.
    await eventually(async () => (await manager.get('/web/escalations')).text.includes('Police'));
    const team = await manager.get('/web/team');
    expect(team.status).toBe(200);
    expect(team.text).toContain(`/web/cases/${caseId}`);

    const dashboard = await manager.get(
      '/web/dashboard?from-day=1&from-month=1&from-year=2026&to-day=30&to-month=6&to-year=2026&interval=month',
    );
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Step-ups and step-downs');
    expect(dashboard.text).toContain('2026-06');
    // The step-ups and step-downs drawn as bars too, one pair a month, beside their table.
    expect(dashboard.text.match(/<rect class="app-chart__bar app-chart__bar--up"/g)).toHaveLength(6);
    expect(dashboard.text.match(/<rect class="app-chart__bar app-chart__bar--down"/g)).toHaveLength(6);
    const csv = await manager.get('/web/reports/transitions?from=2026-01-01&to=2026-06-30');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect((await manager.get('/web/dashboard?interval=fortnight')).status).toBe(400);
  });
});
