import { Controller, Get, Param, Query, Req, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CASE_READING_ROLES, CurrentActor, Roles } from '@windscreen/auth';
import { ReadYourWritesInterceptor } from '@windscreen/projections';
import { casesShown, LogsCaseListAccess } from '../../audit/access-log/access-log.interceptor';
import type { Actor } from '@windscreen/identity';
import { uuidParam } from '../../shared/case-id.pipe';
import {
  ChildListEntry,
  ChildView,
  FindChildrenQuery,
  FindLikelyMatchesQuery,
  GetChildQuery,
  LikelyMatches,
} from './find-children.query';
import { FindChildrenRequestDto, LikelyMatchesRequestDto } from './find-children.request.dto';

/** Children as people: found under need-to-know (a child is known through one of its cases), every look logged. */
@ApiTags('children')
@ApiBearerAuth()
@Controller('children')
export class FindChildrenHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...CASE_READING_ROLES)
  @UseInterceptors(ReadYourWritesInterceptor)
  @LogsCaseListAccess('children')
  @ApiOkResponse({
    description:
      'The children the caller may know (through one of their cases), by name, date of birth or LA child id; at most 50, by name',
  })
  async find(
    @Query() filters: FindChildrenRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: object,
  ): Promise<{ children: ChildListEntry[] }> {
    const { name, dateOfBirth, laChildId } = filters;
    const found = await this.queryBus.execute(new FindChildrenQuery(actor, { name, dateOfBirth, laChildId }));
    casesShown(
      request,
      found.children.flatMap((child) => child.caseIds),
    );
    return found;
  }

  @Get('matches')
  @Roles(...CASE_READING_ROLES)
  @UseInterceptors(ReadYourWritesInterceptor)
  @LogsCaseListAccess('child-matches')
  @ApiOkResponse({
    description:
      'R42: before a contact is recorded, the children likely to be this one; those the caller may not know are counted, not named',
  })
  async matches(
    @Query() query: LikelyMatchesRequestDto,
    @CurrentActor() actor: Actor,
    @Req() request: object,
  ): Promise<LikelyMatches> {
    const { givenName, familyName, born } = query;
    const found = await this.queryBus.execute(
      new FindLikelyMatchesQuery(actor, { givenName, familyName, dateOfBirth: born, expectedDateOfBirth: born }),
    );
    casesShown(
      request,
      found.likelyMatches.flatMap((match) => match.caseIds),
    );
    return found;
  }

  @Get(':childId')
  @Roles(...CASE_READING_ROLES)
  @UseInterceptors(ReadYourWritesInterceptor)
  @LogsCaseListAccess('child')
  @ApiOkResponse({
    description: 'The child: details, LA child id, family, parents and carers, and the cases the caller may see',
  })
  @ApiNotFoundResponse({ description: 'No such child, or not one the caller may know' })
  async get(
    @Param('childId', uuidParam('childId')) childId: string,
    @CurrentActor() actor: Actor,
    @Req() request: object,
  ): Promise<ChildView> {
    const child = await this.queryBus.execute(new GetChildQuery(actor, childId));
    casesShown(
      request,
      child.cases.map((entry) => entry.caseId),
    );
    return child;
  }
}
