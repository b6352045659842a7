import type { PointInTime, Replay } from '../replay/case-replay';
import type { CaseState } from '../case.state';
import {
  caseEpisodesOf,
  consentsOf,
  ConsentInForce,
  OpenEpisode,
  OpenEscalation,
  openEscalationsOf,
} from './case-summary';

export interface CaseAsOfView {
  caseId: string;
  asOf: string | null;
  asOccurredBy: string | null;
  /** How many events the view was rebuilt from, and the last of them. */
  eventsApplied: number;
  lastEvent: { id: string; type: string; occurredAt: string; recordedAt: string };
  familyId: string | null;
  area: string | null;
  team: string | null;
  allocatedWorker: CaseState['allocatedWorker'];
  status: CaseState['status'];
  level: string | null;
  levelSince: string | null;
  levelSetBy: CaseState['levelSetBy'];
  child: CaseState['child'];
  consents: Record<string, ConsentInForce>;
  bragRating: CaseState['bragRating'];
  /** The case's own episodes; the family's early help is in the family's history. */
  openEpisodes: OpenEpisode[];
  openEscalations: OpenEscalation[];
}

/** The case at a moment, rebuilt from its events (not from the current read model). */
export function caseAsOf(caseId: string, at: PointInTime, { events, state }: Replay): CaseAsOfView {
  const last = events[events.length - 1];
  return {
    caseId,
    asOf: at.asOf ?? null,
    asOccurredBy: at.asOccurredBy ?? null,
    eventsApplied: events.length,
    lastEvent: {
      id: last.id,
      type: last.type,
      occurredAt: last.metadata.occurredAt,
      recordedAt: last.metadata.recordedAt,
    },
    familyId: state.familyId,
    area: state.area,
    team: state.team,
    allocatedWorker: state.allocatedWorker,
    status: state.status,
    level: state.level,
    levelSince: state.levelSince,
    levelSetBy: state.levelSetBy,
    child: state.child,
    consents: consentsOf(state),
    bragRating: state.bragRating,
    openEpisodes: caseEpisodesOf(state),
    openEscalations: openEscalationsOf(state),
  };
}
