import { Test } from '@nestjs/testing';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@windscreen/testing';
import { DatabaseModule, PG_POOL } from './database.module';
import { inTransaction, poolOf } from './sql';

describe('The database: one pool per process, plain SQL in transactions', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
    await pool.query('create table sql_spec (value text not null)');
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });
  beforeEach(async () => {
    await pool.query('truncate sql_spec');
  });
  const values = async () => (await pool.query<{ value: string }>('select value from sql_spec')).rows;

  it('Given work that writes twice, When it returns, Then both writes are committed', async () => {
    await inTransaction(pool, async (sql) => {
      await sql.query(`insert into sql_spec values ('first')`);
      await sql.query(`insert into sql_spec values ('second')`);
    });
    expect((await values()).map((row) => row.value).sort()).toEqual(['first', 'second']);
  });

  it('Given work that writes and then throws, When it runs, Then the error reaches the caller and nothing is written', async () => {
    const failing = inTransaction(pool, async (sql) => {
      await sql.query(`insert into sql_spec values ('half')`);
      throw new Error('failed half-way');
    });
    await expect(failing).rejects.toThrow('failed half-way');
    expect(await values()).toEqual([]);
    // The client went back to the pool usable: no transaction left open on it.
    expect(await inTransaction(pool, async (sql) => (await sql.query('select 1 as one')).rows)).toEqual([{ one: 1 }]);
  });

  it('Given a transaction whose connection the server ends between statements, When the work goes on, Then the work fails (the process does not), nothing is written and the pool still serves', async () => {
    let errorListeners = 0;
    const failing = inTransaction(pool, async (sql) => {
      // The loss is reported as an 'error' event on the client: without a listener Node ends the process.
      errorListeners = (sql as PoolClient).listenerCount('error');
      await sql.query(`insert into sql_spec values ('lost')`);
      const {
        rows: [{ pid }],
      } = await sql.query<{ pid: number }>('select pg_backend_pid() as pid');
      const admin = new Pool({ connectionString: database.url, max: 1 });
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await new Promise((resolve) => setImmediate(resolve));
      await sql.query(`insert into sql_spec values ('after')`);
    });
    await expect(failing).rejects.toThrow(/connection/);
    expect(errorListeners).toBeGreaterThan(0);
    expect(await values()).toEqual([]);
    expect(await inTransaction(pool, async (sql) => (await sql.query('select 1 as one')).rows)).toEqual([{ one: 1 }]);
  });

  it('Given the database module, When it starts, Then the pool it offers is the one behind TypeORM', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DatabaseModule.forRoot({ url: database.url, poolSize: 3 })],
    }).compile();
    await moduleRef.init();
    try {
      const shared = moduleRef.get<Pool>(PG_POOL);
      expect(shared).toBe(poolOf(moduleRef.get(DataSource)));
      expect(shared.options.max).toBe(3);
    } finally {
      await moduleRef.close();
    }
    // TypeORM closed it at shutdown: nothing is left to end.
    expect(moduleRef.get<Pool>(PG_POOL).ended).toBe(true);
  });
});
