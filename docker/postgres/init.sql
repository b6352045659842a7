-- Runs once, when the PostgreSQL container first creates its data volume.
-- The application connects as its own role, not as the superuser; it owns its database, so its
-- migrations can create tables, and the events table's triggers still refuse any change (R22).
create role windscreen login password 'windscreen';
create database windscreen owner windscreen;
