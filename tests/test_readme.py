"""The README's examples run as documented (doc-test style), so the README cannot drift.

Every ``summariser`` command in the README's shell blocks is run, in order, in a fresh folder
that holds the files the examples name (``article.txt``, ``story.html``, ``wire/`` ...) and links
to the checkout's ``evals/`` and ``tests/``, with no key and no user config. A command is left out
only for a reason listed in :data:`SKIPPED` (it needs the network, a model server, a GGUF model,
or it starts a server that runs until stopped); each such reason is itself checked to match at
least one README line, so the list cannot hide a command that would run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testkit import ROOT, SAMPLE, shared_path

README = ROOT / "README.md"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_COMMAND = re.compile(r"^(?:[A-Z_]+=\S+ )*(?:cat \S+ \| )?summariser(?:\s|$)")

# (pattern, why the command is not run here); a line matching any of these is left out
SKIPPED = [
    (re.compile(r"https?://(?!127\.0\.0\.1)"), "fetches a web page or calls a remote server (no network in tests)"),
    (re.compile(r"^(?!.*--dry-run).*(--base-url|--model )"), "calls a model server (tests/test_model_backend.py drives the fake one)"),
    (re.compile(r"--backend local|--model-path"), "needs llama-server and a GGUF model (the real-model tier)"),
    (re.compile(r"summariser serve"), "starts a server that runs until stopped (tests/web)"),
    (re.compile(r"from-desk|desk-stats|desk/desk-"), "needs a desk store with editors' corrections (tests/web/test_desk_export.py runs these)"),
    (re.compile(r"summariser batch (import|submit|status|collect|cancel)"),
     "needs a batch engine's results or the Batch API (tests/test_batchjobs.py, tests/test_batch_api.py drive fake ones)"),
]
SUMMEVAL = re.compile(r"summariser eval meta")
CNNDM = "test-cnndm"  # the second test set, whose articles are copied from ../shared (not in the repository)


def readme_commands(text: str) -> list[str]:
    """The ``summariser`` command lines of the README's shell blocks, comments stripped, in order."""
    out = []
    for lang, body in _BLOCK.findall(text):
        if lang not in ("sh", "bash", "console", ""):
            continue
        for line in body.replace("\\\n", " ").splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if _COMMAND.match(command) and "pip install" not in command:
                out.append(command)
    return out


def skip_reason(command: str) -> str | None:
    """Why a README command is not run here, or None when it must run."""
    for pattern, why in SKIPPED:
        if pattern.search(command):
            return why
    if SUMMEVAL.search(command) and not shared_path_exists("data", "summeval"):
        return "needs SummEval's scores (../shared/data/summeval) beside the checkout"
    if CNNDM in command and not shared_path_exists("data", "summeval"):
        return "needs the CNN/Daily Mail articles, which evals/datasets/cnndm.py copies from ../shared"
    return None


def shared_path_exists(*parts: str) -> bool:
    try:
        return shared_path(*parts).is_dir()
    except BaseException:  # shared_path skips the test when ../shared is absent
        return False


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_and_every_skip_reason_is_used():
    assert len(COMMANDS) >= 25
    for pattern, why in SKIPPED:
        assert any(pattern.search(c) for c in COMMANDS), f"unused skip reason: {why}"
    runnable = [c for c in COMMANDS if skip_reason(c) is None]
    assert len(runnable) >= 20, runnable


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """A fresh folder with the files the README's examples name."""
    root = tmp_path_factory.mktemp("readme")
    article = SAMPLE.read_text(encoding="utf-8")
    html = "<html><head><title>Syria withdrawal</title></head><body><article>" + "".join(
        f"<p>{p}</p>" for p in article.split("\n\n") if p.strip()) + "</article></body></html>"
    for name in ("article.txt", "a.txt", "b.txt", "nikkei.txt"):
        (root / name).write_text(article, encoding="utf-8")
    (root / "article.md").write_text("# Syria withdrawal\n\n" + article, encoding="utf-8")
    for name in ("story.html", "c.html", "ft.html"):
        (root / name).write_text(html, encoding="utf-8")
    (root / "wire").mkdir()
    (root / "wire" / "one.txt").write_text(article, encoding="utf-8")
    (root / "wire" / "two.md").write_text(article, encoding="utf-8")
    (root / "articles.jsonl").write_text(
        json.dumps({"id": "syria", "text": article, "title": "Syria withdrawal"}) + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "prompts", root / "my-prompts")
    for linked in ("evals", "tests"):
        (root / linked).symlink_to(ROOT / linked, target_is_directory=True)
    (root / "home").mkdir()
    if shared_path_exists("data", "summeval"):  # as the README says: copy the CNN/DM test set's articles first
        subprocess.run([sys.executable, str(ROOT / "evals" / "datasets" / "cnndm.py")], check=True, capture_output=True, timeout=60)
    return root


def _environment(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(HOME=str(root / "home"), XDG_CONFIG_HOME=str(root / "home" / ".config"),
               XDG_CACHE_HOME=str(root / "home" / ".cache"), XDG_DATA_HOME=str(root / "home" / ".local"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    if shared_path_exists("data", "summeval"):
        env["SUMMARISER_SUMMEVAL_DIR"] = str(shared_path("data", "summeval"))
    return env


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=[c[:60] for c in COMMANDS])
def test_readme_command_runs_as_documented(index, sandbox):
    command = COMMANDS[index]
    why = skip_reason(command)
    if why:
        pytest.skip(why)
    result = subprocess.run(["bash", "-c", command], cwd=sandbox, env=_environment(sandbox),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{command}\nexit {result.returncode}\n{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr
