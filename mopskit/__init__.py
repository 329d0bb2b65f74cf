"""MOps Kit: a small, tested library beneath the Marketing Operations lessons."""

from mopskit.errors import InputError

__version__ = "0.1.0"

__all__ = ["InputError", "__version__"]
