"""Say which database servers the tests can reach; under CI=true, fail if one cannot be."""

from __future__ import annotations

import os
import sys

from sqlalchemy import create_engine

from migrata.urls import mask, normalize_url

SERVERS = {
    "PostgreSQL": os.environ.get("MIGRATA_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    "MariaDB": os.environ.get("MIGRATA_TEST_MARIADB", "mysql://root@127.0.0.1:3306/mysql"),
}


def main() -> int:
    down = []
    for name, url in SERVERS.items():
        try:
            engine = create_engine(normalize_url(url))
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            engine.dispose()
        except Exception as exc:
            down.append(f"{name} at {mask(url)} is unreachable ({str(exc).splitlines()[0]})")
    for line in down:
        print(f"check_servers: {line}", file=sys.stderr)
    if down and os.environ.get("CI") == "true":
        print("check_servers: CI needs every server; failing instead of skipping", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
