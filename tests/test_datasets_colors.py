"""helpers.data.load_colors (lesson 04): offline-first, verified by checksum."""

from __future__ import annotations

import http.server
import shutil
import threading
import warnings

import numpy as np
import pytest

from helpers import data, texts
from helpers.datasets import colors
from tests.conftest import COURSE_DATA, needs

SHARED = COURSE_DATA / "colors" / "colorData.json"
needs_shared_copy = needs(SHARED, "COURSE_DATA/colors")
EXPECTED = {
    "green-ish": 1599,
    "blue-ish": 1218,
    "purple-ish": 823,
    "pink-ish": 511,
    "red-ish": 412,
    "brown-ish": 319,
    "yellow-ish": 275,
    "orange-ish": 259,
    "grey-ish": 227,
}


@needs_shared_copy
def test_real_colours_have_the_published_counts():
    x, y, names = data.load_colors()
    assert x.shape == (data.COLORS_COUNT, 3) and x.dtype == np.uint8 and y.shape == (data.COLORS_COUNT,)
    assert names == texts.COLOR_LABELS and len(names["pt"]) == 9
    assert dict(zip(names["en"], np.bincount(y, minlength=9).tolist())) == EXPECTED
    assert data.locate_colors(download=False)["colorData.json"] == SHARED


@needs_shared_copy
def test_a_damaged_copy_is_reported_and_the_cache_copy_used(isolated_data, monkeypatch):
    course = isolated_data / "course" / "colors"
    course.mkdir(parents=True)
    (course / "colorData.json").write_text('{"entries": []}')
    monkeypatch.setenv("COURSE_DATA", str(course.parent))
    cache = data.keras_cache_dir() / "colors"
    cache.mkdir(parents=True)
    shutil.copy(SHARED, cache / "colorData.json")
    with pytest.warns(UserWarning, match="damaged copy"):
        found = data.locate_colors(download=False)
    assert found["colorData.json"] == cache / "colorData.json"


@needs_shared_copy
def test_download_is_verified_and_lands_in_the_cache(isolated_data, monkeypatch, http_server):
    served = isolated_data / "served"
    served.mkdir()
    shutil.copy(SHARED, served / "colorData.json")
    monkeypatch.setattr(colors, "COLORS_URLS", (http_server(served) + "colorData.json",))
    x, _, _ = data.load_colors()
    assert len(x) == data.COLORS_COUNT
    assert (data.keras_cache_dir() / "colors" / "colorData.json").read_bytes() == SHARED.read_bytes()


def test_a_download_with_the_wrong_checksum_is_not_kept(isolated_data, monkeypatch, http_server):
    served = isolated_data / "served"
    served.mkdir()
    (served / "colorData.json").write_text('{"entries": [{"r": 1, "g": 2, "b": 3, "label": "red-ish"}]}')
    monkeypatch.setattr(colors, "COLORS_URLS", (http_server(served) + "colorData.json",))
    with pytest.raises(data.CorruptDataError, match="sha256"):
        data.load_colors()
    assert list((data.keras_cache_dir() / "colors").iterdir()) == []


def test_offline_without_a_copy_says_how_to_get_it(isolated_data, monkeypatch):
    monkeypatch.setattr(colors, "COLORS_URLS", ("http://127.0.0.1:9/colorData.json",))
    with pytest.raises(data.DatasetNotFoundError) as info:
        data.load_colors()
    assert "COURSE_DATA" in str(info.value) and "colors/colorData.json" in str(info.value)
    assert "três jeitos" in str(info.value)


def test_colour_names_are_paired():
    assert texts.class_names("colors", "pt")[2] == "azulado"
    assert len(set(texts.COLOR_LABELS["en"])) == len(set(texts.COLOR_LABELS["pt"])) == 9


@needs_shared_copy
@pytest.mark.parametrize("what", ["a folder", "a dangling link"])
def test_something_odd_in_place_of_the_file_is_skipped_for_the_cache_copy(isolated_data, monkeypatch, what):
    """Probe (WEAK): a folder where colorData.json should be gave a traceback and skipped the good cache copy."""
    course = isolated_data / "course" / "colors"
    course.mkdir(parents=True)
    if what == "a folder":
        (course / "colorData.json").mkdir()
    else:
        (course / "colorData.json").symlink_to(course / "gone")
    monkeypatch.setenv("COURSE_DATA", str(course.parent))
    cache = data.keras_cache_dir() / "colors"
    cache.mkdir(parents=True)
    shutil.copy(SHARED, cache / "colorData.json")
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        found = data.locate_colors(download=False)
    assert found["colorData.json"] == cache / "colorData.json"


def test_a_folder_in_place_of_the_file_gives_a_clear_error(isolated_data, monkeypatch):
    (data.keras_cache_dir() / "colors" / "colorData.json").mkdir(parents=True)
    monkeypatch.setattr(colors, "COLORS_URLS", ("http://127.0.0.1:9/colorData.json",))
    with pytest.warns(UserWarning, match="colorData.json"), pytest.raises(data.DatasetNotFoundError) as info:
        data.load_colors()
    assert "Is a directory" in str(info.value) and "três jeitos" in str(info.value)
    assert (data.keras_cache_dir() / "colors" / "colorData.json").is_dir(), "nothing is deleted"


class _Endless(http.server.BaseHTTPRequestHandler):
    """An endless body with no Content-Length (40 MB here, counted): a hostile or broken mirror."""

    sent = 0

    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        try:
            for _ in range(40 * 16):
                self.wfile.write(b"x" * 65536)
                type(self).sent += 65536
        except OSError:
            pass
        self.close_connection = True

    def log_message(self, *args):
        pass


def test_an_endless_download_stops_at_the_expected_size(isolated_data, monkeypatch):
    """Probe 3: an endless body wrote 6.45 GB for a 742 KB file; now a download stops past the expected size."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(colors, "COLORS_URLS", (f"http://127.0.0.1:{server.server_address[1]}/colorData.json",))
    try:
        with pytest.raises(data.CorruptDataError, match="more than the expected 741771 bytes"):
            data.load_colors()
    finally:
        server.shutdown()
        server.server_close()
    assert _Endless.sent < 10_000_000
    assert list((data.keras_cache_dir() / "colors").iterdir()) == []
