"""xbec: executable replication package of Wei, Yang & Ou (2024)."""

from .errors import ModelDomainError

__version__ = "0.1.0"
__all__ = ["ModelDomainError", "__version__"]
