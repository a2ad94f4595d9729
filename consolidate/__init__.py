"""Consolidation of Kazakhstan's legal acts from amending orders (Kazakh and Russian)."""

__version__ = "0.1.0"
