import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@windscreen/event-store';
import { ColumnSpec, Projection, upsertRows, WrittenKeys } from '@windscreen/projections';
import type { SqlTransaction } from '@windscreen/database';
import { decode } from '../events/decode';
import { ChildState, evolveChild, initialChildState } from './child.decider';
import { normalizeName } from './child-matching';

const CHILD_COLUMNS: readonly ColumnSpec[] = [
  { name: 'child_id', type: 'uuid' },
  { name: 'la_child_id', type: 'text' },
  { name: 'family_id', type: 'uuid' },
  { name: 'name_key', type: 'text' },
  { name: 'date_of_birth', type: 'date' },
  { name: 'expected_date_of_birth', type: 'date' },
  { name: 'date_of_death', type: 'date' },
  { name: 'state', type: 'jsonb' },
  { name: 'position', type: 'bigint' },
];
const CHILD_CASE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'case_id', type: 'uuid' },
  { name: 'child_id', type: 'uuid' },
];

/**
 * Children as people (`children`, `child_cases`): each row keeps the state the child's stream folds
 * to with the aggregate's own `evolve`. A case opened before children had streams (CaseOpened v1,
 * upcast: its child is named by the case id) gives its child a row from the case, until the child
 * is registered from it (the registration then replaces it).
 */
@Injectable()
export class ChildrenProjection implements Projection {
  readonly name = 'children';
  readonly tables = ['children', 'child_cases'];
  // A batch looks children up by id only.
  readonly readIndexes = [
    'children_la_child_id_idx',
    'children_date_of_birth_idx',
    'children_expected_date_of_birth_idx',
    'children_family_idx',
    'child_cases_child_idx',
  ];

  async apply(events: RecordedEvent[], sql: SqlTransaction, written: WrittenKeys): Promise<void> {
    const decoded = events.map(decode).filter((event) => event !== undefined);
    const childIds = new Set<string>();
    for (const event of decoded) {
      if (event.kind === 'child') childIds.add(event.id);
      else if (
        event.kind === 'case' &&
        event.event.type === 'CaseOpened' &&
        event.event.data.childId === event.event.data.caseId
      )
        childIds.add(event.id);
    }
    if (childIds.size === 0) return;
    const children = await loadChildren(sql, written.mayBeStored('child', childIds));
    const touched = new Map<string, string>();
    // By case: a case linked twice in one batch (its v1 child, then that child registered) is one row.
    const links = new Map<string, Record<string, unknown>>();
    for (const { kind, id, event } of decoded) {
      if (kind === 'child') {
        children.set(id, evolveChild(children.get(id) ?? initialChildState(), event));
        touched.set(id, event.position.toString());
        if (event.type === 'CaseLinkedToChild')
          links.set(event.data.caseId, { case_id: event.data.caseId, child_id: id });
      } else if (
        kind === 'case' &&
        event.type === 'CaseOpened' &&
        event.data.childId === event.data.caseId &&
        !children.has(id)
      ) {
        const { caseId, laChildId, familyId, child } = event.data;
        children.set(id, {
          ...initialChildState(),
          exists: true,
          childId: caseId,
          laChildId,
          familyId,
          details: child,
          caseIds: [caseId],
        });
        touched.set(id, event.position.toString());
        links.set(caseId, { case_id: caseId, child_id: caseId });
      }
    }
    await upsertRows(
      sql,
      'children',
      'child_id',
      CHILD_COLUMNS,
      [...touched].map(([childId, position]) => childRow(children.get(childId)!, position)),
    );
    await upsertRows(sql, 'child_cases', 'case_id', CHILD_CASE_COLUMNS, [...links.values()]);
    written.record('child', touched.keys());
  }
}

function childRow(state: ChildState, position: string): Record<string, unknown> {
  const details = state.details!;
  return {
    child_id: state.childId,
    la_child_id: state.laChildId,
    family_id: state.familyId,
    name_key: normalizeName(`${details.givenName} ${details.familyName}`),
    date_of_birth: details.dateOfBirth ?? null,
    expected_date_of_birth: details.expectedDateOfBirth ?? null,
    date_of_death: state.dateOfDeath,
    state,
    position,
  };
}

async function loadChildren(sql: SqlTransaction, childIds: string[]): Promise<Map<string, ChildState>> {
  if (childIds.length === 0) return new Map();
  const { rows } = await sql.query<{ child_id: string; state: ChildState }>(
    `select child_id, state from children where child_id = any($1::uuid[])`,
    [childIds],
  );
  return new Map(rows.map((row) => [row.child_id, row.state]));
}
