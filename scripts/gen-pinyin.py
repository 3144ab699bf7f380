#!/usr/bin/env python3
"""Writes data/pinyin.txt: the toneless pinyin of the 6,763 characters of GB 2312, a line per
syllable with the characters read so. The question reader uses it to tell an input-method slip
(社会信用管里 for 管理: the same syllable typed, the wrong character picked) from a word beside
a word (考核用). Generated, not hand-kept: run scripts/gen-pinyin (it installs pypinyin, MIT,
whose readings come from the Unicode Unihan database, into a virtualenv under target/).

Each character is listed under its first two readings in pypinyin's order (the most common
first: 行 xing and hang), tones dropped, as a pinyin input method takes them."""
import sys

import pypinyin
from pypinyin import Style, pinyin


def gb2312_chars():
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                yield bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue


def main(out_path):
    groups = {}
    chars = list(gb2312_chars())
    for c in chars:
        readings = pinyin(c, style=Style.NORMAL, heteronym=True)[0][:2]
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
