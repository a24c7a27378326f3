# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Train on the training split of ``data/complaint_examples.csv`` and measure
on its held-out split (never trained on), with the suite's default keywords
as rules, as the addon does::

    cd addons/crm_aftersales && python3 -m classifier.evaluate [--no-rules]

Prints accuracy, precision and recall per category, accuracy per style, and
how many answers reach the confidence threshold and how many of those are
right.
"""

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from lxml import etree

from .model import NOT_COMPLAINT, CompiledModel, Rule, train

ADDON = Path(__file__).resolve().parent.parent
EXAMPLES = ADDON / "data" / "complaint_examples.csv"
KEYWORDS = ADDON / "data" / "crm_complaint_data.xml"
CATEGORY_PREFIX = "helpdesk_ticket_category_"


def load_examples(path=EXAMPLES):
    """The examples as dicts with text, category, style and split."""
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def shipped_rules(path=KEYWORDS):
    """The default keywords of the suite as rules on category codes."""
    rules = []
    for record in etree.parse(str(path)).iterfind(
        ".//record[@model='crm.complaint.keyword']"
    ):
        values = {field.get("name"): field for field in record.iterfind("field")}
        rules.append(
            Rule.make(
                record.get("id"),
                values["keyword"].text,
                values["category_id"].get("ref").removeprefix(CATEGORY_PREFIX),
                float(values["weight"].text) if "weight" in values else 1.0,
            )
        )
    return rules


def evaluate(examples, rules):
    train_rows = [row for row in examples if row["split"] == "train"]
    test_rows = [row for row in examples if row["split"] == "test"]
    started = time.perf_counter()
    model = CompiledModel(
        train([r["text"] for r in train_rows], [r["category"] for r in train_rows])
    )
    training_time = time.perf_counter() - started
    started = time.perf_counter()
    predictions = [model.predict(row["text"], rules) for row in test_rows]
    per_ticket = (time.perf_counter() - started) / len(test_rows)
    return model, test_rows, predictions, training_time, per_ticket


def report(model, rows, predictions, training_time, per_ticket, out=sys.stdout):
    def write(text):
        out.write(f"{text}\n")

    def pct(numerator, denominator):
        return f"{100 * numerator / denominator:5.1f} %" if denominator else "    -"

    right = [p.label == r["category"] for r, p in zip(rows, predictions, strict=True)]
    complaints = [i for i, r in enumerate(rows) if r["category"] != NOT_COMPLAINT]
    others = [i for i, r in enumerate(rows) if r["category"] == NOT_COMPLAINT]
    above = [i for i, p in enumerate(predictions) if p.confidence >= model.threshold]
    complaints_above = [i for i in complaints if i in above]
    write(
        f"Held-out examples: {len(rows)} ({len(complaints)} complaints, "
        f"{len(others)} not complaints); trained on {model.examples} in "
        f"{training_time:.1f} s; {1000 * per_ticket:.2f} ms per ticket"
    )
    write("| Measure | Value |\n|---|---|")
    lines = [
        ("Accuracy, all held-out examples", pct(sum(right), len(rows))),
        (
            "Complaints in the right category",
            pct(sum(right[i] for i in complaints), len(complaints)),
        ),
        (
            "Not complaints recognised",
            pct(sum(right[i] for i in others), len(others)),
        ),
        ("Confidence threshold (fitted out-of-fold)", f"{model.threshold:.2f}"),
        ("Answers at or above the threshold", pct(len(above), len(rows))),
        ("... of which right", pct(sum(right[i] for i in above), len(above))),
        (
            "Complaints at or above the threshold, right",
            pct(sum(right[i] for i in complaints_above), len(complaints_above)),
        ),
    ]
    for name, value in lines:
        write(f"| {name} | {value} |")
    write("\n| Category | Examples | Precision | Recall |\n|---|---|---|---|")
    for label in model.labels:
        truth = [i for i, r in enumerate(rows) if r["category"] == label]
        said = [i for i, p in enumerate(predictions) if p.label == label]
        hits = len(set(truth) & set(said))
        write(
            f"| {label} | {len(truth)} | {pct(hits, len(said))} | "
            f"{pct(hits, len(truth))} |"
        )
    write("\n| Style | Examples | Accuracy |\n|---|---|---|")
    styles = defaultdict(list)
    for row, ok in zip(rows, right, strict=True):
        styles[row["style"]].append(ok)
    for style, oks in sorted(styles.items()):
        write(f"| {style} | {len(oks)} | {pct(sum(oks), len(oks))} |")
    mistakes = Counter(
        (r["category"], p.label)
        for r, p in zip(rows, predictions, strict=True)
        if r["category"] != p.label
    )
    if mistakes:
        write("\nConfusions (true -> said: count):")
        for (truth, said), count in mistakes.most_common():
            write(f"  {truth} -> {said}: {count}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-rules", action="store_true", help="without the default keywords"
    )
    parser.add_argument(
        "--errors", action="store_true", help="list the held-out texts missed"
    )
    args = parser.parse_args(argv)
    rules = [] if args.no_rules else shipped_rules()
    model, rows, predictions, training_time, per_ticket = evaluate(
        load_examples(), rules
    )
    report(model, rows, predictions, training_time, per_ticket)
    write = sys.stdout.write
    if args.errors:
        for row, prediction in zip(rows, predictions, strict=True):
            if row["category"] != prediction.label:
                write(
                    f"{row['category']:>13} -> {prediction.label:<13} "
                    f"{prediction.confidence:.2f} {row['style']:<11} {row['text']} "
                    f"{prediction.reasons}\n"
                )


if __name__ == "__main__":
    main()
