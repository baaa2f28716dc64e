import argparse

import pytest

from deungdae.desktop.cli.hardware_commands import add_parsers
from deungdae.hardware.probe import ProbeError, probe
from deungdae.hardware.reading import Quality


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="deungdae")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parsers(sub)
    args = parser.parse_args(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


def test_probe_reads_every_point(peer):
    peer.set(3, "input", 1, [0xFF38, 455])  # -20.0 °C, 45.5 %RH
    readings = probe(peer.url, "xy-md02", unit=3, timeout=0.3)
    assert [(r.channel, r.value, r.quality) for r in readings] == [
        ("probe.temperature", -20.0, Quality.GOOD), ("probe.humidity", 45.5, Quality.GOOD)]


def test_probe_names_what_to_check_when_silent(peer, relay):
    relay.silent_units.add(3)
    with pytest.raises(ProbeError) as e:
        probe(relay.url, "xy-md02", unit=3, baud=9600, timeout=0.2)
    assert str(e.value) == (f"no answer from unit 3 at 9600 8N1 on {relay.url} — check wiring, "
                            "unit id, baud")


def test_probe_missing_port(tmp_path):
    with pytest.raises(ProbeError, match="cannot open"):
        probe(str(tmp_path / "ttyUSB9"), "xy-md02", timeout=0.2)


def test_cli_probe(peer, relay, capsys):
    peer.set(1, "input", 1, [231, 402])
    code, out = run(["probe", peer.url, "--profile", "xy-md02", "--timeout", "0.3"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["temperature", "23.1", "°C", "good"]
    assert lines[1].split() == ["humidity", "40.2", "%RH", "good"]
    relay.silent_units.add(1)
    code, out = run(["probe", relay.url, "--profile", "xy-md02", "--timeout", "0.2"], capsys)
    assert code == 2 and "no answer from unit 1" in out


def test_cli_probe_flags_out_of_range(peer, capsys):
    peer.set(1, "input", 1, [2000, 402])
    code, out = run(["probe", peer.url, "--profile", "xy-md02", "--timeout", "0.3"], capsys)
    assert code == 0 and "out_of_range" in out.splitlines()[0]


def test_cli_profiles_list_and_show(capsys):
    code, out = run(["profiles"], capsys)
    assert code == 0
    names = [ln.split()[0] for ln in out.splitlines()]
    for n in ["xy-md02", "sdm120", "sdm630", "ksx3267-sensor-node", "ph-ec-transmitter",
              "di8-module", "ascii-thermometer", "simulator"]:
        assert n in names
    code, out = run(["profiles", "show", "ksx3267-sensor-node"], capsys)
    assert code == 0
    # the node's fixed register; its sensors come from its own device codes (issue 13)
    assert "node_status" in out and "holding 202 (0x00CA) uint16" in out
    code, out = run(["profiles", "show", "nope"], capsys)
    assert code == 2 and "unknown device profile 'nope'" in out


def test_cli_ports_runs(capsys):
    code, out = run(["ports"], capsys)
    assert code == 0 and out.strip()
