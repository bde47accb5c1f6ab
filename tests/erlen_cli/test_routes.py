"""``erlen routes``: the URL rules as a table, sorted as asked."""

from __future__ import annotations

import pytest


def table(stdout: str) -> list[list[str]]:
    """Rows of cells; cells are separated by two or more spaces."""
    import re

    return [re.split(r"\s{2,}", line.strip()) for line in stdout.splitlines()]


def routes(erlen, *args, app="greeter"):
    result = erlen("routes", *args, env={"ERLEN_APP": app})
    assert result.returncode == 0, result.stderr
    return table(result.stdout)


def test_default_table_sorted_by_endpoint(erlen):
    rows = routes(erlen)
    assert rows[0] == ["Endpoint", "Methods", "Rule"]
    assert all(set(cell) == {"-"} for cell in rows[1])
    assert rows[2:] == [
        ["admin.dashboard", "GET", "/admin/"],
        ["boom", "GET", "/boom"],
        ["index", "GET", "/"],
        ["items", "POST, PUT", "/items"],
        ["static", "GET", "/static/<path:filename>"],
    ]


def test_columns_line_up(erlen):
    result = erlen("routes", env={"ERLEN_APP": "greeter"})
    lines = result.stdout.splitlines()
    rule_column = lines[0].index("Rule")
    assert all(line[rule_column - 2 : rule_column] == "  " for line in lines)
    assert lines[2][rule_column:] == "/admin/"


def test_sort_by_rule(erlen):
    rules = [row[-1] for row in routes(erlen, "--sort", "rule")[2:]]
    assert rules == sorted(rules)
    assert rules[0] == "/"


def test_sort_by_methods(erlen):
    methods = [row[1] for row in routes(erlen, "-s", "methods")[2:]]
    assert methods == sorted(methods)
    assert methods[-1] == "POST, PUT"


def test_sort_by_match_keeps_registration_order(erlen):
    endpoints = [row[0] for row in routes(erlen, "--sort", "match")[2:]]
    assert endpoints == ["static", "index", "boom", "items", "admin.dashboard"]


def test_all_methods_shows_head_and_options(erlen):
    rows = routes(erlen, "--all-methods")[2:]
    assert ["index", "GET, HEAD, OPTIONS", "/"] in rows
    assert ["items", "OPTIONS, POST, PUT", "/items"] in rows


def test_unknown_sort_is_rejected(erlen):
    result = erlen("routes", "--sort", "speed", env={"ERLEN_APP": "greeter"})
    assert result.returncode == 2
    assert "'speed' is not one of" in result.stderr


def test_subdomain_column(erlen):
    rows = routes(erlen, app="domains:by_subdomain")
    assert rows[0] == ["Endpoint", "Methods", "Subdomain", "Rule"]
    assert rows[2:] == [["about", "GET", "/about"], ["api_index", "GET", "api", "/"]]


def test_sort_by_domain(erlen):
    rows = routes(erlen, "--sort", "domain", app="domains:by_host")
    assert rows[0] == ["Endpoint", "Methods", "Host", "Rule"]
    assert rows[2:] == [
        ["blog", "GET", "blog.example.test", "/"],
        ["shop", "GET", "shop.example.test", "/"],
    ]


@pytest.mark.parametrize("app", ["greeter", "domains:empty"])
def test_no_domain_column_without_domains(erlen, app):
    result = erlen("routes", env={"ERLEN_APP": app})
    assert "Subdomain" not in result.stdout
    assert "Host" not in result.stdout


def test_app_without_routes(erlen):
    result = erlen("routes", env={"ERLEN_APP": "domains:empty"})
    assert result.returncode == 0
    assert result.stdout == "No routes were registered.\n"
