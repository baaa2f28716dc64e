import math
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.hardware.decode import TYPES, decode_registers, encode_value
from deungdae.hardware.planner import Span, minimum_reads, plan_reads
from deungdae.hardware.poller import decode_point
from deungdae.hardware.profiles import ProfilePoint


def test_kx3267_float_low_word_first():
    # 28.8 °C = 0x41E66666 -> reg N = 0x6666, reg N+1 = 0x41E6 (domain reference)
    assert decode_registers([0x6666, 0x41E6], "float32", "little") == pytest.approx(28.8, abs=1e-5)
    assert decode_registers([0x41E6, 0x6666], "float32", "big") == pytest.approx(28.8, abs=1e-5)
    assert encode_value(28.8, "float32", "little") == [0x6666, 0x41E6]


@pytest.mark.parametrize("words,typ,wo,bo,expected", [
    ([0xFFF6], "int16", "big", "big", -10),
    ([0xFFF6], "uint16", "big", "big", 65526),
    ([0xF6FF], "int16", "big", "little", -10),
    ([0xFFFF, 0xFFFE], "int32", "big", "big", -2),
    ([0xFFFE, 0xFFFF], "int32", "little", "big", -2),
    ([0x0001, 0x0000], "uint32", "big", "big", 65536),
    ([0x0000, 0x0001], "uint32", "little", "big", 65536),
    ([0xE641, 0x6666], "float32", "big", "little", struct.unpack(">f", bytes.fromhex("41e66666"))[0]),
    ([0x6666, 0xE641], "float32", "little", "little",
     struct.unpack(">f", bytes.fromhex("41e66666"))[0]),
])
def test_decode_orders(words, typ, wo, bo, expected):
    assert decode_registers(words, typ, wo, bo) == pytest.approx(expected)
    assert encode_value(expected, typ, wo, bo) == words


def test_nan_and_wrong_count_are_value_errors():
    with pytest.raises(ValueError):
        decode_registers([0x7FC0, 0], "float32")
    with pytest.raises(ValueError):
        decode_registers([1], "float32")


@given(st.sampled_from(sorted(TYPES)), st.sampled_from(["big", "little"]),
       st.sampled_from(["big", "little"]), st.lists(st.integers(-70000, 70000), max_size=3),
       st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True))
def test_decoders_never_raise_on_random_registers(typ, wo, bo, regs, scale, offset):
    p = ProfilePoint(name="x", function="input", address=0, type=typ, word_order=wo,
                     byte_order=bo, scale=scale, offset=offset, range=(-1.0, 1.0))
    from deungdae.hardware.planner import ReadBlock
    v, q = decode_point(p, ReadBlock(4, 0, max(1, len(regs)), ()), regs)
    assert v is None or isinstance(v, float)
    assert isinstance(int(q), int)


def spans(*items):
    return [Span(fn, a, c, f"{fn}:{a}") for fn, a, c in items]


def test_planner_merges_adjacent_and_near():
    blocks = plan_reads(spans((4, 1, 1), (4, 2, 1), (4, 6, 2), (4, 40, 2)), max_gap=4)
    assert [(b.function, b.start, b.count) for b in blocks] == [(4, 1, 7), (4, 40, 2)]
    assert [len(b.spans) for b in blocks] == [3, 1]


def test_planner_keeps_functions_apart_and_respects_125():
    blocks = plan_reads(spans((3, 0, 2), (4, 0, 2), (4, 123, 2), (4, 124, 2)), max_gap=200)
    assert [(b.function, b.start, b.count) for b in blocks] == [(3, 0, 2), (4, 0, 125), (4, 124, 2)]
    bits = plan_reads(spans((2, 0, 1), (2, 1999, 1), (2, 2000, 1)), max_gap=5000)
    assert [(b.start, b.count) for b in bits] == [(0, 2000), (2000, 1)]


def test_planner_gap_zero_only_merges_touching_and_overlapping():
    blocks = plan_reads(spans((4, 0, 2), (4, 2, 2), (4, 5, 1), (4, 5, 1)), max_gap=0)
    assert [(b.start, b.count) for b in blocks] == [(0, 4), (5, 1)]


def test_planner_rejects_impossible_span():
    with pytest.raises(ValueError):
        plan_reads([Span(4, 0, 126)])


@given(st.lists(st.tuples(st.sampled_from([1, 2, 3, 4]), st.integers(0, 3000),
                          st.sampled_from([1, 2])), min_size=1, max_size=60),
       st.integers(0, 130))
def test_planner_properties(items, gap):
    ss = spans(*items)
    blocks = plan_reads(ss, max_gap=gap)
    limit = {1: 2000, 2: 2000, 3: 125, 4: 125}
    covered = [s for b in blocks for s in b.spans]
    assert sorted(map(repr, covered)) == sorted(map(repr, ss))
    for b in blocks:
        assert 1 <= b.count <= limit[b.function]
        for s in b.spans:
            assert s.function == b.function and b.start <= s.address and s.address + s.count <= b.end
    assert minimum_reads(ss) <= len(blocks) <= len(ss)
    assert not math.isnan(len(blocks))
