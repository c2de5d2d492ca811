"""The `kg` command line: thin wrappers that call the library, print its results and choose exit codes.

Exit codes: 0 success, 1 a check found what it was asked to fail on, 2 bad input or usage.
"""
from __future__ import annotations

import functools
import logging
import os
import sys
import types
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from kg import __version__
from kg.cli.logs import DEBUG_ENV, debugging, setup_logging
from kg.cli.output import error, print_delimited, print_json, print_table, stderr
from kg.errors import KGError

#: Typer's type labels (``<int>``, ``<list[str]>``) as the words click's help uses.
_TYPE_WORDS = {"int": "INTEGER", "float": "NUMBER", "str": "TEXT", "bool": "BOOLEAN"}


def _plain_type(param: Any, ctx: Any) -> str | None:
    """The value column of an option in help: nothing for a flag or an argument (its name says it), the choices for
    a choice (``table|json``), else its metavar or click's word for its type (``INTEGER``, ``TEXT``, ``PATH``);
    never Typer's Python type labels (``<bool>``, ``<list[str]>``)."""
    if isinstance(param, TyperArgument) or getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar is not None:
        return str(param.metavar)
    label = TyperOption.display_type(param, ctx).strip("<>").removesuffix(" range")
    if param.type_descriptor.is_choice:
        return label.removeprefix("list[").removesuffix("]")
    label = label.removeprefix("list[").removesuffix("]")
    return _TYPE_WORDS.get(label, label.upper())


class _PlainTypes:
    """Help that shows option values as click does (see _plain_type)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            param.display_type_rich = types.MethodType(_plain_type, param)  # type: ignore[attr-defined]
        return params


class Command(_PlainTypes, TyperCommand):
    """Every `kg` command."""


class Group(_PlainTypes, TyperGroup):
    """`kg` itself."""


class App(typer.Typer):
    """typer.Typer whose commands are :class:`Command` unless they say otherwise."""

    def command(self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or Command, **kwargs)


app = App(
    cls=Group,
    name="kg",
    help="claimgraph: who claimed what in the news, stored as a knowledge graph, and where sources contradict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FOUND, EXIT_USAGE = 0, 1, 2

StoreOption = Annotated[str | None, typer.Option(
    "--store", envvar="KG_STORE", show_envvar=True, metavar="PATH",
    help="Store directory (default ./kg-store).")]

VerboseOption = Annotated[bool, typer.Option(
    "--verbose", "-v", help="Log what extraction recovered from (with tracebacks) and which files were skipped.")]


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


class RowFormat(str, Enum):
    """Listings: a table for people (tab-separated lines in a pipe), JSON, or CSV/TSV with every value whole."""
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"


F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn library errors into one stderr line and exit code 2."""
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KGError as failure:
            error(f"kg: {failure}")
            if getattr(failure, "excerpt", ""):  # a SPARQL syntax error: the line and a caret under the column
                error(failure.excerpt)  # type: ignore[attr-defined]
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            error("kg: interrupted")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # typer.Exit is a RuntimeError: a command's own exit code passes through
        except BrokenPipeError:
            # `kg export | head`: the reader has all it wanted. Point stdout at /dev/null so that Python's own
            # flush at exit does not fail on the closed pipe again (the Python docs' recipe for SIGPIPE).
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_OK) from None
        except Exception as failure:  # noqa: BLE001 - no traceback reaches a user: one line, exit 2
            if debugging():
                raise
            logging.getLogger("kg").debug("unexpected error", exc_info=True)
            reason = _first_line(str(failure)) or "no message"
            error(f"kg: unexpected error ({type(failure).__name__}: {reason}); run again with {DEBUG_ENV}=1 "
                  "for the traceback, and please report it")
            raise typer.Exit(EXIT_USAGE) from None
    return wrapper  # type: ignore[return-value]


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg (claimgraph) {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """claimgraph: a claims and fact-tracking knowledge graph for news."""
    setup_logging(verbose=False)


def show_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None, title: str | None = None,
              json_key: str | None = None, wrap: tuple[str, ...] = ()) -> None:
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        print_json({json_key: rows} if json_key else rows)
    elif fmt in ("csv", "tsv"):
        print_delimited(rows, columns, "," if fmt == "csv" else "\t")
    else:
        print_table(rows, columns, title=title, wrap=wrap)


# The command modules register themselves on `app`.
from kg.cli import claims_cmd, commands, contradictions_cmd, figures_cmd, relink_cmd, validate_cmd  # noqa: E402,F401

__all__ = ["app", "StoreOption", "VerboseOption", "setup_logging", "TableOrJson", "RowFormat", "reports_errors", "show_rows", "EXIT_OK", "EXIT_FOUND",
           "EXIT_USAGE",
           "stderr"]
