#!/bin/sh
# Creates Windscreen's roles and database on the first start of the PostgreSQL container, with
# the passwords given in the environment (docker-compose.yml refuses to start without them).
set -eu
: "${WINDSCREEN_OWNER_PASSWORD:?set WINDSCREEN_OWNER_PASSWORD}"
: "${WINDSCREEN_APP_PASSWORD:?set WINDSCREEN_APP_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$WINDSCREEN_OWNER_PASSWORD" -v app_password="$WINDSCREEN_APP_PASSWORD" \
  -f /windscreen/init.sql
