import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  BrokenLink,
  CheckpointCheck,
  CheckpointFinding,
  CheckpointReceipt,
  EventStore,
  LogCheckpoints,
  LogVerificationReport,
  verifyStream,
} from '@windscreen/event-store';
import { NotFound } from '../../domain/domain-error';
import { streamName } from '../../domain/stream-name';

export interface ChainReport {
  caseId: string;
  stream: string;
  eventsChecked: number;
  intact: boolean;
  /** The first event whose hash does not hold, and why; null when the chain is intact. */
  firstBrokenLink: BrokenLink | null;
  /** The latest signed checkpoint the stream was compared with; null before the first. */
  checkpoint: CheckpointCheck | null;
  /** How the stream differs from what that checkpoint signed, though its chain may hold. */
  checkpointFinding: CheckpointFinding | null;
  checkedAt: string;
}

export class VerifyCaseChainQuery extends Query<ChainReport> {
  constructor(readonly caseId: string) {
    super();
  }
}

/** R22: recomputes the case's hash chain from the event log itself, and compares it with the latest signed checkpoint. */
@QueryHandler(VerifyCaseChainQuery)
export class VerifyCaseChainHandler implements IQueryHandler<VerifyCaseChainQuery, ChainReport> {
  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: LogCheckpoints,
  ) {}

  async execute({ caseId }: VerifyCaseChainQuery): Promise<ChainReport> {
    const stream = streamName.case(caseId);
    const events = await this.store.readStream(stream);
    if (events.length === 0) throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
    const firstBrokenLink = verifyStream(events);
    const { checkpoint, finding } = await this.checkpoints.verifyStream(stream, events);
    return {
      caseId,
      stream,
      eventsChecked: events.length,
      intact: firstBrokenLink === null && finding === null,
      firstBrokenLink,
      checkpoint,
      checkpointFinding: finding,
      checkedAt: new Date().toISOString(),
    };
  }
}

export class VerifyLogQuery extends Query<LogVerificationReport> {
  /** Against `receipt` when given, else against the latest signed checkpoint. */
  constructor(readonly receipt?: CheckpointReceipt) {
    super();
  }
}

/** R22: every stream's chain, and the whole log against a signed checkpoint. */
@QueryHandler(VerifyLogQuery)
export class VerifyLogHandler implements IQueryHandler<VerifyLogQuery, LogVerificationReport> {
  constructor(private readonly checkpoints: LogCheckpoints) {}

  execute({ receipt }: VerifyLogQuery): Promise<LogVerificationReport> {
    return this.checkpoints.verifyLog(receipt);
  }
}
