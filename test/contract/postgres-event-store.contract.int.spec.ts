import { Pool } from 'pg';
import { PostgresEventStore } from '@windscreen/event-store';
import { createTestDatabase, TestDatabase } from '@windscreen/testing';
import { describeEventStoreContract } from './event-store.contract';

let database: TestDatabase;
let pool: Pool;

describeEventStoreContract('PostgreSQL', {
  async open() {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.appUrl, max: 20 });
    return new PostgresEventStore(pool, database.appUrl);
  },
  async close(store) {
    await store.close();
    await pool.end();
    await database.drop();
  },
});
