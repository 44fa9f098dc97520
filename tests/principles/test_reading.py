import pytest

from principles.reading import reading_status


@pytest.mark.parametrize(
    ("read", "total", "confirmed", "partial", "label"),
    [
        (0, 10, False, False, "Not confirmed"),
        (3, 10, False, True, "3 of 10 principles"),
        (10, 10, True, False, "Confirmed"),
        (0, 0, False, False, "Not confirmed"),  # an empty framework cannot be confirmed
    ],
)
def test_reading_status(read, total, confirmed, partial, label):
    status = reading_status(principles_read=read, principles_total=total)
    assert (status.is_confirmed, status.is_partial, status.label) == (confirmed, partial, label)
