import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../domain/actor';
import { NotFound } from '../../domain/domain-error';
import { CaseReplay } from '../replay/case-replay';

/**
 * Need-to-know (000: records "will be accessed only by staff who need to see them in order to do
 * their jobs"):
 * - a case worker sees cases held by their team, allocated to them, or of a family where they are
 *   the lead professional or a TAF/TAC member;
 * - a manager sees their team's cases, or every case with the all-teams claim;
 * - an auditor sees every case, read-only; an admin sees none unless they hold another role.
 * A case the actor may not see is answered as not found, so its existence is not confirmed.
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replay: CaseReplay,
  ) {}

  /**
   * The ways in to a case, one SQL condition over `case_summaries c` each (null: sees everything;
   * none: sees nothing). Their parameters are appended to `params`. The families a worker is a
   * professional of are looked up through their index rather than joined row by row.
   */
  private static waysIn(actor: Actor, params: unknown[]): string[] | null {
    if (actor.roles.includes('auditor') || (actor.roles.includes('manager') && actor.allTeams)) return null;
    const conditions: string[] = [];
    if (actor.roles.includes('manager') || actor.roles.includes('case_worker')) {
      params.push(actor.team);
      conditions.push(`c.team = $${params.length}`);
    }
    if (actor.roles.includes('case_worker')) {
      params.push(actor.id);
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
    return conditions.map((condition) => `select c.case_id, c.family_id from case_summaries c where ${condition}`).join(' union all ');
  }

  /** Throws NotFound unless the actor may see the case. */
  async assertCanRead(actor: Actor, caseId: string): Promise<void> {
    const params: unknown[] = [caseId];
    const condition = CaseAccess.visibleTo(actor, params);
    const rows: { visible: boolean }[] = await this.dataSource.query(
      `select ${condition ?? 'true'} as visible from case_summaries c where c.case_id = $1`,
      params,
    );
    if (rows.length === 0) return this.assertCanReadFromEvents(actor, caseId);
    if (!rows[0].visible) throw notFound(caseId);
  }

  /** A case the read model has not caught up with yet: decide from its own events. */
  private async assertCanReadFromEvents(actor: Actor, caseId: string): Promise<void> {
    if (CaseAccess.visibleTo(actor, []) === null) return;
    const { state } = await this.replay.replay(caseId);
    const sameTeam = (actor.roles.includes('manager') || actor.roles.includes('case_worker')) && state.team === actor.team;
    const allocated = actor.roles.includes('case_worker') && state.allocatedWorker?.id === actor.id;
    if (!sameTeam && !allocated) throw notFound(caseId);
  }
}

const notFound = (caseId: string) => new NotFound('CASE.NOT_FOUND', `Case ${caseId} was not found`);
