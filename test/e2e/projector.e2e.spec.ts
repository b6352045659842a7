import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'supertest';
import { aContact, eventually, startTestApp, TestApp } from '@windscreen/testing';
import { ProjectorModule } from '../../apps/projector/src/projector.module';

describe('Projections in their own process: api with PROJECTIONS=off, projector beside it', () => {
  let t: TestApp;
  let projector: INestApplicationContext | undefined;
  beforeAll(async () => {
    t = await startTestApp({ projections: 'off', readYourWritesTimeoutMs: 300 });
  });
  afterAll(async () => {
    await projector?.close();
    await t.close();
  });

  it('Given no projector, When a query waits for a new case, Then it answers stale; When the projector runs, Then the case appears', async () => {
    const auth = `Bearer ${t.token()}`;
    const opened = await t
      .http()
      .post('/cases')
      .set('Authorization', auth)
      .send({ ...aContact() });
    expect(opened.status).toBe(201);

    const stale = await t
      .http()
      .get(`/cases/${opened.body.caseId}?minPosition=${opened.body.position}`)
      .set('Authorization', auth);
    expect(stale.headers['x-read-model-stale']).toBe('true');
    expect(stale.status).toBe(404);

    projector = await NestFactory.createApplicationContext(ProjectorModule.register(t.config, t.database.appUrl), {
      logger: false,
    });
    await projector.init();

    // Each read waits 300 ms at most; the projector may need longer on a busy shared server.
    let fresh: Response | undefined;
    await eventually(async () => {
      fresh = await t
        .http()
        .get(`/cases/${opened.body.caseId}`)
        .set('Authorization', auth)
        .set('X-Min-Position', opened.body.position);
      return fresh.headers['x-read-model-stale'] === 'false';
    });
    expect(fresh?.status).toBe(200);

    const health = await t.http().get('/health');
    expect(health.body.projectionsInThisProcess).toBe('off');
  });
});
