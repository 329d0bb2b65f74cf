"""Write a report without ever leaving half a file or clobbering one nobody asked to replace.

The bytes go to a temporary file in the target's folder (same file system), are synced,
and only then take the target's name in one step: ``os.replace`` with ``force``, else
``os.link``, which fails if the name was taken meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from mopskit.errors import InputError


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Raise ``InputError`` naming ``path`` unless a report may be written there."""
    target = Path(path)
    if target.is_dir():
        raise InputError("is a folder; give a file name for the report", file=target)
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"the folder '{parent}' does not exist", file=target)
    if not force and (target.exists() or target.is_symlink()):
        raise InputError("already exists; not overwritten (use --force, or force=True)", file=target)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"the folder '{parent}' is not writable", file=target)
    return target


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
        raise InputError("already exists; not overwritten (use --force, or force=True)", file=target) from None
    except OSError:
        # File systems without hard links: the check above is the best we can do.
        if target.exists():
            raise InputError("already exists; not overwritten (use --force, or force=True)", file=target) from None
        os.replace(temporary, target)


def _mode_for(target: Path) -> int:
    """Keep an overwritten file's permissions; give a new one the user's default."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
