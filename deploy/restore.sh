#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into an EMPTY database, then shows `domino migrate status`.
#
#   createdb domino_restored
#   DATABASE_URL=postgres://…/domino_restored deploy/restore.sh /var/backups/domino/domino-….dump
#
# Refuses a database that holds any object a user made (tables, views, functions, sequences, types,
# schemas, …; extensions alone are allowed): restoring over live data is never what you want, and
# leftovers mix with the restored schema. Restore beside it, check, then point DATABASE_URL at it. One transaction: on any error nothing is left
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

# Every object a user made, by kind, outside the system schemas: relations (tables, views, sequences,
# indexes, composite types), functions, types, schemas, operators and other catalogued objects, event
# triggers, publications, foreign servers, large objects. Members of an extension are not counted, nor
# the extension itself: an operator may create pgcrypto and pg_trgm beforehand (the dump's CREATE
# EXTENSION IF NOT EXISTS keeps them). Anything else would mix with the restored schema: a view or a
# function of the same name fails the restore at best, and a trigger function or a type left behind
# changes what the restored database does at worst.
existing=$(psql --dbname="$url" -X -v ON_ERROR_STOP=1 -tA -F ' ' <<'SQL'
WITH user_namespace AS (
    SELECT oid, nspname FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema')
      AND nspname !~ '^pg_(toast|temp_|toast_temp_)'
), objects (kind, catalog, id) AS (
    SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
               WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'c' THEN 'type' ELSE 'index' END,
           'pg_class'::regclass, c.oid
    FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'function', 'pg_proc'::regclass, oid FROM pg_proc WHERE pronamespace IN (SELECT oid FROM user_namespace)
    -- Composite types are counted with pg_class; array and multirange types come with the type they belong to.
    UNION ALL SELECT 'type', 'pg_type'::regclass, oid FROM pg_type
        WHERE typnamespace IN (SELECT oid FROM user_namespace) AND typrelid = 0 AND typcategory <> 'A' AND typtype <> 'm'
    UNION ALL SELECT 'schema', 'pg_namespace'::regclass, oid FROM user_namespace WHERE nspname <> 'public'
    UNION ALL SELECT 'operator', 'pg_operator'::regclass, oid FROM pg_operator WHERE oprnamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'collation', 'pg_collation'::regclass, oid FROM pg_collation WHERE collnamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'conversion', 'pg_conversion'::regclass, oid FROM pg_conversion WHERE connamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'text search configuration', 'pg_ts_config'::regclass, oid FROM pg_ts_config WHERE cfgnamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'text search dictionary', 'pg_ts_dict'::regclass, oid FROM pg_ts_dict WHERE dictnamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'operator class', 'pg_opclass'::regclass, oid FROM pg_opclass WHERE opcnamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'operator family', 'pg_opfamily'::regclass, oid FROM pg_opfamily WHERE opfnamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'statistics object', 'pg_statistic_ext'::regclass, oid FROM pg_statistic_ext WHERE stxnamespace IN (SELECT oid FROM user_namespace)
    UNION ALL SELECT 'event trigger', 'pg_event_trigger'::regclass, oid FROM pg_event_trigger
    UNION ALL SELECT 'publication', 'pg_publication'::regclass, oid FROM pg_publication
    UNION ALL SELECT 'foreign server', 'pg_foreign_server'::regclass, oid FROM pg_foreign_server
    UNION ALL SELECT 'foreign-data wrapper', 'pg_foreign_data_wrapper'::regclass, oid FROM pg_foreign_data_wrapper
    UNION ALL SELECT 'large object', 'pg_largeobject_metadata'::regclass, oid FROM pg_largeobject_metadata
)
SELECT count(*), kind FROM objects o
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.catalog AND d.objid = o.id AND d.deptype = 'e')
GROUP BY kind ORDER BY kind
SQL
)
if [ -n "$existing" ]; then
    echo "restore.sh: the target database is not empty ($(echo "$existing" | paste -sd, - | sed 's/,/, /g')); restore into a new, empty database" >&2
    exit 1
fi
pg_restore --dbname="$url" --exit-on-error --single-transaction --no-owner --no-acl "$dump"
echo "restore.sh: restored $dump" >&2
"$domino" migrate status
