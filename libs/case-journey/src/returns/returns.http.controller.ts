import { PassThrough, Writable } from 'node:stream';
import { Controller, ForbiddenException, Get, Query, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '@windscreen/auth';
import { EventStore } from '@windscreen/event-store';
import { RequestValidationError } from '@windscreen/http';
import type { Actor } from '@windscreen/identity';
import { waysIn } from '../domain/need-to-know';
import type { CensusReport } from './census-export';
import { LogNotYetReadable, readReturnsRecord } from './returns-log-reader';
import type { ReturnsRecord } from './returns-record';
import { writeAnnexA, writeCinCensus } from './write-returns';
import { AnnexARequestDto, CinCensusRequestDto } from './returns.request.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The statutory returns, computed from the event log as known at `asOf`: the DfE's Children in
 * Need census and Ofsted's Annex A lists. A return covers every child of the authority, so only
 * those who may know every case ask for it: auditors and managers with the all-teams claim.
 */
@ApiTags('returns')
@ApiBearerAuth()
@Controller('returns')
export class ReturnsHttpController {
  constructor(private readonly store: EventStore) {}

  @Get('cin-census')
  @Roles('manager', 'auditor')
  @ApiOperation({
    summary: 'The CIN census XML of a collection year (CIN_schema_2024.xsd)',
    description:
      'Every child in need at any point of 1 April - 31 March, one CINdetails per referral episode, as the record was known at `asOf`. Streamed as it is written.',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The census XML' })
  @ApiBadRequestResponse({ description: 'year, asOf or area not valid: the problem names the field' })
  @ApiForbiddenResponse({ description: 'Not a manager or auditor, or a manager without the all-teams claim' })
  async cinCensus(
    @Query() query: CinCensusRequestDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    mayMakeReturns(actor);
    const asOf = query.asOf ?? new Date().toISOString();
    const record = await this.recordAsOf(asOf);
    const body = new PassThrough();
    reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="cin-census-${query.year}${query.area ? `-${query.area}` : ''}.xml"`,
      )
      .send(body);
    await writeCinCensus(record, { year: query.year, asOf, area: query.area }, body);
    body.end();
  }

  @Get('cin-census/report')
  @Roles('manager', 'auditor')
  @ApiOperation({
    summary:
      'Beside the census: who is in it, who is left out and why, what is incomplete, and the DfE validation rules it breaks',
    description:
      'The same census as `GET /returns/cin-census` with the same query, described: counts, `leftOut`, `incomplete` (field and why) and `validation` (rule code, message, child, field).',
  })
  @ApiOkResponse({ description: 'The census report' })
  @ApiForbiddenResponse({ description: 'Not a manager or auditor, or a manager without the all-teams claim' })
  async cinCensusReport(@Query() query: CinCensusRequestDto, @CurrentActor() actor: Actor): Promise<CensusReport> {
    mayMakeReturns(actor);
    // The census itself is not kept: only what is said about it.
    const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
    const asOf = query.asOf ?? new Date().toISOString();
    return writeCinCensus(await this.recordAsOf(asOf), { year: query.year, asOf, area: query.area }, discard);
  }

  @Get('annex-a')
  @Roles('manager', 'auditor')
  @ApiOperation({
    summary: "Ofsted's Annex A lists 1-7 for an inspection period",
    description:
      'An Excel workbook, one sheet per list with the published headers in order; or one list as CSV (`?list=3&format=csv`). Lists 1-2 from contacts and early help, 3-7 from the social-care episodes.',
  })
  @ApiProduces(XLSX, 'text/csv')
  @ApiOkResponse({ description: 'The workbook, or one list as CSV' })
  @ApiBadRequestResponse({ description: 'from, to, list, format or asOf not valid: the problem names the field' })
  @ApiForbiddenResponse({ description: 'Not a manager or auditor, or a manager without the all-teams claim' })
  async annexA(
    @Query() query: AnnexARequestDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    mayMakeReturns(actor);
    if (query.to < query.from)
      throw new RequestValidationError([{ field: 'to', reasons: ['to must not be before from'] }]);
    if (query.format === 'csv' && query.list === undefined)
      throw new RequestValidationError([{ field: 'list', reasons: ['a CSV is one list: give list (1-7)'] }]);
    const format = query.format ?? 'xlsx';
    const record = await this.recordAsOf(query.asOf ?? new Date().toISOString());
    const name = `annex-a-${query.from}-to-${query.to}${query.area ? `-${query.area}` : ''}${format === 'csv' ? `-list-${query.list}.csv` : '.xlsx'}`;
    const body = new PassThrough();
    reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(body);
    await writeAnnexA(record, { from: query.from, to: query.to, area: query.area, list: query.list, format }, body);
    body.end();
  }

  /** The record as known at `asOf`; a 503 (try again) while a write that began before the request is still committing. */
  private async recordAsOf(asOf: string): Promise<ReturnsRecord> {
    try {
      return await readReturnsRecord(this.store, asOf);
    } catch (error) {
      if (error instanceof LogNotYetReadable) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}

/** Need-to-know: a return names every child, so it is for those who may know every case. */
function mayMakeReturns(actor: Actor): void {
  if (waysIn(actor) !== null) {
    throw new ForbiddenException(
      'A statutory return covers every child of the authority: it is for auditors and managers with the all-teams claim',
    );
  }
}
