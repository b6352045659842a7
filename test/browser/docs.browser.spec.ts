import type { AddressInfo } from 'node:net';
import { startTestApp, TestApp } from '@windscreen/testing';
import { ChromiumSession, describeInChromium, openChromium } from './chromium';

/**
 * Swagger UI under the docs' Content-Security-Policy, in a real browser: the policy is strict
 * (scripts only from this server), so a change to it, or to how Swagger UI is served, shows here.
 */

/** What the test reads in the page; the tests' TypeScript has no DOM library. */
declare const document: { querySelectorAll(selector: string): { length: number } };

describeInChromium('the Swagger UI browser test')(
  'API documentation (Swagger UI) in Chromium, under the security headers',
  () => {
    let t: TestApp;
    let chromium: ChromiumSession;

    beforeAll(async () => {
      t = await startTestApp();
      await t.app.listen(0, '127.0.0.1');
      chromium = await openChromium();
    }, 120_000);
    afterAll(async () => {
      await chromium?.close();
      await t?.close();
    });

    it('Given /docs, When opened, Then Swagger UI renders every endpoint and the browser reports no policy violation or script error', async () => {
      const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      const page = chromium.page;
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content Security Policy|Refused to/i.test(message.text()))
          problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

      const response = await page.goto(`${baseUrl}/docs`);
      expect(response?.status()).toBe(200);
      expect(await response?.headerValue('content-security-policy')).toContain("script-src 'self'");
      await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
      expect(await page.textContent('.swagger-ui .info .title')).toContain('Windscreen');
      await page.waitForFunction(() => document.querySelectorAll('.opblock').length >= 40, undefined, {
        timeout: 15_000,
      });
      expect(problems).toEqual([]);
    });
  },
);
