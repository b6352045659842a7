import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';
import { ChromiumSession, describeInChromium, openChromium } from './chromium';

/** The children's pages in Chromium: axe-core (WCAG 2.2 A and AA, zero violations) on each, empty, with results and in error. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface AxeResults {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}
declare const axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> };
declare const document: unknown;

describeInChromium("the children's pages")('The children’s pages in Chromium: accessibility', () => {
  let t: TestApp;
  let baseUrl: string;
  let chromium: ChromiumSession;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    chromium = await openChromium({ viewport: { width: 1280, height: 900 } });
    page = chromium.page;
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await t?.close();
  });

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
  }

  it('Given a child with a parent, When a worker finds them, opens their page and checks a new contact, Then every page passes axe and no policy is broken', async () => {
    const north = `Bearer ${t.token({ sub: 'demo-north-ehw1', team: 'north' })}`;
    const opened = await t.http().post('/cases').set('Authorization', north).send(aContact());
    const parent = await t
      .http()
      .post(`/children/${opened.body.childId}/parents-and-carers`)
      .set('Authorization', north)
      .send({ name: 'Sara Khan', relationship: 'mother', parentalResponsibility: true });
    expect(
      (
        await t
          .http()
          .get(`/children/${opened.body.childId}?minPosition=${parent.body.position}`)
          .set('Authorization', north)
      ).status,
    ).toBe(200);

    await page.goto(`${baseUrl}/web/sign-in`);
    await page.check('input[name="user"][value="demo-north-ehw1"]');
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/web\/my-work/);

    await page.goto(`${baseUrl}/web/children`);
    await expectAccessible('find a child by name, empty');
    await page.fill('[name="name"]', 'amira');
    await page.click('button:has-text("Find")');
    await expectAccessible('find a child by name, found');
    await page.goto(`${baseUrl}/web/children?dateOfBirth=yesterday`);
    await expectAccessible('find a child by name, in error');
    await page.goto(`${baseUrl}/web/children/${opened.body.childId}`);
    expect(await page.textContent('h1')).toContain('Amira Khan');
    await expectAccessible('a child');
    await page.goto(`${baseUrl}/web/children/likely-matches`);
    await expectAccessible('likely matches, empty');
    await page.fill('[name="givenName"]', 'Amira');
    await page.fill('[name="familyName"]', 'Khan');
    await page.fill('[name="born"]', '2015-04-02');
    await page.click('button:has-text("Check")');
    expect(await page.textContent('main')).toContain('Likely the same child');
    await expectAccessible('likely matches, found');
    await page.goto(`${baseUrl}/web/children/likely-matches?givenName=&familyName=&born=x`);
    await expectAccessible('likely matches, in error');
    expect(chromium.policyViolations).toEqual([]);
  });
});
