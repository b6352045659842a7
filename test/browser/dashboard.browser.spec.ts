import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { aContact, eventually, startTestApp, TestApp } from '@windscreen/testing';
import { ChromiumSession, describeInChromium, openChromium } from './chromium';

/**
 * The dashboard in a real browser: Debian's Chromium, installed by `npm test`'s set-up
 * (scripts/ensure-chromium.js), driven by playwright-core, against the real api on a seeded database.
 */
const SCREENSHOT = path.join(__dirname, 'screenshots', 'dashboard.png');

/** What the test reads in the page, declared here: the tests' TypeScript has no DOM library (page functions run in the browser, so they use casts, never helpers). */
interface PageNode {
  id: string;
  textContent: string | null;
  open?: boolean;
  cells?: ArrayLike<PageNode>;
}
interface ChartInPage {
  data: { labels: string[]; datasets: { label: string; data: unknown[] }[] };
}
declare const document: { body: { dataset: Record<string, string | undefined> }; activeElement: PageNode | null };
declare const window: { windscreenDashboard: { charts: Map<string, ChartInPage> } };
declare function getComputedStyle(node: unknown): { outlineStyle: string };

type Step = { level: string; on: string };
/**
 * A small known history, January to June 2025. First assessments are not steps; every later
 * change is a step up or down in the month it happened.
 */
const HISTORY: { area: 'cambridgeshire' | 'peterborough'; name: string; openedOn: string; steps: Step[] }[] = [
  {
    area: 'cambridgeshire',
    name: 'Ada',
    openedOn: '2025-01-10',
    steps: [
      { level: 'emerging', on: '2025-01-15' },
      { level: 'complex', on: '2025-02-10' },
      { level: 'emerging', on: '2025-04-05' },
    ],
  },
  {
    area: 'cambridgeshire',
    name: 'Ben',
    openedOn: '2025-01-12',
    steps: [
      { level: 'emerging', on: '2025-01-20' },
      { level: 'complex', on: '2025-02-15' },
    ],
  },
  {
    area: 'cambridgeshire',
    name: 'Cara',
    openedOn: '2025-01-14',
    steps: [
      { level: 'universal', on: '2025-01-21' },
      { level: 'emerging', on: '2025-03-10' },
    ],
  },
  {
    area: 'peterborough',
    name: 'Dev',
    openedOn: '2025-02-01',
    steps: [
      { level: 'complex', on: '2025-02-05' },
      { level: 'emerging', on: '2025-03-20' },
      { level: 'universal', on: '2025-05-12' },
    ],
  },
  {
    area: 'peterborough',
    name: 'Eli',
    openedOn: '2025-03-01',
    steps: [
      { level: 'emerging', on: '2025-03-03' },
      { level: 'complex', on: '2025-05-20' },
    ],
  },
];
/** [month, step-ups, step-downs] */
const ALL_AREAS = [
  ['2025-01', 0, 0],
  ['2025-02', 2, 0],
  ['2025-03', 1, 1],
  ['2025-04', 0, 1],
  ['2025-05', 1, 1],
  ['2025-06', 0, 0],
];
const PETERBOROUGH = [
  ['2025-01', 0, 0],
  ['2025-02', 0, 0],
  ['2025-03', 0, 1],
  ['2025-04', 0, 0],
  ['2025-05', 1, 1],
  ['2025-06', 0, 0],
];

describeInChromium('the dashboard browser test')("Managers' dashboard in Chromium", () => {
  let t: TestApp;
  let baseUrl: string;
  let chromium: ChromiumSession;
  let page: Page;

  async function seed(): Promise<void> {
    const auth = `Bearer ${t.token({ sub: 'carl', name: 'Carl Worker', roles: ['case_worker'], team: 'north' })}`;
    for (const child of HISTORY) {
      const at = (day: string) => `${day}T10:00:00Z`;
      const opened = await t
        .http()
        .post('/cases')
        .set('Authorization', auth)
        .send(
          aContact({
            area: child.area,
            occurredAt: at(child.openedOn),
            child: { ...(aContact().child as object), givenName: child.name },
            contact: { ...(aContact().contact as object), receivedAt: at(child.openedOn) },
          }),
        );
      expect(opened.status).toBe(201);
      for (const step of child.steps) {
        const changed = await t
          .http()
          .post(`/cases/${opened.body.caseId}/level-of-need`)
          .set('Authorization', auth)
          .send({ level: step.level, reason: `Needs reviewed on ${step.on}`, occurredAt: at(step.on) });
        expect(changed.status).toBe(201);
      }
    }
  }

  /** The reports read projections: wait until every projection has caught up with the event log. */
  async function projectionsCaughtUp(): Promise<void> {
    await eventually(async () => {
      const health = await t.http().get('/health');
      return health.body.projections.every((projection: { lag: string }) => projection.lag === '0');
    }, 20_000);
  }

  const tableRows = (selector: string) =>
    page.$$eval(`${selector} tbody tr`, (rows) =>
      (rows as unknown as PageNode[]).map((row) => Array.from(row.cells ?? [], (cell) => cell.textContent)),
    );
  /** What the live Chart.js instance holds, not what the page meant to give it. */
  const chartData = (canvasId: string) =>
    page.evaluate((id) => {
      const chart = window.windscreenDashboard.charts.get(id);
      return (
        chart && {
          labels: chart.data.labels,
          datasets: chart.data.datasets.map(({ label, data }) => ({ label, data })),
        }
      );
    }, canvasId);
  const loads = (count: number) =>
    page.waitForFunction(
      (n) => document.body.dataset.loads === String(n) && document.body.dataset.state === 'ready',
      count,
    );

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await seed();
    await projectionsCaughtUp();
    chromium = await openChromium({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = chromium.page;
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await t?.close();
  });

  it("Given a case worker's token, When the reports are requested, Then the page says plainly that the token may not see them", async () => {
    await page.goto(`${baseUrl}/dashboard?from=2025-01-01&to=2025-06-30&interval=month`);
    await page.fill('#token', t.token({ roles: ['case_worker'] }));
    await page.click('#show');
    await page.waitForFunction(() => document.body.dataset.state === 'error');

    expect(await page.textContent('#error')).toMatch(
      /^Your token does not allow these reports \(403.*manager or auditor role/,
    );
    expect(await page.textContent('#status')).toBe('The reports could not be loaded.');
  });

  it("Given a manager's all-teams token, When the reports for January to June 2025 are loaded, Then the transitions table and chart show each month's steps", async () => {
    await page.fill(
      '#token',
      t.token({ sub: 'maria', name: 'Maria Manager', roles: ['manager'], team: 'north', allTeams: true }),
    );
    await page.click('#show');
    await loads(1);

    expect(await page.isHidden('#error')).toBe(true);
    expect(await page.textContent('#status')).toBe('Showing 2025-01-01 to 2025-06-30, by month, all areas, all teams.');
    expect(
      await page.$$eval('#transitions-table thead th', (cells) =>
        (cells as unknown as PageNode[]).map((cell) => cell.textContent),
      ),
    ).toEqual(['Month', 'Step-ups', 'Step-downs']);
    expect(await tableRows('#transitions-table')).toEqual(ALL_AREAS.map((row) => row.map(String)));
    expect(await chartData('transitions-chart')).toEqual({
      labels: ALL_AREAS.map(([month]) => month),
      datasets: [
        { label: 'Step-ups', data: ALL_AREAS.map(([, ups]) => ups) },
        { label: 'Step-downs', data: ALL_AREAS.map(([, , downs]) => downs) },
      ],
    });
    expect(
      await page.$eval(
        '#flow-table td[data-from="new_contact"][data-to="emerging"]',
        (cell) => (cell as unknown as PageNode).textContent,
      ),
    ).toBe('3');
  });

  it('Given the reports on screen, When the area is changed to Peterborough with the keyboard and submitted with Enter, Then the chart and table show only its steps', async () => {
    await page.focus('#area');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#area')).toBe('peterborough');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('team');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('show');
    expect(await page.$eval('#show', (button) => getComputedStyle(button).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await loads(2);

    expect(await page.textContent('#status')).toBe(
      'Showing 2025-01-01 to 2025-06-30, by month, Peterborough, all teams.',
    );
    expect(await tableRows('#transitions-table')).toEqual(PETERBOROUGH.map((row) => row.map(String)));
    expect(await chartData('transitions-chart')).toEqual({
      labels: PETERBOROUGH.map(([month]) => month),
      datasets: [
        { label: 'Step-ups', data: PETERBOROUGH.map(([, ups]) => ups) },
        { label: 'Step-downs', data: PETERBOROUGH.map(([, , downs]) => downs) },
      ],
    });
    expect(await page.getAttribute('#transitions-chart', 'data-chart')).toBe(
      JSON.stringify(await chartData('transitions-chart')),
    );
    expect(
      await page.$eval(
        '#flow-table td[data-from="new_contact"][data-to="emerging"]',
        (cell) => (cell as unknown as PageNode).textContent,
      ),
    ).toBe('1');
    expect(new URL(page.url()).searchParams.get('area')).toBe('peterborough');
  });

  it('Given the Peterborough reports, When the transitions CSV is downloaded, Then it holds the same columns and rows as the table', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.csv[data-report="transitions"]'),
    ]);
    expect(download.suggestedFilename()).toBe('transitions_2025-01-01_to_2025-06-30_peterborough.csv');
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv).toEqual(['Month,Step-ups,Step-downs', ...PETERBOROUGH.map((row) => row.join(','))]);
    expect(await page.textContent('#status')).toBe('Downloaded transitions_2025-01-01_to_2025-06-30_peterborough.csv.');
  });

  it('Given the dashboard, When the table view is opened with the keyboard, Then it shows, nothing broke the page policy, and a screenshot is saved', async () => {
    await page.focus('#transitions summary');
    await page.keyboard.press('Enter');
    expect(await page.$eval('#transitions details', (details) => (details as unknown as PageNode).open)).toBe(true);
    expect(await page.isVisible('#transitions-table table')).toBe(true);
    expect(chromium.policyViolations).toEqual([]);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`Dashboard screenshot: ${SCREENSHOT}`);
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('Given the reports on screen, When they are reloaded with a token this server did not sign, Then the page asks for a new token and shows nothing stale', async () => {
    await page.fill('#token', `${t.token({ roles: ['manager'], allTeams: true })}x`);
    await page.click('#show');
    await page.waitForFunction(() => document.body.dataset.state === 'error');

    expect(await page.textContent('#error')).toMatch(
      /^Your token was not accepted \(401.*npm run -s token -- --role manager --all-teams/,
    );
    expect(await tableRows('#transitions-table')).toEqual([]);
    expect(await chartData('transitions-chart')).toBeUndefined();
    expect(await page.getAttribute('#transitions-chart', 'data-chart')).toBeNull();
  });
});
