import { ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from '@windscreen/http';

/** Route ids are uuids; anything else is a 400 naming the parameter. */
export const uuidParam = (name: string, options: { optional?: boolean } = {}) =>
  new ParseUUIDPipe({
    ...options,
    exceptionFactory: () => new RequestValidationError([{ field: name, reasons: [`${name} must be a uuid`] }]),
  });
