import type { Type } from '@nestjs/common';
import { CLOSURE_REASON_LABELS } from '../../../../../libs/case-journey/src/case/closure/closure.decide';
import { CloseCaseRequestDto } from '../../../../../libs/case-journey/src/case/closure/closure.request.dto';

/** Answers whose code says nothing by itself (a census code): what each means, by DTO and property. */
export const OPTION_TEXTS = new Map<Type, Record<string, Record<string, string>>>([
  [
    CloseCaseRequestDto,
    {
      reason: Object.fromEntries(
        Object.entries(CLOSURE_REASON_LABELS).map(([code, meaning]) => [code, `${code}: ${meaning}`]),
      ),
    },
  ],
]);
