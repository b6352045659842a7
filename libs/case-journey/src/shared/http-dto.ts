import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { BANK_HOLIDAY_YEARS } from '../domain/working-days';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** R35: a date the working-day calendar covers (timescales are counted from it). */
function WithinTheCalendar(): PropertyDecorator {
  const { from, to } = BANK_HOLIDAY_YEARS;
  return ValidateBy({
    name: 'withinTheCalendar',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' ||
        !/^\d{4}/.test(value) ||
        (Number(value.slice(0, 4)) >= from && Number(value.slice(0, 4)) <= to),
      defaultMessage: (args) =>
        `${args?.property} must be between ${from} and ${to}: the working-day calendar covers those years`,
    },
  });
}

/**
 * A moment: date, time and time zone (2026-03-02T09:15:00Z). ISO 8601 alone also allows week and
 * ordinal dates, a missing zone or a date alone, which JavaScript and PostgreSQL read differently
 * or not at all.
 */
export function IsInstant(): PropertyDecorator {
  return (target, property) => {
    const message = `${String(property)} must be a date-time with its time zone, e.g. 2026-03-02T09:15:00Z`;
    Matches(INSTANT, { message })(target, property);
    IsISO8601({ strict: true, strictSeparator: true }, { message })(target, property);
    WithinTheCalendar()(target, property);
  };
}

/** Who attended a meeting: one to 50 names, each up to 200 characters. */
export function IsAttendees(): PropertyDecorator {
  return (target, property) => {
    for (const decorate of [
      IsArray(),
      ArrayMinSize(1),
      ArrayMaxSize(50),
      IsString({ each: true }),
      MaxLength(200, { each: true }),
    ])
      decorate(target, property);
  };
}

/** A calendar date, YYYY-MM-DD, that exists. */
export function IsCalendarDate(): PropertyDecorator {
  return (target, property) => {
    const message = `${String(property)} must be a real calendar date, YYYY-MM-DD`;
    Matches(CALENDAR_DATE, { message })(target, property);
    IsISO8601({ strict: true }, { message })(target, property);
    WithinTheCalendar()(target, property);
  };
}

/** A filter bound: a calendar date or a moment with its time zone. */
export function IsDateOrInstant(): PropertyDecorator {
  return (target, property) => {
    const message = `${String(property)} must be a date (2026-03-02) or a date-time with its time zone (2026-03-02T09:15:00Z)`;
    Matches(new RegExp(`${CALENDAR_DATE.source}|${INSTANT.source}`), { message })(target, property);
    IsISO8601({ strict: true }, { message })(target, property);
  };
}

/** The largest position (and revision) the store can hold: PostgreSQL's bigint. */
const MAX_POSITION = 9223372036854775807n;

/** A position or page cursor: a whole number the database can hold, so an edited one is a 400 naming it, never a database error. */
export function IsPosition(): PropertyDecorator {
  return ValidateBy({
    name: 'isPosition',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_POSITION,
      defaultMessage: (args) =>
        `${args?.property} must be the \`next\` value of a previous page (a whole number up to ${MAX_POSITION})`,
    },
  });
}

/** Every command may say when it happened (late recording); it defaults to now. */
export class CommandRequestDto {
  @ApiPropertyOptional({
    description: 'When it happened (ISO 8601 with time zone); defaults to now',
    example: '2026-03-02T09:15:00Z',
  })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

/** What every command answers: where the stream is now and the position to read your writes. */
export class CommandResponseDto {
  @ApiProperty({ description: "The stream's revision after the command" }) revision!: string;
  @ApiProperty({ description: 'Global position of what was recorded: pass as ?minPosition= to read your writes' })
  position!: string;
}

export function commandResponse(result: { revision: bigint; position: bigint }): CommandResponseDto {
  return { revision: result.revision.toString(), position: result.position.toString() };
}
