import type { RecordedEvent } from '@windscreen/event-store';
import { streamName } from '../domain/stream-name';
import { decodeCaseEvent } from './decode';

const CASE_ID = '6f0c2a1e-8b7d-4c39-9a51-0d2f5e7c1b34';
const stored = (type: string, data: object): RecordedEvent => ({
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  streamId: streamName.case(CASE_ID),
  revision: 5n,
  position: 9n,
  type,
  schemaVersion: 1,
  data,
  metadata: {
    actor: { id: 'u1', name: 'Alice Smith', role: 'case_worker', agency: 'Children’s Social Care', team: 'north' },
    occurredAt: '2025-03-02T09:15:00.000Z',
    recordedAt: '2025-03-02T09:16:00.000Z',
    correlationId: 'c1',
    causationId: 'c1',
  },
});

describe('Events written before the returns asked for more: read as not recorded, never guessed', () => {
  it('Given a v1 assessment completion, When decoded, Then its authorisation date and child seen are null and named as not recorded', () => {
    const v1 = { primaryNeed: 'N1', factors: ['21'], outcome: 'no_further_action', summary: 's', late: false };
    expect(decodeCaseEvent(stored('Section17AssessmentCompleted', v1))).toMatchObject({
      schemaVersion: 2,
      data: { ...v1, authorisedOn: null, childSeen: null, notRecorded: ['authorisedOn', 'childSeen'] },
    });
  });

  it('Given a v1 child protection plan, When decoded, Then the plans held elsewhere are not recorded', () => {
    expect(decodeCaseEvent(stored('ChildProtectionPlanStarted', { category: 'NEG' }))).toMatchObject({
      schemaVersion: 2,
      data: { category: 'NEG', previousPlansElsewhere: null, notRecorded: ['previousPlansElsewhere'] },
    });
  });

  it('Given a v1 reopening, When decoded, Then the new contact’s source is not recorded', () => {
    const v1 = { reason: 'New contact', closedAt: '2025-01-01T10:00:00Z', reReferral: false };
    expect(decodeCaseEvent(stored('CaseReopened', v1))).toMatchObject({
      schemaVersion: 2,
      data: { ...v1, source: null, notRecorded: ['source'] },
    });
  });
});
