"""``erlen routes``: the app's URL rules, as a table."""

from __future__ import annotations

import typing as t

import click

from erlen_contexts import current_app

from ..groups import with_appcontext
from ..table import format_table

if t.TYPE_CHECKING:
    from werkzeug.routing import Rule

# Werkzeug adds these to every rule; listing them everywhere is noise.
_IMPLICIT_METHODS = frozenset({"HEAD", "OPTIONS"})


@click.command("routes", short_help="Show the routes for the app.")
@click.option(
    "--sort",
    "-s",
    type=click.Choice(("endpoint", "methods", "domain", "rule", "match")),
    default="endpoint",
    help="Method to sort routes by. 'match' is the order that Erlen will match"
    " routes when dispatching a request.",
)
@click.option("--all-methods", is_flag=True, help="Show HEAD and OPTIONS methods.")
@with_appcontext
def routes_command(sort: str, all_methods: bool) -> None:
    """Show all registered routes with endpoints and methods."""
    url_map = current_app.url_map  # type: ignore[attr-defined]
    rules: list[Rule] = list(url_map.iter_rules())
    if not rules:
        click.echo("No routes were registered.")
        return

    hidden = frozenset() if all_methods else _IMPLICIT_METHODS
    host_matching: bool = url_map.host_matching
    has_domain = any(_domain(rule, host_matching) for rule in rules)

    headers = ["Endpoint", "Methods"]
    if has_domain:
        headers.append("Host" if host_matching else "Subdomain")
    headers.append("Rule")
    rows = [_row(rule, hidden, host_matching, has_domain) for rule in rules]

    # Rows hold the columns in header order; "match" keeps the map's order.
    columns = ["endpoint", "methods", *(["domain"] if has_domain else []), "rule"]
    if sort in columns:
        index = columns.index(sort)
        rows.sort(key=lambda row: row[index])

    for line in format_table(headers, rows):
        click.echo(line)


def _domain(rule: Rule, host_matching: bool) -> str:
    return (rule.host if host_matching else rule.subdomain) or ""


def _row(
    rule: Rule, hidden: frozenset[str], host_matching: bool, has_domain: bool
) -> list[str]:
    methods = ", ".join(sorted((rule.methods or set()) - hidden))
    domain = [_domain(rule, host_matching)] if has_domain else []
    return [t.cast(str, rule.endpoint), methods, *domain, rule.rule]
