import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { RequestValidationError } from './validation';

const UTF8 = /^utf-?8$/i;

/**
 * JSON is the only body the API reads: every other type is answered 415 (Fastify has no parser
 * for it). Fastify reads every body as UTF-8, so a JSON body declared in another charset would be
 * misread: it is refused (415) rather than recorded garbled. Every command is an object: a list,
 * a string, a number or null is refused (400), whatever the route would make of it. `__proto__`
 * and `constructor` keys are parsed as plain keys, so that checkRequestShape refuses them naming
 * the field.
 */
export function acceptOnlyJsonBodies(fastify: FastifyInstance, bodyLimitBytes: number): void {
  const parseJson = fastify.getDefaultJsonParser('ignore', 'ignore');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: bodyLimitBytes },
    (request, body, done) => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
      if (charset !== undefined && !UTF8.test(charset)) {
        done(new UnsupportedMediaTypeException(`A JSON body must be UTF-8, not ${charset.slice(0, 40)}`), undefined);
        return;
      }
      // The parser answers through the callback, errors included; nothing is awaited.
      void parseJson(request, body as string, (error, parsed) => {
        if (error) done(error, undefined);
        else if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          done(
            new RequestValidationError([{ field: '(body)', reasons: ['the body must be a JSON object'] }]),
            undefined,
          );
        } else done(null, parsed);
      });
    },
  );
}

/**
 * The pages' forms post `application/x-www-form-urlencoded`: read only under `pathPrefix` (every
 * other route still answers 415), into a plain object without a prototype, a repeated field as a
 * list. checkRequestShape then refuses what it refuses in JSON.
 */
export function acceptFormBodiesUnder(fastify: FastifyInstance, pathPrefix: string, bodyLimitBytes: number): void {
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: bodyLimitBytes },
    (request, body, done) => {
      const path = request.url.split('?', 1)[0];
      if (path !== pathPrefix && !path.startsWith(`${pathPrefix}/`)) {
        done(new UnsupportedMediaTypeException('Only JSON bodies are read here (application/json)'), undefined);
        return;
      }
      const fields = Object.create(null) as Record<string, string | string[]>;
      for (const [name, value] of new URLSearchParams(body as string)) {
        const previous = fields[name];
        fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
      }
      done(null, fields);
    },
  );
}
