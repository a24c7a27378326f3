# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The classifier without the database: text handling, rules, training and
the measured goal on the held-out split of the shipped examples."""

import json

from odoo.tests import BaseCase, tagged

from ..classifier import NOT_COMPLAINT, CompiledModel, analyse, train
from ..classifier.evaluate import evaluate, load_examples, shipped_rules
from ..classifier.model import Rule
from ..classifier.text import normalise


def negated_words(text):
    return {word for word, negated, _start in analyse(text).tokens if negated}


@tagged("post_install", "-at_install")
class TestComplaintText(BaseCase):
    def test_traditional_full_width_and_emoji_are_normalised(self):
        text, moods = normalise("送貨太慢😡 ＡＰＰ顯示３天")
        self.assertEqual(text, "送货太慢  app显示0天")
        self.assertEqual(moods, {":neg:"})
        self.assertEqual(normalise("草莓很甜👍")[1], {":pos:"})

    def test_negation_scope_ends_at_punctuation_and_but(self):
        text = "不是送货的问题，快递挺快的，是西瓜是生的"
        self.assertEqual(negated_words(text), {"送货", "的", "问题"})
        self.assertIn("!w:送货", analyse(text).features())
        self.assertIn("w:西瓜", analyse(text).features())
        self.assertEqual(negated_words("东西没坏，但是送错了"), {"坏"})

    def test_negation_glued_to_a_word_is_split(self):
        # jieba returns 不烂 as one word
        self.assertIn("烂", negated_words("一点都不烂，很新鲜"))
        # 不错 and 不过 are not negations
        self.assertFalse(negated_words("不错不错"))

    def test_lexicon_groups_and_moods_are_features(self):
        features = analyse("等了三个小时还没到，骑手也不接电话").features()
        self.assertTrue({"k:late", "k:delivery"} <= features)
        self.assertIn("!k:spoiled", analyse("不是坏的").features())
        self.assertIn(":neg:", analyse("草莓不新鲜").features())

    def test_english_words_are_kept_beside_chinese(self):
        features = analyse("这个order要refund，quality太差").features()
        self.assertTrue({"w:order", "w:refund", "w:quality"} <= features)

    def test_keyword_rule_ignores_negated_occurrences(self):
        rule = Rule.make(1, "送貨", "logistics", 1.0)  # Traditional keyword
        self.assertFalse(rule.fires(analyse("不是送货的问题，是西瓜是生的")))
        self.assertTrue(rule.fires(analyse("送货太慢了")))
        self.assertTrue(Rule.make(2, "不新鲜", "quality", 1.0).fires(analyse("不新鲜")))


@tagged("post_install", "-at_install")
class TestComplaintModel(BaseCase):
    texts = (
        "草莓烂了",
        "鱼是臭的",
        "牛奶发酸",
        "送货太慢",
        "快递还没到",
        "骑手送错了",
        "谢谢，很新鲜",
        "请问几点开门",
        "东西很好，好评",
    )
    labels = ("quality",) * 3 + ("logistics",) * 3 + (NOT_COMPLAINT,) * 3

    def test_model_round_trips_through_json_and_explains_itself(self):
        data = train(self.texts, self.labels, folds=3)
        model = CompiledModel(json.loads(json.dumps(data)))
        prediction = model.predict("香蕉烂了")
        self.assertEqual(prediction.label, "quality")
        self.assertTrue(0 < prediction.confidence <= 1)
        self.assertAlmostEqual(sum(prediction.probabilities.values()), 1)
        self.assertIn("烂", dict(prediction.reasons))
        self.assertTrue(all(weight > 0 for _word, weight in prediction.reasons))

    def test_rules_add_weight_and_are_reported(self):
        model = CompiledModel(train(self.texts, self.labels, folds=3))
        rule = Rule.make("kw", "香蕉", "logistics", 400)
        prediction = model.predict("香蕉烂了", [rule])
        self.assertEqual(prediction.label, "logistics")
        self.assertEqual(prediction.rules, ("kw",))
        self.assertIn("香蕉", dict(prediction.reasons))

    def test_one_label_cannot_be_trained(self):
        with self.assertRaises(ValueError):
            train(["烂了", "臭了"], ["quality", "quality"])

    def test_goal_on_the_held_out_examples(self):
        """The measured goal of the shipped model (see README): complaints
        in the right category, not complaints recognised, answers at or
        above the threshold right."""
        examples = load_examples()
        model, rows, predictions, _seconds, _per_ticket = evaluate(
            examples, shipped_rules()
        )
        trained = {row["text"] for row in examples if row["split"] == "train"}
        self.assertFalse(trained & {row["text"] for row in rows})
        right = [
            p.label == r["category"] for r, p in zip(rows, predictions, strict=True)
        ]
        complaints = [
            ok
            for ok, r in zip(right, rows, strict=True)
            if r["category"] != NOT_COMPLAINT
        ]
        others = [
            ok
            for ok, r in zip(right, rows, strict=True)
            if r["category"] == NOT_COMPLAINT
        ]
        above = [
            ok
            for ok, p in zip(right, predictions, strict=True)
            if p.confidence >= model.threshold
        ]
        self.assertGreaterEqual(sum(complaints) / len(complaints), 0.90)
        self.assertGreaterEqual(sum(others) / len(others), 0.80)
        self.assertGreaterEqual(sum(above) / len(above), 0.94)
