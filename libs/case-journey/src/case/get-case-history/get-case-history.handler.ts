import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@windscreen/event-store';
import { NotFound } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';
import { CaseHistoryView, GetCaseHistoryQuery } from './get-case-history.query';

/** The case's own stream, oldest first: the record exactly as it was written. */
@QueryHandler(GetCaseHistoryQuery)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistoryQuery, CaseHistoryView> {
  constructor(private readonly store: EventStore) {}

  async execute({ caseId, fromRevision, limit }: GetCaseHistoryQuery): Promise<CaseHistoryView> {
    // One more than asked for tells whether there is a next page.
    const events = await this.store.readStream(streamName.case(caseId), {
      fromRevision,
      toRevision: fromRevision + BigInt(limit),
    });
    if (events.length === 0 && fromRevision === 0n)
      throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
    const page = events.slice(0, limit);
    return {
      events: page.map((event) => ({
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        revision: event.revision.toString(),
        position: event.position.toString(),
        data: event.data,
        metadata: event.metadata,
      })),
      next: events.length > limit ? (fromRevision + BigInt(limit)).toString() : null,
    };
  }
}
