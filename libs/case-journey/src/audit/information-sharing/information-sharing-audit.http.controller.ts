import { Controller, Get, Headers, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Roles } from '@windscreen/auth';
import { IsDateOrInstant, IsPosition } from '../../shared/http-dto';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import { SHARING_BASES, SHARING_DECISIONS } from '../../case/information-sharing/information-sharing.decide';
import { toCsv } from '../../shared/csv';
import { casesShown, LogsCaseListAccess } from '../access-log/access-log.interceptor';

export class InformationSharingAuditRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') caseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') familyId?: string;
  @ApiPropertyOptional({ description: 'An agency shared with' }) @IsOptional() @IsString() @MaxLength(200) agency?: string;
  @ApiPropertyOptional({ enum: SHARING_DECISIONS }) @IsOptional() @IsIn(SHARING_DECISIONS) decision?: string;
  @ApiPropertyOptional({ enum: SHARING_BASES }) @IsOptional() @IsIn(SHARING_BASES) basis?: string;
  @ApiPropertyOptional({ enum: ['given', 'refused', 'withdrawn', 'none'], description: 'Information-sharing consent in force when decided' })
  @IsOptional()
  @IsIn(['given', 'refused', 'withdrawn', 'none'])
  consentInForce?: string;
  @ApiPropertyOptional({ description: 'The id of who decided' }) @IsOptional() @IsString() @MaxLength(200) decidedBy?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOrInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOrInstant() to?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ description: 'The `next` value of the previous page' }) @IsOptional() @IsPosition() cursor?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: string;
  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has this position' }) @IsOptional() minPosition?: string;
}

interface DecisionRow {
  event_id: string;
  position: string;
  case_id: string;
  family_id: string | null;
  area: string | null;
  decided_at: Date;
  recorded_at: Date;
  decided_by: { id: string; name: string; role: string; agency: string; team: string };
  decision: string;
  basis: string;
  lawful_basis: string | null;
  judgement: string | null;
  consent_sought: boolean;
  consent_answer: string | null;
  consent_in_force: string | null;
  information: string;
  purpose: string;
  reasons: string;
  recipients: { agency: string; role?: string; name?: string }[];
  young_person_objection: { overridden: boolean; why: string } | null;
}

/** R19 for auditors: every decision to share or not, filterable, with totals; which ones shared without consent and why. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/information-sharing')
export class InformationSharingAuditHttpController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('auditor')
  @UseInterceptors(ReadYourWritesInterceptor)
  @LogsCaseListAccess('information-sharing-audit')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'Decisions newest first (cursor paging), with totals by decision, basis and agency over the whole filter' })
  async audit(
    @Query() query: InformationSharingAuditRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (query.caseId) where('case_id = ?', query.caseId);
    if (query.familyId) where('family_id = ?', query.familyId);
    if (query.agency) where('? = any(recipient_agencies)', query.agency);
    if (query.decision) where('decision = ?', query.decision);
    if (query.basis) where('basis = ?', query.basis);
    if (query.consentInForce) {
      if (query.consentInForce === 'none') conditions.push('consent_in_force is null');
      else where('consent_in_force = ?', query.consentInForce);
    }
    if (query.decidedBy) where('decided_by_id = ?', query.decidedBy);
    if (query.from) where('decided_at >= ?', query.from);
    if (query.to) where('decided_at <= ?', query.to);
    const filter = conditions.length ? `where ${conditions.join(' and ')}` : '';

    const csv = query.format === 'csv' || (!query.format && accept?.includes('text/csv'));
    const limit = csv ? 100000 : (query.limit ?? 100);
    const pageConditions = query.cursor ? [...conditions, `position < $${parameters.length + 1}`] : conditions;
    const pageParameters = query.cursor ? [...parameters, query.cursor] : parameters;
    const rows: DecisionRow[] = await this.dataSource.query(
      `select * from information_sharing_decisions ${pageConditions.length ? `where ${pageConditions.join(' and ')}` : ''}
        order by position desc limit ${limit + 1}`,
      pageParameters,
    );
    const page = rows.slice(0, limit);
    casesShown(response.request, page.map((row) => row.case_id));
    const decisions = page.map(toView);
    if (csv) {
      response.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="information-sharing-decisions.csv"');
      return toCsv(
        ['decided_at', 'recorded_at', 'case_id', 'decision', 'basis', 'lawful_basis', 'consent_in_force', 'consent_sought', 'consent_answer', 'shared_with', 'information', 'purpose', 'judgement', 'reasons', 'decided_by', 'agency'],
        decisions.map((d) => [
          d.decidedAt,
          d.recordedAt,
          d.caseId,
          d.decision,
          d.basis,
          d.lawfulBasis ?? '',
          d.consentInForce ?? 'none',
          String(d.consentSought),
          d.consentAnswer ?? '',
          d.recipients.map((r) => [r.agency, r.role, r.name].filter(Boolean).join(' / ')).join('; '),
          d.information,
          d.purpose,
          d.judgement ?? '',
          d.reasons,
          d.decidedBy.name,
          d.decidedBy.agency,
        ]),
      );
    }
    const countBy = (column: 'decision' | 'basis'): Promise<{ key: string; n: number }[]> =>
      this.dataSource.query(`select ${column} as key, count(*)::int as n from information_sharing_decisions ${filter} group by ${column}`, parameters);
    const [byDecision, byBasis] = await Promise.all([countBy('decision'), countBy('basis')]);
    const byAgency: { agency: string; n: number }[] = await this.dataSource.query(
      `select agency, count(*)::int as n from information_sharing_decisions, unnest(recipient_agencies) as agency ${filter} group by agency order by n desc, agency`,
      parameters,
    );
    return {
      totals: {
        decisions: byDecision.reduce((sum, row) => sum + row.n, 0),
        byDecision: Object.fromEntries(byDecision.map((row) => [row.key, row.n])),
        byBasis: Object.fromEntries(byBasis.map((row) => [row.key, row.n])),
        byAgency: Object.fromEntries(byAgency.map((row) => [row.agency, row.n])),
      },
      decisions,
      next: rows.length > limit ? page[page.length - 1].position : null,
    };
  }
}

function toView(row: DecisionRow) {
  return {
    eventId: row.event_id,
    caseId: row.case_id,
    familyId: row.family_id,
    area: row.area,
    decidedAt: row.decided_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    decidedBy: row.decided_by,
    decision: row.decision,
    basis: row.basis,
    /** At a glance: shared without consent, and on what. */
    sharedWithoutConsent: row.decision === 'share' && row.basis === 'without_consent',
    lawfulBasis: row.lawful_basis,
    judgement: row.judgement,
    consentSought: row.consent_sought,
    consentAnswer: row.consent_answer,
    consentInForce: row.consent_in_force,
    information: row.information,
    purpose: row.purpose,
    reasons: row.reasons,
    recipients: row.recipients,
    youngPersonObjection: row.young_person_objection,
  };
}
