import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import type { CaseState } from '../case.state';
import { CaseReplay, PointInTime } from '../replay/case-replay';
import { buildChronology, ChronologyEntry } from './chronology';

export interface CaseChronology {
  entries: ChronologyEntry[];
  /** Whom it is about, for a printed chronology's title. */
  child: CaseState['child'];
}

/** The significant events of a case in the order they happened, as known or as true at a moment. */
export class GetChronologyQuery extends Query<CaseChronology> {
  constructor(
    readonly caseId: string,
    readonly at: PointInTime,
  ) {
    super();
  }
}

@QueryHandler(GetChronologyQuery)
export class GetChronologyHandler implements IQueryHandler<GetChronologyQuery, CaseChronology> {
  constructor(
    private readonly replay: CaseReplay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caseId, at }: GetChronologyQuery): Promise<CaseChronology> {
    const { events, state } = await this.replay.replay(caseId, at);
    return {
      entries: buildChronology(events, state.area, this.config.recordedLateAfterWorkingDays),
      child: state.child,
    };
  }
}
