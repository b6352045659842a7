import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children as people (the children projection): one row per child with the state its stream folds
 * to, what search and likely matches look up by (the LA child id, the normalised name, the date of
 * birth), and which case is about which child, so that need-to-know reaches a child through its
 * cases.
 */
export class Children1767000000050 implements MigrationInterface {
  name = 'Children1767000000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table children (
        child_id uuid primary key,
        la_child_id text not null,
        family_id uuid not null,
        name_key text not null,
        date_of_birth date,
        expected_date_of_birth date,
        date_of_death date,
        state jsonb not null,
        position bigint not null
      )`);
    await queryRunner.query(`create index children_la_child_id_idx on children (la_child_id)`);
    await queryRunner.query(`create index children_date_of_birth_idx on children (date_of_birth)`);
    await queryRunner.query(
      `create index children_expected_date_of_birth_idx on children (expected_date_of_birth) where expected_date_of_birth is not null`,
    );
    await queryRunner.query(`create index children_family_idx on children (family_id)`);
    await queryRunner.query(`
      create table child_cases (
        case_id uuid primary key,
        child_id uuid not null
      )`);
    await queryRunner.query(`create index child_cases_child_idx on child_cases (child_id, case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table child_cases`);
    await queryRunner.query(`drop table children`);
  }
}
