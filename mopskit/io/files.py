"""Write a report without ever leaving half a file or clobbering one nobody asked to replace.

The bytes go to a temporary file in the target's folder (same file system), are synced,
and only then take the target's name in one step: ``os.replace`` with ``force``, else
``os.link``, which fails if the name was taken meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from mopskit.errors import InputError, TargetExists


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Raise ``InputError`` naming ``path`` unless a report may be written there."""
    target = Path(path)
    if target.is_dir():
        raise InputError("is a folder; give a file name for the report", file=target)
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"the folder '{parent}' does not exist", file=target)
    if not force and (target.exists() or target.is_symlink()):
        raise TargetExists(target)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"the folder '{parent}' is not writable", file=target)
    return target


def check_not_input(
    target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Refuse a report path that is one of the run's input files, whatever ``--force`` says."""
    path = Path(target)
    for source in inputs:
        if _same_file(path, Path(source)):
            raise InputError(
                f"is an input of this run ('{source}'); a report never overwrites its input:"
                " choose another name",
                file=path,
            )


def place_all(reports: Sequence[tuple[Path, bytes]], *, force: bool = False) -> list[Path]:
    """Write several files all or none.

    Every file is written and synced to a temporary name beside its target first; only then do
    they take their names, one after another. If one cannot, those already placed are taken
    back (a replaced file gets its old content back), so a failed run leaves no mixed set.
    """
    staged: list[tuple[Path, str]] = []
    placed: list[tuple[Path, str | None]] = []  # target, backup of what it replaced
    try:
        for target, data in reports:
            staged.append((target, _stage(target, data)))
        for target, temporary in staged:
            backup = _backup(target) if force else None
            if force:
                os.replace(temporary, target)
            else:
                _link_without_overwriting(temporary, target)
            placed.append((target, backup))
    except BaseException as error:
        for target, backup in reversed(placed):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    os.unlink(target)
        if isinstance(error, OSError):
            raise InputError(f"cannot write the report: {error.strerror or error}",
                             file=getattr(error, "filename", None)) from None
        raise
    finally:
        for _target, temporary in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        for _target, backup in placed:
            if backup is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)
    return [target for target, _data in reports]


def _stage(target: Path, data: bytes) -> str:
    """``data`` in a synced temporary file beside ``target``, with the mode the target will have."""
    mode = _mode_for(target)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as error:
        raise InputError(f"cannot write here: {error.strerror or error}", file=target) from None
    with os.fdopen(descriptor, "wb") as handle:
        _write_and_sync(handle, data)
    os.chmod(temporary, mode)
    return temporary


def _backup(target: Path) -> str | None:
    """A hard link to the file ``target`` is about to replace, to put back on failure."""
    if not target.is_file():
        return None
    backup = f"{target.parent}/.{target.name}.{os.getpid()}.previous"
    try:
        os.link(target, backup)
    except OSError:
        return None  # no hard links here: the replaced file cannot be restored
    return backup


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Put ``data`` at ``path`` in one step; refuse an existing file unless ``force``."""
    target = check_target(path, force=force)
    mode = _mode_for(target)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as error:
        raise InputError(f"cannot write here: {error.strerror or error}", file=target) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            _write_and_sync(handle, data)
        os.chmod(temporary, mode)
        if force:
            os.replace(temporary, target)
        else:
            _link_without_overwriting(temporary, target)
    except InputError:
        raise
    except OSError as error:
        raise InputError(f"cannot write the report: {error.strerror or error}", file=target) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target


def _write_and_sync(handle: BinaryIO, data: bytes) -> None:
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())


def _link_without_overwriting(temporary: str, target: Path) -> None:
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError:
        # File systems without hard links: the check above is the best we can do.
        if target.exists():
            raise TargetExists(target) from None
        os.replace(temporary, target)


def _mode_for(target: Path) -> int:
    """Keep an overwritten file's permissions; give a new one the user's default."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def keep_or_write(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` unless a file is already there (then keep it, unless ``force``):
    a learner's copy to edit, which running the cell again must never wipe."""
    target = Path(path)
    if (target.exists() or target.is_symlink()) and not force:
        return target
    return write_atomic(target, data, force=force)


def free_name(path: str | os.PathLike[str]) -> Path:
    """``path`` if no file has that name, else the first free ``stem-2.yaml``, ``stem-3.yaml``, ...
    (so a second save never replaces the first)."""
    target = Path(path)
    if not (target.exists() or target.is_symlink()):
        return target
    stem = re.sub(r"-\d+$", "", target.stem)
    number = 2
    while True:
        candidate = target.with_name(f"{stem}-{number}{target.suffix}")
        if not (candidate.exists() or candidate.is_symlink()):
            return candidate
        number += 1
