from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.clock import BEIJING, parse_when, source_date_epoch

PLUS8 = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-12", datetime(2026, 5, 12, tzinfo=BEIJING)),
        ("2026-05-12 09:30", datetime(2026, 5, 12, 9, 30, tzinfo=BEIJING)),
        ("2026-05-12T09:30:15", datetime(2026, 5, 12, 9, 30, 15, tzinfo=BEIJING)),
        ("2026/5/3", datetime(2026, 5, 3, tzinfo=BEIJING)),
        ("2026年5月3日", datetime(2026, 5, 3, tzinfo=BEIJING)),
        ("2026-05-12 01:30Z", datetime(2026, 5, 12, 1, 30, tzinfo=UTC)),
        ("2026-05-12T09:30+08:00", datetime(2026, 5, 12, 9, 30, tzinfo=PLUS8)),
    ],
)
def test_parse_when(text: str, expected: datetime) -> None:
    value = parse_when(text, BEIJING)
    assert value == expected
    assert value.utcoffset() is not None


def test_naive_time_is_beijing_not_utc() -> None:
    assert parse_when("2026-05-12 09:00", BEIJING).astimezone(UTC).hour == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "没有这一天：“2024-02-30”"),
        ("2026-05-12 25:00", "没有这个时刻：“25:00”"),
        ("下周一", "“下周一”不是日期或时间。可以写："),
    ],
)
def test_parse_when_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_when(text, BEIJING)


@given(st.text(max_size=40))
def test_parse_when_never_crashes(text: str) -> None:
    try:
        value = parse_when(text, BEIJING)
    except ValueError:
        return
    assert value.tzinfo is not None


def test_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    assert source_date_epoch() == datetime(2025, 11, 25, tzinfo=UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert source_date_epoch() is None
