"""The nginx configuration of the cluster run and of docs/deployment.md: it fills in completely, and
Debian's nginx (with the cache-purge module) accepts it."""

import pytest

from benchmarks.cluster import nginx


def test_the_template_fills_in_every_value(tmp_path):
    text = nginx.render(
        tmp_path, port=18080, purge_port=18079, server_a="127.0.0.1:18001", server_b="127.0.0.1:18002"
    )
    assert "{{" not in text and "}}" not in text
    assert "server 127.0.0.1:18001" in text and "server 127.0.0.1:18002" in text
    assert f"pid {tmp_path}/nginx.pid;" in text
    assert "listen 127.0.0.1:18079;" in text and "proxy_cache_purge pages $host$request_uri;" in text
    # signed-in visitors are never served from, nor stored in, the shared cache
    assert "proxy_no_cache $cookie_sessionid" in text and "proxy_cache_bypass $cookie_sessionid" in text


def test_nginx_accepts_it(tmp_path):
    if not nginx.nginx_binary():
        pytest.skip("nginx is not installed (apt-get install nginx; make cluster-test installs it)")
    if not nginx.PURGE_MODULE.is_file():
        pytest.skip("the cache-purge module is not installed (apt-get install libnginx-mod-http-cache-purge)")
    path = nginx.write(
        tmp_path, port=18080, purge_port=18079, server_a="127.0.0.1:18001", server_b="127.0.0.1:18002"
    )
    ok, output = nginx.test_config(path)
    assert ok, output
    assert "test is successful" in output
