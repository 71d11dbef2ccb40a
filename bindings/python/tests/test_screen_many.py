"""screen_many and screen_iter: any iterable (generators included), one result per intake in
input order, ScreenError records or IntakeError for bad intakes, threads and the GIL."""

import concurrent.futures
import datetime
import gc
import itertools
import threading
import time

import pytest

import contrascreen
from conftest import CLEAN, CLINIC_SV

DAY = datetime.date(2026, 11, 21)


def intakes(n, start=0):
    """n intakes that exercise allow, refer and refuse, dates as str and datetime.date."""
    for i in range(start, start + n):
        answers = dict(CLEAN)
        if i % 3 == 0:
            answers["pregnant"] = True
        if i % 5 == 0:
            del answers["breastfeeding"]
        if i % 7 == 0:
            answers["previous_microneedling"] = True
            answers["last_microneedling_date"] = DAY - datetime.timedelta(days=i % 40) if i % 2 else "2026-11-01"
        yield {"id": f"G-{i}", "date": DAY if i % 2 else "2026-11-21", "answers": answers}


def expected(rs, items):
    return [rs.screen_intake(intake).to_dict() for intake in items]


def test_generator_and_list_give_the_same_results(clinic_sv):
    from_generator = clinic_sv.screen_many(intakes(300))
    from_list = clinic_sv.screen_many(list(intakes(300)))
    assert [d.to_dict() for d in from_generator] == [d.to_dict() for d in from_list] == expected(clinic_sv, intakes(300))
    assert [d.index for d in from_generator] == list(range(300))
    assert [d.id for d in from_generator] == [f"G-{i}" for i in range(300)]
    assert {d.decision for d in from_generator} == {"allow", "refer", "refuse"}


@pytest.mark.parametrize("batch_size", [1, 7, 4096])
@pytest.mark.parametrize("jobs", [None, 1, 2, 8])
def test_batches_and_threads_keep_input_order(clinic_sv, batch_size, jobs):
    results = clinic_sv.screen_many(intakes(1500), jobs=jobs, batch_size=batch_size)
    assert [d.to_dict() for d in results] == expected(clinic_sv, intakes(1500))


def test_any_iterable(clinic_sv):
    assert clinic_sv.screen_many([]) == []
    assert clinic_sv.screen_many(iter(())) == []
    assert len(clinic_sv.screen_many(tuple(intakes(3)))) == 3
    assert len(clinic_sv.screen_many(itertools.islice(intakes(10**9), 5))) == 5
    with pytest.raises(TypeError):
        clinic_sv.screen_many(42)


def test_date_and_language_options(clinic_sv):
    undated = [{"id": "u", "answers": {"pregnant": True}}, {"id": "d", "date": "2026-01-02", "answers": {}}]
    results = clinic_sv.screen_many(undated, date=DAY, lang="en")
    assert [d.date for d in results] == [DAY, datetime.date(2026, 1, 2)]
    assert results[0].language == "en"


def test_bad_intakes_become_error_records(clinic_sv):
    batch = list(intakes(6))
    batch[2] = {"id": "bad-1", "answers": {"pregnant": "yes", "acne": "activ"}}
    batch[4] = "not an intake"
    results = clinic_sv.screen_many(batch)
    assert len(results) == 6 and [r.ok for r in results] == [True, True, False, True, False, True]
    error = results[2]
    assert isinstance(error, contrascreen.ScreenError)
    assert (error.index, error.id, error.decision, error.code) == (2, "bad-1", None, "intake.wrong_type")
    assert [(d.code, d.question) for d in error.errors] == [("intake.wrong_type", "pregnant"),
                                                             ("intake.unknown_enum_value", "acne")]
    assert error.to_dict() == {"id": "bad-1", "decision": None, "errors": [
        {"code": "intake.wrong_type", "message": "'pregnant' expects true or false, found a string", "file": None,
         "line": None, "column": None},
        {"code": "intake.unknown_enum_value", "message": error.errors[1].message, "file": None, "line": None,
         "column": None}]}
    assert repr(error).startswith("<ScreenError #2 'bad-1' intake.wrong_type: 'pregnant' expects true or false")
    assert results[4].code == "intake.not_a_mapping" and results[4].id is None
    exception = error.exception()
    assert isinstance(exception, contrascreen.IntakeError) and exception.index == 2 and exception.id == "bad-1"
    # The good intakes are screened as if the bad ones were not there.
    assert [results[i].to_dict() for i in (0, 1, 3, 5)] == expected(clinic_sv, [batch[i] for i in (0, 1, 3, 5)])


def test_errors_raise_names_the_index(clinic_sv):
    batch = list(intakes(5000))
    batch[4321] = {"id": "bad", "answers": {"age": "old"}}
    with pytest.raises(contrascreen.IntakeError) as raised:
        clinic_sv.screen_many(batch, errors="raise")
    error = raised.value
    assert (error.index, error.id, error.code, error.question) == (4321, "bad", "intake.wrong_type", "age")
    assert str(error).startswith("intake 4321 (id 'bad'): 'age' expects a number, found a string")
    with pytest.raises(ValueError, match="errors must be"):
        clinic_sv.screen_many(batch, errors="ignore")


def test_exceptions_from_the_iterable_propagate(clinic_sv):
    def failing():
        yield from intakes(3)
        raise RuntimeError("source broke")

    with pytest.raises(RuntimeError, match="source broke"):
        clinic_sv.screen_many(failing())


def test_screen_iter_is_lazy(clinic_sv):
    pulled = []

    def source():
        for intake in intakes(25):
            pulled.append(intake["id"])
            yield intake

    iterator = clinic_sv.screen_iter(source(), batch_size=10)
    assert isinstance(iterator, contrascreen.ScreenIterator)
    assert pulled == []
    first = next(iterator)
    # The batch handed out, and the next one, converted while the first was screened.
    assert first.id == "G-0" and len(pulled) == 20
    rest = list(iterator)
    assert len(rest) == 24 and len(pulled) == 25
    assert [d.to_dict() for d in [first, *rest]] == expected(clinic_sv, intakes(25))
    assert list(iterator) == []
    assert [r.index for r in clinic_sv.screen_iter(iter([{"answers": {"x": 1}}, {}]))] == [0, 1]


def test_concurrent_use_from_threads(clinic_sv):
    chunks = [list(intakes(2000, start=k * 2000)) for k in range(6)]
    serial = [[d.to_dict() for d in clinic_sv.screen_many(chunk, jobs=1)] for chunk in chunks]

    def work(chunk):
        return [d.to_dict() for d in clinic_sv.screen_many(chunk, jobs=2)]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(work, chunks))
    assert parallel == serial

    def single(k):
        return [clinic_sv.screen_intake(intake).to_dict() for intake in chunks[k][:300]]

    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        assert list(pool.map(single, range(3))) == [s[:300] for s in serial[:3]]


def test_screening_releases_the_gil(clinic_sv):
    # From a list, converting runs no Python code, so another thread can only make progress
    # while screen_many has released the GIL (while it screens).
    batch = list(intakes(40000))
    stop = threading.Event()
    ticks = [0]

    def spin():
        while not stop.is_set():
            ticks[0] += 1

    thread = threading.Thread(target=spin)
    thread.start()
    try:
        time.sleep(0.01)
        before = ticks[0]
        clinic_sv.screen_many(batch, batch_size=40000, jobs=1)
        during = ticks[0] - before
    finally:
        stop.set()
        thread.join()
    assert during > 0


def test_decisions_outlive_their_rule_set():
    clinic_sv = contrascreen.load(CLINIC_SV)
    results = clinic_sv.screen_many(intakes(50))
    del clinic_sv  # the decisions keep what they need
    gc.collect()
    assert results[0].to_dict() == contrascreen.load(CLINIC_SV).screen_intake(next(intakes(1))).to_dict()
    assert results[3].to_json() == results[3].to_json()  # rendered once, read many times


def test_screen_iter_yields_earlier_batches_before_an_error():
    rs = contrascreen.load(CLINIC_SV)

    def source():
        yield from intakes(10)
        raise RuntimeError("source broke")

    results = []
    with pytest.raises(RuntimeError, match="source broke"):
        for result in rs.screen_iter(source(), batch_size=4):
            results.append(result)
    # Whole batches before the one the error interrupted come out first, in order.
    assert [r.index for r in results] == list(range(8))

    bad = list(intakes(10))
    bad[9] = {"answers": {"age": "x"}}
    results = []
    with pytest.raises(contrascreen.IntakeError) as raised:
        for result in rs.screen_iter(bad, batch_size=4, errors="raise"):
            results.append(result)
    assert raised.value.index == 9 and [r.index for r in results] == list(range(8))


def test_abandoned_iterator_is_safe():
    rs = contrascreen.load(CLINIC_SV)
    iterator = rs.screen_iter(intakes(20000), batch_size=2048)
    assert next(iterator).index == 0  # a batch is now being screened in the background
    del iterator
    gc.collect()
