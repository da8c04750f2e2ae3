"""Groups under 5 are never shown, and no hidden group can be derived from the company total by subtraction."""

import itertools

import pytest

from performance.survey.services import reporting_groups


@pytest.mark.parametrize(
    ("counts", "shown", "other", "visible"),
    [
        ({1: 8, 2: 6}, {1: 8, 2: 6}, 0, True),  # every department large enough: no "other"
        ({1: 8, 2: 6, 3: 2, 4: 3}, {1: 8, 2: 6}, 5, True),  # two small ones make an "other" of 5
        ({1: 8, 2: 6, 3: 2}, {1: 8}, 8, True),  # "other" of 2 would be derivable: the smallest shown joins it
        ({1: 8, 2: 6, 3: 2, 4: 2}, {1: 8}, 10, True),
        ({1: 3, 2: 1}, {}, 4, False),  # fewer than 5 in all: nothing, not even the total
        ({1: 5}, {1: 5}, 0, True),
        ({1: 4}, {}, 4, False),
        ({None: 6, 1: 7}, {1: 7}, 6, True),  # stored "other departments" (None) count as merged
        ({None: 6, 1: 7, 2: 1}, {1: 7}, 7, True),
    ],
)
def test_reporting_groups(counts, shown, other, visible):
    grouping = reporting_groups(counts)
    assert grouping.shown == shown
    assert grouping.other == other
    assert grouping.visible is visible


def test_no_group_under_five_is_shown_or_derivable():
    """Whatever the sizes: each shown group ≥ 5, "other" is 0 or ≥ 5 and company − shown = other (so it is
    never a hidden department alone under 5); with fewer than 5 in all nothing is visible."""
    for sizes in itertools.product([0, 1, 2, 4, 5, 6, 9], repeat=4):
        counts = {i + 1: n for i, n in enumerate(sizes) if n}
        grouping = reporting_groups(counts)
        assert all(n >= 5 for n in grouping.shown.values()), sizes
        assert grouping.total - sum(grouping.shown.values()) == grouping.other, sizes
        if grouping.visible:
            assert grouping.other == 0 or grouping.other >= 5, sizes
        else:
            assert grouping.total < 5, sizes
