# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A multinomial logistic regression over the features of ``text``.

Why logistic regression rather than naive Bayes: its probabilities are fitted
to the data (naive Bayes counts every character bigram of 不新鲜 as separate
evidence and answers 0.99 on almost anything), so after a temperature fitted
on out-of-fold answers they are a confidence that means something; and a
class score is a sum of one weight per feature, which is the explanation shown
to the agent.

``train`` needs scikit-learn and returns a plain JSON-able dict: labels,
intercepts, one weight per label for each kept feature, the temperature and
the confidence threshold. ``CompiledModel`` scores texts with that dict in
pure Python (no unpickling, no scikit-learn at run time).

Administrators' keywords are explicit rules: each matched keyword (not inside
a negation) adds ``RULE_SCALE`` x its weight to its category's score.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

from .lexicon import LABELS
from .text import NEGATION_CUES, analyse, normalise

FORMAT = 1
NOT_COMPLAINT = "not_complaint"
# Inverse regularisation strength, chosen by 5-fold cross-validation on the
# training split of the shipped examples (1, 2, 4, 8, 16, 32 tried).
C = 32.0
RULE_SCALE = 0.25
TARGET_PRECISION = 0.98
THRESHOLDS = [t / 100 for t in range(30, 100, 2)]
TEMPERATURES = [t / 20 for t in range(4, 81)]
CALIBRATION_LIMIT = 6000
EXPLAIN_TOP = 6


@dataclass(frozen=True)
class Rule:
    """An administrator's keyword: ``key`` identifies it for the caller."""

    key: object
    keyword: str
    label: str
    weight: float

    @classmethod
    def make(cls, key, keyword, label, weight):
        return cls(key, normalise(keyword)[0].strip(), label, weight)

    def fires(self, analysis):
        if not self.keyword:
            return False
        if self.keyword.startswith(NEGATION_CUES):
            return self.keyword in analysis.text
        start = analysis.text.find(self.keyword)
        while start >= 0:
            if analysis.affirmed(start):
                return True
            start = analysis.text.find(self.keyword, start + 1)
        return False


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float
    probabilities: dict
    reasons: tuple  # ((words, weight), ...) for the label, strongest first
    rules: tuple  # keys of the rules that fired, whatever their label


def _vector(features, index):
    """Indices of the known features and the value each gets (L2 norm 1)."""
    known = [index[f] for f in features if f in index]
    return known, (1 / math.sqrt(len(known)) if known else 0.0)


def _rule_scores(analysis, rules):
    scores = defaultdict(float)
    fired = []
    for rule in rules:
        if rule.fires(analysis):
            scores[rule.label] += RULE_SCALE * rule.weight
            fired.append(rule)
    return scores, fired


def _softmax(logits):
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def _display(feature):
    """How a feature shows among the deciding words: the word or characters,
    a group of the lexicon in brackets, a mood, ¬ before a negated one."""
    negated = feature.startswith("!")
    feature = feature.lstrip("!")
    kind, _colon, name = feature.partition(":")
    if not kind:  # a mood, :neg: or :pos:
        name = feature
    elif kind == "k":
        name = LABELS[name]
    return ("¬" if negated else "") + name


class CompiledModel:
    """A trained model ready to score texts; build it once per process."""

    def __init__(self, data):
        if data.get("format") != FORMAT:
            raise ValueError(f"Unknown classifier format {data.get('format')!r}")
        self.labels = list(data["labels"])
        self.intercept = list(data["intercept"])
        self.weights = {f: tuple(w) for f, w in data["features"].items()}
        self.temperature = data["temperature"]
        self.threshold = data["threshold"]
        self.examples = data.get("examples", 0)

    def predict(self, text, rules=()):
        analysis = analyse(text)
        features = [f for f in analysis.features() if f in self.weights]
        value = 1 / math.sqrt(len(features)) if features else 0.0
        logits = list(self.intercept)
        for feature in features:
            for k, weight in enumerate(self.weights[feature]):
                logits[k] += value * weight
        logits = [z / self.temperature for z in logits]
        rule_scores, fired = _rule_scores(analysis, rules)
        for k, label in enumerate(self.labels):
            logits[k] += rule_scores.get(label, 0.0)
        probabilities = _softmax(logits)
        best = max(range(len(self.labels)), key=probabilities.__getitem__)
        contributions = defaultdict(float)
        for feature in features:
            contributions[_display(feature)] += (
                value * self.weights[feature][best] / self.temperature
            )
        for rule in fired:
            if rule.label == self.labels[best]:
                contributions[rule.keyword] += RULE_SCALE * rule.weight
        reasons = sorted(
            ((words, round(weight, 2)) for words, weight in contributions.items()),
            key=lambda item: -item[1],
        )
        return Prediction(
            label=self.labels[best],
            confidence=probabilities[best],
            probabilities=dict(zip(self.labels, probabilities, strict=True)),
            reasons=tuple(r for r in reasons[:EXPLAIN_TOP] if r[1] > 0),
            rules=tuple(rule.key for rule in fired),
        )


def _calibrate(logits, targets):
    """Temperature minimising the log-loss, then the lowest threshold whose
    answers at or above it are right ``TARGET_PRECISION`` of the time."""
    import numpy as np

    rows = np.arange(len(targets))

    def probabilities(temperature):
        scaled = logits / temperature
        scaled -= scaled.max(axis=1, keepdims=True)
        exps = np.exp(scaled)
        return exps / exps.sum(axis=1, keepdims=True)

    temperature = min(
        TEMPERATURES,
        key=lambda t: -np.log(np.maximum(probabilities(t)[rows, targets], 1e-12)).sum(),
    )
    calibrated = probabilities(temperature)
    confidence = calibrated.max(axis=1)
    right = calibrated.argmax(axis=1) == targets
    threshold = THRESHOLDS[-1]
    for candidate in THRESHOLDS:
        above = confidence >= candidate
        if above.any() and right[above].mean() >= TARGET_PRECISION:
            threshold = candidate
            break
    return temperature, threshold, float(right.mean())


def train(texts, labels, sample_weight=None, *, C=C, folds=5, random_state=0):
    """Fit a model on ``texts`` and their ``labels``; return its JSON dict.

    Temperature and threshold come from out-of-fold answers on at most
    ``CALIBRATION_LIMIT`` examples, so fitting 50,000 tickets stays quick.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    if len(set(labels)) < 2:
        raise ValueError("Training needs examples of at least two labels.")
    documents = [analyse(text).features() for text in texts]
    frequency = defaultdict(int)
    for features in documents:
        for feature in features:
            frequency[feature] += 1
    min_df = 1 if len(documents) < 2000 else 2
    vocabulary = sorted(f for f, n in frequency.items() if n >= min_df)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows, cols, values = [], [], []
    for row, features in enumerate(documents):
        known, value = _vector(features, index)
        rows.extend([row] * len(known))
        cols.extend(known)
        values.extend([value] * len(known))
    X = csr_matrix((values, (rows, cols)), shape=(len(documents), len(vocabulary)))
    classes = sorted(set(labels))
    y = np.array([classes.index(label) for label in labels])
    weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight)

    def fit(mask):
        model = LogisticRegression(
            C=C,
            solver="newton-cg",
            max_iter=200,
            class_weight="balanced",
        )
        model.fit(X[mask], y[mask], sample_weight=weights[mask])
        return model

    # Out-of-fold scores for the calibration
    rng = np.random.default_rng(random_state)
    sample = np.arange(len(y))
    if len(sample) > CALIBRATION_LIMIT:
        sample = np.sort(rng.choice(sample, CALIBRATION_LIMIT, replace=False))
    smallest = min(np.bincount(y[sample], minlength=len(classes)))
    n_folds = max(2, min(folds, smallest))
    out_of_fold = np.zeros((len(sample), len(classes)))
    splitter = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=0)
    for fit_rows, score_rows in splitter.split(sample, y[sample]):
        model = fit(sample[fit_rows])
        scores = np.full((len(score_rows), len(classes)), -1e3)
        scores[:, model.classes_] = model.decision_function(X[sample[score_rows]])
        out_of_fold[score_rows] = scores
    temperature, threshold, cv_accuracy = _calibrate(out_of_fold, y[sample])
    model = fit(np.arange(len(y)))
    coef = model.coef_
    keep = np.abs(coef).max(axis=0) >= 1e-3
    return {
        "format": FORMAT,
        "labels": classes,
        "intercept": [round(float(b), 5) for b in model.intercept_],
        "features": {
            vocabulary[i]: [round(float(w), 4) for w in coef[:, i]]
            for i in np.flatnonzero(keep)
        },
        "temperature": temperature,
        "threshold": threshold,
        "cv_accuracy": round(cv_accuracy, 4),
        "examples": len(y),
    }
