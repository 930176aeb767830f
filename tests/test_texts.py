"""helpers.texts: the course's bilingual strings (messages, class names)."""

from __future__ import annotations

import re
import string

import pytest

from helpers import texts


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(texts.MESSAGES))
def test_every_message_exists_in_both_languages_with_the_same_fields(key):
    en, pt = texts.MESSAGES[key]
    assert en.strip() and pt.strip() and en != pt
    portuguese_only = {
        "system_hint_pt": "system_hint",
        "name_pt": "name",  # the same field, translated
        **{f"{n}_pt": n for n in ("value", "bound", "low", "high")},
    }  # with a decimal comma
    assert fields(en) == {portuguese_only.get(f, f) for f in fields(pt)}


def test_class_names():
    en, pt = texts.class_names("fashion_mnist", "en"), texts.class_names("fashion_mnist", "pt")
    assert len(en) == len(pt) == 10 and en[9] == "Ankle boot" and pt[7] == "Tênis"
    with pytest.raises(ValueError, match="lang"):
        texts.class_names("fashion_mnist", "de")
    with pytest.raises(ValueError, match="dataset"):
        texts.class_names("mnist")


def test_message_puts_english_first():
    text = texts.message("corrupt_file", path="p", reason="r")
    assert re.fullmatch(r"Ignoring .*\nIgnorando .*", text)
