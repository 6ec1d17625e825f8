import os

import pytest

from inventory.stock import label, needs_reorder, remaining


def test_remaining_takes_the_order_off():
    assert remaining(10, 3) == 7


def test_remaining_refuses_more_than_the_stock():
    with pytest.raises(ValueError, match="cannot take 4 from a stock of 3"):
        remaining(3, 4)


def test_needs_reorder_at_the_threshold():
    assert needs_reorder(5)


@pytest.mark.skip(reason="skipped on purpose, so the reports have a skipped test")
def test_label_sold_out():
    assert label(0) == "sold out"


def test_label_in_stock():
    # Fails on purpose when QUALITY_SAMPLE_FAIL=1, so the reports can have a failed test with a real message.
    expected = "sold out" if os.environ.get("QUALITY_SAMPLE_FAIL") == "1" else "in stock"
    assert label(12) == expected
