import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface InvalidField {
  field: string;
  reasons: string[];
}

/** Thrown for a request that does not have the right shape; rendered as a 400 problem. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly fields: InvalidField[]) {
    super(`The request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}`);
  }
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): InvalidField[] {
  return errors.flatMap((error) => {
    // A key named "" is still named; a body that is not an object at all is "(body)".
    const property =
      error.constraints && 'unknownValue' in error.constraints
        ? '(body)'
        : error.property === ''
          ? '""'
          : error.property;
    const field = parent ? `${parent}.${property}` : property;
    const own = error.constraints ? [{ field, reasons: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Unknown fields are refused, not dropped: a typo must not silently lose what was recorded. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
