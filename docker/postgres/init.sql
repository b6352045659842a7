-- Runs once, when the PostgreSQL container first creates its data volume (through init.sh, which
-- passes the passwords from the environment; none is written here).
-- Two roles, neither a superuser:
--   windscreen_owner owns the database and its tables and runs the migrations;
--   windscreen_app is what the api and the projector query with. At every start the owner grants it
--   SELECT and INSERT only on the event log, the access log and the checkpoints (no UPDATE, DELETE
--   or TRUNCATE, and not being the owner it cannot switch their triggers off), and the use of the
--   read models.
create role windscreen_owner login nosuperuser nocreatedb nocreaterole noreplication password :'owner_password';
create role windscreen_app login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password :'app_password';
create database windscreen owner windscreen_owner;
revoke all on database windscreen from public;
grant connect on database windscreen to windscreen_app;
\connect windscreen
-- Only the owner creates objects; the application role may use the schema, nothing more.
revoke create on schema public from public;
alter schema public owner to windscreen_owner;
grant usage on schema public to windscreen_app;
