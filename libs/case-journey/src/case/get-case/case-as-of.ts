import type { PointInTime, Replay } from '../replay/case-replay';
import type { CaseState } from '../case.state';

export interface CaseAsOfView {
  caseId: string;
  asOf: string | null;
  asOccurredBy: string | null;
  /** How many events the view was rebuilt from, and the last of them. */
  eventsApplied: number;
  lastEvent: { id: string; type: string; occurredAt: string; recordedAt: string };
  familyId: string | null;
  area: string | null;
  status: CaseState['status'];
  level: string | null;
  levelSince: string | null;
  levelSetBy: CaseState['levelSetBy'];
  child: CaseState['child'];
  consents: CaseState['consents'];
  bragRating: CaseState['bragRating'];
  openEpisodes: string[];
  openEscalations: string[];
}

/** The case at a moment, rebuilt from its events (not from the current read model). */
export function caseAsOf(caseId: string, at: PointInTime, { events, state }: Replay): CaseAsOfView {
  const last = events[events.length - 1];
  const openEpisodes = [
    state.section47Open && 'section_47_enquiry',
    state.section17 && 'section_17_assessment',
    state.childInNeedPlanSince && 'child_in_need_plan',
    state.childProtectionPlan && 'child_protection_plan',
    state.section20Since && 'section_20_accommodation',
    state.careOrder && state.careOrder.step !== 'refused' && state.careOrder.step !== 'discharged' && `care_order_${state.careOrder.step}`,
  ].filter((episode): episode is string => Boolean(episode));
  return {
    caseId,
    asOf: at.asOf ?? null,
    asOccurredBy: at.asOccurredBy ?? null,
    eventsApplied: events.length,
    lastEvent: { id: last.id, type: last.type, occurredAt: last.metadata.occurredAt, recordedAt: last.metadata.recordedAt },
    familyId: state.familyId,
    area: state.area,
    status: state.status,
    level: state.level,
    levelSince: state.levelSince,
    levelSetBy: state.levelSetBy,
    child: state.child,
    consents: state.consents,
    bragRating: state.bragRating,
    openEpisodes,
    openEscalations: Object.entries(state.escalations)
      .filter(([, escalation]) => escalation.status === 'open')
      .map(([id]) => id),
  };
}
