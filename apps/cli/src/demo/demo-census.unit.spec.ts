import type { RecordedEvent } from '@windscreen/event-store';
import { collectionYear, censusDocument, decode, emptyCensusReport, ReturnsRecord } from '@windscreen/case-journey';
import { cinCensusSchemaErrors } from '@windscreen/testing';
import { playInMemory } from './demo-spec-support';

const END = new Date('2026-06-01T00:00:00.000Z');

/** The demo's events as the store would hold them, each recorded when it happened. */
function recordOf(
  streams: Map<string, { id?: string; type: string; schemaVersion: number; data: unknown; metadata: object }[]>,
): ReturnsRecord {
  const record = new ReturnsRecord();
  let position = 0n;
  for (const [streamId, events] of streams) {
    events.forEach((event, revision) => {
      const metadata = event.metadata as RecordedEvent['metadata'];
      const stored: RecordedEvent = {
        ...event,
        id: event.id ?? `${streamId}#${revision}`,
        streamId,
        revision: BigInt(revision),
        position: ++position,
        metadata: { ...metadata, recordedAt: metadata.occurredAt },
      };
      const decoded = decode(stored);
      if (decoded) record.apply(decoded);
    });
  }
  return record;
}

describe('the demo population’s CIN census', () => {
  let record: ReturnsRecord;

  beforeAll(async () => {
    const population = await playInMemory({ seed: 'census', children: 600, end: END });
    expect(population.result.refused).toEqual([]);
    record = recordOf(population.store.streams);
  });

  it.each([2025, 2026])(
    'Given the generated population, When the %i census is made, Then it validates against the schema and breaks no DfE rule',
    async (year) => {
      const report = emptyCensusReport(collectionYear(year), END.toISOString());
      const xml = [
        ...censusDocument(
          record,
          { year: collectionYear(year), asOf: END.toISOString(), generatedAt: END.toISOString() },
          report,
        ),
      ].join('');
      expect(report.children).toBeGreaterThan(50);
      expect(await cinCensusSchemaErrors(xml)).toEqual([]);
      expect(report.validation).toEqual([]);
      // Every field the census asks for is generated: nothing reported as not recorded.
      expect(report.incomplete).toEqual([]);
      for (const element of [
        'AssessmentAuthorisationDate',
        'FactorsIdentifiedAtAssessment',
        'CINPlanDates',
        'InitialCPCtarget',
        'DateOfInitialCPC',
        'CPPreviewDate',
        'ReasonForClosure',
        'PrimaryNeedCode',
        '<ReferralNFA>true',
      ]) {
        expect({ [element]: xml.includes(element) }).toEqual({ [element]: true });
      }
    },
  );
});
