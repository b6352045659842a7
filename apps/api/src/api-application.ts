import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@windscreen/config';
import { createValidationPipe, JsonLogger, ProblemDetailsFilter, requestContextMiddleware } from '@windscreen/http';
import { ApiModule } from './api.module';

export const REQUEST_BODY_LIMIT = '256kb';

/** The HTTP API, fully configured (used by main.ts and by the end-to-end tests). */
export async function createApiApplication(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register({ config, databaseUrl }), {
    logger: new JsonLogger(config.logLevel),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
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
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
