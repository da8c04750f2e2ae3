import datetime

import pytest
from django.core.exceptions import ValidationError

from core.security import mask_id_number
from core.validators import build_id_number, validate_id_number


def test_a_built_id_number_is_valid():
    """An ID number with the right check character and a real birth date passes."""
    validate_id_number(build_id_number("310101", datetime.date(1988, 2, 29), 12))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("31010119880229001", "format"),  # 17 characters
        ("3101011988022900AX", "format"),
        ("310101198802300012", "birth_date"),  # 30 February
    ],
)
def test_malformed_id_numbers_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as err:
        validate_id_number(value)
    assert err.value.code == code


def test_a_wrong_check_character_is_refused():
    good = build_id_number("440301", datetime.date(1995, 7, 1), 5)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as err:
        validate_id_number(bad)
    assert err.value.code == "checksum"


def test_id_numbers_are_masked_to_province_and_last_four():
    assert mask_id_number("310101198801011234") == "31************1234"
