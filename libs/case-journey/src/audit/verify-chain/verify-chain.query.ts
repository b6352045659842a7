import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { BrokenLink, EventStore, verifyStream } from '@windscreen/event-store';
import { NotFound } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';

export interface ChainReport {
  caseId: string;
  stream: string;
  eventsChecked: number;
  intact: boolean;
  /** The first event whose hash does not hold, and why; null when the chain is intact. */
  firstBrokenLink: BrokenLink | null;
  checkedAt: string;
}

export class VerifyCaseChainQuery extends Query<ChainReport> {
  constructor(readonly caseId: string) {
    super();
  }
}

/** R22: recomputes the case's hash chain from the event log itself, not from any read model. */
@QueryHandler(VerifyCaseChainQuery)
export class VerifyCaseChainHandler implements IQueryHandler<VerifyCaseChainQuery, ChainReport> {
  constructor(private readonly store: EventStore) {}

  async execute({ caseId }: VerifyCaseChainQuery): Promise<ChainReport> {
    const stream = streamName.case(caseId);
    const events = await this.store.readStream(stream);
    if (events.length === 0) throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
    const firstBrokenLink = verifyStream(events);
    return { caseId, stream, eventsChecked: events.length, intact: firstBrokenLink === null, firstBrokenLink, checkedAt: new Date().toISOString() };
  }
}
