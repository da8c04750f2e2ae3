"""Every app's tests run: a tests folder outside pytest's testpaths would be silently skipped by `make test`."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_tests_folder_is_under_a_testpath():
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    folders = [
        path.relative_to(ROOT)
        for path in ROOT.glob("**/tests")
        if path.is_dir() and not {".venv", "var", "node_modules"} & set(path.relative_to(ROOT).parts)
    ]
    missed = [str(f) for f in folders if not any(f.parts[: len(Path(t).parts)] == Path(t).parts for t in testpaths)]
    assert folders
    assert missed == []
