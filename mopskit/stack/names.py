"""How the kit compares names: one folding for tools, apps, categories and departments."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Invisible characters that ride along when a name is pasted from a web page or a PDF.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_DROP_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH))


def tidy(text: str) -> str:
    """A name as shown: invisible characters dropped, accents composed (NFC), inner runs of
    spaces made one and ends trimmed ('Hub  Spot ' -> 'Hub Spot')."""
    return " ".join(unicodedata.normalize("NFC", str(text).translate(_DROP_ZERO_WIDTH)).split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A name as compared: 'HubSpot ', 'hubspot', 'HUBSPOT', full-width 'ＨｕｂＳｐｏｔ' and 'HubSpot' with a
    zero-width space inside all match, and so do 'Café' with a composed or a combining accent
    (zero-width characters dropped, NFKC, case-folded, spaces tidied).

    Cached: an audit compares the same few thousand names many times over.
    """
    compatible = unicodedata.normalize("NFKC", str(text).translate(_DROP_ZERO_WIDTH))
    return " ".join(unicodedata.normalize("NFKC", compatible.casefold()).split())
