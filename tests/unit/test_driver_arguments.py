"""What migrata hands the MySQL driver: TLS is left out only where traffic stays on the machine."""

from __future__ import annotations

import pytest

from migrata.dialects.mysql import connect_arguments
from migrata.urls import split_url


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root@localhost/app",
        "mysql://root@127.0.0.1:3306/app",
        "mariadb://root@127.0.0.2/app",
        "mysql://root@[::1]:3306/app",
        "mysql://root@db.example.com/app?unix_socket=/run/mysqld/mysqld.sock",
    ],
)
def test_a_server_on_this_machine_is_reached_without_tls(url: str) -> None:
    assert connect_arguments(split_url(url))["ssl_disabled"] is True


@pytest.mark.parametrize(
    "url", ["mysql://app:pw@db.example.com/app", "mysql://app:pw@10.0.0.5:3306/app", "mysql://u@127.example.com/a"]
)
def test_a_remote_server_gets_the_drivers_tls_default(url: str) -> None:
    arguments = connect_arguments(split_url(url))
    assert "ssl_disabled" not in arguments
    assert arguments["password"] == "pw" or url.endswith("/a")
