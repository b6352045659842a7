import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { namedStatement, PG_POOL } from '@windscreen/database';
import type { Actor } from '@windscreen/identity';
import { NotFound } from '../../domain/domain-error';
import { waysIn } from '../../domain/need-to-know';
import { DecisionRunner } from '../../shared/decision-runner';
import { CaseReplay } from '../replay/case-replay';
import { CommandAccess } from './command-access';

/** Need-to-know on reads, as SQL over the read models and, when they lag, on the case's own events (the rule: domain/need-to-know.ts). */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly replay: CaseReplay,
    private readonly commands: CommandAccess,
    private readonly decisions: DecisionRunner,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /**
   * The ways in to a case, one SQL condition over `case_summaries c` each (null: sees everything;
   * none: sees nothing). Their parameters are appended to `params`. The families a worker is a
   * professional of are looked up through their index rather than joined row by row.
   */
  private static waysIn(actor: Actor, params: unknown[]): string[] | null {
    const ways = waysIn(actor);
    if (ways === null) return null;
    const conditions: string[] = [];
    if (ways.team !== null) {
      params.push(ways.team);
      conditions.push(`c.team = $${params.length}`);
    }
    if (ways.userId !== null) {
      params.push(ways.userId);
      conditions.push(
        `c.allocated_worker_id = $${params.length}`,
        `c.family_id in (select pf.family_id from family_summaries pf where pf.professional_user_ids @> array[$${params.length}]::text[])`,
      );
    }
    return conditions;
  }

  /** The rule as one SQL condition over `case_summaries c` (null: sees everything). */
  static visibleTo(actor: Actor, params: unknown[]): string | null {
    const conditions = CaseAccess.waysIn(actor, params);
    if (conditions === null) return null;
    return conditions.length ? `(${conditions.join(' or ')})` : 'false';
  }

  /**
   * The rule as a set: `select case_id, family_id` of every case the actor may see (null: sees
   * everything). Each way in is looked up through its own covering index and the parts are
   * appended, not merged: for a whole team that is several times cheaper than testing every case,
   * and `in (...)` does not mind a case listed twice.
   */
  static visibleCases(actor: Actor, params: unknown[]): string | null {
    const conditions = CaseAccess.waysIn(actor, params);
    if (conditions === null) return null;
    if (conditions.length === 0) return 'select null::uuid as case_id, null::uuid as family_id where false';
    return conditions
      .map((condition) => `select c.case_id, c.family_id from case_summaries c where ${condition}`)
      .join(' union all ');
  }

  /** Throws NotFound unless the actor may see the case. */
  async assertCanRead(actor: Actor, caseId: string): Promise<void> {
    const params: unknown[] = [caseId];
    const condition = CaseAccess.visibleTo(actor, params);
    const text = `select ${condition ?? 'true'} as visible from case_summaries c where c.case_id = $1`;
    // A named statement per shape of the rule (a handful: by team, by worker, both, everything), planned once per connection.
    const { rows } = await this.pool.query<{ visible: boolean }>(namedStatement('case_access', text, params));
    if (rows.length === 0) return this.assertCanReadFromEvents(actor, caseId);
    if (!rows[0].visible) throw notFound(caseId);
  }

  /** A case the read model has not caught up with yet: decided on its own events, as a command on it is. */
  private async assertCanReadFromEvents(actor: Actor, caseId: string): Promise<void> {
    if (waysIn(actor) === null) return;
    const { state } = await this.replay.replay(caseId);
    await this.commands.assertMayKnowCase(actor, state, this.decisions);
  }
}

const notFound = (caseId: string) => new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
