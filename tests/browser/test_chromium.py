"""Without Chromium the browser tests skip loudly, or fail when TUTOR_REQUIRE_BROWSER=1 (CI)."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

BROWSER_TEST = """
import pytest

@pytest.mark.browser
def test_in_a_browser():
    pass

def test_without_a_browser():
    pass
"""


@pytest.fixture
def suite(pytester, monkeypatch):
    """A two-test suite using the project's browser hooks, run by a nested pytest."""
    pytester.makeconftest("from tests.browser.chromium import *  # noqa: F403")
    pytester.makepyfile(BROWSER_TEST)
    monkeypatch.delenv("TUTOR_REQUIRE_BROWSER", raising=False)

    def run(chromium, **env):
        monkeypatch.setenv("TUTOR_CHROMIUM", str(chromium))
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return pytester.runpytest_inprocess("-p", "no:django", "-p", "no:cacheprovider")

    return run


def test_missing_chromium_skips_browser_tests_loudly(suite, tmp_path):
    result = suite(tmp_path / "no-chromium")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*1 BROWSER TESTS SKIPPED: Chromium is not installed at*"])
    assert result.ret == 0


def test_missing_chromium_fails_when_ci_requires_the_browser(suite, tmp_path):
    result = suite(tmp_path / "no-chromium", TUTOR_REQUIRE_BROWSER="1")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*Chromium is not installed at*TUTOR_REQUIRE_BROWSER=1 requires*"])
    assert "BROWSER TESTS SKIPPED" not in result.stdout.str()
    assert result.ret != 0


def test_present_chromium_runs_browser_tests(suite, tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    result = suite(chromium, TUTOR_REQUIRE_BROWSER="1")
    result.assert_outcomes(passed=2)
    assert "SKIPPED" not in result.stdout.str()


SCRIPT = REPO / "scripts" / "ensure-chromium"


def _fake_bin(tmp_path, uid, apt_installs):
    """A PATH where `id -u` prints ``uid`` and `apt-get` logs its calls (and, when
    ``apt_installs``, creates the Chromium binary on install)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    chromium = tmp_path / "chromium"
    log = tmp_path / "apt.log"
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    install = f"touch {chromium} && chmod +x {chromium}" if apt_installs else "exit 100"
    (bin_dir / "apt-get").write_text(
        f'#!/bin/sh\necho "$@" >> {log}\ncase "$*" in *install*) {install};; esac\n'
    )
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin", "TUTOR_CHROMIUM": str(chromium)}
    return env, chromium, log


def _ensure(env):
    return subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60
    )


def test_make_installs_chromium_with_apt_as_root(tmp_path):
    env, chromium, log = _fake_bin(tmp_path, uid=0, apt_installs=True)
    result = _ensure(env)
    assert result.returncode == 0
    assert os.access(chromium, os.X_OK)
    calls = log.read_text().splitlines()
    assert "update" in calls[0] and "install" in calls[1] and "chromium" in calls[1]
    assert "SKIPPED" not in result.stderr


def test_make_warns_loudly_when_it_cannot_install(tmp_path):
    env, chromium, log = _fake_bin(tmp_path, uid=1000, apt_installs=True)
    result = _ensure(env)
    assert result.returncode == 0  # pytest decides: skip, or fail under TUTOR_REQUIRE_BROWSER=1
    assert not chromium.exists() and not log.exists()
    assert "BROWSER TESTS WILL BE SKIPPED" in result.stderr
    assert "needs root and apt-get" in result.stderr


def test_make_warns_loudly_when_apt_fails(tmp_path):
    env, chromium, log = _fake_bin(tmp_path, uid=0, apt_installs=False)
    result = _ensure(env)
    assert result.returncode == 0
    assert not chromium.exists()
    assert "apt-get could not install it" in result.stderr


def test_make_test_runs_the_chromium_check_before_pytest():
    dry_run = subprocess.run(
        ["make", "-n", "pytest"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    lines = dry_run.stdout.splitlines()
    check = next(i for i, line in enumerate(lines) if "scripts/ensure-chromium" in line)
    assert check < next(i for i, line in enumerate(lines) if "bin/pytest" in line)
