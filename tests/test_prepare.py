"""python -m helpers.prepare: classroom prep, tested offline, and the download progress bar."""

from __future__ import annotations

import io
import shutil

import pytest

from helpers import data, prepare
from helpers.datasets import colors, fashion_mnist, imdb
from tests.conftest import COURSE_DATA, needs

SHARED = COURSE_DATA
needs_course_data = needs(SHARED / "aclImdb", "COURSE_DATA with every dataset")


@needs_course_data
def test_check_reports_every_dataset_and_offline_readiness(capsys):
    assert prepare.main(["--check"]) == 0
    out = capsys.readouterr().out
    for name in data.DATASETS:
        assert f"✓ {name}:" in out
    assert "COURSE_DATA: " + str(SHARED / "aclImdb") in out
    assert "The course can run offline.\nO curso pode rodar offline." in out


def unreachable(monkeypatch, tmp_path):
    monkeypatch.setattr(fashion_mnist, "FASHION_MNIST_SYSTEM_DIR", tmp_path / "no-system-copy")
    for module, name in ((fashion_mnist, "FASHION_MNIST_URLS"), (colors, "COLORS_URLS"), (imdb, "IMDB_URLS")):
        monkeypatch.setattr(module, name, ("http://127.0.0.1:9/x",))


def test_nothing_here_and_offline_fails_clearly(isolated_data, monkeypatch, capsys):
    unreachable(monkeypatch, isolated_data)
    assert prepare.main([]) == 1
    out = capsys.readouterr().out
    assert out.count("✗") == len(data.DATASETS) and "três jeitos" in out
    assert "cannot run offline yet" in out
    assert not any(data.keras_cache_dir().rglob("*.part"))


@pytest.mark.slow  # serves, downloads and encodes every dataset (about 17 s)
@needs_course_data
def test_prepare_downloads_what_is_missing_into_the_cache(isolated_data, monkeypatch, http_server, capsys):
    unreachable(monkeypatch, isolated_data)
    course = isolated_data / "course"
    course.mkdir()
    (course / "aclImdb").symlink_to(SHARED / "aclImdb")
    shutil.copytree(
        data.FASHION_MNIST_SYSTEM_DIR
        if data.FASHION_MNIST_SYSTEM_DIR.is_dir()
        else "/usr/share/datasets/fashion-mnist",
        course / "fashion-mnist",
    )
    monkeypatch.setenv("COURSE_DATA", str(course))
    served = isolated_data / "served"
    served.mkdir()
    shutil.copy(SHARED / "colors" / "colorData.json", served)
    monkeypatch.setattr(colors, "COLORS_URLS", (http_server(served) + "colorData.json",))
    assert prepare.main(["--check"]) == 1  # colours are missing and --check never downloads
    assert prepare.main([]) == 0
    out = capsys.readouterr().out
    assert "✓ colors: downloaded now · baixado agora, Keras cache · cache do Keras: " in out
    assert (data.keras_cache_dir() / "colors" / "colorData.json").is_file()


def test_bad_arguments_print_the_usage_and_help_the_commands(capsys):
    assert prepare.main(["--now"]) == 2
    assert "usage: python -m helpers.prepare [-h] [--check]" in capsys.readouterr().err
    assert prepare.main(["--help"]) == 0
    assert "python -m helpers.prepare --check  # only look: download nothing" in capsys.readouterr().out


def test_progress_bar_draws_one_updating_line():
    out = io.StringIO()
    show = data.progress_bar("Downloading x.gz", out=out)
    show(0, 2_000_000)
    show(1_000_000, 2_000_000)  # within 0.2 s of the last redraw: skipped
    show(2_000_000, 2_000_000)  # the end is always drawn, with a newline
    text = out.getvalue()
    assert text.startswith("\rDownloading x.gz [") and text.endswith("100.0% of 2.0 MB\n")
    assert text.count("\r") == 2


def test_download_shows_progress_on_stderr_unless_silenced(tmp_path, http_server, capsys):
    served = tmp_path / "served"
    served.mkdir()
    (served / "f.bin").write_bytes(b"x" * 5000)
    base = http_server(served)
    data.download([base + "f.bin"], tmp_path / "a.bin")
    assert "Downloading a.bin [" in capsys.readouterr().err
    data.download([base + "f.bin"], tmp_path / "b.bin", progress=False)
    assert capsys.readouterr().err == ""


def test_check_only_looks(monkeypatch, tmp_path, capsys):
    """Probe (WEAK): `--check` built the 63.8 MB IMDB encoding; it must only look."""
    warmed = []
    found = tmp_path / "f.bin"
    found.write_bytes(b"x")
    dataset = data.Dataset(lambda download: {"f.bin": found}, warm=lambda: warmed.append(True))
    monkeypatch.setattr(data, "DATASETS", {"x": dataset})
    assert prepare.main(["--check"]) == 0
    assert warmed == []
    assert prepare.main([]) == 0
    assert warmed == [True]


def test_check_reports_a_tampered_review_tree(isolated_data, monkeypatch, capsys):
    """Probe 2: the reviews with train/pos and train/neg swapped passed `--check` ("✓ aclImdb")."""
    from tests.test_datasets_imdb import digests, make_tree

    tree = make_tree(isolated_data / "course")
    monkeypatch.setattr(imdb, "IMDB_PER_FOLDER", 2)
    monkeypatch.setattr(imdb, "IMDB_TREE_SHA256", digests(tree), raising=False)
    (tree / "train" / "pos" / "0_7.txt").write_text("A bad film.")  # a review replaced
    monkeypatch.setenv("COURSE_DATA", str(isolated_data / "course"))
    unreachable(monkeypatch, isolated_data)
    data.clear_imdb_cache()
    with pytest.warns(UserWarning, match="not the published reviews"):
        assert prepare.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "✗ aclImdb" in out and "not the published reviews" in out and str(tree) in out
    data.clear_imdb_cache()
