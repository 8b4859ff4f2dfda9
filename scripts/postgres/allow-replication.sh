#!/bin/bash
# Runs once when the primary's data directory is created (docker-entrypoint-initdb.d): lets the
# standby of the compose profile "standby" connect for streaming replication with a password.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
