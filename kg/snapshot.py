"""A reader's own view of a store's files, so that it reads a fixed snapshot while a writer goes on changing them.

Oxigraph's store is a RocksDB database. Its writer deletes table files whenever it compacts, appends to its MANIFEST
and WAL, and starts new ones; pyoxigraph calls a read-only open of a folder that another process writes "undefined
behaviour". Seen here: a reader failing part way through a query because a compaction had removed a table file it
listed (FileNotFoundError), and a test process reading during an ingest growing past 20 GB until the kernel's OOM
killer stopped it.

So a reader first pins the files it needs, in a folder of its own inside the store (``.readers/<pid>-<random>``):
table files (``*.sst``, never changed once written) and WAL files the writer has moved on from are hard links, which
keep their contents when the writer deletes its own name for them; CURRENT, the MANIFEST it names, OPTIONS and the
newest WAL (the one the writer may still append to) are copied. RocksDB then opens that folder read-only, and
nothing in it changes while the reader reads. The copies are small (the MANIFEST is a log of file lists; the newest
WAL holds only what was written since the last flush), the links cost nothing, and the folder goes when the reader
closes the store, or at the next pin once the process that made it has gone.

The pin is taken in an order that can only miss the writer's latest steps, never mix them: the WAL files listed first
must all still be there once the MANIFEST is copied (a WAL is deleted only after its writes were flushed to tables a
newer MANIFEST names), else the pin starts again; a table file the copied MANIFEST names but a compaction removed
first makes the open fail, and the caller pins again.
"""
from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
from pathlib import Path

#: The reader folders inside a store.
READERS = ".readers"
_TABLE = re.compile(r"\d+\.sst")
_WAL = re.compile(r"(\d+)\.log")
_COPIED = re.compile(r"OPTIONS-\d+|IDENTITY")


class Moved(OSError):
    """The writer moved on while the pin was taken (a WAL or the MANIFEST went): pin again."""


def pin(folder: Path) -> Path | None:
    """A new folder inside ``folder`` holding a snapshot of its RocksDB files, or None where no such folder can be
    made (a store on a read-only mount, or one this user may not write to): the caller then opens ``folder``
    itself. Raises Moved when the writer changed the files under it (try again)."""
    readers = folder / READERS
    try:
        readers.mkdir(exist_ok=True)
        _remove_abandoned(readers)
        target = readers / f"{os.getpid()}-{secrets.token_hex(4)}"
        target.mkdir()
    except OSError:
        return None
    try:
        _fill(folder, target)
    except Moved:
        release(target)
        raise
    except OSError as error:
        release(target)
        if error.errno in (errno.EXDEV, errno.EPERM, errno.EACCES, errno.EROFS, errno.ENOSPC, errno.EMLINK):
            return None
        raise
    return target


def release(target: Path | None) -> None:
    """Remove a reader's folder (its links and copies; the store's own files are untouched)."""
    if target is not None:
        shutil.rmtree(target, ignore_errors=True)


def _fill(folder: Path, target: Path) -> None:
    wals_before = _wals(folder)
    try:
        current = (folder / "CURRENT").read_bytes()
        manifest = current.decode("ascii").strip()
        shutil.copyfile(folder / manifest, target / manifest)
    except (FileNotFoundError, UnicodeDecodeError) as error:  # a new MANIFEST replaced the one CURRENT named
        raise Moved(str(error)) from error
    (target / "CURRENT").write_bytes(current)
    for name in os.listdir(folder):
        if _TABLE.fullmatch(name):
            try:
                os.link(folder / name, target / name)
            except FileNotFoundError:
                pass  # compacted away: if the copied MANIFEST still names it, the open fails and the caller pins again
        elif _COPIED.fullmatch(name):
            try:
                shutil.copyfile(folder / name, target / name)
            except FileNotFoundError:
                pass  # an OPTIONS file replaced by a newer one; RocksDB reads the options it is given
    wals = {**_wals(folder), **wals_before}
    newest = max(wals, default=None)
    for number, name in wals.items():
        try:
            if number == newest:
                shutil.copyfile(folder / name, target / name)  # the writer may still append to the newest
            else:
                os.link(folder / name, target / name)
        except FileNotFoundError as error:
            raise Moved(str(error)) from error


def _wals(folder: Path) -> dict[int, str]:
    """The WAL files in ``folder`` by number."""
    return {int(match.group(1)): name for name in os.listdir(folder) if (match := _WAL.fullmatch(name))}


def _remove_abandoned(readers: Path) -> None:
    """Remove reader folders whose process has gone (a reader killed before it could clean up)."""
    for path in readers.iterdir():
        pid = path.name.partition("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            release(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
