import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Pool } from 'pg';
import { Roles } from '@windscreen/auth';
import { IsDateOrInstant } from '../../shared/http-dto';
import { PG_POOL } from '@windscreen/database';

export class AccessLogRequestDto {
  @ApiProperty() @IsUUID('all', { message: 'caseId must be a uuid' }) caseId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOrInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOrInstant() to?: string;
  @ApiPropertyOptional({ default: 500, maximum: 5000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000) limit?: number;
}

export interface AccessLogEntry {
  accessedAt: string;
  actor: { id: string; name: string; role: string; agency: string; team: string };
  caseId: string;
  view: string;
  /** For a list read (caseload, what is due, an audit): how many cases it showed, this one among them. */
  casesShown?: number;
  query: string | null;
  correlationId: string | null;
}

interface AccessRow {
  accessed_at: Date;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  actor_agency: string;
  actor_team: string;
  cases_shown: number | null;
  view: string;
  query: string | null;
  correlation_id: string | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/access')
export class GetAccessLogHttpController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @Roles('auditor')
  @ApiOkResponse({ description: 'Who looked at the case, when, in which role and which view (lists that showed it among others included); newest first' })
  async accessLog(@Query() query: AccessLogRequestDto): Promise<{ entries: AccessLogEntry[] }> {
    const { rows } = await this.pool.query<AccessRow>(
      `select accessed_at, actor_id, actor_name, actor_role, actor_agency, actor_team, view, query, correlation_id, cardinality(case_ids) as cases_shown from access_log
        where (case_id = $1 or case_ids @> array[$1]::uuid[]) and ($2::text is null or actor_id = $2)
          and ($3::timestamptz is null or accessed_at >= $3) and ($4::timestamptz is null or accessed_at <= $4)
        order by accessed_at desc, id desc limit $5`,
      [query.caseId, query.actorId ?? null, query.from ?? null, query.to ?? null, query.limit ?? 500],
    );
    return {
      entries: rows.map((row) => ({
        accessedAt: row.accessed_at.toISOString(),
        actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role, agency: row.actor_agency, team: row.actor_team },
        caseId: query.caseId,
        view: row.view,
        ...(row.cases_shown !== null && { casesShown: row.cases_shown }),
        query: row.query,
        correlationId: row.correlation_id,
      })),
    };
  }
}
