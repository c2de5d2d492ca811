"""bench/commands.py (user commands at two store sizes, embedded and remote) on tiny stores."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

# bench/ is not a package: load the bench by path, as tests/test_quantities.py does.
_SPEC = importlib.util.spec_from_file_location("bench_commands", Path(__file__).resolve().parent.parent / "bench"
                                               / "commands.py")
bench = importlib.util.module_from_spec(_SPEC)
sys.modules["bench_commands"] = bench
_SPEC.loader.exec_module(bench)


def test_sizes_parse_as_numbers_and_print_short():
    assert bench.parse_sizes("1e6, 1e7") == [1_000_000, 10_000_000]
    assert [bench.size_label(size) for size in (1_000_000, 10_000_000, 100_000, 1_500_000)] == [
        "1M", "10M", "100k", "1.5M"]


@pytest.mark.parametrize("text", ["", "1e6,lots", "500"])
def test_bad_sizes_are_a_bench_error(text):
    with pytest.raises(bench.BenchError, match="--sizes"):
        bench.parse_sizes(text)


def _report(embedded_small, embedded_large, remote_small, remote_large):
    def mode(seconds):
        return {"stats": {"seconds": seconds}}
    return {"sizes": [1000, 10000], "commands": ["stats"],
            "results": {"1000": {"embedded": mode(embedded_small), "remote": mode(remote_small)},
                        "10000": {"embedded": mode(embedded_large), "remote": mode(remote_large)}}}


def test_verdicts_compute_ratios_and_targets_from_the_times():
    verdict = bench.verdicts(_report(0.5, 1.5, 0.6, 4.5))["stats"]
    assert verdict["size_ratio"] == 3.0
    assert verdict["under_target_seconds"] is True
    assert verdict["size_ratio_met"] is False
    assert verdict["remote_ratio"] == {"1000": 1.2, "10000": 3.0}
    assert verdict["remote_ratio_met"] == {"1000": True, "10000": False}
    verdict = bench.verdicts(_report(1.2, 2.0, 1.0, 2.0))["stats"]
    assert (verdict["under_target_seconds"], verdict["size_ratio_met"]) == (False, True)


def test_a_missing_time_has_no_ratio_and_no_verdict():
    verdict = bench.verdicts(_report(0.5, None, None, 1.0))["stats"]
    assert verdict["size_ratio"] is None and verdict["size_ratio_met"] is None
    assert verdict["remote_ratio_met"] == {"1000": None, "10000": None}


def test_a_timed_out_command_counts_as_its_timeout_a_lower_bound():
    report = _report(2.0, None, None, None)
    report["results"]["10000"]["embedded"]["stats"] = {"seconds": None, "timed_out": True, "at_least": 300.0}
    report["results"]["1000"]["remote"]["stats"] = {"seconds": None, "timed_out": True, "at_least": 3.0}
    verdict = bench.verdicts(report)["stats"]
    assert (verdict["size_ratio"], verdict["size_ratio_at_least"], verdict["size_ratio_met"]) == (150.0, True, False)
    # remote stopped at 3 s against 2 s embedded: at least 1.5x, which does not decide the 2x target
    assert (verdict["remote_ratio"]["1000"], verdict["remote_ratio_met"]["1000"]) == (1.5, None)
    # a timed-out denominator bounds nothing
    assert verdict["remote_ratio"]["10000"] is None


def test_reports_of_one_size_each_combine_into_one_table(tmp_path, capsys):
    whole = _report(0.5, 1.5, 0.6, 4.5)
    paths = []
    for size in ("1000", "10000"):
        part = {"sizes": [int(size)], "commands": ["stats"], "stores": {size: {"triples": int(size)}},
                "results": {size: whole["results"][size]}, "labels": {"stats": "kg stats"}, "commit": "abc",
                "date": "2026-12-02"}
        paths.append(tmp_path / f"{size}.json")
        paths[-1].write_text(json.dumps(part))
    assert bench.main(["--combine", *map(str, paths), "--json"]) == 0
    combined = json.loads(capsys.readouterr().out)
    assert combined["sizes"] == [1000, 10000]
    assert combined["verdicts"]["stats"]["size_ratio"] == 3.0
    assert bench.main(["--combine", *map(str, paths)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].split() == ["kg", "stats", "0.50", "1.50", "3.00", "met", "NOT", "met", "1.20", "3.00", "NOT",
                                "met"]


def test_a_report_that_is_not_one_is_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "other.json"
    path.write_text('{"queries": {}}')
    assert bench.main(["--combine", str(path)]) == 2
    assert capsys.readouterr().err == (f"bench/commands.py: {path}: not a report of this bench (no sizes, results, "
                                       "stores and commands)\n")


def test_timed_reports_the_median_after_a_warm_up_and_one_slow_warm_up_alone():
    times = iter([9.0, 3.0, 1.0, 2.0])
    assert bench.timed(lambda: next(times), runs=3, repeat_limit=10) == {
        "seconds": 2.0, "runs": 3, "timed_out": False, "all_seconds": [3.0, 1.0, 2.0]}
    assert bench.timed(lambda: 11.0, runs=3, repeat_limit=10)["runs"] == 1
    assert bench.timed(lambda: None, runs=3, repeat_limit=10)["timed_out"] is True


def test_a_file_as_keep_folder_is_a_one_line_error(tmp_path, capsys):
    keep = tmp_path / "file"
    keep.write_text("not a folder")
    assert bench.main(["--keep", str(keep), "--sizes", "3000"]) == 2
    assert capsys.readouterr().err == f"bench/commands.py: {keep}: --keep must be a folder\n"


@pytest.mark.slow
def test_one_run_times_every_command_embedded_and_remote_and_reuses_its_stores(tmp_path, capsys):
    keep = tmp_path / "stores"
    chosen = ["stats", "claims_by", "ingest"]
    # --repeat-limit: every command gets its warm-up and its run, however loaded the machine
    arguments = ["--keep", str(keep), "--sizes", "3000,6000", "--runs", "1", "--repeat-limit", "1000", "--json",
                 "--commands", ",".join(chosen)]
    assert bench.main(arguments) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sizes"] == [3000, 6000]
    small, large = report["stores"]["3000"], report["stores"]["6000"]
    assert small["triples"] < large["triples"] and large["articles"] > small["articles"]
    for size in ("3000", "6000"):
        for mode in ("embedded", "remote"):
            results = report["results"][size][mode]
            assert all(results[name]["seconds"] > 0 for name in chosen)
            assert results["ingest"]["runs"] == 1
            streaming = results["streaming"]
            assert streaming["claims"] >= report["stores"][size]["claims"]
            assert streaming["claims_per_second"] == pytest.approx(streaming["claims"] / streaming["seconds"],
                                                                   rel=0.01)
    # two ingests per size and mode (a warm-up and one run), each a new article kept in the store
    assert small["ingested"] == 4
    assert json.loads((keep / "store-3000.json").read_text())["ingested"] == 4
    assert report["results"]["6000"]["embedded"]["claims_by"]["answer_claims"] > 0
    verdict = report["verdicts"]["claims_by"]
    assert verdict["size_ratio"] == pytest.approx(verdict["embedded_seconds"]["6000"]
                                                  / verdict["embedded_seconds"]["3000"], abs=0.01)

    # a kept store is not built over again: without --reuse that is an error, with it the same store is timed
    assert bench.main(arguments) == 2
    assert "pass --reuse" in capsys.readouterr().err
    assert bench.main([*arguments[:-2], "--reuse", "--commands", "ingest", "--no-remote", "--no-streaming"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["stores"]["3000"]["reused"] is True
    assert again["stores"]["3000"]["built_at"] == small["built_at"]
    assert again["stores"]["3000"]["ingested"] == 6
