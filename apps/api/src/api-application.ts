import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@windscreen/config';
import { createValidationPipe, JsonLogger, ProblemDetailsFilter, requestContextMiddleware, requestShapeMiddleware, securityHeaders } from '@windscreen/http';
import { ApiModule } from './api.module';

const DOCS_PATH = 'docs';

/** The HTTP API, fully configured (used by main.ts and by the end-to-end tests). */
export async function createApiApplication(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register({ config, databaseUrl }), {
    logger: new JsonLogger(config.logLevel),
    bodyParser: false,
  });
  // Before the body parser, so that a refused body still gets a correlation id and the headers.
  app.use(requestContextMiddleware);
  app.use(securityHeaders(DOCS_PATH));
  app.useBodyParser('json', { limit: config.requestBodyLimitBytes });
  app.use(requestShapeMiddleware);
  app.use(requestContextMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(config.production));
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
