import { startTestApp, TestApp } from '@windscreen/testing';
import { DASHBOARD_CONTENT_SECURITY_POLICY } from '../../apps/api/src/dashboard/dashboard.http.controller';

describe("Managers' dashboard: the page and its files", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('Given no token, When /dashboard is requested, Then the HTML page is served under a policy allowing no inline script or style', async () => {
    const page = await t.http().get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CONTENT_SECURITY_POLICY);
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).toContain("style-src 'self';");
    expect(DASHBOARD_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(page.text).toContain('<script type="module" src="/dashboard/dashboard.js"></script>');
    expect(page.text).not.toMatch(/<script>|<style|\sstyle="/);
  });

  it.each([
    ['dashboard.js', 'text/javascript; charset=utf-8', 'fetchReport'],
    ['reports-api.js', 'text/javascript; charset=utf-8', '/reports/'],
    ['render.js', 'text/javascript; charset=utf-8', 'data-chart'],
    ['dashboard.css', 'text/css; charset=utf-8', ':focus-visible'],
    ['chart.umd.min.js', 'text/javascript; charset=utf-8', 'Chart.js v4'],
  ])('Given no token, When /dashboard/%s is requested, Then it is served as %s', async (file, type, content) => {
    const asset = await t
      .http()
      .get(`/dashboard/${file}`)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe(type);
    expect(asset.body).toContain(content);
  });

  it('Given a file the dashboard does not ship, When it is requested, Then 404 and nothing from outside its folder is served', async () => {
    expect((await t.http().get('/dashboard/index.ts')).status).toBe(404);
    expect((await t.http().get('/dashboard/..%2Fdashboard.http.controller.ts')).status).toBe(404);
    expect((await t.http().get('/dashboard/..%2F..%2F..%2F..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('Given the OpenAPI document, When read, Then the dashboard is not listed as part of the API', async () => {
    const openApi = await t.http().get('/openapi.json');
    expect(Object.keys(openApi.body.paths).filter((path) => path.startsWith('/dashboard'))).toEqual([]);
  });
});
