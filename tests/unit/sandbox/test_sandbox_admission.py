"""How the sandbox counts Accurate's limits on arrival, with arrival times given exactly: the
9th arrival within a rolling second, within a calendar second, with 8 in flight; refused ones
count too; arrivals recorded out of order are still counted right."""

from __future__ import annotations

from app.sandbox.admission import Admission

TOKEN = "token-hash"


def arrive_all(admission: Admission, times: list[float], *, enforce: bool, start=1000.0):
    """Each arrival at start + t (monotonic and wall alike); each is answered at once."""
    results = []
    for offset in times:
        arrival = admission.arrive(TOKEN, start + offset, start + offset, enforce=enforce)
        if arrival.refusal is None:
            admission.release(TOKEN)
        results.append(arrival)
    return results


def test_the_ninth_arrival_within_a_rolling_second_breaks_the_limit():
    times = [i * 0.1 for i in range(8)] + [0.99, 1.7, 1.8]
    results = arrive_all(Admission(), times, enforce=True)
    assert [r.refusal for r in results] == [None] * 8 + ["per_second", None, None]
    assert [r.per_second for r in results] == [0] * 8 + [1, 0, 0]
    # A whole second after the eighth start began, the window is free again.
    assert (
        arrive_all(Admission(), [i * 0.1 for i in range(8)] + [1.0], enforce=True)[-1].refusal
        is None
    )


def test_a_refused_arrival_still_counts_for_the_ones_after_it():
    # Eight at 0.0-0.7, one refused at 0.95; at 1.05 the second since 0.05 holds 0.1-0.7
    # (7) and the refused one: the ninth again.
    times = [i * 0.1 for i in range(8)] + [0.95, 1.05]
    results = arrive_all(Admission(), times, enforce=True)
    assert [r.refusal for r in results][-2:] == ["per_second", "per_second"]


def test_a_calendar_second_holding_nine_is_a_breach_even_when_no_rolling_window_refuses():
    admission = Admission()
    # Within one calendar second [1000, 1001): nine arrivals, the rolling second also sees 9.
    results = arrive_all(admission, [i * 0.11 for i in range(9)], enforce=False)
    assert results[-1].calendar_second == 1 and results[-1].per_second == 1
    assert results[-1].breaches == 1  # one request, counted once
    # Straddling two calendar seconds: a rolling breach only.
    later = arrive_all(admission, [10.5 + i * 0.1 for i in range(9)], enforce=False)
    assert later[-1].per_second == 1 and not later[-1].calendar_second


def test_the_ninth_in_flight_is_a_breach_and_refused_when_enforced():
    admission = Admission()
    for i in range(8):
        admission.arrive(TOKEN, 1000 + i * 10, 1000 + i * 10, enforce=True)  # never answered
    ninth = admission.arrive(TOKEN, 1100.0, 1100.0, enforce=True)
    assert ninth.refusal == "in_flight" and ninth.in_flight and ninth.breaches == 1
    admission.release(TOKEN)
    assert admission.arrive(TOKEN, 1200.0, 1200.0, enforce=True).refusal is None


def test_an_arrival_recorded_late_makes_the_later_ninth_a_breach():
    admission = Admission()
    # Arrivals at 0.0 .. 0.8 (nine), but the one at 0.05 is recorded last (its thread was slow).
    on_time = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8]
    first = arrive_all(admission, on_time, enforce=False)
    assert sum(r.breaches for r in first) == 0
    late = admission.arrive(TOKEN, 1000.05, 1000.05, enforce=False)
    admission.release(TOKEN)
    # Not the ninth itself (only one arrival before it), but the one at 0.8 now is, both in
    # its rolling second and in its calendar second: one request in breach.
    assert late.per_second == 1 and late.calendar_second == 1 and late.window_count == 9
    assert late.breaches == 1


def test_tokens_are_counted_apart():
    admission = Admission()
    for i in range(8):
        assert admission.arrive("a", 1000 + i / 100, 1000, enforce=True).refusal is None
    assert admission.arrive("b", 1000.5, 1000.5, enforce=True).refusal is None
    assert admission.arrive("a", 1000.5, 1000.5, enforce=True).refusal == "in_flight"


def test_an_arrival_recorded_late_that_makes_nine_in_a_second_is_refused():
    admission = Admission()
    arrive_all(admission, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8], enforce=True)
    late = admission.arrive(TOKEN, 1000.05, 1000.05, enforce=True)
    assert late.refusal == "per_second" and late.breaches == 1
