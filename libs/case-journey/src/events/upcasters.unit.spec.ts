import type { RecordedEvent } from '@windscreen/event-store';
import { streamName } from '../domain/stream-name';
import { aV1SharingDecisionData } from '../../../testing/src/a-sharing-decision';
import { DEFAULT_LA_CHILD_ID_FORMAT, formatLaChildId } from '../child/la-child-id.decide';
import { decodeCaseEvent } from './decode';

const CASE_ID = '6f0c2a1e-8b7d-4c39-9a51-0d2f5e7c1b34';

/** An information-sharing decision as v1 stored it: one mixed list of lawful bases. */
function v1Decision(data: Record<string, unknown>): RecordedEvent {
  return {
    id: '3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    streamId: streamName.case(CASE_ID),
    revision: 4n,
    position: 42n,
    type: 'InformationSharingDecisionRecorded',
    schemaVersion: 1,
    data: aV1SharingDecisionData(data),
    metadata: {
      actor: { id: 'u1', name: 'Alice Smith', role: 'case_worker', agency: 'Children’s Social Care', team: 'north' },
      occurredAt: '2026-03-02T09:15:00.000Z',
      recordedAt: '2026-03-02T09:16:00.000Z',
      correlationId: 'c1',
      causationId: 'c1',
    },
  };
}

const UNASKED = ['dataSubjects', 'specialCategoryData', 'personInformed', 'advice', 'request', 'knownAtDecision'];

describe('InformationSharingDecisionRecorded v1 -> v2', () => {
  it('Given v1 risk of significant harm, When decoded, Then it is the public interest against confidentiality and Article 6 is not recorded', () => {
    const decoded = decodeCaseEvent(v1Decision({ lawfulBasis: 'risk_of_significant_harm' }));
    expect(decoded.schemaVersion).toBe(2);
    expect(decoded.data).toMatchObject({
      decisionId: '3c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      article6Basis: 'not_recorded',
      confidentialityBasis: 'public_interest',
      publicInterestGround: 'risk_of_significant_harm',
      judgement: 'Seeking consent would alert the alleged abuser',
      notRecorded: ['article6Basis', ...UNASKED],
    });
    expect(decoded.data).not.toHaveProperty('lawfulBasis');
  });

  it.each([
    [
      'vital_interests',
      { article6Basis: 'vital_interests', confidentialityBasis: 'not_recorded' },
      ['confidentialityBasis', ...UNASKED],
    ],
    [
      'public_task',
      { article6Basis: 'public_task', confidentialityBasis: 'not_recorded' },
      ['confidentialityBasis', ...UNASKED],
    ],
    ['legal_obligation', { article6Basis: 'legal_obligation', confidentialityBasis: 'legal_duty' }, UNASKED],
    [
      'prevention_or_detection_of_crime',
      {
        article6Basis: 'not_recorded',
        confidentialityBasis: 'public_interest',
        publicInterestGround: 'prevention_or_detection_of_crime',
      },
      ['article6Basis', ...UNASKED],
    ],
  ])(
    'Given v1 lawful basis %s, When decoded, Then it lands in its own legal question',
    (lawfulBasis, legal, notRecorded) => {
      const { data } = decodeCaseEvent(v1Decision({ lawfulBasis }));
      expect(data).toMatchObject({ ...legal, notRecorded });
    },
  );

  it('Given a v1 share with consent, When decoded, Then consent is the confidentiality basis and what v1 never asked is not_recorded', () => {
    const { data } = decodeCaseEvent(v1Decision({ basis: 'consent', judgement: undefined, consentInForce: 'given' }));
    expect(data).toMatchObject({
      confidentialityBasis: 'consent',
      article6Basis: 'not_recorded',
      dataSubjects: 'not_recorded',
      specialCategoryData: 'not_recorded',
      personInformed: 'not_recorded',
      advice: 'not_recorded',
      request: 'not_recorded',
      knownAtDecision: 'not_recorded',
      consentInForce: 'given',
    });
  });

  it('Given a v1 event, When decoded, Then the stored event is left as it was (R22)', () => {
    const stored = v1Decision({ lawfulBasis: 'public_task' });
    decodeCaseEvent(stored);
    expect(stored).toMatchObject({ schemaVersion: 1, data: { lawfulBasis: 'public_task' } });
  });
});

describe('CaseOpened v1 -> v2', () => {
  /** A case opened before children had records of their own. */
  const v1Opened = (): RecordedEvent => ({
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    streamId: streamName.case(CASE_ID),
    revision: 0n,
    position: 7n,
    type: 'CaseOpened',
    schemaVersion: 1,
    data: {
      caseId: CASE_ID,
      familyId: '0b8e4d6a-2c1f-4e7a-b953-7d1c0a2e9f68',
      child: {
        givenName: 'Amira',
        familyName: 'Khan',
        dateOfBirth: '2015-04-02',
        sex: 'female',
        disabilities: ['NONE'],
      },
      area: 'peterborough',
      contact: {
        receivedAt: '2026-03-02T09:15:00Z',
        route: 'written',
        source: '2A',
        referrer: { name: 'R. Patel', anonymous: false },
      },
      concerns: 'Teacher reports bruising',
    },
    metadata: {
      actor: { id: 'u1', name: 'Alice Smith', role: 'case_worker', agency: 'Children’s Social Care', team: 'north' },
      occurredAt: '2026-03-02T09:15:00.000Z',
      recordedAt: '2026-03-02T09:16:00.000Z',
      correlationId: 'c1',
      causationId: 'c1',
    },
  });

  it('Given a v1 case, When decoded, Then its child is named by the case id and keeps everything v1 recorded', () => {
    const decoded = decodeCaseEvent(v1Opened());
    expect(decoded.schemaVersion).toBe(2);
    expect(decoded.data).toEqual({
      ...(v1Opened().data as object),
      childId: CASE_ID,
      laChildId: formatLaChildId(DEFAULT_LA_CHILD_ID_FORMAT, CASE_ID),
    });
  });

  it('Given a v1 case, When decoded twice, Then its LA child id is the same each time, in the default format', () => {
    const first = decodeCaseEvent(v1Opened()).data as { laChildId: string };
    expect(first.laChildId).toMatch(/^C[0-9A-F]{12}$/);
    expect((decodeCaseEvent(v1Opened()).data as { laChildId: string }).laChildId).toBe(first.laChildId);
  });

  it('Given a v1 case, When decoded, Then the stored event is left as it was (R22)', () => {
    const stored = v1Opened();
    decodeCaseEvent(stored);
    expect(stored.schemaVersion).toBe(1);
    expect(stored.data).not.toHaveProperty('childId');
  });
});
