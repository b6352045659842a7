import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../domain/command';
import type { DecisionResult } from './decision-runner';

/** A bus message carrying one domain command; each command type has its own class and handler. */
export abstract class DecisionMessage<
  C extends { type: string; data: object; context: CommandContext },
> extends Command<DecisionResult> {
  abstract readonly type: C['type'];
  constructor(
    readonly data: C['data'],
    readonly context: CommandContext,
  ) {
    super();
  }

  /** The domain command this message carries. */
  toCommand(): C {
    return { type: this.type, data: this.data, context: this.context } as C;
  }
}
