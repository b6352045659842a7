import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CheckpointReceipt, LogCheckpoints } from '@windscreen/event-store';
import { NotFound } from '../../domain/domain-error';

/** The receipt of the latest checkpoint of the log signed with this server's key. */
export class GetLatestCheckpointQuery extends Query<CheckpointReceipt> {}

@QueryHandler(GetLatestCheckpointQuery)
export class GetLatestCheckpointHandler implements IQueryHandler<GetLatestCheckpointQuery, CheckpointReceipt> {
  constructor(private readonly checkpoints: LogCheckpoints) {}

  async execute(): Promise<CheckpointReceipt> {
    const latest = await this.checkpoints.latest();
    if (!latest) throw new NotFound('CHECKPOINT.NONE', 'No checkpoint of the log has been signed yet');
    return latest.receipt;
  }
}
