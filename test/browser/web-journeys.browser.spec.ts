import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';
import { TRANSITIONS } from '../../apps/api/src/web/case-work/transitions';
import { ChromiumSession, describeInChromium, openChromium } from './chromium';

/**
 * The pages in a real browser (Debian's Chromium, driven by playwright-core) against the real api:
 * a case worker's journey from a new contact to closure, an auditor's replay of that case, a
 * manager's pages; axe-core on every page in its empty, filled and error states (WCAG 2.2 A and
 * AA, zero violations); one form completed with the keyboard alone; screenshots of the main pages.
 */
const SCREENSHOTS = path.join(__dirname, 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** What the test reads in the page (the tests' TypeScript has no DOM library). */
interface AxeResults {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}
declare const axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> };
declare const document: { activeElement: { id: string; tagName: string } | null; title: string };

describeInChromium("the pages' browser journeys")('The pages in Chromium: journeys, accessibility, keyboard', () => {
  let t: TestApp;
  let baseUrl: string;
  let chromium: ChromiumSession;
  let page: Page;
  const audited: string[] = [];
  let caseId = '';

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    chromium = await openChromium({ viewport: { width: 1280, height: 900 } });
    page = chromium.page;
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await t?.close();
  });

  /** axe-core in the page as it stands: no WCAG 2.2 A/AA violation. */
  async function expectAccessible(state: string): Promise<void> {
    await page.evaluate(AXE_SOURCE);
    const results = await page.evaluate(
      (tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      WCAG_22_A_AA,
    );
    const violations = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
    expect({ page: state, violations }).toEqual({ page: state, violations: [] });
    audited.push(state);
  }

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `web-${name}.png`), fullPage: true });
  }

  async function signInAs(user: string): Promise<void> {
    await page.goto(`${baseUrl}/web/sign-in`);
    await page.check(`input[name="user"][value="${user}"]`);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/web\/(my-work|team|audit)/);
  }

  /** Opens one of the case's step forms from the case page, fills it, and records it. */
  async function recordStep(title: string, fill: () => Promise<void>): Promise<void> {
    await page.goto(`${baseUrl}/web/cases/${caseId}`);
    await page.click(`a:has-text("${title}")`);
    await fill();
    await page.click('button:has-text("Record")');
    await page.waitForURL(/recorded=/);
    expect(await page.textContent('.govuk-notification-banner')).toContain('recorded');
  }

  it('Given the development sign-in, When a case worker signs in, Then My work opens and passes axe, empty', async () => {
    await page.goto(`${baseUrl}/web/my-work`);
    expect(page.url()).toContain('/web/sign-in?returnTo=');
    await expectAccessible('sign-in');
    await screenshot('sign-in');
    await page.click('button:has-text("Sign in")');
    await expectAccessible('sign-in with an error');
    await signInAs('demo-north-ehw1');
    expect(page.url()).toContain('/web/my-work');
    await expectAccessible('my work, empty');
  });

  it('Given a case worker, When they record a new contact (first with a mistake), Then the error summary links to the field, the answers are kept, and the case page opens', async () => {
    await page.goto(`${baseUrl}/web/contacts/new`);
    await expectAccessible('new contact, empty');
    await page.fill('[name="child.givenName"]', 'Amira');
    await page.fill('[name="child.familyName"]', 'Khan');
    await page.click('button:has-text("Record the contact")');
    expect(await page.textContent('.govuk-error-summary')).toContain('There is a problem');
    expect(await page.inputValue('[name="child.givenName"]')).toBe('Amira');
    await expectAccessible('new contact, with errors');
    await screenshot('new-contact-errors');

    await page.fill('[name="child.dateOfBirth-day"]', '2');
    await page.fill('[name="child.dateOfBirth-month"]', '4');
    await page.fill('[name="child.dateOfBirth-year"]', '2015');
    await page.check('input[name="child.sex"][value="female"]');
    await page.selectOption('select[name="child.ethnicity"]', 'AOTH');
    await page.fill('[name="child.firstLanguage"]', 'English');
    await page.check('input[name="child.disabilities"][value="NONE"]');
    await page.check('input[name="area"][value="cambridgeshire"]');
    await page.fill('[name="contact.receivedAt-day"]', '2');
    await page.fill('[name="contact.receivedAt-month"]', '3');
    await page.fill('[name="contact.receivedAt-year"]', '2026');
    await page.fill('[name="contact.receivedAt-time"]', '09:15');
    await page.check('input[name="contact.route"][value="email"]');
    await page.selectOption('[name="contact.source"]', '2A');
    await page.fill('[name="contact.referrer.name"]', 'R. Patel');
    await page.fill('[name="contact.referrer.agency"]', 'Northfield Primary School');
    await page.check('input[name="contact.referrer.anonymous"][value="false"]');
    await page.fill('[name="concerns"]', 'Teacher reports a change in behaviour and missed meals');
    await expectAccessible('new contact, filled');
    await page.click('button:has-text("Record the contact")');
    await page.waitForURL(/\/web\/cases\/[0-9a-f-]{36}\?recorded=contact/);
    caseId = /cases\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await page.textContent('h1')).toContain('Amira Khan');
  });

  it('Given the level-of-need form, When completed with the keyboard alone, Then the level is recorded', async () => {
    await page.goto(`${baseUrl}/web/cases/${caseId}/level-of-need`);
    await expectAccessible('level of need, empty');
    // From the form's first radio: arrow keys choose within the group, Tab moves on, Enter submits.
    await page.focus('input[name="level"]');
    await page.keyboard.press('ArrowDown'); // emerging
    await page.keyboard.press('Tab');
    await page.keyboard.type('Attendance dropping');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reason');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // a reason category
    await page.locator('button:has-text("Record")').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/recorded=level-of-need/);
    await expectAccessible('case page');
    await screenshot('case');
  });

  it('Given the case, When consent, an EHA, a step up with its basis, a refused step, a section 47 enquiry and closure are recorded through their forms, Then each is on the case', async () => {
    await recordStep('Record consent given, refused or withdrawn', async () => {
      await page.check('input[name="scope"][value="early_help"]');
      await page.check('input[name="givenBy"][value="parent_carer"]');
      await page.check('input[name="decision"][value="given"]');
    });
    await recordStep('Start an early help assessment (EHA)', async () => {
      await page.fill('[name="leadProfessional.name"]', 'J. Smith');
      await page.fill('[name="leadProfessional.agency"]', 'Northfield Primary School');
      await page.fill('[name="leadProfessional.role"]', 'DSL');
      await page.fill('[name="leadProfessional.contact"]', 'jsmith@northfield.example');
    });
    await recordStep('Record the level of need, or step up or down', async () => {
      await page.check('input[name="level"][value="complex"]');
      await page.fill('[name="reason"]', 'Neglect concerns growing');
      await page.check('input[name="reasonCategory"][value="needs_escalated"]');
    });

    // A rule refusal: to specialist without its basis (R6-R8), in plain English with the answers kept.
    await page.goto(`${baseUrl}/web/cases/${caseId}/level-of-need`);
    await page.check('input[name="level"][value="specialist"]');
    await page.fill('[name="reason"]', 'Worried about home');
    await page.click('button:has-text("Record")');
    expect(await page.textContent('.govuk-error-summary')).toMatch(/rule R[678]/);
    expect(await page.inputValue('[name="reason"]')).toBe('Worried about home');
    await expectAccessible('level of need, refused by a rule');
    await screenshot('rule-refusal');

    await recordStep('Open a section 47 enquiry', async () => {
      await page.fill('[name="reasonableCause"]', 'Disclosure corroborated by injuries');
    });
    await recordStep('Conclude the section 47 enquiry', async () => {
      await page.check('input[name="concernsSubstantiated"][value="false"]');
      await page.check('input[name="icpcNeeded"][value="false"]');
      await page.fill('[name="outcome"]', 'No further action under section 47');
    });
    // At specialist level, closure is a manager's step (separation of duties): the worker is told so, the manager closes.
    await page.goto(`${baseUrl}/web/cases/${caseId}/closure`);
    await page.check('input[name="reason"][value="RC7"]');
    await page.fill('[name="summary"]', 'Closed to social care, early help continues');
    await page.click('button:has-text("Record")');
    expect(await page.textContent('.govuk-error-summary')).toContain('this is for a manager');
    await expectAccessible('closure, refused by the separation of duties');
    await page.click('button:has-text("Sign out")');
    await signInAs('demo-north-manager');
    await recordStep('Close the case', async () => {
      await page.check('input[name="reason"][value="RC7"]');
      await page.fill('[name="summary"]', 'Closed to social care, early help continues');
    });
    expect(await page.textContent('main')).toContain('Closed');
    await expectAccessible('case page, closed');
  });

  it("Given the consent form with GOV.UK Frontend's script, When an answer that asks for more is chosen, Then its question appears under it, and the form passes axe either way", async () => {
    await page.goto(`${baseUrl}/web/cases/${caseId}/consent`);
    const reason = page.locator('textarea[name="decision-refused-notes"]');
    const competence = page.locator('input[name="gillickCompetent"]').first();
    // The script hides the follow-up questions of answers not chosen (without it they are all shown).
    expect(await reason.isVisible()).toBe(false);
    expect(await competence.isVisible()).toBe(false);
    await expectAccessible('consent, follow-up questions hidden');
    await page.check('input[name="decision"][value="refused"]');
    await page.check('input[name="givenBy"][value="young_person"]');
    expect(await reason.isVisible()).toBe(true);
    expect(await competence.isVisible()).toBe(true);
    // GOV.UK Frontend links each radio to its questions; aria-expanded, not allowed on a radio (ARIA 1.2), is taken off.
    expect(await page.getAttribute('input[name="decision"][value="refused"]', 'aria-controls')).toBe(
      'conditional-decision-2',
    );
    expect(await page.getAttribute('input[name="decision"][value="refused"]', 'aria-expanded')).toBeNull();
    await expectAccessible('consent, follow-up questions revealed');
    await screenshot('conditional-reveal');
  });

  it("Given the closed case, When every step's form is opened and sent empty, Then each passes axe empty and in its error state, and nothing is recorded", async () => {
    const before = await t.countEvents();
    for (const transition of TRANSITIONS) {
      await page.goto(`${baseUrl}/web/cases/${caseId}/${transition.slug}`);
      await expectAccessible(`${transition.slug}, empty`);
      await page.click('button:has-text("Record")');
      // A closed case refuses every step but reopening (R21); an empty form is refused field by field first.
      expect(await page.textContent('.govuk-error-summary')).toContain('There is a problem');
      await expectAccessible(`${transition.slug}, with errors`);
    }
    expect(await t.countEvents()).toBe(before);
  }, 600_000);

  it('Given that case, When an auditor replays it as known then and as it happened, checks who looked and verifies it, Then every page says so and passes axe', async () => {
    await page.click('button:has-text("Sign out")');
    await signInAs('demo-auditor');
    await page.goto(`${baseUrl}/web/audit?case=${caseId}`);
    await expectAccessible('audit a case');
    await page.click('a:has-text("Replay its decisions")');
    expect(await page.textContent('main')).toContain('Section 47');
    await expectAccessible('replay');
    await screenshot('replay');
    // Step back one decision with a plain link, then see that same decision in the order things happened.
    const last = await page.textContent('#current-step .govuk-caption-m');
    const [, shown, total] = /Decision (\d+) of (\d+)/.exec(last ?? '')!;
    expect(shown).toBe(total);
    await page.click('a:has-text("Previous decision")');
    expect(await page.textContent('#current-step .govuk-caption-m')).toContain(
      `Decision ${Number(total) - 1} of ${total}, as known then`,
    );
    await expectAccessible('replay, one decision as known then');
    await page.click('#switch-view');
    expect(await page.textContent('#current-step .govuk-caption-m')).toContain('as it happened');
    expect(await page.textContent('#state-after')).toContain('Level of need');
    await expectAccessible('replay, one decision as it happened');
    await screenshot('replay-step');
    await page.goto(`${baseUrl}/web/audit/cases/${caseId}/replay`);
    await page.check('input[name="view"][value="as-it-happened"]');
    await page.fill('#at', 'not a date');
    await page.click('button:has-text("Replay")');
    await expectAccessible('replay, with an error');
    await page.goto(`${baseUrl}/web/audit/cases/${caseId}/access-log`);
    expect(await page.textContent('main')).toContain('Replay');
    await expectAccessible('access log');
    await page.goto(`${baseUrl}/web/audit/cases/${caseId}/verification`);
    expect(await page.textContent('main')).toContain('The record is intact');
    await expectAccessible('verification');
    await page.goto(`${baseUrl}/web/audit/information-sharing`);
    await expectAccessible('information sharing audit');
  });

  it('Given a manager, When they open the team, escalations and the dashboard, Then each passes axe', async () => {
    await page.click('button:has-text("Sign out")');
    await signInAs('demo-north-manager');
    expect(page.url()).toContain('/web/team');
    await expectAccessible('team');
    await screenshot('team');
    await page.goto(`${baseUrl}/web/escalations`);
    await expectAccessible('escalations, empty');
    await page.goto(`${baseUrl}/web/dashboard`);
    await expectAccessible('dashboard');
    await screenshot('dashboard');
    await page.goto(`${baseUrl}/web/dashboard?interval=fortnight`);
    await expectAccessible('dashboard, with an error');
  });

  it("Given the remaining pages and states (escalations filled, signed out, My work filled, find, the audit's errors and filters), When each is opened, Then each passes axe", async () => {
    // A case allocated to the worker, so that My work has a row, with an escalation open on it.
    const worker = `Bearer ${t.token({ sub: 'demo-north-ehw1', team: 'north' })}`;
    const manager = `Bearer ${t.token({ sub: 'demo-north-manager', roles: ['manager'], team: 'north' })}`;
    const opened = await t.http().post('/cases').set('Authorization', worker).send(aContact());
    const allocated = await t
      .http()
      .post(`/cases/${opened.body.caseId}/allocation`)
      .set('Authorization', manager)
      .send({ worker: { id: 'demo-north-ehw1', name: 'Eli Early' }, team: 'north', reason: 'New case' });
    expect(allocated.status).toBe(201);
    const raised = await t.http().post(`/cases/${opened.body.caseId}/escalations`).set('Authorization', worker).send({
      otherAgency: 'Police',
      route: 'professional',
      concern: 'Disagree with the decision',
      startsAt: 'practitioner',
    });
    expect(raised.status).toBe(201);
    await page.goto(`${baseUrl}/web/escalations?minPosition=${raised.body.position}`);
    expect(await page.textContent('main')).toContain('Police');
    await expectAccessible('escalations, filled');
    await page.goto(`${baseUrl}/web/team?overdue=true`);
    await expectAccessible('team, only overdue');
    await page.click('button:has-text("Sign out")');
    expect(await page.textContent('h1')).toContain('You have signed out');
    await expectAccessible('signed out');

    await signInAs('demo-north-ehw1');
    await page.goto(`${baseUrl}/web/my-work?minPosition=${raised.body.position}`);
    expect(await page.locator(`main a[href="/web/cases/${opened.body.caseId}"]`).count()).toBeGreaterThan(0);
    await expectAccessible('my work, filled');
    await screenshot('my-work');
    await page.goto(`${baseUrl}/web/find`);
    await expectAccessible('find, empty');
    await page.fill('#case', 'not a reference');
    await page.click('button:has-text("Find")');
    await expectAccessible('find, with an error');
    await page.fill('#case', opened.body.caseId);
    await page.click('button:has-text("Find")');
    await expectAccessible('find, found');

    await page.click('button:has-text("Sign out")');
    await signInAs('demo-auditor');
    await page.goto(`${baseUrl}/web/audit?case=nope`);
    await expectAccessible('audit a case, with an error');
    await page.goto(`${baseUrl}/web/audit/information-sharing?caseId=${caseId}&agency=Police`);
    await expectAccessible('information sharing audit, filtered');
    await page.goto(`${baseUrl}/web/audit/information-sharing?decision=maybe`);
    await expectAccessible('information sharing audit, with an error');
  });

  it('Given every page visited, When the run ends, Then the browser reported no content security policy violation or script error', () => {
    expect(audited.length).toBeGreaterThan(15 + 2 * TRANSITIONS.length);
    expect(chromium.policyViolations).toEqual([]);
  });
});
