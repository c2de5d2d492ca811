"""The progress display of `kg ingest` and `kg reextract`: one line on stderr, drawn on a terminal only.

Each phase the pipeline reports (:class:`kg.pipeline.Progress`) gets a fresh line: reading (articles read ahead),
loading models, extracting (a bar, articles done out of the total, the rate and the time left) and linking.
"""
from __future__ import annotations

import os
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, ProgressColumn, SpinnerColumn, Task, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Display
from rich.text import Text

if TYPE_CHECKING:  # kg.pipeline imports spaCy: the CLI imports it only when a command extracts
    from kg.pipeline import Progress


def on_a_terminal(console: Console) -> bool:
    """Whether to draw progress on ``console``: a terminal by rich's judgement, and never a pipe or a file, even
    when FORCE_COLOR or TTY_COMPATIBLE is set (they ask for colours in CI logs, not for progress frames in them)."""
    try:
        descriptor = console.file.fileno()
    except (AttributeError, OSError, ValueError):  # no descriptor (a test's buffer): rich decides alone
        return console.is_terminal
    return console.is_terminal and os.isatty(descriptor)


def _rate(task: Task) -> float | None:
    """Articles a second since the phase began. Not rich's own estimate, from its last few updates: articles come
    back a batch at a time, so those updates are microseconds apart and would make thousands a second."""
    elapsed = task.elapsed
    return task.completed / elapsed if task.completed and elapsed else None


class _Articles(ProgressColumn):
    """``1021/2228 articles  12.1/s`` with a total; ``2230 articles`` without one; nothing before the first."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text(f"{int(task.completed)} articles" if task.completed else "")
        rate = _rate(task)
        return Text(f"{int(task.completed)}/{int(task.total)} articles" + (f"  {rate:.1f}/s" if rate else ""))


class _Remaining(ProgressColumn):
    """The time left at the rate so far, as ``ETA 0:01:40``, once a total is known and an article is done."""

    def render(self, task: Task) -> Text:
        rate = _rate(task)
        if task.total is None or rate is None:
            return Text("")
        minutes, seconds = divmod(round(max(task.total - task.completed, 0) / rate), 60)
        hours, minutes = divmod(minutes, 60)
        return Text(f"ETA {hours}:{minutes:02d}:{seconds:02d}")


class IngestProgress:
    """A callback for ``ingest(progress=...)`` that draws each phase on ``console`` while in its ``with`` block."""

    def __init__(self, console: Console) -> None:
        self.display = Display(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=30),
                               _Articles(), _Remaining(), TimeElapsedColumn(), console=console, transient=True)
        self.phase: str | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> IngestProgress:
        self.display.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.display.stop()

    def __call__(self, step: Progress) -> None:
        if step.phase != self.phase or self.task is None:
            self._begin(step)
        else:
            self.display.update(self.task, completed=step.done, total=step.total)

    def _begin(self, step: Progress) -> None:
        """A new line for a new phase, once the last one is drawn as it ended, however short it was."""
        if self.task is not None:
            self.display.refresh()
            self.display.remove_task(self.task)
        self.phase = step.phase
        self.task = self.display.add_task(step.phase, total=step.total, completed=step.done)
