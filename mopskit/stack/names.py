"""How the kit compares names: one folding for tools, apps, categories and departments.

The folding lives in ``mopskit.wording`` with the rest of the kit's wording; this module
keeps the stack's imports short.
"""

from mopskit.wording import ZERO_WIDTH, fold, tidy

__all__ = ["ZERO_WIDTH", "fold", "tidy"]
