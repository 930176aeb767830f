"""The compile checklist of lesson 05: does a compiled model's output layer, loss and metrics fit its labels?

``check_compile(model, y)`` reads the facts (``read_compiled``) and applies
``RULES``; lesson 05 calls it as ``checks.check_compile``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from helpers import texts

WRAP = 88  # characters per printed line: fits a notebook's output area on a 1024-pixel screen


ACCURACIES = ("accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy")
CROSS_ENTROPIES = ("binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy")


def label_format(y: object) -> str:
    """What the labels look like: "binary", "integer", "one-hot", "multi-hot" or "real" (lesson 05).

    Whole numbers read as class labels: a regression target of whole numbers (counts, whole prices) reads as
    "integer", so the rules for regression do not see it and the rules for classes may speak instead.
    """
    y = np.asarray(y)
    if y.size == 0 or y.dtype.kind not in "biuf":
        raise TypeError(texts.message("labels_numbers", dtype=y.dtype, shape=y.shape))
    broken = int(np.count_nonzero(~np.isfinite(y)))  # NaN would read as regression, inf overflows int()
    if broken:
        raise ValueError(texts.message("labels_finite", count=broken, size=y.size))
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    whole = bool(np.all(y == np.round(y)))
    zero_one = whole and set(np.unique(y).tolist()) <= {0, 1}
    if y.ndim == 1:
        if zero_one:
            return "binary"
        return "integer" if whole and y.min() >= 0 else "real"
    if y.ndim == 2 and zero_one:
        return "one-hot" if np.all(y.sum(axis=1) == 1) else "multi-hot"
    return "real"


def _loss_name(loss: object) -> str:
    import keras

    if loss is None:  # compile(loss=None) is accepted; fit then fails with "No loss to compute"
        return "none"
    if isinstance(loss, str):
        try:
            loss = keras.losses.get(loss)
        except ValueError:
            return f"unknown:{loss}"
    return str(getattr(loss, "name", None) or getattr(loss, "__name__", type(loss).__name__))


@dataclass(frozen=True)
class Compiled:
    """What check_compile reads from a compiled model and its labels (lesson 05)."""

    units: int
    activation: str  # "softmax", "sigmoid", "relu", ..., or "linear" for none
    loss: str  # Keras's name for it, "none" for loss=None, or "unknown:<what was given>"
    from_logits: bool
    metrics: tuple[str, ...]
    labels: str  # label_format(y)
    top_label: int  # the largest label, for integer and binary labels
    label_width: int  # columns of one-hot, multi-hot or 2-D real labels (0 for one label per example)


@dataclass(frozen=True)
class Rule:
    """One line of the checklist: its name, when it applies, and the explanation in both languages."""

    name: str
    applies: Callable[[Compiled], bool]
    en: str
    pt: str


def _asks_for(c: Compiled, metrics: tuple[str, ...]) -> bool:
    """The model was compiled with one of these metric names."""
    return any(m in metrics for m in c.metrics)


def _loss_fits_labels(c: Compiled) -> bool:
    """The loss is the table's for these labels (BCE for yes/no, CCE for one-hot, SCCE for class numbers)."""
    return (
        (c.loss == "binary_crossentropy" and c.labels in ("binary", "multi-hot"))
        or (c.loss == "categorical_crossentropy" and c.labels == "one-hot")
        or (c.loss == "sparse_categorical_crossentropy" and c.labels in ("integer", "binary"))
    )


# The checklist of lesson 05 as rules, in the style of tensorflow/docs' nblint: a name, when it applies, and
# what to tell the learner in English and Portuguese. One rule, one row in tests/test_checklist.py. Fields the
# messages may use: units, activation, loss, labels, name (the loss as given), top, top_plus_one, width.
RULES: tuple[Rule, ...] = (
    Rule(
        "no_loss",
        lambda c: c.loss == "none",
        "✗ The model was compiled without a loss (loss=None): compile accepts it, fit fails with "
        "'No loss to compute'. Pass one, e.g. loss='sparse_categorical_crossentropy' for integer classes.",
        "✗ O modelo foi compilado sem perda (loss=None): o compile aceita, o fit falha com "
        "'No loss to compute'. Passe uma, por exemplo loss='sparse_categorical_crossentropy' para classes inteiras.",
    ),
    Rule(
        "unknown_loss",
        lambda c: c.loss.startswith("unknown:"),
        "✗ Keras knows no loss called {name!r} (compile accepts it, fit fails). Loss names are lower case "
        "with underscores, e.g. 'sparse_categorical_crossentropy'.",
        "✗ O Keras não conhece nenhuma perda chamada {name!r} (o compile aceita, o fit falha). Os nomes "
        "de perdas são em minúsculas com sublinhado, por exemplo 'sparse_categorical_crossentropy'.",
    ),
    Rule(
        "softmax_one_unit",
        lambda c: (
            c.activation == "softmax"
            and c.units == 1
            and c.labels in ("binary", "integer", "one-hot")
            and c.loss != "sparse_categorical_crossentropy"  # too_few_units names the fix: Dense(top + 1)
        ),
        "✗ softmax over 1 unit always outputs 1.0, so its answers are useless (the loss may still fall). "
        "For a yes/no answer use "
        "Dense(1, activation='sigmoid'); for K classes use Dense(K, activation='softmax').",
        "✗ softmax sobre 1 unidade sempre dá 1,0, então as respostas do modelo não servem (a perda pode até "
        "cair). Para sim/não use Dense(1, "
        "activation='sigmoid'); para K classes use Dense(K, activation='softmax').",
    ),
    Rule(
        "sparse_needs_integers",
        lambda c: c.loss == "sparse_categorical_crossentropy" and c.labels == "one-hot",
        "✗ The labels are {labels} rows but sparse_categorical_crossentropy wants one integer class per "
        "example. Use loss='categorical_crossentropy', or labels y.argmax(axis=1).",
        "✗ Os rótulos são linhas {labels}, mas sparse_categorical_crossentropy quer um inteiro de classe "
        "por exemplo. Use loss='categorical_crossentropy', ou os rótulos y.argmax(axis=1).",
    ),
    Rule(
        "categorical_needs_one_hot",
        lambda c: c.loss == "categorical_crossentropy" and c.labels in ("integer", "binary") and c.units > 1,
        "✗ The labels are integers but categorical_crossentropy wants one-hot rows (fit raises a shape "
        "error). Use loss='sparse_categorical_crossentropy', or keras.utils.to_categorical(y).",
        "✗ Os rótulos são inteiros, mas categorical_crossentropy quer linhas one-hot (o fit dá erro de "
        "formato). Use loss='sparse_categorical_crossentropy', ou keras.utils.to_categorical(y).",
    ),
    Rule(
        "categorical_one_unit",
        lambda c: c.loss == "categorical_crossentropy" and c.labels in ("integer", "binary") and c.units == 1,
        "✗ categorical_crossentropy over one output unit is about 0 whatever the weights: fit runs and the model "
        "learns nothing. For a yes/no answer use loss='binary_crossentropy' with Dense(1, activation='sigmoid'); "
        "for K classes, loss='sparse_categorical_crossentropy' with Dense(K, activation='softmax').",
        "✗ categorical_crossentropy sobre uma unidade de saída dá perto de 0, quaisquer que sejam os pesos: o fit "
        "roda e o modelo não aprende nada. Para sim/não use loss='binary_crossentropy' com Dense(1, "
        "activation='sigmoid'); para K classes, loss='sparse_categorical_crossentropy' com Dense(K, "
        "activation='softmax').",
    ),
    Rule(
        "too_few_units",
        lambda c: (
            c.loss == "sparse_categorical_crossentropy" and c.labels in ("integer", "binary") and c.top_label >= c.units
        ),
        "✗ The labels go up to {top} but the output layer has {units} unit(s): it needs one unit per "
        "class, Dense({top_plus_one}).",
        "✗ Os rótulos vão até {top}, mas a camada de saída tem {units} unidade(s): ela precisa de uma "
        "unidade por classe, Dense({top_plus_one}).",
    ),
    Rule(
        "width_mismatch",
        lambda c: (
            (c.labels in ("one-hot", "multi-hot") or (c.labels == "real" and c.label_width > 1))
            and c.label_width != c.units
        ),
        "✗ Each label row has {width} columns but the output layer has {units} unit(s): make them equal.",
        "✗ Cada linha de rótulo tem {width} colunas, mas a camada de saída tem {units} unidade(s): deixe os dois "
        "números iguais.",
    ),
    Rule(
        "binary_needs_zero_one",
        lambda c: c.loss == "binary_crossentropy" and c.labels == "integer",
        "✗ binary_crossentropy wants 0/1 answers (one per output unit), but the labels are class numbers "
        "up to {top}. For one class out of many use Dense({top_plus_one}, activation='softmax') with "
        "loss='sparse_categorical_crossentropy'.",
        "✗ binary_crossentropy quer respostas 0/1 (uma por unidade de saída), mas os rótulos são números "
        "de classe até {top}. Para uma classe entre muitas use Dense({top_plus_one}, activation='softmax') com "
        "loss='sparse_categorical_crossentropy'.",
    ),
    Rule(
        "one_class_with_binary",
        lambda c: c.loss == "binary_crossentropy" and c.labels == "one-hot",
        "✗ The labels are one-hot rows, one class per example, but binary_crossentropy treats each output "
        "as its own yes/no question. For one class out of many use activation='softmax' with "
        "loss='categorical_crossentropy'.",
        "✗ Os rótulos são linhas one-hot, uma classe por exemplo, mas binary_crossentropy trata cada saída "
        "como uma pergunta sim/não à parte. Para uma classe entre muitas use activation='softmax' com "
        "loss='categorical_crossentropy'.",
    ),
    Rule(
        "binary_many_units",
        lambda c: c.loss == "binary_crossentropy" and c.labels == "binary" and c.units > 1,
        "✗ The labels are one 0/1 answer per example, but the output layer has {units} units (fit raises a "
        "shape error). For a yes/no answer use Dense(1, activation='sigmoid') (or Dense(1) with "
        "from_logits=True).",
        "✗ Os rótulos são uma resposta 0/1 por exemplo, mas a camada de saída tem {units} unidades (o fit dá "
        "erro de formato). Para uma resposta sim/não use Dense(1, activation='sigmoid') (ou Dense(1) com "
        "from_logits=True).",
    ),
    Rule(
        "sigmoid_with_categorical",
        lambda c: (
            c.loss in CROSS_ENTROPIES[1:]
            and c.activation == "sigmoid"
            and not c.from_logits
            and c.labels in ("integer", "binary", "one-hot")
            and not (c.loss == "categorical_crossentropy" and c.units == 1)
        ),
        "✗ {loss} compares probability distributions, but sigmoid outputs do not add up to 1. Use "
        "activation='softmax' for one class out of many.",
        "✗ {loss} compara distribuições de probabilidade, mas as saídas sigmoid não somam 1. Use "
        "activation='softmax' para uma classe entre muitas.",
    ),
    Rule(
        "softmax_with_binary",
        lambda c: c.activation == "softmax" and c.labels == "multi-hot" and c.loss not in CROSS_ENTROPIES[1:],
        "✗ Several labels of one example can be 1, but softmax makes the outputs compete (they add up to 1). "
        "Use Dense({width}, activation='sigmoid') with loss='binary_crossentropy'.",
        "✗ Vários rótulos de um exemplo podem ser 1, mas a softmax faz as saídas competirem (elas somam 1). "
        "Use Dense({width}, activation='sigmoid') com loss='binary_crossentropy'.",
    ),
    Rule(
        "multi_label_with_categorical",
        lambda c: c.labels == "multi-hot" and c.loss in CROSS_ENTROPIES[1:],
        "✗ Several labels of one example can be 1, but {loss} picks one class out of many. Use "
        "Dense({width}, activation='sigmoid') with loss='binary_crossentropy' and metrics=['binary_accuracy'].",
        "✗ Vários rótulos de um exemplo podem ser 1, mas {loss} escolhe uma classe entre muitas. Use "
        "Dense({width}, activation='sigmoid') com loss='binary_crossentropy' e metrics=['binary_accuracy'].",
    ),
    Rule(
        "logits_twice",
        lambda c: (
            c.from_logits
            and c.activation in ("softmax", "sigmoid")
            and _loss_fits_labels(c)
            and not (c.activation == "softmax" and (c.units == 1 or c.labels == "multi-hot"))
        ),
        "✗ The loss has from_logits=True but the output layer already applies {activation}. On TensorFlow "
        "Keras notices, warns ('Was this intended?') and computes the loss from the values that went into "
        "the {activation}; on JAX the loss applies its own activation on top of the {activation}. Remove the "
        "activation and keep from_logits=True.",
        "✗ A perda tem from_logits=True, mas a camada de saída já aplica a {activation}. No TensorFlow o "
        "Keras percebe, avisa ('Was this intended?') e calcula a perda a partir dos valores que entraram na "
        "{activation}; no JAX a perda aplica a própria ativação por cima da {activation}. Tire a ativação e "
        "mantenha from_logits=True.",
    ),
    Rule(
        "logits_not_declared",
        lambda c: not c.from_logits and c.activation not in ("softmax", "sigmoid") and _loss_fits_labels(c),
        "✗ The output layer has no softmax/sigmoid (it gives logits) but {loss} expects probabilities. "
        "Pass the loss object with from_logits=True, or add the activation.",
        "✗ A camada de saída não tem softmax/sigmoid (ela dá logits), mas {loss} espera probabilidades. "
        "Passe o objeto da perda com from_logits=True, ou acrescente a ativação.",
    ),
    Rule(
        "real_labels_with_cross_entropy",
        lambda c: c.labels == "real" and c.loss in CROSS_ENTROPIES,
        "✗ The labels are real numbers (a regression target) but {loss} is for classes. Use "
        "loss='mean_squared_error', a linear output (no activation) and metrics=['mae'].",
        "✗ Os rótulos são números reais (um alvo de regressão), mas {loss} é para classes. Use "
        "loss='mean_squared_error', uma saída linear (sem ativação) e metrics=['mae'].",
    ),
    Rule(
        "mse_on_softmax",
        lambda c: (
            c.loss == "mean_squared_error" and c.activation == "softmax" and c.units > 1 and c.labels == "one-hot"
        ),
        "⚠ mean_squared_error on a softmax output trains, but slowly (lesson 04): for classes use a cross-entropy.",
        "⚠ mean_squared_error sobre uma saída softmax treina, mas devagar (lição 04): para classes use "
        "uma entropia cruzada.",
    ),
    Rule(
        "mse_for_labels",
        lambda c: (
            c.loss == "mean_squared_error"
            and (
                (c.labels in ("one-hot", "multi-hot") and c.activation != "softmax")
                or (c.labels == "binary" and c.units == 1)
            )
        ),
        "⚠ mean_squared_error treats each 0/1 label as a number to hit, as in regression; a cross-entropy "
        "is the loss made for classes (lesson 04 shows how much faster it learns on a softmax output). Use "
        "the table's row: Dense(1, activation='sigmoid') with binary_crossentropy for yes/no answers, "
        "Dense(K, activation='sigmoid') with binary_crossentropy for several labels, Dense(K, "
        "activation='softmax') with categorical_crossentropy for one-hot rows.",
        "⚠ mean_squared_error trata cada rótulo 0/1 como um número a acertar, como numa regressão; a "
        "entropia cruzada é a perda feita para classes (a lição 04 mostra quanto mais rápido ela aprende "
        "numa saída softmax). Use a linha da tabela: Dense(1, activation='sigmoid') com binary_crossentropy "
        "para respostas sim/não, Dense(K, activation='sigmoid') com binary_crossentropy para vários rótulos, "
        "Dense(K, activation='softmax') com categorical_crossentropy para linhas one-hot.",
    ),
    Rule(
        "mse_on_class_numbers",
        lambda c: c.loss == "mean_squared_error" and c.labels in ("integer", "binary") and c.units > 1,
        "✗ The labels are one class number per example, but mean_squared_error compares them with {units} "
        "outputs (fit raises a shape error). For classes use Dense({top_plus_one}, activation='softmax') "
        "with loss='sparse_categorical_crossentropy'.",
        "✗ Os rótulos são um número de classe por exemplo, mas mean_squared_error os compara com {units} "
        "saídas (o fit dá erro de formato). Para classes use Dense({top_plus_one}, activation='softmax') "
        "com loss='sparse_categorical_crossentropy'.",
    ),
    Rule(
        "regression_one_number",
        lambda c: c.labels == "real" and c.label_width <= 1 and c.units > 1 and c.loss not in CROSS_ENTROPIES,
        "✗ The labels are one number per example, but the output layer has {units} units (fit raises a "
        "shape error). For regression use Dense(1) with no activation.",
        "✗ Os rótulos são um número por exemplo, mas a camada de saída tem {units} unidades (o fit dá erro "
        "de formato). Para regressão use Dense(1) sem ativação.",
    ),
    Rule(
        "regression_softmax",
        lambda c: c.labels == "real" and c.activation == "softmax" and c.loss not in CROSS_ENTROPIES,
        "✗ softmax makes the outputs add up to 1 (over one unit it always outputs 1.0), so it cannot "
        "predict a regression target. Use a linear output (no activation).",
        "✗ A softmax faz as saídas somarem 1 (sobre uma unidade ela sempre dá 1,0), então não consegue "
        "prever um alvo de regressão. Use uma saída linear (sem ativação).",
    ),
    Rule(
        "regression_sigmoid",
        lambda c: c.labels == "real" and c.activation == "sigmoid" and c.loss not in CROSS_ENTROPIES,
        "⚠ The labels are real numbers (a regression target), but sigmoid keeps every prediction between "
        "0 and 1. Unless the targets lie between 0 and 1 too, use a linear output (no activation).",
        "⚠ Os rótulos são números reais (um alvo de regressão), mas a sigmoid deixa toda previsão entre 0 "
        "e 1. A menos que os alvos também fiquem entre 0 e 1, use uma saída linear (sem ativação).",
    ),
    Rule(
        "numbers_beyond_sigmoid",
        lambda c: (
            c.labels == "integer" and c.units == 1 and c.activation == "sigmoid" and c.loss == "mean_squared_error"
        ),
        "✗ The labels go up to {top}, but sigmoid keeps every prediction between 0 and 1. If they are "
        "classes, use Dense({top_plus_one}, activation='softmax') with loss='sparse_categorical_crossentropy'; "
        "if they are numbers to predict, use Dense(1) with no activation.",
        "✗ Os rótulos vão até {top}, mas a sigmoid deixa toda previsão entre 0 e 1. Se forem classes, use "
        "Dense({top_plus_one}, activation='softmax') com loss='sparse_categorical_crossentropy'; se forem "
        "números a prever, use Dense(1) sem ativação.",
    ),
    Rule(
        "accuracy_for_regression",
        lambda c: c.labels == "real" and _asks_for(c, ACCURACIES),
        "✗ accuracy is for classes: Keras's 'accuracy' becomes binary accuracy (one output: each prediction "
        "rounded to 0 or 1 and compared with its label) or categorical accuracy (several outputs), and no "
        "accuracy means anything for a regression target. For regression report metrics=['mae'] (mean "
        "absolute error).",
        "✗ A acurácia é para classes: o 'accuracy' do Keras vira acurácia binária (uma saída: cada previsão "
        "arredondada para 0 ou 1 e comparada com o rótulo) ou acurácia categórica (várias saídas), e "
        "nenhuma acurácia quer dizer nada para um alvo de regressão. Para regressão use "
        "metrics=['mae'] (erro absoluto médio).",
    ),
    Rule(
        "class_numbers_or_regression",
        lambda c: (
            c.labels == "integer"
            and c.loss == "mean_squared_error"
            and c.units == 1
            and c.activation not in ("softmax", "sigmoid")
            and _asks_for(c, ACCURACIES)
        ),
        "⚠ The labels are whole numbers up to {top}, and one output with mean_squared_error predicts them as "
        "numbers, so an accuracy means nothing here. If they are classes, use Dense({top_plus_one}, "
        "activation='softmax') with loss='sparse_categorical_crossentropy' and metrics=['accuracy']; if they "
        "are numbers to predict, report metrics=['mae'].",
        "⚠ Os rótulos são números inteiros até {top}, e uma saída com mean_squared_error os prevê como "
        "números, então uma acurácia não quer dizer nada aqui. Se forem classes, use Dense({top_plus_one}, "
        "activation='softmax') com loss='sparse_categorical_crossentropy' e metrics=['accuracy']; se forem "
        "números a prever, use metrics=['mae'].",
    ),
    Rule(
        "accuracy_for_multi_label",
        lambda c: c.labels == "multi-hot" and c.loss not in CROSS_ENTROPIES[1:] and _asks_for(c, ("accuracy", "acc")),
        "⚠ With several labels per example, metrics=['accuracy'] becomes categorical accuracy: it only checks "
        "whether the largest output is at the first label marked 1. Ask for metrics=['binary_accuracy'], "
        "which scores every label.",
        "⚠ Com vários rótulos por exemplo, metrics=['accuracy'] vira acurácia categórica: ela só confere se a "
        "maior saída está no primeiro rótulo marcado com 1. Peça metrics=['binary_accuracy'], que avalia cada "
        "rótulo.",
    ),
    Rule(
        "accuracy_on_logits",
        lambda c: (
            c.loss == "binary_crossentropy"
            and c.from_logits
            and c.activation not in ("softmax", "sigmoid")
            and c.labels in ("binary", "multi-hot")
            and (
                "binary_accuracy" in c.metrics
                or ((c.units == 1 or c.labels == "multi-hot") and _asks_for(c, ("accuracy", "acc")))
            )
        ),
        "⚠ With logit outputs, binary accuracy ('accuracy' on one unit, or 'binary_accuracy') counts a "
        "prediction as 1 when the logit is above 0.5, not the probability (a logit of 0 means a probability "
        "of 0.5). Use metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)].",
        "⚠ Com saídas em logits, a acurácia binária ('accuracy' com uma unidade, ou 'binary_accuracy') conta "
        "uma previsão como 1 quando o logit passa de 0,5, e não a probabilidade (um logit 0 corresponde a uma "
        "probabilidade de 0,5). Use metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)].",
    ),
)


def _from_logits(loss: object) -> bool:
    config: dict[str, object] = loss.get_config() if hasattr(loss, "get_config") else {}
    return bool(config.get("from_logits", False))


def read_compiled(model: object, y: object) -> Compiled:
    """The facts of `model` (compiled) and labels `y` that the checklist rules look at (lesson 05)."""
    if not getattr(model, "compiled", False):
        raise ValueError(texts.message("model_not_compiled"))
    last = model.layers[-1]  # type: ignore[attr-defined]
    labels = label_format(y)
    y = np.asarray(y)
    return Compiled(
        units=int(model.outputs[0].shape[-1]),  # type: ignore[attr-defined]
        activation=(
            "softmax"
            if type(last).__name__ == "Softmax"
            else getattr(getattr(last, "activation", None), "__name__", "linear")
        ),
        loss=_loss_name(model.loss),  # type: ignore[attr-defined]
        from_logits=_from_logits(model.loss),  # type: ignore[attr-defined]
        metrics=tuple(
            m if isinstance(m, str) else getattr(m, "name", "")
            for m in (model.get_compile_config().get("metrics") or [])  # type: ignore[attr-defined]
        ),
        labels=labels,
        top_label=int(y.max()) if labels in ("integer", "binary") else 0,
        label_width=int(y.shape[-1]) if labels in ("one-hot", "multi-hot") or (labels == "real" and y.ndim == 2) else 0,
    )


def check_compile(model: object, y: object) -> list[str]:
    """Explain, in both languages, each mismatch RULES knows between a compiled model and labels `y` (lesson 05).

    Checks the output layer (units, activation), the loss (name, from_logits),
    the metrics and the label format against the checklist of lesson 05 (RULES).
    Prints each problem and returns them; prints nothing when all is well.
    """
    c = read_compiled(model, y)
    fields = {
        "units": c.units,
        "activation": c.activation,
        "loss": c.loss,
        "labels": c.labels,
        "name": c.loss.removeprefix("unknown:"),
        "top": c.top_label,
        "top_plus_one": c.top_label + 1,
        "width": c.label_width,
    }
    found = [f"{rule.en.format(**fields)}\n{rule.pt.format(**fields)}" for rule in RULES if rule.applies(c)]
    for problem in found:  # wrapped between words: a notebook's output area breaks long lines anywhere
        print("\n".join(textwrap.fill(line, width=WRAP, subsequent_indent="  ") for line in problem.splitlines()))
    return found
