"""The `explainer` command line: output shape and clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from explainer.cli import main

SEED = ROOT / "docs" / "sources" / "china-global-data-security-initiative.md"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "explainer.cli", *args], capture_output=True, text=True,
                          input=stdin.decode() if stdin else None, timeout=60)


def test_extract_json_shape() -> None:
    res = run("extract", "--json", str(SEED))
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    (src,) = out["sources"]
    assert set(src) == {"path", "title", "published", "sentences", "quotes", "terms", "initiatives", "entities"}
    assert src["published"] == "2020-09-08"
    assert set(src["entities"]) == {"people", "organizations", "countries"}
    text = SEED.read_text(encoding="utf-8")
    assert len(src["sentences"]) == 16
    for s in src["sentences"]:
        assert set(s) == {"id", "start", "end", "text"}
        assert s["text"] in text


def test_extract_plain_text_offsets(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("A Headline For Tests\nChina acted on Tuesday. The US replied.\nNo comments:\n", encoding="utf-8")
    res = run("extract", "--json", "--published", "2020-09-08", str(f))
    assert res.returncode == 0, res.stderr
    (src,) = json.loads(res.stdout)["sources"]
    text = f.read_text(encoding="utf-8")
    assert src["title"] == "A Headline For Tests"
    assert [s["text"] for s in src["sentences"]] == ["China acted on Tuesday.", "The US replied."]
    for s in src["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]


def test_extract_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "One. Two.", "published": "2020-01-02"}) + "\n\n"
                 + json.dumps({"id": "b", "text": "Three."}) + "\n", encoding="utf-8")
    res = run("extract", "--jsonl", str(f))
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert [s["text"] for s in lines[0]["sentences"]] == ["One.", "Two."]
    assert lines[0]["published"] == "2020-01-02" and lines[1]["published"] is None


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["extract", "--json"], None, "error: extract: give source files"),
        (["extract", "--json", "missing.md"], None, "error: missing.md: cannot read"),
        (["extract", "--json", "bad.md"], b"---\ntitle: [x\n---\n", "error: bad.md:3: front matter is not valid YAML"),
        (["extract", "--json", "bad.txt"], b"ok\n\xff\n", "error: bad.txt:2: not valid UTF-8"),
        (["extract", "--jsonl", "bad.jsonl"], b'{"id": 1}\nnot json\n', "error: bad.jsonl:1: not a record"),
        (["extract", "--published", "Sept 8", "a.txt"], b"x", "is not a date (YYYY-MM-DD)"),
        (["import", "raw.txt", "-o", "-"], b"no headline here.\n", "error: raw.txt:1: no title"),
    ],
)
def test_bad_input_exits_nonzero_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   args: list[str], content: bytes | None, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / args[-1] if args[0] == "extract" else tmp_path / args[1]).write_bytes(content)
    res = subprocess.run([sys.executable, "-m", "explainer.cli", *args], capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    assert res.returncode != 0
    assert message in res.stderr
    assert "Traceback" not in res.stderr


def test_import_writes_source_and_refuses_to_overwrite(tmp_path: Path) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text("A Headline About Cables\nChina acted on Tuesday.\nNo comments:\n", encoding="utf-8")
    out = tmp_path / "sources"
    assert main(["import", str(raw), "-o", str(out), "--published", "2020-09-08"]) == 0
    written = out / "a-headline-about-cables.md"
    assert written.read_text(encoding="utf-8").startswith("---\ntitle: A Headline About Cables\n")
    assert main(["import", str(raw), "-o", str(out)]) == 2
    assert main(["import", str(raw), "-o", str(out), "--force"]) == 0
