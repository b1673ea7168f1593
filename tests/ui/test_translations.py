"""Every string in the code has a finished Chinese translation, and the .qm is built from it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "branchdesk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or str(Path(sys.executable).parent / f"pyside6-{name}")
    return found


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), msg.findtext("source")): msg
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def test_ts_covers_every_string_in_the_code(tmp_path):
    scanned = tmp_path / "scan.ts"
    sources = sorted(str(p.relative_to(ROOT)) for d in ("ui", "desktop") for p in (ROOT / d).rglob("*.py"))
    subprocess.run(
        [_tool("lupdate"), *sources, "-ts", str(scanned)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    in_code = _messages(scanned)
    committed = _messages(TS)
    missing = sorted(key for key in in_code if key not in committed)
    assert not missing, f"strings not in {TS.name}: {missing[:20]}"
    unfinished = []
    for key in in_code:
        translation = committed[key].find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            unfinished.append(key)
    assert not unfinished, f"unfinished translations: {unfinished[:20]}"


def test_qm_is_built_from_the_current_ts(tmp_path):
    built = tmp_path / "fresh.qm"
    subprocess.run(
        [_tool("lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True, timeout=60
    )
    assert QM.exists(), "run: pyside6-lrelease resources/i18n/branchdesk_zh_CN.ts"
    assert built.read_bytes() == QM.read_bytes(), "the .qm is stale: run resources/i18n/update.sh"
