import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CaseReplay, PointInTime } from '../replay/case-replay';
import { caseAsOf, CaseAsOfView } from './case-as-of';

/** The case as it stood at a moment, rebuilt from its own stream rather than the read model. */
export class GetCaseAsOfQuery extends Query<CaseAsOfView> {
  constructor(
    readonly caseId: string,
    readonly at: PointInTime,
  ) {
    super();
  }
}

@QueryHandler(GetCaseAsOfQuery)
export class GetCaseAsOfHandler implements IQueryHandler<GetCaseAsOfQuery, CaseAsOfView> {
  constructor(private readonly replay: CaseReplay) {}

  async execute({ caseId, at }: GetCaseAsOfQuery): Promise<CaseAsOfView> {
    return caseAsOf(caseId, at, await this.replay.replay(caseId, at));
  }
}
