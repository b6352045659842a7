import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@windscreen/event-store';
import type { Projection } from '@windscreen/projections';
import type { CaseEvent } from '../case.events';
import { CaseSummaryRow } from './case-summary.entity';

@Injectable()
export class CaseSummaryProjection implements Projection {
  readonly name = 'case_summaries';
  readonly tables = ['case_summaries'];

  async apply(events: RecordedEvent[], manager: EntityManager): Promise<void> {
    const rows = manager.getRepository(CaseSummaryRow);
    for (const recorded of events) {
      if (!recorded.streamId.startsWith('case-')) continue;
      const event = recorded as unknown as RecordedEvent & CaseEvent;
      const tracking = { revision: recorded.revision.toString(), position: recorded.position.toString() };
      switch (event.type) {
        case 'CaseOpened':
          await rows.insert({
            caseId: event.data.caseId,
            familyId: event.data.familyId,
            area: event.data.area,
            status: 'open',
            level: null,
            levelSince: null,
            levelSetBy: null,
            child: event.data.child,
            openedAt: new Date(recorded.metadata.occurredAt),
            ...tracking,
          });
          break;
        case 'LevelOfNeedAssessed':
        case 'SteppedUp':
        case 'SteppedDown': {
          const { id, name, role } = recorded.metadata.actor;
          await rows.update(
            { caseId: caseIdOf(recorded) },
            {
              level: event.type === 'LevelOfNeedAssessed' ? event.data.level : event.data.to,
              levelSince: new Date(recorded.metadata.occurredAt),
              levelSetBy: { id, name, role },
              ...tracking,
            },
          );
          break;
        }
        case 'EntryCorrected':
          // R22: the summary shows the corrected child details; the history keeps the original.
          if (event.data.correctsType === 'CaseOpened') {
            const row = await rows.findOneByOrFail({ caseId: caseIdOf(recorded) });
            const corrected = event.data.correctedValues as { child?: object; area?: string };
            await rows.update(
              { caseId: row.caseId },
              {
                ...(corrected.child && { child: { ...row.child, ...corrected.child } }),
                ...(corrected.area && { area: corrected.area }),
                ...tracking,
              },
            );
          }
          break;
        case 'CaseClosed':
        case 'CaseReopened':
          await rows.update({ caseId: caseIdOf(recorded) }, { status: event.type === 'CaseClosed' ? 'closed' : 'open', ...tracking });
          break;
      }
    }
  }
}

function caseIdOf(event: RecordedEvent): string {
  return event.streamId.slice('case-'.length);
}
