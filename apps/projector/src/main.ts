import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@windscreen/config';
import { prepareDatabase } from '@windscreen/database';
import { JsonLogger } from '@windscreen/http';
import { ProjectorModule } from './projector.module';

/** Runs the projections in their own process; start the api with PROJECTIONS=off beside it. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger(config.logLevel);
  const database = await prepareDatabase(config, (message) => logger.log(message, 'Database'));
  const app = await NestFactory.createApplicationContext(ProjectorModule.register(config, database.url), { logger });
  app.enableShutdownHooks();
  const stop = () =>
    void app
      .close()
      .then(() => database.stop())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  logger.log('Windscreen projector running', 'Bootstrap');
}

main().catch((error) => {
  process.stderr.write(
    `Windscreen projector could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
