"""Which files the paths a user gives name, and their bytes as the scan reads them.

A path is a file, a folder (its logs, recursively) or a glob pattern; a file may be gzip
(opened transparently) or UTF-16 (copied as UTF-8 for DuckDB).
"""

from __future__ import annotations

import codecs
import glob
import gzip
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import BinaryIO, cast

from mopskit.errors import InputError

__all__ = ["LOG_SUFFIXES", "expand", "is_gzip", "open_binary", "transcode"]

LOG_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".txt", ".log", ".parquet"}


def expand(paths: str | PathLike[str] | Sequence[str | PathLike[str]]) -> list[Path]:
    """Files, folders (their logs, recursively, sorted, hidden ones skipped) and glob patterns."""
    given = [paths] if isinstance(paths, (str, PathLike)) else list(paths)
    if not given:
        raise InputError("no sign-in log given")
    files: list[Path] = []
    for item in given:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                candidate for candidate in path.rglob("*")
                if candidate.is_file() and _is_log_name(candidate.relative_to(path))
            )
            if not found:
                raise InputError("no sign-in log in this folder (looked for .json, .jsonl, .csv, .parquet"
                                 " and the like, .gz too)", file=path)
            files.extend(found)
        elif not path.exists() and glob.has_magic(str(item)):
            found = sorted(
                Path(name) for name in glob.glob(str(item), recursive=True)
                if Path(name).is_file() and not Path(name).name.startswith(".")
            )
            if not found:
                raise InputError("no file matches this pattern", file=str(item))
            files.extend(found)
        else:
            files.append(path)
    return files


def _is_log_name(relative: Path) -> bool:
    if any(part.startswith(".") for part in relative.parts):
        return False
    suffixes = [suffix.lower() for suffix in relative.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in LOG_SUFFIXES


def is_gzip(file: Path) -> bool:
    """Whether the file starts as a gzip archive does."""
    with file.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def open_binary(file: Path) -> BinaryIO:
    """The file's bytes, decompressed when it is gzip."""
    return cast(BinaryIO, gzip.open(file, "rb") if is_gzip(file) else file.open("rb"))


def transcode(source: Path, target: Path) -> None:
    """UTF-16 (Windows PowerShell, Excel 'Unicode Text') to UTF-8, block by block."""
    with open_binary(source) as raw:
        head = raw.read(2)
        codec = "utf-16" if head in (b"\xff\xfe", b"\xfe\xff") else None
        if codec is None:
            peek = raw.read(2)
            codec = "utf-16-le" if (head + peek)[1:2] == b"\x00" else "utf-16-be"
            head = head + peek
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        with target.open("wb") as sink:
            sink.write(decoder.decode(head).encode("utf-8"))
            while block := raw.read(1 << 22):
                sink.write(decoder.decode(block).encode("utf-8"))
            sink.write(decoder.decode(b"", final=True).encode("utf-8"))
