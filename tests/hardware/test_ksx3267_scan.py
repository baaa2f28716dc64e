"""`scan --ksx3267`: finding KS X 3267 nodes on a bus (unit ids 1-247) in bounded time,
against a real pymodbus peer built from the Annex A map (tests/hardware/ksx_peer.py)."""

import argparse
import time

from ksx_peer import ActuatorNode, KsxPeer, Sensor, SensorNode, Switch
from peer import Relay

from deungdae.desktop.cli.hardware_commands import add_parsers
from deungdae.hardware.scan import plan_scan, scan_bus

NODES = [SensorNode(5, [Sensor(1, 22.0), Sensor(2, 61.0), Sensor(11, 700.0)], serial=0x12345),
         ActuatorNode(17, switches={1: Switch(2), 2: Switch(2)}, version=101),
         SensorNode(200, [Sensor(13, 900.0)], version=10)]


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="deungdae")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parsers(sub)
    args = parser.parse_args(argv)
    code = args.func(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_scan_of_every_unit_id_finds_exactly_the_nodes_present():
    # unit 9 is a Modbus device that is not a node (its registers 1-8 are zeros)
    p = KsxPeer(NODES, extra_units=[9]).start()
    done = []
    try:
        plan = plan_scan(p.url, profiles=[], timeout_s=0.1)
        t0 = time.monotonic()
        hits = scan_bus(p.url, plan=plan, progress=lambda d, t: done.append((d, t)))
        took = time.monotonic() - t0
    finally:
        p.stop()
    assert plan.units == tuple(range(1, 248))
    assert took <= plan.worst_case_s(present=4) + 2.0, took
    assert done[-1] == (247, 247) and len(done) == 247
    nodes = [(h.unit, h.ksx3267.kind, h.ksx3267.edition) for h in hits if h.ksx3267]
    assert nodes == [(5, "sensor node", "2022"), (17, "actuator node", "2018"),
                     (200, "sensor node", "2022")]
    assert [h.unit for h in hits if h.ksx3267 is None] == [9]
    assert hits[0].ksx3267.device_codes == (1, 2, 11) and hits[0].ksx3267.serial == 0x12345
    assert p.writes == 0


def test_silent_units_cost_one_bounded_read_each():
    p = KsxPeer(NODES[:2]).start()
    relay = Relay(p.port).start()
    relay.silent_units.update(u for u in range(256) if u not in (5, 17))
    try:
        plan = plan_scan(relay.url, profiles=[], units=range(1, 31), timeout_s=0.05)
        t0 = time.monotonic()
        hits = scan_bus(relay.url, plan=plan)
        took = time.monotonic() - t0
    finally:
        relay.unplug()
        p.stop()
    assert [h.unit for h in hits] == [5, 17]
    assert 28 * 0.05 <= took <= plan.worst_case_s(present=2) + 2.0, took
    # a present node costs its node info and its device codes, both in the bound
    assert plan.worst_case_s(2) - plan.worst_case_s(0) > 0


def test_a_node_answering_garbage_is_not_taken_for_a_node():
    p = KsxPeer(NODES[:1]).start()
    relay = Relay(p.port).start()
    relay.garbage_units.add(5)
    try:
        hits = scan_bus(relay.url, profiles=[], units=[5], timeout_s=0.2)
    finally:
        relay.unplug()
        p.stop()
    assert all(h.ksx3267 is None for h in hits)


def test_cli_scan_ksx3267_lists_each_node_with_its_node_info(capsys):
    p = KsxPeer(NODES[:2]).start()
    try:
        code, out, err = run(["scan", p.url, "--ksx3267", "--units", "1-20", "--timeout", "0.1"],
                             capsys)
    finally:
        p.stop()
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith(f"scanning {p.url}: units 1-20, 20 units at 9600 8N1")
    row5 = next(i for i, ln in enumerate(lines) if ln.startswith("   5 "))
    assert lines[row5].endswith("KS X 3267 sensor node, edition 2022, 3 sensors "
                                "(temperature, humidity, CO2)")
    info = lines[row5 + 1:row5 + 5]
    assert "노드 종류 node type: 센서 노드 / sensor node (1)" in info[0]
    assert "판 edition: 2022 (프로토콜 버전 protocol version 10)" in info[1]
    assert "일련번호 serial 74565 (0x00012345)" in info[2]
    assert "장치 코드 device codes: 1 2 11" in info[3]
    row17 = next(ln for ln in lines if ln.startswith("  17 "))
    assert row17.endswith("KS X 3267 actuator node, edition 2018, 24 channels "
                          "(2 switches, 0 openers attached)")
    assert lines[-1] == "KS X 3267 노드 2개 발견 / 2 KS X 3267 nodes found"
    assert "20/20 unit ids asked" in err and "Traceback" not in out + err
