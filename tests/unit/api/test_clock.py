import threading
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from app.api.clock import ServerClock, clock_skew_text
from app.api.signing import TimestampFormat, format_timestamp, parse_timestamp

# A local clock frozen at 2023-11-02 02:32:43.250 UTC; tests move it by hand.
LOCAL = datetime(2023, 11, 2, 2, 32, 43, 250_000, tzinfo=UTC).timestamp()


class FakeTime:
    def __init__(self, value: float = LOCAL) -> None:
        self.value = value

    def __call__(self) -> float:
        return self.value


def http_date(seconds: float) -> str:
    """An RFC 7231 IMF-fixdate, truncated to the second like a server writes it."""
    return format_datetime(datetime.fromtimestamp(int(seconds), UTC), usegmt=True)


def observe(clock: ServerClock, server_seconds: float, *, sent: float, received: float) -> None:
    clock.observe_date_header(http_date(server_seconds), sent_at=sent, received_at=received)


def test_a_fresh_clock_trusts_the_machine():
    clock = ServerClock(FakeTime())
    assert clock.offset_seconds == 0.0
    assert clock.skew_minutes() == 0
    assert clock.now() == datetime.fromtimestamp(LOCAL, UTC)
    assert clock.now().tzinfo is UTC


def test_a_machine_17_minutes_behind_is_corrected():
    local = FakeTime()
    clock = ServerClock(local)
    server = LOCAL + 17 * 60
    observe(clock, server, sent=LOCAL - 0.2, received=LOCAL + 0.2)
    assert clock.skew_minutes() == 17
    assert abs(clock.offset_seconds - 17 * 60) <= 1.5
    # The timestamp signed now is within a second or two of the server's clock.
    signed = format_timestamp(clock.now(), TimestampFormat.ISO_UTC)
    assert abs(parse_timestamp(signed).timestamp() - server) <= 2


def test_a_machine_ahead_gives_negative_minutes():
    clock = ServerClock(FakeTime())
    observe(clock, LOCAL - 25 * 60, sent=LOCAL, received=LOCAL)
    assert clock.skew_minutes() == -25


def test_a_laptop_with_the_wrong_time_zone_is_hours_off_in_utc():
    # Wall clock right for Makassar, but the zone set to Jakarta: its UTC is an hour ahead.
    clock = ServerClock(FakeTime(LOCAL + 3600))
    observe(clock, LOCAL, sent=LOCAL + 3600, received=LOCAL + 3600)
    assert clock.skew_minutes() == -60
    assert abs(clock.now().timestamp() - LOCAL) <= 1


def test_sub_second_noise_is_ignored():
    clock = ServerClock(FakeTime())
    # Date truncated to the second plus a slow round trip: not a clock problem.
    observe(clock, LOCAL + 1.0, sent=LOCAL - 1.2, received=LOCAL + 1.2)
    assert clock.offset_seconds == 0.0


def test_small_changes_around_a_learned_offset_do_not_make_it_jitter():
    clock = ServerClock(FakeTime())
    observe(clock, LOCAL + 300, sent=LOCAL, received=LOCAL)
    learned = clock.offset_seconds
    observe(clock, LOCAL + 301, sent=LOCAL, received=LOCAL)
    assert clock.offset_seconds == learned
    observe(clock, LOCAL + 310, sent=LOCAL, received=LOCAL)
    assert clock.offset_seconds != learned


def test_a_fixed_machine_clock_returns_to_no_offset():
    clock = ServerClock(FakeTime())
    observe(clock, LOCAL + 1200, sent=LOCAL, received=LOCAL)
    assert clock.skew_minutes() == 20
    observe(clock, LOCAL, sent=LOCAL, received=LOCAL)
    assert clock.offset_seconds == 0.0


def test_the_midpoint_of_the_round_trip_is_used():
    clock = ServerClock(FakeTime())
    # Sent 10 s before, answered 10 s after: the server's moment is the midpoint.
    observe(clock, LOCAL + 600, sent=LOCAL - 10, received=LOCAL + 10)
    assert abs(clock.offset_seconds - 600) <= 1


@pytest.mark.parametrize(
    "value",
    [None, "", "kemarin", "Sun, 32 Nov 2023 08:49:37 GMT", "Thu, 02 Nov 2023 25:61:00 GMT"],
)
def test_missing_or_unreadable_date_headers_change_nothing(value):
    clock = ServerClock(FakeTime())
    observe(clock, LOCAL + 900, sent=LOCAL, received=LOCAL)
    before = clock.offset_seconds
    clock.observe_date_header(value, sent_at=LOCAL, received_at=LOCAL)
    assert clock.offset_seconds == before


@pytest.mark.parametrize(
    "value",
    [
        "Thu, 02 Nov 2023 02:50:00 GMT",
        "Thursday, 02-Nov-23 02:50:00 GMT",
        "Thu Nov  2 02:50:00 2023",
    ],
)
def test_all_three_http_date_forms_are_read(value):
    local = datetime(2023, 11, 2, 2, 30, 0, tzinfo=UTC).timestamp()
    clock = ServerClock(FakeTime(local))
    clock.observe_date_header(value, sent_at=local, received_at=local)
    assert clock.skew_minutes() == 20


def test_local_time_is_the_clock_to_stamp_requests_with():
    local = FakeTime()
    clock = ServerClock(local)
    assert clock.local_time() == LOCAL
    local.value += 5
    assert clock.local_time() == LOCAL + 5


def test_observations_from_many_threads_settle_on_the_server_offset():
    clock = ServerClock(FakeTime())
    barrier = threading.Barrier(8)

    def worker(seconds_off: int) -> None:
        barrier.wait()
        for _ in range(200):
            observe(clock, LOCAL + seconds_off, sent=LOCAL, received=LOCAL)

    threads = [threading.Thread(target=worker, args=(900,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert clock.skew_minutes() == 15


def test_skew_text_says_how_far_off_and_what_to_do():
    text = clock_skew_text(17)
    assert "17 menit" in text.id and "17 minutes" in text.en
    assert "terlambat" in text.id and "behind" in text.en
    assert "Windows/macOS" in text.id and "Windows/macOS" in text.en
    assert "coba lagi" in text.id and "try again" in text.en


def test_skew_text_for_a_clock_that_is_ahead():
    text = clock_skew_text(-12)
    assert "12 menit" in text.id and "12 minutes" in text.en
    assert "terlalu cepat" in text.id and "ahead" in text.en


@pytest.mark.parametrize("minutes", [60, -120, 59, 121])
def test_skew_of_whole_hours_points_at_the_time_zone(minutes):
    text = clock_skew_text(minutes)
    assert "zona waktu salah" in text.id and "wrong time zone" in text.en
    assert "WITA" in text.id


def test_skew_of_minutes_does_not_blame_the_time_zone():
    text = clock_skew_text(17)
    assert "zona waktu salah" not in text.id


def test_skew_text_without_a_known_difference_still_says_what_to_do():
    text = clock_skew_text(0)
    assert "selisih 0" not in text.id and " 0 minutes" not in text.en
    assert "Windows/macOS" in text.id and "try again" in text.en
