#!/bin/bash
# The standby of the compose profile "standby": on first start, a base backup of the primary
# (service "db") with standby.signal and primary_conninfo (-R), then PostgreSQL in recovery,
# streaming from the primary. Its application_name "standby" is what the primary's
# synchronous_standby_names names. Promote it by hand: docker compose exec -u postgres db-standby pg_ctl promote
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until gosu postgres pg_basebackup -d "host=db user=${POSTGRES_USER} application_name=standby" \
    -D "$PGDATA" -R -X stream --checkpoint=fast; do
    echo "waiting for the primary"; sleep 2
  done
fi
exec gosu postgres postgres -c hot_standby=on
