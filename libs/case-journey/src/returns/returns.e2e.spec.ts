import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import {
  aContact,
  cinCensusSchemaErrors,
  startTestApp,
  TestApp,
  TestUser,
  untilTheClockPasses,
} from '@windscreen/testing';

/**
 * A small known history through the API (every step at 10:00 UTC, so the UK day is the date written):
 *
 * Amira (cambridgeshire, team north): contact 1 May 2024 (source 2A); to specialist 2 May (the
 *   referral); s17 assessment opened 3 May; strategy discussion 20 May; s47 enquiry 21 May,
 *   concluded 4 Jun with a conference; ICPC 5 Jun decides on a plan; CP plan 5 Jun (NEG, one plan
 *   held elsewhere before); assessment completed 21 Jun (N1, factors 3A 4B, authorised 21 Jun,
 *   child seen); statutory visit 20 Aug (seen alone); review conference 5 Sep (MUL); visits 20 Dec
 *   (not seen) and 15 Jan 2025 (seen); CP plan ended 10 Dec; CIN plan 10 Dec - 28 Feb
 *   2025; case closed 3 Mar 2025 (RC7).
 * Leo (peterborough): contact 1 Jul 2024, to specialist 2 Jul, closed 10 Jul (RC7): a referral
 *   that led to nothing.
 * Zara: a contact on 1 Aug 2024 that never became a referral.
 */
describe('Statutory returns (/returns/...)', () => {
  let t: TestApp;
  const priya: TestUser = { sub: 'priya', roles: ['case_worker'], team: 'north', agency: 'Social Care' };
  const nell: TestUser = { sub: 'nell', roles: ['manager'], team: 'north', agency: 'Social Care' };
  let auditor: string;
  let amira: Record<string, string>;
  let leo: Record<string, string>;
  let beforeClosure: string;

  const at = (day: string) => `${day}T10:00:00Z`;
  async function post(user: TestUser, path: string, body: object): Promise<Record<string, string>> {
    const response = await t
      .http()
      .post(path)
      .set('Authorization', `Bearer ${t.token(user)}`)
      .send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
  const open = (day: string, overrides: Record<string, unknown>) =>
    post(priya, '/cases', {
      ...aContact({
        ...overrides,
        contact: { ...(aContact().contact as object), route: 'written', receivedAt: at(day) },
      }),
      occurredAt: at(day),
    });
  const toSpecialist = (caseId: string, day: string) =>
    post(priya, `/cases/${caseId}/level-of-need`, {
      level: 'specialist',
      reason: 'Injuries seen at school',
      occurredAt: at(day),
      immediateRisk: { justification: 'Injuries seen at school' },
      parentsInformed: true,
    });
  const get = (path: string, token = auditor) => t.http().get(path).set('Authorization', `Bearer ${token}`);
  const laChildId = async (caseId: string) => {
    const history = await get(`/cases/${caseId}/history`);
    return history.body.events.find((event: { type: string }) => event.type === 'CaseOpened').data.laChildId as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ teams: ['north'] });
    auditor = t.token({ sub: 'ines', roles: ['auditor'], team: 'audit' });
    const child = {
      givenName: 'Amira',
      familyName: 'Khan',
      dateOfBirth: '2015-04-02',
      sex: 'female',
      ethnicity: 'AOTH',
      disabilities: ['NONE'],
    };

    amira = await open('2024-05-01', { child });
    const a = amira.caseId;
    await toSpecialist(a, '2024-05-02');
    await post(priya, `/cases/${a}/consents`, {
      scope: 'section_17',
      givenBy: 'parent_carer',
      decision: 'given',
      occurredAt: at('2024-05-03'),
    });
    await post(priya, `/cases/${a}/section-17-assessment`, { occurredAt: at('2024-05-03') });
    await post(priya, `/cases/${a}/strategy-discussions`, {
      attendees: ['Police', 'Health'],
      decision: 'Section 47 enquiries',
      occurredAt: at('2024-05-20'),
    });
    await post(priya, `/cases/${a}/section-47-enquiry`, { reasonableCause: 'Bruising', occurredAt: at('2024-05-21') });
    await post(priya, `/cases/${a}/section-47-enquiry/conclusion`, {
      concernsSubstantiated: true,
      icpcNeeded: true,
      icpcDate: '2024-06-05',
      outcome: 'Conference',
      occurredAt: at('2024-06-04'),
    });
    await post(priya, `/cases/${a}/section-47-enquiry/initial-conference`, {
      decision: 'child_protection_plan',
      category: 'NEG',
      occurredAt: at('2024-06-05'),
    });
    await post(priya, `/cases/${a}/child-protection-plan`, {
      category: 'NEG',
      previousPlansElsewhere: 1,
      occurredAt: at('2024-06-05'),
    });
    await post(priya, `/cases/${a}/section-17-assessment/completion`, {
      primaryNeed: 'N1',
      factors: ['3A', '4B'],
      outcome: 'cin_plan',
      summary: 'Needs a plan',
      authorisedOn: '2024-06-21',
      childSeen: true,
      occurredAt: at('2024-06-21'),
    });
    await post(priya, `/cases/${a}/visits`, {
      seen: true,
      seenAlone: true,
      statutory: true,
      occurredAt: at('2024-08-20'),
    });
    await post(priya, `/cases/${a}/child-protection-plan/review-conferences`, {
      category: 'MUL',
      occurredAt: at('2024-09-05'),
    });
    await post(priya, `/cases/${a}/visits`, { seen: false, statutory: false, occurredAt: at('2024-12-20') });
    await post(priya, `/cases/${a}/visits`, {
      seen: true,
      seenAlone: false,
      statutory: false,
      occurredAt: at('2025-01-15'),
    });
    await post(priya, `/cases/${a}/child-protection-plan/end`, {
      reason: 'Risks reduced',
      occurredAt: at('2024-12-10'),
    });
    await post(priya, `/cases/${a}/child-in-need-plan`, { occurredAt: at('2024-12-10') });
    await post(priya, `/cases/${a}/child-in-need-plan/end`, { reason: 'Needs met', occurredAt: at('2025-02-28') });
    beforeClosure = new Date().toISOString();
    await untilTheClockPasses(beforeClosure);
    await post(nell, `/cases/${a}/closure`, { reason: 'RC7', summary: 'Needs met', occurredAt: at('2025-03-03') });

    leo = await open('2024-07-01', {
      area: 'peterborough',
      child: { ...child, givenName: 'Leo', familyName: 'Brown', sex: 'male', dateOfBirth: '2012-09-09' },
    });
    await toSpecialist(leo.caseId, '2024-07-02');
    await post(nell, `/cases/${leo.caseId}/closure`, {
      reason: 'RC7',
      summary: 'No further action',
      occurredAt: at('2024-07-10'),
    });

    await open('2024-08-01', {
      child: { ...child, givenName: 'Zara', familyName: 'Jones', dateOfBirth: '2019-01-01' },
    });
  });

  afterAll(() => t.close());

  describe('CIN census', () => {
    it('Given the known journey, When the 2025 census is asked for, Then Amira’s episode is reported field by field', async () => {
      const response = await get('/returns/cin-census?year=2025');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      const id = await laChildId(amira.caseId);
      const xml = response.text;
      const child = xml.slice(
        xml.indexOf(`<LAchildID>${id}</LAchildID>`) - '<Child><ChildIdentifiers>'.length,
        xml.indexOf('</Child>', xml.indexOf(id)) + '</Child>'.length,
      );
      expect(child).toBe(
        '<Child><ChildIdentifiers>' +
          `<LAchildID>${id}</LAchildID><PersonBirthDate>2015-04-02</PersonBirthDate><GenderCurrent>2</GenderCurrent>` +
          '</ChildIdentifiers>' +
          '<ChildCharacteristics><Ethnicity>AOTH</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>' +
          '<CINdetails>' +
          '<CINreferralDate>2024-05-02</CINreferralDate><ReferralSource>2A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>' +
          '<CINclosureDate>2025-03-03</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure><DateOfInitialCPC>2024-06-05</DateOfInitialCPC>' +
          '<Assessments><AssessmentActualStartDate>2024-05-03</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-06-21</AssessmentAuthorisationDate>' +
          '<FactorsIdentifiedAtAssessment><AssessmentFactors>3A</AssessmentFactors><AssessmentFactors>4B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>' +
          '<CINPlanDates><CINPlanStartDate>2024-12-10</CINPlanStartDate><CINPlanEndDate>2025-02-28</CINPlanEndDate></CINPlanDates>' +
          // 15 working days from Monday 20 May 2024, over the spring bank holiday (27 May).
          '<Section47><S47ActualStartDate>2024-05-21</S47ActualStartDate><InitialCPCtarget>2024-06-11</InitialCPCtarget>' +
          '<DateOfInitialCPC>2024-06-05</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>' +
          '<ReferralNFA>false</ReferralNFA>' +
          '<ChildProtectionPlans><CPPstartDate>2024-06-05</CPPstartDate><CPPendDate>2024-12-10</CPPendDate>' +
          '<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>MUL</LatestCategoryOfAbuse>' +
          '<NumberOfPreviousCPP>1</NumberOfPreviousCPP><Reviews><CPPreviewDate>2024-09-05</CPPreviewDate></Reviews></ChildProtectionPlans>' +
          '</CINdetails></Child>',
      );
      expect(xml).toContain('<Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate>');
      expect(await cinCensusSchemaErrors(xml)).toEqual([]);
    });

    it('Given a referral closed with nothing done, When the census is asked for, Then its episode is a referral NFA', async () => {
      const xml = (await get('/returns/cin-census?year=2025')).text;
      const id = await laChildId(leo.caseId);
      const child = xml.slice(xml.indexOf(`<LAchildID>${id}</LAchildID>`), xml.indexOf('</Child>', xml.indexOf(id)));
      expect(child).toContain(
        '<CINreferralDate>2024-07-02</CINreferralDate><ReferralSource>2A</ReferralSource><CINclosureDate>2024-07-10</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure><ReferralNFA>true</ReferralNFA>',
      );
    });

    it('Given asOf before the closure was recorded, When the census is asked for, Then the episode is still open', async () => {
      const xml = (await get(`/returns/cin-census?year=2025&asOf=${beforeClosure}`)).text;
      const id = await laChildId(amira.caseId);
      const child = xml.slice(xml.indexOf(`<LAchildID>${id}</LAchildID>`), xml.indexOf('</Child>', xml.indexOf(id)));
      expect(child).toContain('<CINreferralDate>2024-05-02</CINreferralDate>');
      expect(child).not.toContain('CINclosureDate');
      expect(await cinCensusSchemaErrors(xml)).toEqual([]);
    });

    it('Given the year before, When the census is asked for, Then it has no child and the report says so', async () => {
      const report = await get('/returns/cin-census/report?year=2024');
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({
        children: 0,
        episodes: 0,
        empty: true,
        collectionYear: { year: 2024, start: '2023-04-01', referenceDate: '2024-03-31' },
      });
    });

    it('Given the known journey, When the report is asked for, Then it counts the children and names the contact left out', async () => {
      const report = (await get('/returns/cin-census/report?year=2025')).body;
      expect(report).toMatchObject({ children: 2, episodes: 2, empty: false, incomplete: [], validation: [] });
      expect(report.leftOut).toEqual([
        {
          laChildId: expect.any(String),
          reason: 'contacts in the year, none of which became a referral (not a child in need)',
        },
      ]);
    });

    it('Given one area, When the census is asked for, Then only its children and its LA code are in it', async () => {
      const xml = (await get('/returns/cin-census?year=2025&area=peterborough')).text;
      expect(xml).toContain('<LEA>874</LEA>');
      expect(xml).not.toContain('<LEA>873</LEA>');
      expect(xml.match(/<Child>/g)).toHaveLength(1);
    });

    it('Given a case worker, or a manager of one team, When they ask for the census, Then it is 403', async () => {
      expect((await get('/returns/cin-census?year=2025', t.token(priya))).status).toBe(403);
      expect((await get('/returns/cin-census?year=2025', t.token(nell))).status).toBe(403);
      expect((await get('/returns/cin-census?year=2025', t.token({ ...nell, allTeams: true }))).status).toBe(200);
    });

    it('Given no year, When the census is asked for, Then it is 400 naming the field', async () => {
      const response = await get('/returns/cin-census');
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('year');
    });
  });

  describe('Annex A', () => {
    const period = 'from=2024-04-01&to=2025-03-31';

    it('Given the period, When the workbook is asked for, Then it has lists 1-7 with the published headers and the known rows', async () => {
      const response = await get(`/returns/annex-a?${period}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
        'List 1 Contacts',
        'List 2 Early Help',
        'List 3 Referrals',
        'List 4 Assessments',
        'List 5 Section 47',
        'List 6 Children in Need',
        'List 7 Child Protection',
      ]);
      // Cells are 1-based and an empty cell reads back as nothing: as text, it is blank.
      const rows = (name: string) =>
        workbook
          .getWorksheet(name)!
          .getSheetValues()
          .slice(1)
          .map((row) => Array.from((row as unknown[]).slice(1), (cell) => cell ?? ''));
      const id = await laChildId(amira.caseId);
      expect(rows('List 1 Contacts')[0]).toEqual([
        'Child Unique ID',
        'Gender',
        'Ethnicity',
        'Date of Birth',
        'Age of Child (Years)',
        'Date of Contact',
        'Contact Source',
        'Allocated Team',
        'LA',
      ]);
      expect(rows('List 1 Contacts')).toHaveLength(4);
      expect(rows('List 4 Assessments')).toEqual([
        [
          'Child Unique ID',
          'Gender',
          'Ethnicity',
          'Date of Birth',
          'Age of Child (Years)',
          'Does the Child have a Disability',
          'Continuous Assessment Start Date',
          'Child Seen During Continuous Assessment',
          'Continuous Assessment Date of Authorisation',
          "Was the child assessed as requiring LA children's social care support?",
          'Allocated Team',
          'Allocated Worker',
          'LA',
        ],
        [
          id,
          'Female',
          'AOTH',
          '2015-04-02',
          '9',
          'No',
          '2024-05-03',
          'Yes',
          '2024-06-21',
          'Yes',
          'north',
          '',
          'Cambridgeshire',
        ],
      ]);
      expect(rows('List 7 Child Protection')[1]).toEqual([
        id,
        'Female',
        'AOTH',
        '2015-04-02',
        '9',
        'No',
        '2024-06-05',
        'NEG',
        'MUL',
        '2024-08-20',
        'Yes',
        '2024-09-05',
        '2024-12-10',
        '',
        '1',
        'north',
        '',
        'Cambridgeshire',
      ]);
      // The last day she was seen (20 December she was not), her closure and its reason.
      expect(rows('List 6 Children in Need')[1]).toEqual([
        id,
        'Female',
        'AOTH',
        '2015-04-02',
        '9',
        'No',
        '2024-05-02',
        'N1',
        '2025-01-15',
        '2025-03-03',
        'RC7',
        'Closed',
        'north',
        '',
        'Cambridgeshire',
      ]);
    });

    it('Given list 3 as CSV, When asked for, Then the referrals are its rows, with NFA and the count in 12 months', async () => {
      const response = await get(`/returns/annex-a?${period}&list=3&format=csv`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...rows] = response.text.trim().split('\r\n');
      expect(header).toBe(
        'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of referral,Referral Source,Referral NFA?,Number of Referrals in Last 12 Months,Allocated Team,Allocated Worker,LA',
      );
      expect(rows).toEqual([
        `${await laChildId(amira.caseId)},Female,AOTH,2015-04-02,9,2024-05-02,2A,No,1,north,,Cambridgeshire`,
        `${await laChildId(leo.caseId)},Male,AOTH,2012-09-09,12,2024-07-02,2A,Yes,1,north,,Peterborough`,
      ]);
    });

    it('Given CSV without a list, When asked for, Then it is 400 naming list', async () => {
      const response = await get(`/returns/annex-a?${period}&format=csv`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('list');
    });
  });

  describe('npm run returns', () => {
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/returns.ts', ...args], {
        env: { ...process.env, DATABASE_URL: t.database.url, DATA_DIR: t.config.dataDir, LOG_LEVEL: 'error' },
        encoding: 'utf8',
      });
    const withoutTime = (xml: string) => xml.replace(/<DateTime>[^<]*<\/DateTime>/g, '');

    it('Given the known journey, When the census is written to a file, Then it is the API’s census, with its report beside it', async () => {
      const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'windscreen-returns-')), 'census.xml');
      const asOf = new Date().toISOString();
      const { stdout } = await run('cin-census', '--year', '2025', '--as-of', asOf, '--out', out);
      expect(stdout).toContain('2 children, 2 episodes');
      const api = await get(`/returns/cin-census?year=2025&asOf=${asOf}`);
      expect(withoutTime(readFileSync(out, 'utf8'))).toBe(withoutTime(api.text));
      expect(JSON.parse(readFileSync(`${out}.report.json`, 'utf8'))).toMatchObject({
        children: 2,
        episodes: 2,
        validation: [],
        incomplete: [],
      });
    });
  });
});
