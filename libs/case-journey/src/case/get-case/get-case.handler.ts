import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFound } from '../../domain/domain-error';
import { CaseSummaryRow } from './case-summary.entity';
import { CaseSummaryView, GetCaseQuery } from './get-case.query';

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery, CaseSummaryView> {
  constructor(@InjectRepository(CaseSummaryRow) private readonly rows: Repository<CaseSummaryRow>) {}

  async execute({ caseId }: GetCaseQuery): Promise<CaseSummaryView> {
    const row = await this.rows.findOneBy({ caseId });
    if (!row) throw new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
    return {
      caseId: row.caseId,
      familyId: row.familyId,
      area: row.area,
      status: row.status,
      level: row.level,
      levelSince: row.levelSince?.toISOString() ?? null,
      levelSetBy: row.levelSetBy,
      child: row.child as unknown as Record<string, unknown>,
      openedAt: row.openedAt.toISOString(),
      revision: row.revision,
      position: row.position,
    };
  }
}
