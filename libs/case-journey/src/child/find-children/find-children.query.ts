import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { namedStatement, PG_POOL } from '@windscreen/database';
import { DataSource } from 'typeorm';
import { CaseAccess } from '../../case/access/case-access';
import type { Actor } from '@windscreen/identity';
import { NotFound } from '../../domain/domain-error';
import type { ChildState, ParentOrCarer } from '../child.decider';
import type { ChildDetails } from '../child.decider';
import { likelyMatches, LikelyMatch, normalizeName } from '../child-matching';

/** A child in a list: enough to tell children apart. */
export interface ChildListEntry {
  childId: string;
  laChildId: string;
  familyId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  dateOfDeath: string | null;
  /** The child's case that is open now, if the caller may see it (R40: at most one). */
  openCaseId: string | null;
  /** The child's cases the caller may see, oldest first. */
  caseIds: string[];
}

export interface ChildCaseEntry {
  caseId: string;
  status: string;
  level: string | null;
  team: string;
  openedAt: string;
  closedAt: string | null;
}

export interface ChildView extends Omit<ChildListEntry, 'openCaseId' | 'caseIds'> {
  details: ChildDetails;
  parentsAndCarers: ParentOrCarer[];
  /** The child's cases the caller may see, oldest first. */
  cases: ChildCaseEntry[];
  /** How many of the child's cases the caller may not see (need-to-know): they are neither listed nor described. */
  casesNotShown: number;
}

export interface LikelyMatches {
  /** R42: children the caller may know who are likely this child, the closest first. */
  likelyMatches: (ChildListEntry & { reasons: LikelyMatch['reasons'] })[];
  /** Likely matches among children the caller may not know (need-to-know): counted, never named. */
  likelyMatchesNotShown: number;
}

const LIST_LIMIT = 50;

interface ChildRow {
  child_id: string;
  state: ChildState;
  open_case_id: string | null;
  case_ids: string[] | null;
}

/**
 * Need-to-know on children: a child is known through one of its cases (child_cases joined to the
 * case summaries the caller may see, the rule of CaseAccess.visibleTo).
 */
function visibleChild(actor: Actor, params: unknown[]): string {
  const visible = CaseAccess.visibleTo(actor, params);
  return `exists (select 1 from child_cases cc join case_summaries c on c.case_id = cc.case_id where cc.child_id = ch.child_id${visible ? ` and ${visible}` : ''})`;
}

/** The child's cases the caller may see, and the open one among them. */
function caseColumns(actor: Actor, params: unknown[]): string {
  const visible = CaseAccess.visibleTo(actor, params);
  return `(select array_agg(c.case_id order by c.opened_at, c.case_id) from child_cases cc join case_summaries c on c.case_id = cc.case_id
            where cc.child_id = ch.child_id${visible ? ` and ${visible}` : ''}) as case_ids,
          (select c.case_id from child_cases cc join case_summaries c on c.case_id = cc.case_id
            where cc.child_id = ch.child_id and c.status = 'open'${visible ? ` and ${visible}` : ''} order by c.opened_at desc limit 1) as open_case_id`;
}

function listEntry(row: ChildRow): ChildListEntry {
  const { state } = row;
  const details = state.details!;
  return {
    childId: state.childId!,
    laChildId: state.laChildId!,
    familyId: state.familyId!,
    givenName: details.givenName,
    familyName: details.familyName,
    dateOfBirth: details.dateOfBirth ?? null,
    expectedDateOfBirth: details.expectedDateOfBirth ?? null,
    dateOfDeath: state.dateOfDeath,
    openCaseId: row.open_case_id,
    caseIds: row.case_ids ?? [],
  };
}

export class FindChildrenQuery extends Query<{ children: ChildListEntry[] }> {
  constructor(
    readonly actor: Actor,
    readonly filters: { name?: string; dateOfBirth?: string; laChildId?: string },
  ) {
    super();
  }
}

/** Children the caller may know, by name (every word, tolerantly), date of birth and LA child id. */
@QueryHandler(FindChildrenQuery)
export class FindChildrenHandler implements IQueryHandler<FindChildrenQuery, { children: ChildListEntry[] }> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ actor, filters }: FindChildrenQuery): Promise<{ children: ChildListEntry[] }> {
    const params: unknown[] = [];
    const conditions = [visibleChild(actor, params)];
    const where = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filters.laChildId) where('ch.la_child_id = ?', filters.laChildId);
    if (filters.dateOfBirth)
      where('(ch.date_of_birth = ?::date or ch.expected_date_of_birth = ?::date)', filters.dateOfBirth);
    for (const word of normalizeName(filters.name ?? '')
      .split(' ')
      .filter(Boolean)) {
      where(`ch.name_key like ?`, `%${word.replace(/[\\%_]/g, (special) => `\\${special}`)}%`);
    }
    const rows: ChildRow[] = await this.dataSource.query(
      `select ch.child_id, ch.state, ${caseColumns(actor, params)}
         from children ch where ${conditions.join(' and ')}
        order by ch.name_key, ch.child_id limit ${LIST_LIMIT}`,
      params,
    );
    return { children: rows.map(listEntry) };
  }
}

export class GetChildQuery extends Query<ChildView> {
  constructor(
    readonly actor: Actor,
    readonly childId: string,
  ) {
    super();
  }
}

/** One child, with the family, parents and carers, and the cases the caller may see; not found unless the caller may know the child. */
@QueryHandler(GetChildQuery)
export class GetChildHandler implements IQueryHandler<GetChildQuery, ChildView> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ actor, childId }: GetChildQuery): Promise<ChildView> {
    const params: unknown[] = [childId];
    const rows: ChildRow[] = await this.dataSource.query(
      `select ch.child_id, ch.state, null as open_case_id, null as case_ids from children ch where ch.child_id = $1 and ${visibleChild(actor, params)}`,
      params,
    );
    if (rows.length === 0) throw new NotFound('CHILD.NOT_FOUND', `Child ${childId} was not found`);
    const caseParams: unknown[] = [childId];
    const visible = CaseAccess.visibleTo(actor, caseParams);
    const cases: (ChildCaseEntry & { shown: boolean })[] = await this.dataSource.query(
      `select c.case_id as "caseId", c.status, c.level, c.team, c.opened_at as "openedAt", c.closed_at as "closedAt", ${visible ?? 'true'} as shown
         from child_cases cc join case_summaries c on c.case_id = cc.case_id
        where cc.child_id = $1 order by c.opened_at, c.case_id`,
      caseParams,
    );
    const { openCaseId: _open, caseIds: _ids, ...entry } = listEntry(rows[0]);
    const shown = cases
      .filter((row) => row.shown)
      .map(({ shown: _shown, ...row }) => ({
        ...row,
        openedAt: iso(row.openedAt),
        closedAt: row.closedAt && iso(row.closedAt),
      }));
    return {
      ...entry,
      details: rows[0].state.details!,
      parentsAndCarers: rows[0].state.parentsAndCarers,
      cases: shown,
      casesNotShown: cases.length - shown.length,
    };
  }
}

const iso = (value: string | Date) => (value instanceof Date ? value.toISOString() : value);

export class FindLikelyMatchesQuery extends Query<LikelyMatches> {
  constructor(
    readonly actor: Actor,
    readonly child: Pick<ChildDetails, 'givenName' | 'familyName' | 'dateOfBirth' | 'expectedDateOfBirth'>,
    /** The child the contact was just recorded about, which is not its own match. */
    readonly exceptChildId?: string,
  ) {
    super();
  }
}

/**
 * R42: the children likely to be this one (same date of birth, similar names), looked for among
 * every child, in the family or outside it. Those the caller may know are named; the others are
 * counted only, so that the worker knows to ask the MASH (or a manager who sees every team) before
 * a duplicate is made, and learns nothing else about them.
 */
@QueryHandler(FindLikelyMatchesQuery)
export class FindLikelyMatchesHandler implements IQueryHandler<FindLikelyMatchesQuery, LikelyMatches> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ actor, child, exceptChildId }: FindLikelyMatchesQuery): Promise<LikelyMatches> {
    const born = child.dateOfBirth ?? child.expectedDateOfBirth;
    if (!born) return { likelyMatches: [], likelyMatchesNotShown: 0 };
    const params: unknown[] = [born, exceptChildId ?? null];
    const text = `select ch.child_id, ch.state, ${visibleChild(actor, params)} as visible, ${caseColumns(actor, params)}
         from children ch
        where (ch.date_of_birth = $1::date or ch.expected_date_of_birth = $1::date) and ($2::uuid is null or ch.child_id <> $2::uuid)`;
    // Asked with every new child's contact: planned once per connection and shape of the rule, not
    // each time (planning cost ten times the query's run).
    const { rows } = await this.pool.query<ChildRow & { visible: boolean }>(
      namedStatement('likely_matches', text, params),
    );
    const byId = new Map(rows.map((row) => [row.child_id, row]));
    const matches = likelyMatches(
      child,
      rows.map((row) => ({ childId: row.child_id, details: row.state.details! })),
    );
    const shown = matches.filter((match) => byId.get(match.childId)!.visible);
    return {
      likelyMatches: shown.map((match) => ({ ...listEntry(byId.get(match.childId)!), reasons: match.reasons })),
      likelyMatchesNotShown: matches.length - shown.length,
    };
  }
}

export class LaChildIdInUseQuery extends Query<boolean> {
  constructor(readonly laChildId: string) {
    super();
  }
}

/**
 * R41: an LA child id given with a new child must not be another child's. It is the authority's
 * own reference, which the worker already holds, so saying it is taken tells them nothing new.
 * Looked up in the read model: two contacts giving one new id at the same moment are not caught.
 */
@QueryHandler(LaChildIdInUseQuery)
export class LaChildIdInUseHandler implements IQueryHandler<LaChildIdInUseQuery, boolean> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ laChildId }: LaChildIdInUseQuery): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`select 1 from children where la_child_id = $1 limit 1`, [
      laChildId,
    ]);
    return rows.length > 0;
  }
}
