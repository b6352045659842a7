import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LevelOfNeed } from '../../domain/levels-of-need';
import type { ChildDetails } from '../../child/child.decider';
import type { AllocatedWorker } from '../allocation/allocation.decide';
import type { ConsentInForce, OpenEpisode, OpenEscalation } from './case-summary';

/** Read model: what a case worker sees first. Written only by CaseSummaryProjection. */
@Entity('case_summaries')
export class CaseSummaryRow {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @Column('uuid', { name: 'family_id' }) familyId!: string;
  @Column('text') area!: string;
  @Column('text') team!: string;
  @Column('text') status!: 'open' | 'closed';
  @Column('text', { nullable: true }) level!: LevelOfNeed | null;
  @Column('timestamptz', { name: 'level_since', nullable: true }) levelSince!: Date | null;
  @Column('jsonb', { name: 'level_set_by', nullable: true }) levelSetBy!: {
    id: string;
    name: string;
    role: string;
  } | null;
  @Column('jsonb') child!: ChildDetails;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('jsonb', { name: 'allocated_worker', nullable: true }) allocatedWorker!: AllocatedWorker | null;
  @Column('text', { name: 'allocated_worker_id', nullable: true }) allocatedWorkerId!: string | null;
  @Column('jsonb', { name: 'open_episodes' }) openEpisodes!: OpenEpisode[];
  @Column('jsonb') consents!: Record<string, ConsentInForce>;
  @Column('jsonb', { name: 'open_escalations' }) openEscalations!: OpenEscalation[];
  @Column('timestamptz', { name: 'last_occurred_at', nullable: true }) lastOccurredAt!: Date | null;
  @Column('bigint') revision!: string;
  @Column('bigint') position!: string;
}
