"""Telling whether an order is written in Kazakh or in Russian."""

from __future__ import annotations

KAZAKH_LETTERS = frozenset("әғқңөұүһі")


def detect_lang(text: str) -> str:
    """"kk" when the text uses the letters Kazakh adds to the Russian alphabet, else "ru"."""
    sample = text[:20000].lower()
    kazakh = sum(1 for char in sample if char in KAZAKH_LETTERS)
    return "kk" if kazakh >= max(1, len(sample) // 1000) else "ru"
