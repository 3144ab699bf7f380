#!/usr/bin/env python3
"""Writes data/pinyin.txt: the toneless pinyin of the 6,763 characters of GB 2312, a line per
syllable with the characters read so. The question reader uses it to tell an input-method slip
(社会信用管里 for 管理: the same syllable typed, the wrong character picked) from a word beside
a word (考核用). Generated, not hand-kept: run scripts/gen-pinyin (it installs pypinyin, MIT,
whose readings come from the Unicode Unihan database, into a virtualenv under target/).

Each character is listed under its first reading in pypinyin's order (the most common) and,
for a character of several, its second where pypinyin's phrase dictionary reads it so in some
word (行 xing and hang: 银行), tones dropped, as a pinyin input method takes them. Unihan's other
readings are often archaic (有 wei, 立 wei) and would make unrelated characters sound alike."""
import sys

import pypinyin
from pypinyin import Style, pinyin
from pypinyin.phrases_dict import phrases_dict
from pypinyin.style import convert as convert_style


def gb2312_chars():
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                yield bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue


def toneless(reading):
    return convert_style(reading, Style.NORMAL, strict=True)


def readings_in_words():
    """Each character's toneless readings in the words of pypinyin's phrase dictionary."""
    used = {}
    for phrase, readings in phrases_dict.items():
        if len(phrase) != len(readings):
            continue
        for c, r in zip(phrase, readings):
            used.setdefault(c, set()).add(toneless(r[0]))
    return used


def main(out_path):
    groups = {}
    chars = list(gb2312_chars())
    used = readings_in_words()
    for c in chars:
        readings = pinyin(c, style=Style.NORMAL, heteronym=True)[0][:2]
        readings = readings[:1] + [r for r in readings[1:] if r in used.get(c, ())]
        for r in dict.fromkeys(readings):
            if r.isascii() and r.isalpha():
                groups.setdefault(r, []).append(c)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(f"# Toneless pinyin of the {len(chars)} characters of GB 2312, a line per syllable: written by\n")
        f.write(f"# scripts/gen-pinyin from pypinyin {pypinyin.__version__} (MIT; readings from Unicode Unihan). Do not edit.\n")
        for syllable in sorted(groups):
            f.write(syllable + " " + "".join(sorted(groups[syllable])) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/pinyin.txt")
