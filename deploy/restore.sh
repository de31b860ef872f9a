#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into an EMPTY database, then shows `domino migrate status`.
#
#   createdb domino_restored
#   DATABASE_URL=postgres://…/domino_restored deploy/restore.sh /var/backups/domino/domino-….dump
#
# Refuses a database that already has tables (restoring over live data is never what you want: restore
# beside it, check, then point DATABASE_URL at it). One transaction: on any error nothing is left
# behind. Ownership and grants are not restored (--no-owner --no-acl): objects belong to the user in DATABASE_URL, which must
# be able to create the extensions pgcrypto and pg_trgm (or they must exist already).
# Environment: DATABASE_URL (required), DOMINO (the binary; default `domino` on PATH),
# DOMINO_MIGRATIONS (as for the app). Migrations listed as pending after a restore of an older backup
# are applied by `domino migrate` (docs/operations.md, Upgrades).
set -euo pipefail
url=${DATABASE_URL:?DATABASE_URL must name the empty database to restore into}
dump=${1:?usage: restore.sh BACKUP_FILE}
domino=${DOMINO:-domino}
[ -r "$dump" ] || { echo "restore.sh: cannot read $dump" >&2; exit 2; }
pg_restore --list "$dump" >/dev/null

tables=$(psql --dbname="$url" -X -tAc \
    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" != 0 ]; then
    echo "restore.sh: the target database has $tables tables; restore into an empty database" >&2
    exit 1
fi
pg_restore --dbname="$url" --exit-on-error --single-transaction --no-owner --no-acl "$dump"
echo "restore.sh: restored $dump" >&2
"$domino" migrate status
