import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A list read (caseload, what is due, the information-sharing audit) is logged as one row naming
 * every case it showed, `case_ids`, rather than one insert per case; `case_id` stays for the reads
 * of one case. An auditor finds either by the case, through its own index.
 */
export class AccessLogBulkReads1767000000020 implements MigrationInterface {
  name = 'AccessLogBulkReads1767000000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table access_log alter column case_id drop not null, add column case_ids uuid[]`);
    await queryRunner.query(
      `alter table access_log add constraint access_log_names_cases check (case_id is not null or case_ids is not null)`,
    );
    await queryRunner.query(`create index access_log_case_ids_idx on access_log using gin (case_ids)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop index access_log_case_ids_idx`);
    await queryRunner.query(`alter table access_log drop constraint access_log_names_cases, drop column case_ids`);
  }
}
