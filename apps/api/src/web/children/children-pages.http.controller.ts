import { Controller, Get, Header, Param, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { CASE_READING_ROLES, Public, Roles } from '@windscreen/auth';
import {
  casesShown,
  LogsCaseListAccess,
} from '../../../../../libs/case-journey/src/audit/access-log/access-log.interceptor';
import {
  FindChildrenQuery,
  FindLikelyMatchesQuery,
  GetChildQuery,
} from '../../../../../libs/case-journey/src/child/find-children/find-children.query';
import { uuidParam } from '../../../../../libs/case-journey/src/shared/case-id.pipe';
import { frameOf, PageRequest, Pages } from '../pages';
import { WebErrorFilter } from '../session/web-error.filter';
import { WebSessionGuard } from '../session/web-session.guard';
import { WEB_PATH } from '../web-paths';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Children as people on the pages: find a child by name, date of birth or LA child id, and, before
 * a new contact is recorded, the children it is likely about (R42). Under need-to-know, each look
 * logged, as the API's own routes.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSessionGuard)
@UseFilters(WebErrorFilter)
@Controller(`${WEB_PATH}/children`)
export class ChildrenPagesHttpController {
  constructor(
    private readonly pages: Pages,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Roles(...CASE_READING_ROLES)
  @LogsCaseListAccess('children')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async find(
    @Req() request: PageRequest,
    @Query('name') name: string | undefined,
    @Query('dateOfBirth') dateOfBirth: string | undefined,
    @Query('laChildId') laChildId: string | undefined,
  ): Promise<string> {
    const wanted = {
      name: name?.trim() ?? '',
      dateOfBirth: dateOfBirth?.trim() ?? '',
      laChildId: laChildId?.trim() ?? '',
    };
    const errors =
      wanted.dateOfBirth && !DATE.test(wanted.dateOfBirth)
        ? [{ text: 'Enter the date of birth as YYYY-MM-DD, like 2015-04-02', href: '#dateOfBirth' }]
        : [];
    const searched = Boolean(wanted.name || wanted.dateOfBirth || wanted.laChildId) && errors.length === 0;
    const found = searched
      ? await this.queryBus.execute(
          new FindChildrenQuery(request.actor!, {
            name: wanted.name || undefined,
            dateOfBirth: wanted.dateOfBirth || undefined,
            laChildId: wanted.laChildId || undefined,
          }),
        )
      : { children: [] };
    casesShown(
      request,
      found.children.flatMap((child) => child.caseIds),
    );
    return this.pages.render('children', frameOf(request, 'find'), {
      title: 'Find a child by name',
      wanted,
      errors,
      searched,
      children: found.children,
    });
  }

  /** R42: before a contact is recorded, the children it is likely about, to open the contact on one of them instead. */
  @Get('likely-matches')
  @Roles(...CASE_READING_ROLES)
  @LogsCaseListAccess('child-matches')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async likelyMatches(
    @Req() request: PageRequest,
    @Query('givenName') givenName: string | undefined,
    @Query('familyName') familyName: string | undefined,
    @Query('born') born: string | undefined,
  ): Promise<string> {
    const wanted = {
      givenName: givenName?.trim() ?? '',
      familyName: familyName?.trim() ?? '',
      born: born?.trim() ?? '',
    };
    const errors = [
      ...(wanted.givenName ? [] : [{ text: 'Enter the child’s given name', href: '#givenName' }]),
      ...(wanted.familyName ? [] : [{ text: 'Enter the child’s family name', href: '#familyName' }]),
      ...(DATE.test(wanted.born)
        ? []
        : [{ text: 'Enter the date of birth (or expected date of birth) as YYYY-MM-DD', href: '#born' }]),
    ];
    const checked = Object.values(wanted).some(Boolean) && errors.length === 0;
    const matches = checked
      ? await this.queryBus.execute(
          new FindLikelyMatchesQuery(request.actor!, {
            givenName: wanted.givenName,
            familyName: wanted.familyName,
            dateOfBirth: wanted.born,
            expectedDateOfBirth: wanted.born,
          }),
        )
      : { likelyMatches: [], likelyMatchesNotShown: 0 };
    casesShown(
      request,
      matches.likelyMatches.flatMap((match) => match.caseIds),
    );
    return this.pages.render('likely-matches', frameOf(request, 'new-contact'), {
      title: 'Is this child already known?',
      wanted,
      errors: Object.values(wanted).some(Boolean) ? errors : [],
      checked,
      ...matches,
    });
  }

  @Get(':childId')
  @Roles(...CASE_READING_ROLES)
  @LogsCaseListAccess('child')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async child(@Req() request: PageRequest, @Param('childId', uuidParam('childId')) childId: string): Promise<string> {
    const child = await this.queryBus.execute(new GetChildQuery(request.actor!, childId));
    casesShown(
      request,
      child.cases.map((entry) => entry.caseId),
    );
    return this.pages.render('child', frameOf(request, 'find'), {
      title: `${child.givenName} ${child.familyName}`,
      child,
    });
  }
}
