import 'reflect-metadata';
import { loadConfig } from '@windscreen/config';
import { prepareDatabase } from '@windscreen/database';
import { JsonLogger } from '@windscreen/http';
import { createApiApplication } from './api-application';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger(config.logLevel);
  const database = await prepareDatabase(config, (message) => logger.log(message, 'Database'));
  const app = await createApiApplication(config, database.url);
  const stopDatabase = async () => database.stop();
  process.once(
    'SIGINT',
    () =>
      void app
        .close()
        .then(stopDatabase)
        .then(() => process.exit(0)),
  );
  process.once(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(stopDatabase)
        .then(() => process.exit(0)),
  );
  await app.listen(config.port, '0.0.0.0');
  const url = await app.getUrl();
  logger.log(`Windscreen API listening on ${url.replace('[::1]', 'localhost')} (docs: ${url}/docs)`, 'Bootstrap');
}

main().catch((error) => {
  process.stderr.write(`Windscreen could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
