"""The `storyline` command line: a thin layer over ingest, the store's queries and exports.

Views that print records live in cli_views.py; this module holds the app, the shared options
and the commands that change or move data (ingest, export, import, serve).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from storyline import __version__
from storyline.serve import validate
from storyline.serve.common import DbOption, checked, console, err_console, fail, opened, plural
from storyline.store import StoreError, resolve_target
from storyline.store.redact import redact
from storyline.serve import cli_annotate, cli_eval, cli_search, cli_story, cli_train, cli_views

app = typer.Typer(
    name="storyline",
    help="Chinese-language news into a source-attributed record of what happened.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                 help="Print the version and exit.")] = False) -> None:
    """Chinese-language news into a source-attributed record of what happened."""


cli_views.register(app)
cli_story.register(app)
cli_search.register(app)
cli_annotate.register(app)
cli_eval.register(app)
cli_train.register(app)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (searched recursively).")],
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64, help="Worker processes.")] = 1,
    db: DbOption = None,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or ray (Ray Data on a cluster).")] = "local",
    address: Annotated[Optional[str], typer.Option(
        "--address", help="Ray cluster to join (e.g. 10.0.0.5:6379 or auto); default: start a local Ray.")] = None,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Read files behind symbolic links too (default: skip each with a reason).")] = False,
) -> None:
    """Read, analyse and store articles. Re-running on the same files changes nothing."""
    from storyline.ingest import ingest as run_ingest

    if engine not in ("local", "ray"):
        fail(f"unknown engine {engine!r}; choose local or ray")
    if address and engine != "ray":
        fail("--address needs --engine ray")

    with opened(db) as store:
        progress = _progress()
        task = None
        articles = 0

        def on_start(total: int) -> None:
            nonlocal task
            if progress:
                progress.start()
                task = progress.add_task("reading", total=total, unit="files", extra=", 0 articles")

        printed: set[str] = set()

        def on_file(result) -> None:
            nonlocal articles
            articles += len(result.docs)
            if result.error:
                line = f"{result.given}: {result.error}"
                printed.add(line)
                (progress.console if progress else err_console).print(line, markup=False, highlight=False)
            if progress and task is not None:  # files move the bar; articles are what the summary counts
                progress.update(task, advance=1, extra=", " + plural(articles, "article"))

        def on_upgrade(done: int, total: int) -> None:
            if done == total:  # once, after a store of an older version was upgraded
                (progress.console if progress else err_console).print(
                    f"re-signed {total} stored articles for near-duplicate detection (new MinHash scheme)",
                    markup=False, highlight=False)

        def on_wait(message: str) -> None:  # another ingest holds the store: say why nothing moves
            (progress.console if progress else err_console).print(message, markup=False, highlight=False)

        def on_link_start(total: int) -> None:
            nonlocal task
            if progress and total:  # the linker's queue: events to thread into stories, articles to check for disputes
                task = progress.add_task("linking", total=total, unit="events and articles", extra="")

        def on_link(n: int) -> None:
            if progress and task is not None:
                progress.advance(task, n)

        try:
            summary = run_ingest(store, paths, workers=workers, on_file=on_file, on_start=on_start,
                                 engine=engine, address=address, on_link_start=on_link_start, on_link=on_link,
                                 on_upgrade=on_upgrade, follow_symlinks=follow_symlinks, on_wait=on_wait)
        except StoreError as exc:  # e.g. database or disk is full: the open batch was rolled back
            fail(str(exc), 1)
        except KeyboardInterrupt:  # one line, no traceback (the pool workers ignore SIGINT)
            fail("interrupted: the open batch was rolled back, committed batches stay; run again to go on", 130)
        finally:
            if progress:
                progress.stop()
        for line in summary.failures:  # bad paths, records the store refused: not printed yet
            if line not in printed:
                err_console.print(line, markup=False, highlight=False)
        print(summary.line())
        if summary.read == 0:
            raise typer.Exit(1)


def _progress(console=None, force: bool = False):
    """A bar on a terminal only; every task names its unit (`reading 3/10 files, 25 articles`,
    `linking 0/2311 events and articles`), so the bar and the summary line say what they count."""
    if not (force or sys.stderr.isatty()):
        return None
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f} {task.fields[unit]}{task.fields[extra]}"), TimeRemainingColumn(),
        console=console or err_console, transient=not force,
    )


EXPORT_KINDS = ("articles", "entities", "times", "events", "quotes", "disputes", "framing",
                "article_keys", "mentions", "event_mentions", "stories", "entity_records")  # extras: import


@app.command()
def export(
    kind: Annotated[str, typer.Argument(help="One of: " + ", ".join(EXPORT_KINDS))],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Export records as JSON Lines (default), CSV or Parquet."""
    from storyline.serve.exporting import records_for, write_records

    if kind not in EXPORT_KINDS:
        fail(f"unknown kind {kind!r}; choose one of {', '.join(EXPORT_KINDS)}")
    checked(validate.output_format, format, ("jsonl", "csv", "parquet"))
    if format == "parquet" and output is None:
        fail("parquet is binary: give a file with -o")
    with opened(db, readonly=True) as store:
        write_records(records_for(store, kind), format, output)


@app.command("import")
def import_(
    folder: Annotated[Path, typer.Argument(help="Folder with <kind>.jsonl files written by `export`.")],
    db: DbOption = None,
) -> None:
    """Load exported JSON Lines into a store (round trip of `export`)."""
    from storyline.serve.importing import import_folder

    with opened(db) as store:
        try:
            counts = import_folder(store, folder)
        except StoreError as exc:  # bad folder or record: nothing was imported (one transaction)
            fail(str(exc), 1)
    print(", ".join(f"{k} {v}" for k, v in counts.items()))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[Optional[str], typer.Option(envvar="STORYLINE_TOKEN", help="Enables uploads with this bearer token.")] = None,
    db: DbOption = None,
) -> None:
    """HTTP API under /api/ (OpenAPI docs at /docs) and the web UI at /."""
    import uvicorn

    from storyline.serve.api import create_app

    checked(validate.store_target, resolve_target(db), False)  # not per request: a text file is refused at start
    console.print(f"storyline serving {redact(resolve_target(db))} on http://{host}:{port}/", highlight=False, markup=False)
    from storyline.serve.server import server_config

    # a header timeout and a connection cap (serve/server.py): slow clients cannot exhaust the fds
    uvicorn.Server(server_config(create_app(db, token=token), host, port)).run()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
