# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chinese complaint text to features.

1. Normalise: NFKC folds full-width letters, digits and punctuation to
   half-width; OpenCC converts Traditional to Simplified Chinese; English is
   lower-cased; runs of digits become ``0``; emoji that carry a mood become
   ``:neg:`` / ``:pos:`` tokens, other pictographs are dropped.
2. Segment with jieba; English words come out of it as words too. A word that
   jieba glued to its negation (不烂, 没人接) is split again.
3. Negation scope: after 不是 / 没有 / 并非 / 不 / 没 / not ... the next words
   up to a punctuation mark, a "but" (但是, 可是, 而是, 就是 ...) or
   ``NEGATION_SPAN`` words are negated: they become other features
   (``!送货``), so 不是送货的问题 says nothing for Logistics.
4. Features: the words, the character unigrams and bigrams of each clause
   (for words jieba does not know, and for one-character complaints like
   烂, 臭), each marked negated or not; the mood of mood words and emoji; the
   groups of ``lexicon`` the text speaks of.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import jieba
import opencc

from .lexicon import concepts

NEGATION_SPAN = 5

# Longest first: the first cue that prefixes a token wins.
NEGATION_CUES = (
    "并不是",
    "并没有",
    "并不",
    "并非",
    "不是",
    "没有",
    "不",
    "没",
    "无",
    "未",
    "别",
)
ENGLISH_NEGATIONS = {"not", "no", "never", "without"}
# Words that start with a cue character but do not negate what follows.
NOT_NEGATIONS = {
    "不过",
    "不错",
    "不少",
    "不仅",
    "不但",
    "不然",
    "不管",
    "不如",
    "不断",
    "不久",
    "不得不",
    "无论",
    "没事",
    "别人",
    "别家",
    "无所谓",
}
SCOPE_BREAKERS = {
    "但",
    "但是",
    "可是",
    "而是",
    "就是",
    "只是",
    "不过",
    "却",
    "可",
    "but",
    "however",
}
# Words that help jieba keep complaint vocabulary whole.
DOMAIN_WORDS = (
    "客服",
    "骑手",
    "冷链",
    "小程序",
    "优惠券",
    "到账",
    "退款",
    "扣款",
    "多收",
    "发霉",
    "变质",
    "异味",
    "漏送",
    "少送",
    "送错",
    "发错",
    "闪退",
    "生产日期",
    "保质期",
    "配料表",
)
# Mood words: each adds the feature ``:pos:`` or ``:neg:`` (flipped when
# negated: 不满意 is negative, 不差 positive), shared evidence that lets
# praise about delivery or staff be told from a complaint about them.
POSITIVE_WORDS = {
    "好评",
    "推荐",
    "满意",
    "点赞",
    "谢谢",
    "感谢",
    "多谢",
    "辛苦",
    "表扬",
    "不错",
    "热情",
    "耐心",
    "划算",
    "实惠",
    "准确",
    "周到",
    "新鲜",
    "好吃",
    "甜",
    "给力",
    "放心",
    "支持",
    "喜欢",
    "准时",
    "很快",
    "及时",
    "干净",
    "值",
    "thanks",
    "thank",
    "great",
    "nice",
    "good",
}
NEGATIVE_WORDS = {
    "差",
    "烂",
    "坏",
    "臭",
    "投诉",
    "差评",
    "失望",
    "恶心",
    "骗",
    "骗人",
    "坑",
    "坑人",
    "气",
    "过分",
    "离谱",
    "太差",
    "无语",
    "烦",
    "凭什么",
    "要求",
    "bad",
    "terrible",
    "worst",
}
# Stop characters: as single-character features they only fit noise.
STOP_CHARS = set("的了吗呢吧啊呀哦嘛很都也我你他她它们是在有就还说这那个一和与给把被")
NEGATIVE_EMOJI = set("😡😠🤬💢😤🤮🤢😞😩😫😒🙄🙃😭😢👎💩😱😰")
POSITIVE_EMOJI = set("👍❤💕😊😀😁😄😍🥰🤩👏💯🎉")
_PUNCTUATION = re.compile(r"[\s\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGITS = re.compile(r"\d+")
_T2S = opencc.OpenCC("t2s")


@cache
def _tokenizer():
    """jieba's dictionary, loaded once per process (from the package, no
    download; jieba caches the parsed dictionary in the temp directory)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in DOMAIN_WORDS:
        tokenizer.add_word(word)
    return tokenizer


@cache
def _traditional_chars():
    """Characters whose presence can make OpenCC change a text: those a
    Traditional-to-Simplified entry replaces. Converting is slow (pure
    Python), and most complaints are written in Simplified Chinese."""
    chars = set()
    folder = Path(opencc.__file__).parent / "dictionary"
    for name in ("TSPhrases.txt", "TSCharacters.txt"):
        with open(folder / name, encoding="utf-8") as file:
            for line in file:
                source, _tab, targets = line.rstrip("\n").partition("\t")
                for target in targets.split():
                    if len(target) == len(source):
                        chars.update(
                            a for a, b in zip(source, target, strict=True) if a != b
                        )
                    else:
                        chars.update(source)
    return frozenset(chars)


def normalise(text):
    """Half-width, Simplified, lower-case text without pictographs, and the
    moods (``:neg:``, ``:pos:``) of its emoji."""
    text = unicodedata.normalize("NFKC", text or "")
    if not _traditional_chars().isdisjoint(text):
        text = _T2S.convert(text)
    text = text.casefold()
    chars = []
    moods = set()
    for char in text:
        if char in NEGATIVE_EMOJI:
            moods.add(":neg:")
        elif char in POSITIVE_EMOJI:
            moods.add(":pos:")
        if unicodedata.category(char) in ("So", "Sk", "Cs", "Co", "Mn", "Cf"):
            char = " "
        chars.append(char)
    return _DIGITS.sub("0", "".join(chars)), frozenset(moods)


_CUE_STARTS = frozenset(cue[0] for cue in NEGATION_CUES)


def _split_glued_negation(token):
    if token[0] not in _CUE_STARTS or token in NOT_NEGATIONS or len(token) < 2:
        return [token]
    for cue in NEGATION_CUES:
        if token.startswith(cue) and token != cue:
            return [cue, token[len(cue) :]]
    return [token]


def _is_cue(token):
    return token in NEGATION_CUES or token in ENGLISH_NEGATIONS


@dataclass(frozen=True)
class Analysis:
    """A text after normalisation and segmentation.

    ``tokens`` are ``(word, negated, start)``: the word, whether it lies in a
    negation scope, and where it starts in ``text`` (the normalised text).
    """

    text: str
    tokens: tuple
    moods: frozenset = frozenset()

    def features(self):
        """The set of feature names of the text."""
        features = set(self.moods)
        run = []  # (char, negated) of the current clause

        def flush():
            for i, (char, negated) in enumerate(run):
                if char not in STOP_CHARS:
                    features.add(("!" if negated else "") + "c:" + char)
                if i + 1 < len(run) and run[i + 1][1] == negated:
                    features.add(("!" if negated else "") + "c:" + char + run[i + 1][0])
            run.clear()

        for word, negated, _start in self.tokens:
            if _PUNCTUATION.fullmatch(word):
                flush()
                continue
            if word in POSITIVE_WORDS:
                features.add(":neg:" if negated else ":pos:")
            elif word in NEGATIVE_WORDS:
                features.add(":pos:" if negated else ":neg:")
            prefix = "!" if negated else ""
            if _CJK.search(word):
                if word not in STOP_CHARS:
                    features.add(prefix + "w:" + word)
                run.extend((char, negated) for char in word if _CJK.match(char))
            else:
                flush()
                stem = word[:-1] if len(word) > 3 and word.endswith("s") else word
                features.add(prefix + "w:" + stem)
        flush()
        return features | concepts(self)

    @cached_property
    def _negated_chars(self):
        negated_chars = bytearray(len(self.text))
        for word, negated, start in self.tokens:
            if negated:
                negated_chars[start : start + len(word)] = b"\x01" * len(word)
        return negated_chars

    def affirmed(self, start):
        """Whether the character at ``start`` of the text is not negated."""
        return not self._negated_chars[start]


def analyse(text):
    """Normalise and segment ``text``, marking negation scopes."""
    normalised, moods = normalise(text)
    tokens = []
    scope = 0
    position = 0
    for raw in _tokenizer().lcut(normalised):
        for word in _split_glued_negation(raw):
            start = position
            position += len(word)
            if not word.strip():
                continue
            if _PUNCTUATION.fullmatch(word):
                scope = 0
                tokens.append((word, False, start))
            elif _is_cue(word) or (word == "是" and scope == NEGATION_SPAN):
                # 是 right after 不 / 并 completes the cue (不是 may come split)
                tokens.append((word, False, start))
                scope = NEGATION_SPAN
            elif word in SCOPE_BREAKERS:
                tokens.append((word, False, start))
                scope = 0
            else:
                tokens.append((word, scope > 0, start))
                scope = max(scope - 1, 0)
    return Analysis(normalised, tuple(tokens), moods)
