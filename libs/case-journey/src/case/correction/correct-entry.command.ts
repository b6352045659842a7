import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@windscreen/event-store';
import { streamName } from '../../domain/stream-name';
import { caseAggregate } from '../../events/aggregates';
import { DecisionMessage } from '../../shared/decision-message';
import { DecisionResult, DecisionRunner, LoadedStream } from '../../shared/decision-runner';
import type { CaseState } from '../case.state';
import type { CorrectEntryRequested } from './correction.decide';

export class CorrectEntryCommand extends DecisionMessage<CorrectEntryRequested> {
  readonly type = 'CorrectEntry';
}

/**
 * R22: the case's state keeps only the type of each entry; the entry's recorded values, which a
 * correction is checked against, are read here from the stream, and the decision is made on the
 * state folded from that same read.
 */
@CommandHandler(CorrectEntryCommand)
export class CorrectEntryHandler implements ICommandHandler<CorrectEntryCommand, DecisionResult> {
  constructor(
    private readonly decisions: DecisionRunner,
    private readonly store: EventStore,
  ) {}

  async execute(message: CorrectEntryCommand): Promise<DecisionResult> {
    const stream = streamName.case(message.data.caseId);
    const recorded = await this.store.readStream(stream);
    const events = recorded.map((event) => caseAggregate.decode(event));
    const loaded: LoadedStream<CaseState> = {
      state: events.reduce(caseAggregate.evolve, caseAggregate.initialState()),
      revision: recorded.at(-1)?.revision,
      position: recorded.at(-1)?.position ?? 0n,
    };
    const target = events.find((event) => event.id === message.data.correctsEventId);
    const entry = target && { type: target.type, data: target.data as Record<string, unknown> };
    return this.decisions.run(
      caseAggregate,
      stream,
      { ...message.toCommand(), data: { ...message.data, entry } },
      loaded,
    );
  }
}
