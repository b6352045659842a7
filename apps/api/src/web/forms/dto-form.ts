import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { InvalidField } from '@windscreen/http';
import { humanise } from '../pages';
import { OPTION_TEXTS } from './option-texts';
import { REVEALS } from './reveals';

const MODEL_PROPERTIES = 'swagger/apiModelProperties';
const MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';
/** Rows offered for a list of objects (recipients, members); empty rows are left out. */
const LIST_ROWS = 3;

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'radios'
  | 'checkboxes'
  | 'select'
  | 'yes-no'
  | 'date'
  | 'date-time'
  | 'lines'
  | 'number'
  | 'group'
  | 'group-list';

/** One question of a form, read from the request DTO the API validates with (names, types, enums, descriptions). */
export interface FormField {
  /** The body path: `immediateRisk.justification`, `recipients.0.agency`. */
  name: string;
  /** The element id (the error summary links to it). */
  id: string;
  label: string;
  hint?: string;
  kind: FieldKind;
  required: boolean;
  options?: FormOption[];
  fields?: FormField[];
  /** The input's name when it is not the body path: a question asked under more than one answer has a copy under each. */
  inputName?: string;
}

/** An answer of a radios question, with the questions it asks for (shown under it, GOV.UK's conditional reveal). */
export interface FormOption {
  value: string;
  text: string;
  reveals?: FormField[];
}

interface ModelProperty {
  type?: unknown;
  enum?: unknown[] | Record<string, unknown>;
  /** A list of enum values is described as `type: 'array'` with its enum here. */
  items?: { enum?: unknown[] };
  required?: boolean;
  description?: string;
  isArray?: boolean;
}

const idOf = (name: string) => name.replace(/\./g, '-');

/** What Swagger's decorators recorded of a DTO class: its property names, and one property. */
const declaredProperties = (dto: Type): string[] | undefined =>
  dto.prototype
    ? (Reflect.getMetadata(MODEL_PROPERTIES_ARRAY, dto.prototype as object) as string[] | undefined)
    : undefined;
const declaredProperty = (dto: Type, property: string): ModelProperty =>
  (Reflect.getMetadata(MODEL_PROPERTIES, dto.prototype as object, property) as ModelProperty | undefined) ?? {};

function validationOf(dto: Type, property: string) {
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .filter((meta) => meta.propertyName === property);
}

/** A date-time with its zone, or a calendar date: told apart by the pattern the DTO checks. */
function dateKind(dto: Type, property: string): 'date' | 'date-time' | undefined {
  for (const meta of validationOf(dto, property)) {
    const pattern: unknown = meta.constraints?.[0];
    if (pattern instanceof RegExp) {
      if (pattern.source.includes('T\\d{2}')) return 'date-time';
      if (pattern.source.startsWith('^\\d{4}-\\d{2}-\\d{2}$')) return 'date';
    }
  }
  return undefined;
}

function longText(dto: Type, property: string): boolean {
  const max: unknown = validationOf(dto, property).find((meta) => meta.name === 'maxLength')?.constraints?.[0];
  return typeof max !== 'number' || max > 300;
}

/** The questions of a request DTO, in the order it declares them. */
export function formFields(dto: Type, prefix = ''): FormField[] {
  const names = (declaredProperties(dto) ?? []).map((key) => key.replace(/^:/, ''));
  const unique = [...new Set(names)];
  // The time something happened is asked last: the form is about what happened.
  unique.sort((a, b) => Number(a === 'occurredAt') - Number(b === 'occurredAt'));
  const fields = unique.map((property) => {
    const meta = declaredProperty(dto, property);
    const name = prefix ? `${prefix}.${property}` : property;
    const field: FormField = {
      name,
      id: idOf(name),
      label: property === 'occurredAt' ? 'When it happened' : humanise(property),
      hint: property === 'occurredAt' ? 'Leave blank for now. Time is UK time.' : meta.description,
      kind: 'text',
      required: meta.required !== false,
    };
    const declaredEnum = meta.enum ?? meta.items?.enum;
    const enumValues = Array.isArray(declaredEnum)
      ? declaredEnum.map(String)
      : declaredEnum
        ? Object.values(declaredEnum).map(String)
        : undefined;
    const type: unknown = Array.isArray(meta.type) ? meta.type[0] : meta.type;
    const isList = meta.isArray || Array.isArray(meta.type) || meta.type === 'array';
    if (enumValues) {
      field.kind = isList ? 'checkboxes' : enumValues.length > 12 ? 'select' : 'radios';
      const texts = OPTION_TEXTS.get(dto)?.[property] ?? {};
      field.options = enumValues.map((value) => ({ value, text: texts[value] ?? humanise(value) }));
    } else if (type === Boolean) {
      field.kind = 'yes-no';
      field.options = [
        { value: 'true', text: 'Yes' },
        { value: 'false', text: 'No' },
      ];
    } else if (type === Number) field.kind = 'number';
    else if (typeof type === 'function' && type !== String && declaredProperties(type as Type)) {
      if (isList) {
        field.kind = 'group-list';
        field.fields = Array.from({ length: LIST_ROWS }, (_, row) => ({
          name: `${name}.${row}`,
          id: idOf(`${name}.${row}`),
          label: `${humanise(property)} ${row + 1}`,
          kind: 'group' as const,
          required: false,
          fields: formFields(type as Type, `${name}.${row}`),
        }));
      } else {
        field.kind = 'group';
        field.fields = formFields(type as Type, name);
      }
    } else if (isList) field.kind = 'lines';
    else field.kind = dateKind(dto, property) ?? (longText(dto, property) ? 'textarea' : 'text');
    return field;
  });
  return withReveals(dto, fields);
}

/** Moves the questions some answers ask for under those answers; each such answer has its own copy, named apart when there are several. */
function withReveals(dto: Type, fields: FormField[]): FormField[] {
  const reveals = REVEALS.get(dto) ?? [];
  const asked = new Set(reveals.flatMap((reveal) => reveal.ask));
  for (const reveal of reveals) {
    const question = fields.find((field) => field.name.split('.').pop() === reveal.question);
    const wanted = fields.filter((field) => reveal.ask.includes(field.name.split('.').pop()!));
    if (!question?.options || wanted.length !== reveal.ask.length)
      throw new Error(`${dto.name}: cannot reveal ${reveal.ask.join(', ')} under ${reveal.question}`);
    for (const option of question.options.filter((candidate) => reveal.when.includes(candidate.value))) {
      const copies = wanted.map((field) => ({
        ...field,
        required: field.required || reveal.needed,
        id: `${question.id}-${option.value}-${field.id}`,
        inputName: reveal.when.length > 1 ? `${question.name}-${option.value}-${field.name}` : undefined,
      }));
      option.reveals = [...(option.reveals ?? []), ...copies];
    }
  }
  return fields.filter((field) => !asked.has(field.name.split('.').pop()!));
}

/** The answer chosen for a question with reveals, and the questions it asks for. */
function revealedBy(field: FormField, values: FormValues): FormField[] {
  const chosen = single(values[inputOf(field)]).trim();
  return field.options?.find((option) => option.value === chosen)?.reveals ?? [];
}

const inputOf = (field: FormField) => field.inputName ?? field.name;

/** The offset of Europe/London from UTC at a moment, in minutes. */
function londonOffsetMinutes(utc: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    timeZoneName: 'shortOffset',
  }).formatToParts(utc);
  const zone = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d+)?/.exec(zone);
  return match?.[1] ? Number(match[1]) * 60 : 0;
}

const pad = (value: string, length: number) => value.trim().padStart(length, '0');

/**
 * A date input's parts as the DTO expects it: `YYYY-MM-DD`, or with a time (UK time) an instant in
 * UTC. Parts that do not make a date are passed on as typed, so the DTO's own check names the field.
 */
function dateValue(values: FormValues, name: string, kind: 'date' | 'date-time'): string | undefined {
  const day = single(values[`${name}-day`]).trim();
  const month = single(values[`${name}-month`]).trim();
  const year = single(values[`${name}-year`]).trim();
  const time = single(values[`${name}-time`]).trim();
  if (!day && !month && !year && !time) return undefined;
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (kind === 'date') return date;
  const clock = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  const local = `${date}T${clock ? `${pad(clock[1], 2)}:${clock[2]}` : '12:00'}:00`;
  const asUtc = new Date(`${local}Z`);
  if (Number.isNaN(asUtc.getTime())) return `${date} ${time}`.trim();
  return new Date(asUtc.getTime() - londonOffsetMinutes(asUtc) * 60_000).toISOString();
}

/** The submitted form as the body the API would have received: typed, nested, empty answers left out. */
export type FormValues = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[value.length - 1] ?? '') : (value ?? '');

export function bodyFromForm(fields: FormField[], values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const key = field.name.split('.').pop()!;
    const raw = single(values[inputOf(field)]).trim();
    let value: unknown;
    switch (field.kind) {
      case 'group': {
        const nested = bodyFromForm(field.fields!, values);
        value = Object.keys(nested).length ? nested : undefined;
        break;
      }
      case 'group-list': {
        const rows = field
          .fields!.map((row) => bodyFromForm(row.fields!, values))
          .filter((row) => Object.keys(row).length > 0);
        value = rows.length ? rows : undefined;
        break;
      }
      case 'checkboxes': {
        const chosen = values[inputOf(field)];
        const list = (Array.isArray(chosen) ? chosen : chosen ? [chosen] : []).filter(Boolean);
        value = list.length ? list : undefined;
        break;
      }
      case 'yes-no':
        value = raw === 'true' ? true : raw === 'false' ? false : undefined;
        break;
      case 'number':
        value = raw === '' ? undefined : Number.isNaN(Number(raw)) ? raw : Number(raw);
        break;
      case 'lines': {
        const lines = raw
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean);
        value = lines.length ? lines : undefined;
        break;
      }
      case 'date':
      case 'date-time':
        value = dateValue(values, inputOf(field), field.kind);
        break;
      default:
        value = raw === '' ? undefined : raw;
    }
    if (value !== undefined) body[key] = value;
    // Only the chosen answer's questions are sent: what was typed under another answer is not part of the decision.
    Object.assign(body, bodyFromForm(revealedBy(field, values), values));
  }
  return body;
}

export interface FieldError {
  text: string;
  href: string;
}

/** The DTO's refusals, each on its question (the error summary links to it, under the answer chosen); a date's on its day. */
export function fieldErrors(
  fields: FormField[],
  invalid: InvalidField[],
  values: FormValues = {},
): { summary: FieldError[]; byField: Record<string, string> } {
  const flat = (list: FormField[]): FormField[] =>
    list.flatMap((field) => [field, ...flat(field.fields ?? []), ...flat(revealedBy(field, values))]);
  const known = flat(fields);
  const summary: FieldError[] = [];
  const byField: Record<string, string> = {};
  for (const { field, reasons } of invalid) {
    const question =
      known.find((candidate) => candidate.name === field) ??
      known.find((candidate) => field.startsWith(`${candidate.name}.`));
    const text = `${question?.label ?? humanise(field)}: ${reasons.map((reason) => reason.replace(new RegExp(`^${field.split('.').pop()} `), '')).join('; ')}`;
    const id = question
      ? question.kind === 'date' || question.kind === 'date-time'
        ? `${question.id}-day`
        : question.id
      : 'form';
    summary.push({ text, href: `#${id}` });
    if (question) byField[question.name] ??= text;
  }
  return { summary, byField };
}

/** A body's values as the form shows them (a date as its day, month and year): to fill a form with what was applied. */
export function formValuesFromBody(fields: FormField[], body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = body[field.name];
    if (typeof value !== 'string') continue;
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if ((field.kind === 'date' || field.kind === 'date-time') && date) {
      values[`${field.name}-year`] = date[1];
      values[`${field.name}-month`] = String(Number(date[2]));
      values[`${field.name}-day`] = String(Number(date[3]));
    } else values[field.name] = value;
  }
  return values;
}
