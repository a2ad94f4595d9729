"""Shared paths and helpers of the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CONSOLIDATE_SHARED", ROOT.parent / "shared"))
SEED = ROOT / "amendments" / "192" / "kaz.txt"
GOLDEN = SHARED / "golden" / "order-192.json"
BASE_550 = ROOT / "base_orders" / "550"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def seed_amendment():
    from consolidate.parse.order import parse_file

    return parse_file(SEED)

# The reconstructed-base notice as Kazakh and Russian documents print it (labels.toml).
NOTICE_KK = "Негізгі мәтін қалпына келтірілген; оны ауыстыру үшін ресми мәтінді импорттаңыз"
NOTICE_RU = "Базовый текст реконструирован; импортируйте официальный текст, чтобы заменить его"
