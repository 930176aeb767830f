"""helpers.data IMDB loader (lesson 03), on a tiny aclImdb-shaped folder and on the real data."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tarfile
import time
from pathlib import Path

import numpy as np
import pytest

from helpers import data
from helpers.datasets import imdb
from tests.conftest import COURSE_DATA, needs
from tools import localnet

REVIEWS = {
    "train/pos": ["A great, great film!<br />Great acting.", "Great fun; the film is great."],
    "train/neg": ["A bad film. Bad, bad acting.", "The worst film: bad and boring."],
    "test/pos": ["Great film, great cast.", "Wonderful! Don't miss it."],
    "test/neg": ["Bad. Boring.", "It's a bad film."],
}


def digests(folder: Path) -> dict[str, str]:
    """The reviews' digests, computed here independently: per split, sha256 over each sorted
    ``NAME.txt`` as ``name NUL length NUL content``."""
    found = {}
    for split in imdb.IMDB_SPLITS:
        digest = hashlib.sha256()
        for name in sorted(n for n in os.listdir(folder / split) if n.endswith(".txt")):
            content = (folder / split / name).read_bytes()
            digest.update(f"{name}\0{len(content)}\0".encode() + content)
        found[split] = digest.hexdigest()
    return found


def make_tree(root: Path) -> Path:
    folder = root / "aclImdb"
    for split, texts in REVIEWS.items():
        (folder / split).mkdir(parents=True)
        for i, text in enumerate(texts):
            (folder / split / f"{i}_{7 if 'pos' in split else 2}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def tiny(isolated_data, monkeypatch):
    """COURSE_DATA holding a 2-reviews-per-folder aclImdb, and a fresh in-memory cache."""
    make_tree(isolated_data / "course")
    monkeypatch.setenv("COURSE_DATA", str(isolated_data / "course"))
    monkeypatch.setattr(imdb, "IMDB_PER_FOLDER", 2)
    monkeypatch.setattr(imdb, "IMDB_TREE_SHA256", digests(isolated_data / "course" / "aclImdb"), raising=False)
    data.clear_imdb_cache()
    yield isolated_data
    data.clear_imdb_cache()


def test_tokenizer_is_documented_and_deterministic():
    assert data.tokenize("Don't MISS it!<br />Best film, ever... 10/10 café") == [
        "don't",
        "miss",
        "it",
        "best",
        "film",
        "ever",
        "10",
        "10",
        "café",
    ]


def test_structure_and_index_conventions(tiny):
    (x_train, y_train), (x_test, y_test) = data.load_imdb(num_words=None)
    assert len(x_train) == len(y_train) == 4 and len(x_test) == 4
    assert x_train.dtype == object and isinstance(x_train[0], list)
    assert sorted(y_train.tolist()) == [0, 0, 1, 1] and y_train.dtype == np.int64
    assert all(review[0] == data.START for review in list(x_train) + list(x_test))
    index = data.imdb_word_index()
    ranked = sorted(index, key=index.get)
    assert ranked[:3] == ["great", "bad", "film"]  # frequency in the training reviews, ties alphabetical
    assert index["great"] == 1 and min(min(r[1:]) for r in x_train) == 4  # real words start at 4
    assert "wonderful" not in index  # test reviews never enter the vocabulary


def test_num_words_cut_off_and_unknown_words(tiny):
    (x_train, _), (x_test, _) = data.load_imdb(num_words=6)  # keeps indices 4 and 5: 'great' and 'bad'
    assert max(max(r) for r in x_train) <= 5
    for review in list(x_train) + list(x_test):
        assert set(review) <= {data.START, data.UNKNOWN, 4, 5}
    assert data.encode_review("Great zebra film", num_words=6) == [1, 4, 2, 2]
    assert data.encode_review("Great zebra film", num_words=None) == [1, 4, 2, 6]


def test_decode_encode_round_trip_for_known_words(tiny):
    text = "the film is great fun"
    assert data.decode_review(data.encode_review(text, num_words=None)) == "<START> " + text
    assert data.decode_review([0, 1, 2, 3]) == "<PAD> <START> <UNK> <UNUSED>"
    with pytest.raises(ValueError, match="not a word index"):
        data.decode_review([10_000_000])
    with pytest.raises(TypeError, match="text must be a str"):
        data.encode_review(["great"])
    with pytest.raises(ValueError, match="num_words"):
        data.load_imdb(num_words=3)


def test_the_encoded_cache_is_reused_and_rebuilt_when_the_source_changes(tiny, monkeypatch):
    first = data.load_imdb(num_words=None)
    caches = list(data.keras_cache_dir().glob("imdb_encoded_*.npz"))
    assert len(caches) == 1
    with np.load(caches[0], allow_pickle=False) as stored:  # plain arrays, no pickle
        assert "vocabulary" in stored.files
    data.clear_imdb_cache()
    tokenize = data.tokenize
    monkeypatch.setattr(imdb, "tokenize", lambda text: ["fail"])  # a warm load must not re-tokenize
    again = data.load_imdb(num_words=None)
    assert [r for r in again[0][0]] == [r for r in first[0][0]]  # read from the cache, not re-tokenized
    monkeypatch.setattr(imdb, "tokenize", tokenize)
    monkeypatch.setattr(imdb, "IMDB_TOKENIZER_VERSION", 99)  # an option of the encoding changed
    data.clear_imdb_cache()
    data.load_imdb()
    assert len(list(data.keras_cache_dir().glob("imdb_encoded_*.npz"))) == 2


def tar_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return out.getvalue()


def serve_archive(tiny, monkeypatch, http_server, archive: bytes):
    monkeypatch.delenv("COURSE_DATA", raising=False)
    served = tiny / "served"
    served.mkdir()
    (served / "aclImdb_v1.tar.gz").write_bytes(archive)
    monkeypatch.setattr(imdb, "IMDB_URLS", (http_server(served) + "aclImdb_v1.tar.gz",))
    monkeypatch.setattr(imdb, "IMDB_SHA256", data.sha256_of(archive))


def test_download_and_safe_extraction(tiny, monkeypatch, http_server):
    files = {
        f"aclImdb/{split}/{i}_{7 if 'pos' in split else 2}.txt": text.encode()
        for split, texts in REVIEWS.items()
        for i, text in enumerate(texts)
    }
    files["aclImdb/train/unsup/0_0.txt"] = b"not extracted"
    serve_archive(tiny, monkeypatch, http_server, tar_of(files))
    found = data.locate_imdb()
    assert found["train/pos"] == data.keras_cache_dir() / "aclImdb" / "train" / "pos"
    assert not (data.keras_cache_dir() / "aclImdb" / "train" / "unsup").exists()
    assert len(data.load_imdb()[0][0]) == 4


@pytest.mark.parametrize("evil", ["../escaped.txt", "aclImdb/../../escaped.txt", "/tmp/escaped-imdb.txt"])
def test_an_unsafe_archive_is_rejected_and_deleted(tiny, monkeypatch, http_server, evil):
    serve_archive(tiny, monkeypatch, http_server, tar_of({"aclImdb/README": b"x", evil: b"gotcha"}))
    with pytest.raises(data.CorruptDataError, match="unsafe path"):
        data.locate_imdb()
    assert not (tiny / "escaped.txt").exists() and not Path("/tmp/escaped-imdb.txt").exists()
    assert not (data.keras_cache_dir() / "aclImdb_v1.tar.gz").exists()
    assert not (data.keras_cache_dir() / "aclImdb").exists()


def test_an_incomplete_tree_is_reported_and_skipped(tiny, monkeypatch):
    (tiny / "course" / "aclImdb" / "test" / "neg" / "0_2.txt").unlink()
    monkeypatch.setattr(imdb, "IMDB_URLS", ("http://127.0.0.1:9/aclImdb_v1.tar.gz",))
    with pytest.warns(UserWarning, match="test/neg/ has 1 reviews"), pytest.raises(data.DatasetNotFoundError) as info:
        data.load_imdb()
    assert "COURSE_DATA" in str(info.value) and "três jeitos" in str(info.value)
    assert not list(data.keras_cache_dir().glob("*.part"))


# --- the real data ------------------------------------------------------------------

REAL = COURSE_DATA / "aclImdb"
needs_real = needs(REAL, "COURSE_DATA/aclImdb")


@pytest.mark.slow  # reads and tokenises all 50,000 reviews (about 20 s)
@needs_real
def test_the_real_reviews_match_the_classic_text():
    (x_train, y_train), (x_test, y_test) = data.load_imdb(num_words=10000)
    assert len(x_train) == len(x_test) == 25000
    assert np.bincount(y_train).tolist() == np.bincount(y_test).tolist() == [12500, 12500]
    assert [len(x_train[0]), len(x_train[1])] == [218, 189]  # as in the classic text
    assert data.decode_review(x_train[0][1:6]) == "this film was just brilliant"
    assert max(max(r) for r in x_train) == 9999
    assert data.imdb_word_index()["the"] == 1
    assert (REAL / "train" / "pos" / "0_9.txt").read_text().startswith("Bromwell High is a cartoon comedy.")


def test_a_teachers_mirror_may_serve_a_repacked_archive(tiny, monkeypatch, http_server):
    """COURSE_MIRROR comes first; its archive need not be the published one, its reviews are counted instead."""
    files = {
        f"aclImdb/{split}/{i}_{7 if 'pos' in split else 2}.txt": text.encode()
        for split, texts in REVIEWS.items()
        for i, text in enumerate(texts)
    }
    monkeypatch.delenv("COURSE_DATA")
    served = tiny / "mirror"
    served.mkdir()
    (served / "aclImdb_v1.tar.gz").write_bytes(tar_of(files))
    monkeypatch.setenv("COURSE_MIRROR", http_server(served))
    monkeypatch.setattr(imdb, "IMDB_URLS", ("http://127.0.0.1:9/aclImdb_v1.tar.gz",))  # the original: unreachable
    assert data.locate_imdb()["test/neg"] == data.keras_cache_dir() / "aclImdb" / "test" / "neg"
    data.clear_imdb_cache()
    shutil.rmtree(data.keras_cache_dir() / "aclImdb")  # the extracted copy lost, the re-packed archive kept,
    monkeypatch.setenv("COURSE_MIRROR", "http://127.0.0.1:9/")  # and no network: the archive is unpacked again
    assert data.locate_imdb()["test/neg"].is_dir()
    data.clear_imdb_cache()
    monkeypatch.setenv("COURSE_MIRROR", http_server(served))
    shutil.rmtree(data.keras_cache_dir())
    del files["aclImdb/test/neg/1_2.txt"]  # one review short: the mirror's copy is refused and deleted
    (served / "aclImdb_v1.tar.gz").write_bytes(tar_of(files))
    with pytest.raises(data.CorruptDataError, match="test/neg/ has 1 reviews, expected 2"):
        data.locate_imdb()
    assert not (data.keras_cache_dir() / "aclImdb_v1.tar.gz").exists()
    assert not (data.keras_cache_dir() / "aclImdb").exists()


def test_a_damaged_kept_archive_is_downloaded_again(tiny, monkeypatch, http_server):
    files = {
        f"aclImdb/{split}/{i}_{7 if 'pos' in split else 2}.txt": text.encode()
        for split, texts in REVIEWS.items()
        for i, text in enumerate(texts)
    }
    serve_archive(tiny, monkeypatch, http_server, tar_of(files))
    kept = data.keras_cache_dir() / "aclImdb_v1.tar.gz"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(tar_of(files)[:50])  # cut off: neither the published archive nor a readable one
    with pytest.warns(UserWarning, match="cannot extract aclImdb_v1.tar.gz"):
        assert len(data.load_imdb()[0][0]) == 4
    assert data.sha256_of(kept) == imdb.IMDB_SHA256  # replaced by the download


# --- hostile probes (shared/reviews/probes-2026-12-05.md) ---------------------------------

OFFLINE = ("http://127.0.0.1:9/aclImdb_v1.tar.gz",)


def tiny_files(changes: dict[str, bytes | None] | None = None) -> dict[str, bytes]:
    """The tiny tree as archive members, with `changes` ({path in aclImdb/: content, or None to leave it out})."""
    files = {
        f"aclImdb/{split}/{i}_{7 if 'pos' in split else 2}.txt": text.encode()
        for split, texts in REVIEWS.items()
        for i, text in enumerate(texts)
    }
    for key, content in (changes or {}).items():
        name = "aclImdb/" + key
        if content is None:
            del files[name]
        else:
            files[name] = content
    return files


def swapped(files: dict[str, bytes]) -> dict[str, bytes]:
    """train/pos and train/neg swapped: every training label wrong."""
    swap = {"train/pos": "train/neg", "train/neg": "train/pos"}
    return {
        name.replace(name[8:17], swap[name[8:17]]) if name[8:17] in swap else name: content
        for name, content in files.items()
    }


def test_a_tampered_copy_is_refused_wherever_it_comes_from(tiny, monkeypatch, http_server):
    """Probe 2: labels swapped, or one review replaced, passed the count check from a mirror and was cached."""
    course = tiny / "course"
    monkeypatch.delenv("COURSE_DATA")
    monkeypatch.setattr(imdb, "IMDB_URLS", OFFLINE)
    served = tiny / "mirror"
    served.mkdir()
    monkeypatch.setenv("COURSE_MIRROR", http_server(served))
    tampered = {
        "labels swapped": swapped(tiny_files()),
        "a review replaced": tiny_files({"test/neg/1_2.txt": b"Great!"}),
    }
    for what, files in tampered.items():
        (served / "aclImdb_v1.tar.gz").write_bytes(tar_of(files))
        with pytest.raises(data.CorruptDataError, match="not the published reviews"):
            data.locate_imdb()
        assert not list(data.keras_cache_dir().iterdir()), f"{what}: nothing is kept"
    # The same tree in COURSE_DATA, then in the Keras cache: refused too, the folder named.
    monkeypatch.delenv("COURSE_MIRROR")
    for folder in (course, data.keras_cache_dir()):
        monkeypatch.setenv("COURSE_DATA", str(course))
        tree = make_tree(folder) if folder != course else course / "aclImdb"
        os.rename(tree / "train" / "pos", tree / "train" / "swap")
        os.rename(tree / "train" / "neg", tree / "train" / "pos")
        os.rename(tree / "train" / "swap", tree / "train" / "neg")
        data.clear_imdb_cache()
        with pytest.warns(UserWarning, match="train/pos/ .*not the published reviews"):
            with pytest.raises(data.DatasetNotFoundError, match=str(tree)):
                data.load_imdb()
        shutil.rmtree(tree)


def test_a_repacked_archive_of_the_same_reviews_is_accepted(tiny, monkeypatch, http_server):
    """tools.localnet.repack_imdb (the Colab simulation's mirror): another archive, the same reviews."""
    served = tiny / "mirror"
    served.mkdir()
    localnet.repack_imdb(tiny / "course" / "aclImdb", served / "aclImdb_v1.tar.gz")
    monkeypatch.delenv("COURSE_DATA")
    monkeypatch.setattr(imdb, "IMDB_URLS", OFFLINE)
    monkeypatch.setenv("COURSE_MIRROR", http_server(served))
    assert len(data.load_imdb()[0][0]) == 4


@pytest.mark.parametrize("link", ["aclImdb", "datasets"])
def test_a_damaged_copy_behind_a_link_is_never_deleted(tiny, monkeypatch, http_server, link):
    """Probe 8: offline, a damaged cache copy reached through a link was deleted (or rmtree crashed)."""
    monkeypatch.delenv("COURSE_DATA")
    monkeypatch.setattr(imdb, "IMDB_URLS", OFFLINE)
    shared = tiny / "shared"
    tree = make_tree(shared)
    (tree / "test" / "neg" / "0_2.txt").unlink()  # one review lost
    cache = data.keras_cache_dir()
    if link == "aclImdb":
        cache.mkdir(parents=True)
        (cache / "aclImdb").symlink_to(tree)
    else:
        cache.parent.mkdir(parents=True)
        cache.symlink_to(shared)
    with pytest.warns(UserWarning, match="Ignoring a damaged copy"), pytest.raises(data.DatasetNotFoundError):
        data.load_imdb()
    assert sorted(os.listdir(tree / "train" / "pos")) == ["0_7.txt", "1_7.txt"], "the shared copy is intact"
    assert (cache / "aclImdb").exists()
    # With a good archive to download, the copy is replaced: a link by a folder, its target left as it was.
    serve_archive(tiny, monkeypatch, http_server, tar_of(tiny_files()))
    monkeypatch.setattr(imdb, "IMDB_URLS", imdb.IMDB_URLS)
    with pytest.warns(UserWarning, match="Ignoring a damaged copy"):
        assert data.locate_imdb()["test/neg"] == cache / "aclImdb" / "test" / "neg"
    assert len(os.listdir(cache / "aclImdb" / "test" / "neg")) == 2
    if link == "aclImdb":  # the link was replaced, what it pointed to is as it was
        assert not (cache / "aclImdb").is_symlink() and os.listdir(tree / "test" / "neg") == ["1_2.txt"]


@pytest.mark.parametrize("damage", ["not a zip", "an .npy", "other arrays"])
def test_a_damaged_encoding_cache_is_rebuilt(tiny, damage):
    """Probe 9: a damaged imdb_encoded_*.npz (BadZipFile, an .npy under its name) failed every later run."""
    first = data.load_imdb(num_words=None)
    (cache,) = data.keras_cache_dir().glob("imdb_encoded_*.npz")
    if damage == "not a zip":
        cache.write_bytes(b"PK\x03\x04 cut off")
    elif damage == "an .npy":
        with open(cache, "wb") as f:
            np.save(f, np.arange(3))
    else:
        np.savez(cache, vocabulary=np.array(["x"]))
    data.clear_imdb_cache()
    again = data.load_imdb(num_words=None)
    assert [list(r) for r in again[0][0]] == [list(r) for r in first[0][0]]
    with np.load(cache, allow_pickle=False) as stored:
        assert "train_flat" in stored.files


def test_an_unreadable_review_is_named(tiny, monkeypatch):
    """Probe (WEAK): a review that cannot be read gave a bare traceback naming no file."""
    monkeypatch.setattr(imdb, "IMDB_URLS", OFFLINE)
    review = tiny / "course" / "aclImdb" / "train" / "pos" / "1_7.txt"
    review.unlink()
    review.mkdir()  # read_bytes: IsADirectoryError (as root, a chmod 000 file would still be readable)
    with pytest.warns(UserWarning, match="1_7.txt"), pytest.raises(data.DatasetNotFoundError) as info:
        data.load_imdb()
    assert "1_7.txt" in str(info.value) and "três jeitos" in str(info.value)


def test_a_review_that_is_not_utf8_is_named(tiny, monkeypatch):
    review = tiny / "course" / "aclImdb" / "test" / "neg" / "1_2.txt"
    review.write_bytes(b"Bad \xff film")
    monkeypatch.setattr(imdb, "IMDB_TREE_SHA256", digests(tiny / "course" / "aclImdb"), raising=False)
    with pytest.raises(data.CorruptDataError, match="1_2.txt.*UTF-8"):
        data.load_imdb()


def test_unpacking_stops_at_the_expected_size(tiny, monkeypatch, http_server):
    """Probe (WEAK): a 1.9 MB archive holding a 2 GB review wrote 1.86 GB before it was refused."""
    big = b"Great film. " * 20_000  # 240 kB, where the whole tree holds 260 bytes
    files = tiny_files({"train/pos/0_7.txt": big})
    serve_archive(tiny, monkeypatch, http_server, tar_of(files))
    monkeypatch.setattr(imdb, "IMDB_TREE_SHA256", digests(tiny / "course" / "aclImdb"), raising=False)
    monkeypatch.setattr(imdb, "IMDB_TREE_MAX", 100_000, raising=False)
    with pytest.raises(data.CorruptDataError, match="more than the expected 100000 bytes"):
        data.locate_imdb()
    assert not list(data.keras_cache_dir().iterdir())


def test_a_refused_kept_archive_says_why(tiny, monkeypatch):
    """Probe (WEAK): offline, a kept archive refused as unsafe showed only "downloading was not allowed"."""
    monkeypatch.delenv("COURSE_DATA")
    kept = data.keras_cache_dir() / "aclImdb_v1.tar.gz"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(tar_of({**tiny_files(), "aclImdb/../evil.txt": b"x"}))
    with pytest.warns(UserWarning), pytest.raises(data.DatasetNotFoundError) as info:
        data.locate_imdb(download=False)
    assert "unsafe path" in str(info.value) and "not allowed" in str(info.value)
    assert kept.is_file(), "not deleted: no good copy replaced it"
    assert not (kept.parent / "evil.txt").exists()


@needs_real
def test_the_real_reviews_have_the_published_digests():
    """The digests in helpers.datasets.imdb are those of the official extracted data (COURSE_DATA), and fast."""
    started = time.perf_counter()
    assert digests(REAL) == imdb.IMDB_TREE_SHA256
    assert time.perf_counter() - started < 10  # about 1 s on a 2-core CI machine, file cache warm
