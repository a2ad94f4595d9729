"""Applying amending orders to a version: resolve targets, change units, write notes."""

from consolidate.apply.tree_table import apply_amendment, apply_amendments

__all__ = ["apply_amendment", "apply_amendments"]
