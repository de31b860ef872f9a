#!/usr/bin/env bash
# Backs up Domino's database: `pg_dump -Fc` into BACKUP_DIR as domino-YYYYMMDDTHHMMSSZ.dump (UTC),
# written under a temporary name and renamed only when complete and readable (`pg_restore --list`),
# then deletes backups older than BACKUP_KEEP_DAYS — always keeping the newest BACKUP_KEEP_MIN.
#
#   DATABASE_URL=postgres://… deploy/backup.sh [BACKUP_DIR]
#
# Environment: DATABASE_URL (required; the same URL the app uses), BACKUP_DIR (default
# /var/backups/domino), BACKUP_KEEP_DAYS (default 14), BACKUP_KEEP_MIN (default 7). Prints the path of
# the new backup on stdout. Run daily from cron or a systemd timer (docs/operations.md); pg_dump takes
# a consistent snapshot while the API keeps serving. pg_dump must be the server's major version or newer.
set -euo pipefail
url=${DATABASE_URL:?DATABASE_URL must name the database to back up}
dir=${1:-${BACKUP_DIR:-/var/backups/domino}}
keep_days=${BACKUP_KEEP_DAYS:-14}
keep_min=${BACKUP_KEEP_MIN:-7}
[[ "$keep_days" =~ ^[0-9]+$ && "$keep_min" =~ ^[0-9]+$ ]] || { echo "backup.sh: BACKUP_KEEP_DAYS and BACKUP_KEEP_MIN must be whole numbers" >&2; exit 2; }

umask 077   # dumps hold personal data and password hashes
mkdir -p "$dir"
name="domino-$(date -u +%Y%m%dT%H%M%SZ).dump"
final="$dir/$name"
partial="$dir/.$name.partial"
trap 'rm -f "$partial"' EXIT
[ ! -e "$final" ] || { echo "backup.sh: $final exists already" >&2; exit 1; }

pg_dump --dbname="$url" --format=custom --compress=6 --file="$partial"
pg_restore --list "$partial" >/dev/null   # the archive is complete and readable
mv "$partial" "$final"

# Retention: older than keep_days AND not among the newest keep_min.
mapfile -t backups < <(ls -1 "$dir" | grep -E '^domino-[0-9]{8}T[0-9]{6}Z\.dump$' | sort -r)
cutoff=$(date -u -d "$keep_days days ago" +%s)
for index in "${!backups[@]}"; do
    file="$dir/${backups[$index]}"
    if [ "$index" -ge "$keep_min" ] && [ "$(stat -c %Y "$file")" -lt "$cutoff" ]; then
        rm -f -- "$file"
        echo "backup.sh: removed $file (older than $keep_days days)" >&2
    fi
done
echo "$final"
