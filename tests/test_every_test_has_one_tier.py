"""Tiers (tests/conftest.py): every name the tier lists give is a real test, so a renamed test cannot
silently move into the fast tier, and every test ends up with exactly one tier."""

from __future__ import annotations

import re

import pytest

from .conftest import OFFICE_TESTS, REPO, TIERS


@pytest.mark.parametrize("file, name", [pytest.param(file, name, id=f"{file}::{name}")
                                        for table in (OFFICE_TESTS,)
                                        for file, names in sorted(table.items()) for name in sorted(names)])
def test_each_listed_test_exists(file, name):
    source = (REPO / "tests" / file).read_text(encoding="utf-8")
    assert re.search(rf"^def {re.escape(name)}\(", source, re.MULTILINE), f"tests/{file} has no {name}"


def test_this_test_has_exactly_one_tier(request):
    assert [name for name in TIERS if request.node.get_closest_marker(name)] == ["fast"]
