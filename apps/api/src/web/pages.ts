import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import * as nunjucks from 'nunjucks';
import type { Actor } from '@windscreen/identity';
import type { WebRequest } from './session/web-session.guard';
import { WEB_PREFIX } from './web-paths';

const VIEWS = path.join(__dirname, 'views');
const GOVUK_FRONTEND = path.dirname(require.resolve('govuk-frontend/package.json'));

/** What every page's layout reads beside its own data. */
export interface PageFrame {
  actor?: Actor;
  csrfToken?: string;
  /** The navigation item to mark current. */
  section?: string;
}

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `needs_escalated` or `earlyHelpSummary` -> "Needs escalated", "Early help summary". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function ukDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : LONDON_DATE.format(date);
}

export function ukDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : `${LONDON_DATE.format(date)} at ${LONDON_TIME.format(date)}`;
}

/** Nunjucks templates with GOV.UK Frontend's macros; everything is escaped unless marked safe. */
@Injectable()
export class Pages {
  private readonly environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([VIEWS, path.join(GOVUK_FRONTEND, 'dist')], { noCache: false }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  );

  constructor() {
    this.environment.addFilter('humanise', (value: unknown) => (typeof value === 'string' ? humanise(value) : value));
    this.environment.addFilter('ukDate', ukDate);
    this.environment.addFilter('ukDateTime', ukDateTime);
    this.environment.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2));
    this.environment.addGlobal('web', WEB_PREFIX);
  }

  render(view: string, frame: PageFrame, data: Record<string, unknown> = {}): string {
    return this.environment.render(`${view}.njk`, { ...data, frame, roles: frame.actor?.roles ?? [] });
  }
}

/** A page's request once the session guard has let it through. */
export type PageRequest = FastifyRequest & WebRequest;

/** The layout's part of a page: who is signed in, the form token, the navigation item to mark. */
export function frameOf(request: PageRequest, section?: string): PageFrame {
  return { actor: request.actor, csrfToken: request.webSession?.csrfToken, section };
}
