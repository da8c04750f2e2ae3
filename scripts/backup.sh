#!/usr/bin/env bash
# Back up the database (pg_dump custom format) and the files (var/private: personnel files and classified
# documents; var/media: company logo) into BACKUP_DIR, then delete backups older than BACKUP_KEEP_DAYS.
#
#   scripts/backup.sh [backup-dir]
#
# Reads DATABASE_URL (postgres://…) and HRMS_VAR_DIR (default ./var) from the environment or .env.
# Defaults: BACKUP_DIR=$HRMS_VAR_DIR/backups, BACKUP_KEEP_DAYS=35. Copy BACKUP_DIR off the machine
# (docs/deployment.md): a backup on the same disk is no backup.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .env ]; then set -a; . ./.env; set +a; fi
: "${DATABASE_URL:?DATABASE_URL must be set (postgres://user@host:5432/name)}"
var_dir="${HRMS_VAR_DIR:-$PWD/var}"
dest="${1:-${BACKUP_DIR:-$var_dir/backups}}"
keep_days="${BACKUP_KEEP_DAYS:-35}"
stamp="$(date +%Y%m%d-%H%M%S)"
db_url="${DATABASE_URL%%\?*}"  # dj-database-url options are not libpq options

umask 077  # personnel data: readable by the service account only
mkdir -p "$dest" "$var_dir/private"

dump="$dest/hrms-$stamp.dump"
pg_dump --format=custom --no-owner --no-privileges --file "$dump.partial" "$db_url"
pg_restore --list "$dump.partial" >/dev/null  # a readable archive, or fail now
mv "$dump.partial" "$dump"

files="$dest/hrms-$stamp-files.tar.gz"
dirs=(private)
[ -d "$var_dir/media" ] && dirs+=(media)
tar -czf "$files.partial" -C "$var_dir" "${dirs[@]}"
mv "$files.partial" "$files"

find "$dest" -maxdepth 1 -name 'hrms-*' -mtime +"$keep_days" -print -delete
echo "database: $dump ($(du -h "$dump" | cut -f1))"
echo "files:    $files ($(du -h "$files" | cut -f1))"
