"""kg validate: the SHACL shapes and OWL consistency (HermiT) over the store's data."""
from __future__ import annotations

from typing import Annotated

import typer

from kg.cli import EXIT_FOUND, StoreOption, TableOrJson, app, reports_errors
from kg.cli.output import print_json, print_table
from kg.namespaces import CG, base
from kg.store import open_store


def _short(iri: str | None) -> str:
    """An IRI as a table cell: instance IRIs without the base (``claim/57ee.../3``), terms as ``cg:Name``."""
    if not iri:
        return ""
    if iri.startswith(base()):
        return iri[len(base()):]
    return "cg:" + iri[len(CG):] if iri.startswith(CG) else iri


@app.command("validate")
@reports_errors
def validate_command(
    store: StoreOption = None,
    fmt: Annotated[TableOrJson, typer.Option("--format", help="Violations as a table or as JSON.")]
    = TableOrJson.table,
    no_owl: Annotated[bool, typer.Option("--no-owl", help="Skip the OWL consistency check (needs no Java).")] = False,
    no_shacl: Annotated[bool, typer.Option("--no-shacl", help="Skip the SHACL shapes.")] = False,
) -> None:
    """Check the store against the SHACL shapes and the ontology (OWL 2 consistency with HermiT).

    Each violation names the article graph and the claim it belongs to. Exits 1 when anything is violated.
    """
    from kg.validate import validate_store

    with open_store(store, create=False, read_only=True) as opened:
        report = validate_store(opened, shacl=not no_shacl, owl=not no_owl)
    if fmt == TableOrJson.json:
        print_json(report.as_dict())
    else:
        if report.violations:
            rows = [{"check": v.check, "article": _short(v.graph), "claim": _short(v.claim),
                     "focus": _short(v.focus), "property": _short(v.path), "message": v.message}
                    for v in report.violations]
            print_table(rows, ["check", "article", "claim", "focus", "property", "message"], wrap=("message",))
        verdict = "conforms" if report.conforms else f"{len(report.violations)} violation(s)"
        typer.echo(f"{verdict}: {report.triples} triples in {report.graphs} graphs checked with "
                   f"{' and '.join(name.upper() for name in report.checks) or 'nothing'}")
    if not report.conforms:
        raise typer.Exit(EXIT_FOUND)
