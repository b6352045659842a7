import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { domainErrorProblem } from '@windscreen/case-journey';
import type { AppConfig } from '@windscreen/config';
import {
  acceptFormBodiesUnder,
  acceptOnlyJsonBodies,
  checkRequestShape,
  createValidationPipe,
  JsonLogger,
  ProblemDetailsFilter,
  RequestTimeoutInterceptor,
  securityHeaders,
  trackRequestContext,
} from '@windscreen/http';
import { ApiModule } from './api.module';
import { WEB_PATH, WEB_PREFIX } from './web/web-paths';

const DOCS_PATH = 'docs';
/** Node's own limit on a request's head: no URL, and so no path parameter, is longer. */
const MAX_URL_BYTES = 16 * 1024;

/** The HTTP API, fully configured (used by main.ts and by the end-to-end tests). */
export async function createApiApplication(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.requestBodyLimitBytes,
    // Receiving a request is bounded too (a body trickled in byte by byte holds a connection).
    requestTimeout: config.requestTimeoutMs,
    // An id that is too long is refused by the route's own check (400 naming it), not with a bare 414.
    routerOptions: { maxParamLength: MAX_URL_BYTES },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register({ config, databaseUrl }), adapter, {
    logger: new JsonLogger(config.logLevel),
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  acceptOnlyJsonBodies(fastify, config.requestBodyLimitBytes);
  acceptFormBodiesUnder(fastify, WEB_PREFIX, config.requestBodyLimitBytes);
  // First of all, so that a refused body still gets a correlation id and the headers.
  trackRequestContext(fastify);
  fastify.addHook('onRequest', securityHeaders(DOCS_PATH, WEB_PATH, config.web.oidc?.issuer));
  fastify.addHook('preHandler', checkRequestShape);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(config.production, config.requestBodyLimitBytes, [domainErrorProblem]));
  app.useGlobalInterceptors(new RequestTimeoutInterceptor(config.requestTimeoutMs));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Windscreen')
      .setDescription("Event-sourced case lifecycle for children's early help and social care")
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
