"""Find the events in a JSON log whatever wraps them, without parsing it, in flat memory.

Exports come as JSON lines, one array, several arrays one after another, or pages that
wrap the events in an object (``{"value": [...]}`` from Microsoft Graph, ``{"events":
[...]}``). DuckDB streams lines and single arrays but reads a wrapping object whole, so a
page of a few hundred thousand events needs gigabytes. Here numpy walks the bytes in
blocks (quotes, brackets and commas outside strings, nesting depth) and writes a copy
where everything that is not an event is blanked: the events keep their byte offsets and
follow each other one per line, which DuckDB reads as JSON lines. The same walk finds
where the N-th event starts, so errors name a line of the file the user has.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO
from dataclasses import dataclass

import numpy as np

BLOCK = 1 << 24
EVENT_KEYS = ("value", "events", "records")  # Graph pages; Okta pages saved by scripts; Azure Event Hubs
_KIND = np.zeros(256, dtype=np.int8)
_KIND[[ord("{"), ord("[")]] = 1
_KIND[[ord("}"), ord("]")]] = -1
_SPACE, _NEWLINE, _QUOTE, _BACKSLASH, _COMMA = 32, 10, 34, 92, 44


class StructureError(ValueError):
    """The bytes are not well-formed JSON at ``offset`` (brackets, not values)."""

    def __init__(self, reason: str, offset: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


@dataclass
class _State:
    offset: int = 0  # file offset of the block start
    in_string: bool = False
    trailing_backslashes: int = 0
    depth: int = 0
    inside_event: bool = False
    foreign: bool = False  # inside a wrapper's container that holds no events (D=2)
    event_start: int = -1  # offset of the event not yet closed
    events: int = 0
    tail: bytes = b""  # the end of the previous block, to read a key split across blocks


@dataclass
class _Block:
    raw: bytes
    offset: int
    positions: np.ndarray  # structural characters outside strings (block-relative)
    chars: np.ndarray
    before: np.ndarray  # nesting depth before each
    after: np.ndarray
    starts: np.ndarray  # event openers (block-relative)
    ends: np.ndarray  # event closers (block-relative)
    blank_ranges: list[tuple[int, int]]  # block-relative [start, end) outside any event


def _unescaped_quotes(buf: np.ndarray, state: _State) -> np.ndarray:
    quotes = np.flatnonzero(buf == _QUOTE)
    backslashes = np.flatnonzero(buf == _BACKSLASH)
    if not len(backslashes) and not state.trailing_backslashes:
        return quotes
    escaped = np.zeros(len(quotes), dtype=bool)
    if len(backslashes):
        run_start = np.ones(len(backslashes), dtype=bool)
        run_start[1:] = backslashes[1:] != backslashes[:-1] + 1
        starts = np.flatnonzero(run_start)
        lengths = np.diff(np.append(starts, len(backslashes)))
        follow = backslashes[starts] + lengths  # the byte after each run
        if starts.size and backslashes[0] == 0:
            lengths[0] += state.trailing_backslashes
        odd = follow[(lengths % 2 == 1) & (follow < len(buf))]
        escaped |= np.isin(quotes, odd)
    if state.trailing_backslashes % 2 and len(quotes) and quotes[0] == 0:
        escaped[0] = True
    return quotes[~escaped]


def _trailing_backslashes(raw: bytes, state: _State) -> int:
    count = len(raw) - len(raw.rstrip(b"\\"))
    return count + state.trailing_backslashes if count == len(raw) else count


def walk(handle: BinaryIO, depth: int, block: int | None = None) -> Iterator[_Block]:
    """Blocks of the file with their structure; events are the objects at nesting ``depth``.

    ``depth`` 0: objects one after another (JSON lines, pretty-printed objects); 1: arrays
    of events; 2: objects wrapping an array of events under one of ``EVENT_KEYS``.
    Raises ``StructureError`` where brackets do not match or the file ends inside a value.
    """
    state = _State()
    while True:
        raw = handle.read(block or BLOCK)
        if not raw:
            break
        buf = np.frombuffer(raw, dtype=np.uint8)
        quotes = _unescaped_quotes(buf, state)
        # '{', '}', '[', ']' (and a few letters) share these bits; the exact test runs on the few
        candidates = np.flatnonzero((buf & 0xD9) == 0x59)
        candidates = candidates[_KIND[buf[candidates]] != 0]
        inside = (np.searchsorted(quotes, candidates) + state.in_string) % 2 == 1
        positions = candidates[~inside]
        chars = buf[positions]
        delta = _KIND[chars].astype(np.int64)
        after = state.depth + np.cumsum(delta)
        before = after - delta
        if len(after) and after.min() < 0:
            bad = positions[np.argmax(after < 0)]
            raise StructureError("a closing bracket that matches nothing", state.offset + int(bad))
        opener = delta > 0
        top_level = opener & (before == 0)
        wanted_top = ord("[") if depth == 1 else ord("{")
        if depth and np.any(chars[top_level] != wanted_top):
            bad = positions[top_level][chars[top_level] != wanted_top][0]
            raise StructureError("a value of another kind among the events", state.offset + int(bad))
        is_start = opener & (before == depth) & (chars == ord("{"))
        is_end = ~opener & (after == depth) & (chars == ord("}"))
        blank_ranges: list[tuple[int, int]] = []
        if depth == 2:
            is_start, is_end = _drop_foreign(raw, positions, chars, before, after, is_start, is_end,
                                             blank_ranges, state)
        starts, ends = positions[is_start], positions[is_end]
        if depth:
            # gaps outside events and outside the events' arrays: wrapper keys and values
            shallow = np.flatnonzero(after < depth)
            edges = list(zip(positions[shallow] + 1, np.append(positions, len(raw))[shallow + 1]))
            if state.depth < depth:
                edges.insert(0, (0, int(positions[0]) if len(positions) else len(raw)))
            blank_ranges.extend((int(a), int(b)) for a, b in edges if b > a)
        if len(starts) or len(ends):
            state.event_start = state.offset + int(starts[-1]) if (
                len(starts) and (not len(ends) or starts[-1] > ends[-1])) else -1
        state.events += len(starts)
        yield _Block(raw, state.offset, positions, chars, before, after, starts, ends, blank_ranges)
        state.in_string = bool((state.in_string + len(quotes)) % 2)
        state.trailing_backslashes = _trailing_backslashes(raw, state)
        if len(after):
            state.depth = int(after[-1])
        state.tail = raw[-4096:] if len(raw) >= 4096 else (state.tail + raw)[-4096:]
        state.offset += len(raw)
    if state.in_string or state.depth:
        where = state.event_start if state.event_start >= 0 else state.offset
        raise StructureError("the file ends in the middle of an event", where)


def _drop_foreign(raw: bytes, positions: np.ndarray, chars: np.ndarray, before: np.ndarray, after: np.ndarray,
                  is_start: np.ndarray, is_end: np.ndarray, blank_ranges: list[tuple[int, int]],
                  state: Any) -> tuple[np.ndarray, np.ndarray]:
    """In wrapping objects keep the events of the ``value``/``events`` array; blank other containers."""
    opens = np.flatnonzero((_KIND[chars] > 0) & (before == 1))
    closes = np.flatnonzero((_KIND[chars] < 0) & (after == 1))
    marks = sorted([(int(i), True) for i in opens] + [(int(i), False) for i in closes])
    keep = np.ones(len(positions), dtype=bool)
    first, begin = 0, 0  # where the foreign container began: structural index, byte (block-relative)
    for index, is_open in marks:
        position = int(positions[index])
        if is_open:
            state.foreign = not (chars[index] == ord("[") and _key_before(raw, position, state) in EVENT_KEYS)
            first, begin = index, position
        elif state.foreign:
            keep[first:index + 1] = False
            blank_ranges.append((begin, position + 1))
            state.foreign = False
    if state.foreign:
        keep[first:] = False
        blank_ranges.append((begin, len(raw)))
    return is_start & keep, is_end & keep


def _key_before(raw: bytes, position: int, state: _State) -> str | None:
    """The object key just before ``position`` (``"value": [``), or None."""
    text = raw[max(0, position - 256):position]
    if position < 256:
        text = state.tail[-256:] + text
    text = text.rstrip()
    if not text.endswith(b":"):
        return None
    text = text[:-1].rstrip()
    if not text.endswith(b'"'):
        return None
    opening = text.rfind(b'"', 0, len(text) - 1)
    return text[opening + 1:-1].decode("utf-8", "replace") if opening >= 0 else None


def normalise(source: BinaryIO, target: BinaryIO, depth: int) -> int:
    """Copy ``source`` to ``target`` with everything but the events blanked; return the event count.

    Offsets are kept: commas between events and the ends of event arrays become newlines,
    the rest spaces, so each event starts a line and DuckDB can read the copy as JSON lines.
    """
    events = 0
    comma_may_open_block = False
    for block in walk(source, depth):
        out = np.frombuffer(bytearray(block.raw), dtype=np.uint8)
        positions, chars, before, after = block.positions, block.chars, block.before, block.after
        delta = _KIND[chars]
        wrapper = ((delta > 0) & (before < depth)) | ((delta < 0) & (after < depth))
        out[positions[wrapper]] = _SPACE
        out[positions[(delta < 0) & (after == depth - 1)]] = _NEWLINE
        for start, end in block.blank_ranges:
            segment = out[start:end]
            segment[segment != _NEWLINE] = _SPACE
        if comma_may_open_block and out[0] == _COMMA:
            out[0] = _NEWLINE
        # the comma between two events: writers put it right after the '}'
        commas = block.ends + 1
        comma_may_open_block = bool(len(commas) and commas[-1] == len(out))
        commas = commas[commas < len(out)]
        following = out[commas]
        out[commas[following == _COMMA]] = _NEWLINE
        for position in commas[following != _COMMA].tolist():  # '}\n  ,' and the like, seldom
            index = position
            while index < len(out) and out[index] in (_SPACE, _NEWLINE, 9, 13):
                index += 1
            if index < len(out) and out[index] == _COMMA:
                out[index] = _NEWLINE
        target.write(out.tobytes())
        events += len(block.starts)
    return events


def event_start(source: BinaryIO, depth: int, number: int) -> int | None:
    """The file offset where event ``number`` (1-based) starts, or None if there are fewer."""
    seen = 0
    for block in walk(source, depth):
        if seen + len(block.starts) >= number:
            return block.offset + int(block.starts[number - seen - 1])
        seen += len(block.starts)
    return None


def event_spans(source: BinaryIO, depth: int) -> Iterator[tuple[int, int]]:
    """(start, end) file offsets of each event, end exclusive; for the slow search of a broken one."""
    pending: int | None = None
    for block in walk(source, depth):
        starts = (block.starts + block.offset).tolist()
        ends = (block.ends + block.offset + 1).tolist()
        if pending is not None and ends and (not starts or ends[0] < starts[0]):
            yield pending, ends.pop(0)
            pending = None
        for start, end in zip(starts, ends):
            yield start, end
        if len(starts) > len(ends):
            pending = starts[-1]


def is_wrapped(head: bytes) -> bool:
    """Whether the first object of ``head`` wraps an array of events under one of ``EVENT_KEYS``."""
    import io

    blocks = walk(io.BytesIO(head), 0, block=max(len(head), 1))
    try:
        block = next(blocks)
    except (StopIteration, StructureError):
        return False
    state = _State()
    openers = np.flatnonzero((_KIND[block.chars] > 0) & (block.before == 1) & (block.chars == ord("[")))
    first_close = np.flatnonzero(block.after == 0)
    limit = block.positions[first_close[0]] if len(first_close) else len(block.raw)
    return any(
        _key_before(block.raw, int(block.positions[index]), state) in EVENT_KEYS
        for index in openers.tolist() if block.positions[index] < limit
    )
