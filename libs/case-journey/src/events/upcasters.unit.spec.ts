import type { RecordedEvent } from '@windscreen/event-store';
import { streamName } from '../domain/stream-name';
import { aV1SharingDecisionData } from '../../../testing/src/a-sharing-decision';
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
    ['vital_interests', { article6Basis: 'vital_interests', confidentialityBasis: 'not_recorded' }, ['confidentialityBasis', ...UNASKED]],
    ['public_task', { article6Basis: 'public_task', confidentialityBasis: 'not_recorded' }, ['confidentialityBasis', ...UNASKED]],
    ['legal_obligation', { article6Basis: 'legal_obligation', confidentialityBasis: 'legal_duty' }, UNASKED],
    ['prevention_or_detection_of_crime', { article6Basis: 'not_recorded', confidentialityBasis: 'public_interest', publicInterestGround: 'prevention_or_detection_of_crime' }, ['article6Basis', ...UNASKED]],
  ])('Given v1 lawful basis %s, When decoded, Then it lands in its own legal question', (lawfulBasis, legal, notRecorded) => {
    const { data } = decodeCaseEvent(v1Decision({ lawfulBasis }));
    expect(data).toMatchObject({ ...legal, notRecorded });
  });

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
