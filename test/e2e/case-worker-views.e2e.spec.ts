import { DataSource } from 'typeorm';
import { EventStore } from '@windscreen/event-store';
import { Projection, PROJECTIONS, ProjectionProgress, rebuildProjection } from '@windscreen/projections';
import { aContact, startTestApp, TestApp } from '@windscreen/testing';
import { PG_POOL } from '@windscreen/database';

/** Case worker views: the case summary, the caseload and what is due (issue: read models). */
describe('Case summary, caseload and timeliness', () => {
  let t: TestApp;
  const worker = () => `Bearer ${t.token()}`;
  // Reads wait for the last write (read your writes), as a client would with X-Min-Position.
  let lastPosition = '0';
  /** The front door's decisions are the MASH's (separation of duties). */
  const mash = () =>
    `Bearer ${t.token({ sub: 'mona', name: 'Mona Ash', agency: 'MASH', roles: ['case_worker', 'mash'] })}`;
  const post = async (
    path: string,
    body: object,
    auth = /\/mash\/(brag-rating|decision|referrer-notified)$/.test(path) ? mash() : worker(),
  ) => {
    const response = await t.http().post(path).set('Authorization', auth).send(body);
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    lastPosition = response.body.position;
    return response.body;
  };
  const get = async (path: string, auth = worker()) => {
    const response = await t.http().get(path).set('Authorization', auth).set('X-Min-Position', lastPosition);
    expect(response.headers['x-read-model-stale']).not.toBe('true');
    return response;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the case summary', () => {
    it('Given a complex case without an EHA, Then R3 shows as an outstanding action; When the EHA and TAF are in place, Then it is gone and both are open episodes', async () => {
      const opened = await post('/cases', aContact({ contact: { ...(aContact().contact as object), route: 'email' } }));
      await post(`/cases/${opened.caseId}/consents`, {
        scope: 'early_help',
        givenBy: 'parent_carer',
        decision: 'given',
      });
      await post(`/cases/${opened.caseId}/level-of-need`, { level: 'complex', reason: 'Several needs' });

      const before = (await get(`/cases/${opened.caseId}`)).body;
      expect(before.outstandingActions).toEqual([expect.objectContaining({ rule: 'R3', overdue: false })]);
      expect(before.consents.early_help).toMatchObject({ decision: 'given', givenBy: 'parent_carer' });

      const lead = { name: 'P. Jones', agency: 'Northfield Primary School', userId: 'pjones' };
      await post(`/cases/${opened.caseId}/early-help-assessment`, { leadProfessional: lead });
      // Naming another lead professional's TAF is a manager's step (separation of duties).
      const manager = `Bearer ${t.token({ sub: 'mary', name: 'Mary Manager', roles: ['manager'] })}`;
      await post(
        `/families/${opened.familyId}/team-around-the-family`,
        { kind: 'TAF', leadProfessional: lead, members: [{ name: 'H. Visitor', agency: 'Health', userId: 'hv1' }] },
        manager,
      );

      const after = (await get(`/cases/${opened.caseId}`)).body;
      // R3 is met; the TAF's first review (R34) is now what is due.
      expect(after.outstandingActions).toEqual([expect.objectContaining({ rule: 'TAF-review', overdue: false })]);
      expect(after.openEpisodes.map((episode: { kind: string }) => episode.kind)).toEqual([
        'early_help_assessment',
        'team_around_the_family',
      ]);
      expect(after.openEpisodes[1].detail.leadProfessional).toMatchObject({ name: 'P. Jones' });
    });

    it('Given a telephone contact two days ago, a BRAG rating and an open escalation, Then the summary shows the MASH episode, the escalation and the overdue R10 follow-up', async () => {
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
      const opened = await post(
        '/cases',
        aContact({ contact: { ...(aContact().contact as object), receivedAt: twoDaysAgo }, occurredAt: twoDaysAgo }),
      );
      await post(`/cases/${opened.caseId}/mash/brag-rating`, { rating: 'amber', rationale: 'Possible neglect' });
      const { escalationId } = await post(`/cases/${opened.caseId}/escalations`, {
        route: 'professional',
        concern: 'No response from the GP',
        otherAgency: 'GP surgery',
        startsAt: 'practitioner',
      });

      const summary = (await get(`/cases/${opened.caseId}`)).body;
      expect(summary.team).toBe('north');
      expect(summary.openEpisodes).toEqual([
        expect.objectContaining({ kind: 'mash_contact', detail: { bragRating: 'amber' } }),
      ]);
      expect(summary.openEscalations).toEqual([
        { escalationId, otherAgency: 'GP surgery', level: 'practitioner', route: 'professional' },
      ]);
      const rules = summary.outstandingActions.map((action: { rule: string; overdue: boolean }) => [
        action.rule,
        action.overdue,
      ]);
      expect(rules).toEqual([
        ['R10', true],
        ['R11', false],
      ]);

      await post(`/cases/${opened.caseId}/mash/written-follow-up`, {});
      const followedUp = (await get(`/cases/${opened.caseId}`)).body;
      expect(followedUp.outstandingActions.map((action: { rule: string }) => action.rule)).toEqual(['R11']);
    });
  });

  describe('what is due (GET /timeliness)', () => {
    it('Given items with timescales, When a worker asks what is due, Then each appears with its rule and due time, overdue first, filterable by rule and state; done items drop out', async () => {
      const lastWeek = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
      const opened = await post(
        '/cases',
        aContact({ contact: { ...(aContact().contact as object), receivedAt: lastWeek }, occurredAt: lastWeek }),
      );
      await post(`/cases/${opened.caseId}/mash/brag-rating`, { rating: 'green', rationale: 'Low-level concern' });
      await post(`/cases/${opened.caseId}/consents`, {
        scope: 'early_help',
        givenBy: 'parent_carer',
        decision: 'given',
      });
      await post(`/cases/${opened.caseId}/mash/decision`, {
        outcome: 'early_help_hub',
        rationale: 'Early help can meet the needs',
      });

      const due = (await get(`/timeliness?limit=1000`)).body;
      const mine = due.items.filter((item: { caseId: string }) => item.caseId === opened.caseId);
      expect(mine.map((item: { rule: string; overdue: boolean }) => [item.rule, item.overdue])).toEqual([
        ['R10', true],
        ['R13', false],
      ]);
      expect(Date.parse(mine[0].dueAt)).toBe(Date.parse(lastWeek) + 24 * 3600_000);
      expect(mine[0].hoursPastDue).toBeGreaterThanOrEqual(6 * 24 - 1);
      expect(due.counts.byRule.R10.overdue).toBeGreaterThanOrEqual(1);

      const overdueOnly = (await get(`/timeliness?state=overdue&rule=R10&limit=1000`)).body;
      expect(
        overdueOnly.items.every((item: { rule: string; overdue: boolean }) => item.rule === 'R10' && item.overdue),
      ).toBe(true);
      expect(overdueOnly.items.map((item: { caseId: string }) => item.caseId)).toContain(opened.caseId);

      await post(`/cases/${opened.caseId}/mash/written-follow-up`, {});
      const afterFollowUp = (await get(`/timeliness?rule=R10&limit=1000`)).body;
      expect(afterFollowUp.items.map((item: { caseId: string }) => item.caseId)).not.toContain(opened.caseId);
    });

    it('Given more items than a page, When paging with the cursor, Then every item comes once in due order', async () => {
      const pages: string[] = [];
      let next: string | null = null;
      do {
        const { body }: { body: { items: { itemId: string; dueAt: string }[]; next: string | null } } = await get(
          `/timeliness?limit=1${next ? `&cursor=${next}` : ''}`,
        );
        pages.push(...body.items.map((item) => item.itemId));
        next = body.next;
      } while (next);
      const all = (await get(`/timeliness?limit=1000`)).body.items.map((item: { itemId: string }) => item.itemId);
      expect(pages).toEqual(all);
      expect(all.length).toBeGreaterThanOrEqual(2);
    });

    it('rejects an unknown rule and a forged cursor with a 400 naming the field', async () => {
      expect((await get('/timeliness?rule=R99')).body).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'rule' })],
      });
      expect((await get('/timeliness?cursor=bm90LWEtY3Vyc29y')).body).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'cursor' })],
      });
    });
  });

  describe('the caseload (GET /cases)', () => {
    it('Given cases at several levels, When filtered by level, Then only those come back, with counts over the whole filter', async () => {
      const auth = `Bearer ${t.token({ team: 'caseload-team' })}`;
      for (const level of ['emerging', 'emerging', 'complex']) {
        const opened = await post('/cases', aContact({ area: 'peterborough' }), auth);
        await post(`/cases/${opened.caseId}/level-of-need`, { level, reason: 'Some needs' }, auth);
      }
      const all = (await get('/cases', auth)).body;
      expect(all.counts.total).toBe(3);
      expect(all.counts.byLevel.emerging).toBe(2);
      const emerging = (await get('/cases?level=emerging', auth)).body;
      expect(emerging.cases).toHaveLength(2);
      expect(
        emerging.cases.every(
          (entry: { level: string; team: string }) => entry.level === 'emerging' && entry.team === 'caseload-team',
        ),
      ).toBe(true);
      expect(emerging.counts).toMatchObject({ total: 2, byLevel: { emerging: 2 }, byStatus: { open: 2 } });
    });

    it('Given a lead professional, When filtering by them, Then the family’s cases come back', async () => {
      const auth = `Bearer ${t.token({ team: 'lead-team' })}`;
      const opened = await post('/cases', aContact(), auth);
      await post(
        `/cases/${opened.caseId}/consents`,
        { scope: 'early_help', givenBy: 'parent_carer', decision: 'given' },
        auth,
      );
      await post(
        `/cases/${opened.caseId}/early-help-assessment`,
        { leadProfessional: { name: 'K. Lead', agency: 'School', userId: 'klead' } },
        auth,
      );
      await post('/cases', aContact(), auth);
      for (const who of ['klead', 'k. lead']) {
        const { body } = await get(`/cases?leadProfessional=${encodeURIComponent(who)}`, auth);
        expect(body.cases.map((entry: { caseId: string }) => entry.caseId)).toEqual([opened.caseId]);
        expect(body.cases[0].leadProfessional).toEqual({ name: 'K. Lead', agency: 'School' });
      }
    });

    it('Given overdue work, When filtering by overdue, Then only cases with an item past due come back', async () => {
      const auth = `Bearer ${t.token({ team: 'overdue-team' })}`;
      const lastWeek = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
      const late = await post(
        '/cases',
        aContact({ contact: { ...(aContact().contact as object), receivedAt: lastWeek }, occurredAt: lastWeek }),
        auth,
      );
      const onTime = await post(
        '/cases',
        aContact({ contact: { ...(aContact().contact as object), route: 'email' } }),
        auth,
      );
      const overdue = (await get('/cases?overdue=true', auth)).body;
      expect(
        overdue.cases.map((entry: { caseId: string; overdueItems: number }) => [entry.caseId, entry.overdueItems]),
      ).toEqual([[late.caseId, 1]]);
      const notOverdue = (await get('/cases?overdue=false', auth)).body;
      expect(notOverdue.cases.map((entry: { caseId: string }) => entry.caseId)).toEqual([onTime.caseId]);
      const all = (await get('/cases', auth)).body;
      expect(
        [overdue.counts, notOverdue.counts, all.counts].map(({ total, withOverdueItems }) => [total, withOverdueItems]),
      ).toEqual([
        [1, 1],
        [1, 0],
        [2, 1],
      ]);
    });

    it("Given a family whose TAF review is past due, When filtering by overdue, Then the child's case counts as overdue through its family", async () => {
      const auth = `Bearer ${t.token({ sub: 'olive', team: 'family-overdue-team' })}`;
      const withLateReview = await post(
        '/cases',
        aContact({ contact: { ...(aContact().contact as object), route: 'email' } }),
        auth,
      );
      const onTime = await post(
        '/cases',
        aContact({ contact: { ...(aContact().contact as object), route: 'email' } }),
        auth,
      );
      // The worker is the lead professional, so may convene the TAF (separation of duties).
      const lead = { name: 'L. Professional', agency: 'Northfield Primary School', userId: 'olive' };
      await post(
        `/cases/${withLateReview.caseId}/consents`,
        { scope: 'early_help', givenBy: 'parent_carer', decision: 'given' },
        auth,
      );
      await post(`/cases/${withLateReview.caseId}/early-help-assessment`, { leadProfessional: lead }, auth);
      await post(
        `/families/${withLateReview.familyId}/team-around-the-family`,
        { kind: 'TAF', leadProfessional: lead, members: [] },
        auth,
      );
      await post(
        `/families/${withLateReview.familyId}/team-around-the-family/reviews`,
        {
          heldOn: '2026-03-20',
          attendees: ['L. Professional'],
          progress: 'Attendance improving',
          nextReviewDate: '2026-05-13',
        },
        auth,
      );

      const overdue = (await get('/cases?overdue=true', auth)).body;
      expect(
        overdue.cases.map((entry: { caseId: string; overdueItems: number }) => [entry.caseId, entry.overdueItems]),
      ).toEqual([[withLateReview.caseId, 1]]);
      expect(overdue.counts).toMatchObject({ total: 1, withOverdueItems: 1 });
      const notOverdue = (await get('/cases?overdue=false', auth)).body;
      expect(notOverdue.cases.map((entry: { caseId: string }) => entry.caseId)).toEqual([onTime.caseId]);
      expect(notOverdue.counts).toMatchObject({ total: 1, withOverdueItems: 0 });
    });

    it('Given more cases than a page, When paging in either order, Then each case comes once, in order', async () => {
      const auth = `Bearer ${t.token({ team: 'paging-team' })}`;
      const ids: string[] = [];
      for (let day = 1; day <= 5; day++) {
        const at = `2026-01-0${day}T10:00:00Z`;
        ids.push(
          (
            await post(
              '/cases',
              aContact({
                contact: { ...(aContact().contact as object), receivedAt: at, route: 'email' },
                occurredAt: at,
              }),
              auth,
            )
          ).caseId,
        );
      }
      for (const [sort, expected] of [
        ['openedAt', ids],
        ['-openedAt', [...ids].reverse()],
      ] as const) {
        const seen: string[] = [];
        let next: string | null = null;
        do {
          const { body }: { body: { cases: { caseId: string }[]; next: string | null } } = await get(
            `/cases?sort=${sort}&limit=2${next ? `&cursor=${next}` : ''}`,
            auth,
          );
          seen.push(...body.cases.map((entry) => entry.caseId));
          next = body.next;
        } while (next);
        expect(seen).toEqual(expected);
      }
    });

    it('rejects bad filters with a 400 naming the field', async () => {
      const { body } = await get('/cases?level=severe&sort=name&overdue=maybe');
      expect(body.status).toBe(400);
      expect(body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['level', 'overdue', 'sort']);
    });
  });

  it('Given all of the above, When every projection is rebuilt from position 0, Then its tables are equal to what they were', async () => {
    const dataSource = t.app.get(DataSource);
    expect(await t.app.get(ProjectionProgress).waitFor(BigInt(lastPosition), 5000)).toBe(true);
    // Ordered by the whole row: some tables (daily counts) have no single-column key.
    const snapshot = (table: string) => dataSource.query(`select * from ${table} as t order by t::text`);
    for (const projection of t.app.get<Projection[]>(PROJECTIONS)) {
      const before = await Promise.all(projection.tables.map(snapshot));
      await rebuildProjection(t.app.get(PG_POOL), t.app.get(EventStore), projection);
      expect(await Promise.all(projection.tables.map(snapshot))).toEqual(before);
    }
    const [{ n }] = await dataSource.query(`select count(*)::int as n from timeliness_items`);
    expect(n).toBeGreaterThan(3);
  });
});
