#!/usr/bin/env bash
# A tour of migrata on SQLite: init -> new -> apply -> status -> rollback, in a scratch folder
# that starts from this example's migrations.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
run() { printf '\n$ %s\n' "$*"; "$@"; }

run migrata init --url "sqlite:///$work/blog.db"
cp "$here"/migrations/* migrations/
run migrata new "publish date" --down
cat > migrations/0004_publish_date.sql <<'SQL'
-- description: Alice wants a publish date on her entries (seeds/002)
ALTER TABLE entry ADD COLUMN pub_date TIMESTAMP;
SQL
cat > migrations/0004_publish_date.down.sql <<'SQL'
ALTER TABLE entry DROP COLUMN pub_date;
SQL
run migrata status
run migrata show 0004
run migrata apply
run migrata status
run migrata rollback --steps 1
run migrata status
run migrata apply
run migrata log
