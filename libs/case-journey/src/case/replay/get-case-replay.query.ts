import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CaseReplay, PointInTime, Replay } from './case-replay';

/** A case's own events up to a moment, and the state they fold to (its decisions, step by step). */
export class GetCaseReplayQuery extends Query<Replay> {
  constructor(
    readonly caseId: string,
    readonly at: PointInTime = {},
  ) {
    super();
  }
}

@QueryHandler(GetCaseReplayQuery)
export class GetCaseReplayHandler implements IQueryHandler<GetCaseReplayQuery, Replay> {
  constructor(private readonly replay: CaseReplay) {}

  execute({ caseId, at }: GetCaseReplayQuery): Promise<Replay> {
    return this.replay.replay(caseId, at);
  }
}
