"""load_kb against garbage: any value in any field, missing fields and odd documents either load or stop
with a FixtureError naming the file — never a traceback — and a stopped load leaves the database as it was."""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from osce_kb.loading import FixtureError, load_kb
from tests.test_history_invariants import fixture, snapshot

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "\x00", "9999-12-31", "0001-01-01", "2010-02-30", "essay", "p", "day", "year"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)

MUTATIONS = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 50), st.integers(0, 50), JSON),
    st.tuples(st.just("drop"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("add"), st.integers(0, 50), st.text(max_size=12), JSON),
    st.tuples(st.just("model"), st.integers(0, 50), JSON),
)


def mutate(objects, mutation):
    kind, index, *rest = mutation
    target = objects[index % len(objects)]
    names = sorted(target["fields"])
    if kind == "set":
        target["fields"][names[rest[0] % len(names)]] = rest[1]
    elif kind == "drop":
        del target["fields"][names[rest[0] % len(names)]]
    elif kind == "add":
        target["fields"][rest[0]] = rest[1]
    else:
        target["model"] = rest[0]


class LoadGarbage(TestCase):
    @settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(MUTATIONS, min_size=1, max_size=3), st.booleans())
    def test_a_damaged_fixture_loads_or_stops_cleanly_naming_its_file(self, mutations, loaded_before):
        if loaded_before:
            self.load(fixture(1, "Loaded before"))
        before = snapshot()
        objects = fixture(2, "Damaged")
        for mutation in mutations:
            mutate(objects, mutation)
        try:
            self.load(objects)
        except FixtureError as error:
            assert "content.json" in str(error)
            assert snapshot() == before

    @staticmethod
    def load(objects):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "content.json"
            path.write_text(json.dumps(objects), encoding="utf-8")
            load_kb([path])
