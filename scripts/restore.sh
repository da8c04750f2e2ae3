#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a FRESH database and a var folder.
#
#   scripts/restore.sh <hrms-….dump> <hrms-…-files.tar.gz> <target DATABASE_URL> [target var dir]
#
# The target database must not exist yet (it is created here): a restore never overwrites live data.
# The target var dir (default: HRMS_VAR_DIR or ./var) must not hold private files yet.
# Afterwards point DATABASE_URL / HRMS_VAR_DIR at the restored copies and run `manage.py migrate`.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,9p' "$0"; exit 2
fi
dump="$1"; files="$2"; target="${3%%\?*}"
var_dir="${4:-${HRMS_VAR_DIR:-$(cd "$(dirname "$0")/.." && pwd)/var}}"
name="${target##*/}"
server="${target%/*}"

[ -r "$dump" ] || { echo "No such dump: $dump" >&2; exit 1; }
[ -r "$files" ] || { echo "No such files archive: $files" >&2; exit 1; }
if [ -n "$(ls -A "$var_dir/private" 2>/dev/null)" ]; then
  echo "$var_dir/private is not empty: restore the files into a fresh var dir." >&2; exit 1
fi
exists="$(psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")"
if [ "$exists" = "1" ]; then
  echo "Database $name exists: restore into a fresh database name." >&2; exit 1
fi

psql "$server/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$name\""
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$target" "$dump"
umask 077
mkdir -p "$var_dir"
tar -xzf "$files" -C "$var_dir"

echo "Restored database $name and files into $var_dir:"
psql "$target" -tAc "SELECT 'employees: ' || count(*) FROM employees_employee
  UNION ALL SELECT 'labour contracts: ' || count(*) FROM employees_labourcontract
  UNION ALL SELECT 'audit log entries: ' || count(*) FROM auditlog_logentry
  UNION ALL SELECT 'migrations applied: ' || count(*) FROM django_migrations"
echo "private files: $(find "$var_dir/private" -type f | wc -l)"
