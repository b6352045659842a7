import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/**
 * Debian's Chromium for the browser tests, installed by `npm test`'s set-up
 * (scripts/ensure-chromium.js), driven by playwright-core.
 */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `describe` when Chromium is there; otherwise `describe.skip`, saying why. */
export function describeInChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.warn(
    `Skipping ${what}: ${CHROMIUM} is missing (npm test installs Debian's chromium package when it runs as root with apt-get).`,
  );
  return describe.skip;
}

export interface ChromiumSession {
  browser: BrowserContext;
  page: Page;
  /** Content security policy reports and script errors of the page, as they happen. */
  policyViolations: string[];
  close(): Promise<void>;
}

/** A fresh headless Chromium profile with one page, recording what the page's security policy refuses and its script errors. */
export async function openChromium(
  options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {},
): Promise<ChromiumSession> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'windscreen-chromium-'));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(15_000);
  const policyViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) policyViolations.push(message.text());
  });
  page.on('pageerror', (error) => policyViolations.push(`page error: ${error.message}`));
  return {
    browser,
    page,
    policyViolations,
    close: async () => {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
