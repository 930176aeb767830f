"""Every learner-facing text of the helpers, in English and Brazilian Portuguese.

One place for class names, error messages and quiz feedback, so the two
languages are written (and reviewed) side by side. Used by all lessons.
"""

from __future__ import annotations

LANGS = ("en", "pt")

# Fashion-MNIST labels 0..9 (lessons 01 and 02).
FASHION_CLASSES: dict[str, list[str]] = {
    "en": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
    "pt": ["Camiseta/top", "Calça", "Pulôver", "Vestido", "Casaco",
           "Sandália", "Camisa", "Tênis", "Bolsa", "Bota de cano curto"],
}

# The nine colour names of lesson 04, in the order of the integer labels.
COLOR_LABELS: dict[str, list[str]] = {
    "en": ["red-ish", "green-ish", "blue-ish", "orange-ish", "yellow-ish",
           "pink-ish", "purple-ish", "brown-ish", "grey-ish"],
    "pt": ["avermelhado", "esverdeado", "azulado", "alaranjado", "amarelado",
           "rosado", "arroxeado", "amarronzado", "acinzentado"],
}

# Axis labels and titles used by helpers.plots.
PLOT_LABELS: dict[str, tuple[str, str]] = {
    "loss": ("loss", "perda"),
    "accuracy": ("accuracy", "acurácia"),
    "epoch": ("epoch", "época"),
    "train": ("training", "treino"),
    "val": ("validation", "validação"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "dataset_missing": (
        "The {dataset} data set is not on this computer and could not be "
        "downloaded ({reason}). Get it in one of three ways:\n"
        "  1. {system_hint}\n"
        "  2. put a copy in a folder and point the COURSE_DATA environment "
        "variable at it: {course_data_path}\n"
        "  3. connect to the internet once and run the lesson again (or "
        "`python -m helpers.prepare`); it is saved in the Keras cache: "
        "{cache_path}",
        "O conjunto de dados {dataset} não está neste computador e não pôde "
        "ser baixado ({reason}). Há três jeitos de obtê-lo:\n"
        "  1. {system_hint_pt}\n"
        "  2. coloque uma cópia numa pasta e aponte a variável de ambiente "
        "COURSE_DATA para ela: {course_data_path}\n"
        "  3. conecte-se à internet uma vez e rode a lição de novo (ou "
        "`python -m helpers.prepare`); os dados ficam salvos no cache do "
        "Keras: {cache_path}",
    ),
    "corrupt_file": (
        "Ignoring a damaged copy of {path}: {reason}",
        "Ignorando uma cópia danificada de {path}: {reason}",
    ),
    "corrupt_download": (
        "The download of {url} is damaged ({reason}); it was deleted, not used.",
        "O download de {url} veio danificado ({reason}); foi apagado, não usado.",
    ),
    # Checkpoints (helpers.checks). Fields: name, name_pt, value, bound or low/high.
    # tests/sanitize.cfg masks the value after "Checkpoint: ... = " in both languages.
    "checkpoint_ok": (
        "✓ Checkpoint: {name} = {value} ≥ {bound}",
        "✓ Ponto de controle: {name_pt} = {value} ≥ {bound}",
    ),
    "checkpoint_between": (
        "✓ Checkpoint: {name} = {value}, between {low} and {high}",
        "✓ Ponto de controle: {name_pt} = {value}, entre {low} e {high}",
    ),
    "checkpoint_failed": (
        "Checkpoint failed: {name} = {value}, below the {bound} this lesson "
        "promises. Something in the lesson changed (data, model, epochs?).",
        "Ponto de controle falhou: {name_pt} = {value}, abaixo dos {bound} que "
        "esta lição promete. Algo mudou na lição (dados, modelo, épocas?).",
    ),
    "checkpoint_outside": (
        "Checkpoint failed: {name} = {value}, outside the range {low} to {high} "
        "that this lesson's text states. Something in the lesson changed (data, model, epochs?).",
        "Ponto de controle falhou: {name_pt} = {value}, fora do intervalo de {low} a {high} "
        "que o texto desta lição afirma. Algo mudou na lição (dados, modelo, épocas?).",
    ),
    "not_answered": (
        "Not answered yet: replace None with your answer{choices} and run the cell again.",
        "Ainda sem resposta: troque None pela sua resposta{choices} e rode a célula de novo.",
    ),
    "exercise_waiting": (
        "Exercise {number}: set {setting} above and run this cell again.",
        "Exercício {number}: defina {setting} acima e rode esta célula de novo.",
    ),
    "right": ("✓ Right!", "✓ Certo!"),
    "wrong": ("✗ Not quite.", "✗ Ainda não."),
    "unknown_choice": (
        "{given!r} is not one of the options {choices}.",
        "{given!r} não é uma das opções {choices}.",
    ),
    # check_compile (lesson 05). Fields: units, activation, loss, labels (+ name, top, width).
    "compile_unknown_loss": (
        "✗ Keras knows no loss called {name!r} (compile accepts it, fit fails). Loss names are "
        "lower case with underscores, e.g. 'sparse_categorical_crossentropy'.",
        "✗ O Keras não conhece nenhuma perda chamada {name!r} (o compile aceita, o fit falha). Os nomes "
        "de perdas são em minúsculas com sublinhado, por exemplo 'sparse_categorical_crossentropy'.",
    ),
    "compile_softmax_one_unit": (
        "✗ softmax over 1 unit always outputs 1.0, so the model cannot learn. For a yes/no answer "
        "use Dense(1, activation='sigmoid'); for K classes use Dense(K, activation='softmax').",
        "✗ softmax sobre 1 unidade sempre dá 1,0, então o modelo não aprende. Para sim/não use "
        "Dense(1, activation='sigmoid'); para K classes use Dense(K, activation='softmax').",
    ),
    "compile_sparse_needs_integers": (
        "✗ The labels are {labels} rows but sparse_categorical_crossentropy wants one integer class "
        "per example. Use loss='categorical_crossentropy', or labels y.argmax(axis=1).",
        "✗ Os rótulos são linhas {labels}, mas sparse_categorical_crossentropy quer um inteiro de classe "
        "por exemplo. Use loss='categorical_crossentropy', ou os rótulos y.argmax(axis=1).",
    ),
    "compile_categorical_needs_one_hot": (
        "✗ The labels are integers but categorical_crossentropy wants one-hot rows (fit raises a shape "
        "error). Use loss='sparse_categorical_crossentropy', or keras.utils.to_categorical(y).",
        "✗ Os rótulos são inteiros, mas categorical_crossentropy quer linhas one-hot (o fit dá erro de "
        "formato). Use loss='sparse_categorical_crossentropy', ou keras.utils.to_categorical(y).",
    ),
    "compile_too_few_units": (
        "✗ The labels go up to {top} but the output layer has {units} unit(s): it needs one unit per "
        "class, Dense({top_plus_one}).",
        "✗ Os rótulos vão até {top}, mas a camada de saída tem {units} unidade(s): ela precisa de uma "
        "unidade por classe, Dense({top_plus_one}).",
    ),
    "compile_width_mismatch": (
        "✗ Each label row has {width} columns but the output layer has {units} units: make them equal.",
        "✗ Cada linha de rótulo tem {width} colunas, mas a camada de saída tem {units} unidades: "
        "deixe os dois iguais.",
    ),
    "compile_binary_needs_zero_one": (
        "✗ binary_crossentropy wants 0/1 answers (one per output unit), but the labels are {labels} "
        "classes. For one class out of many use softmax with a categorical cross-entropy.",
        "✗ binary_crossentropy quer respostas 0/1 (uma por unidade de saída), mas os rótulos são classes "
        "{labels}. Para uma classe entre muitas use softmax com uma entropia cruzada categórica.",
    ),
    "compile_sigmoid_with_categorical": (
        "✗ {loss} compares probability distributions, but sigmoid outputs do not add up to 1. Use "
        "activation='softmax' for one class out of many.",
        "✗ {loss} compara distribuições de probabilidade, mas as saídas sigmoid não somam 1. Use "
        "activation='softmax' para uma classe entre muitas.",
    ),
    "compile_softmax_with_binary": (
        "✗ binary_crossentropy treats each output as its own yes/no probability; softmax makes them "
        "compete. Use activation='sigmoid' (several labels per example may be 1).",
        "✗ binary_crossentropy trata cada saída como uma probabilidade sim/não independente; a softmax "
        "faz as saídas competirem. Use activation='sigmoid' (cada exemplo pode ter vários rótulos 1).",
    ),
    "compile_logits_twice": (
        "✗ The loss has from_logits=True but the output layer already applies {activation}: the "
        "activation is applied twice. Remove the activation (keep from_logits=True), or drop from_logits.",
        "✗ A perda tem from_logits=True, mas a camada de saída já aplica {activation}: a ativação é "
        "aplicada duas vezes. Tire a ativação (mantendo from_logits=True) ou tire o from_logits.",
    ),
    "compile_logits_not_declared": (
        "✗ The output layer has no softmax/sigmoid (it gives logits) but {loss} expects probabilities. "
        "Pass the loss object with from_logits=True, or add the activation.",
        "✗ A camada de saída não tem softmax/sigmoid (ela dá logits), mas {loss} espera probabilidades. "
        "Passe o objeto da perda com from_logits=True, ou acrescente a ativação.",
    ),
    "compile_real_labels_with_cross_entropy": (
        "✗ The labels are real numbers (a regression target) but {loss} is for classes. Use "
        "loss='mean_squared_error', a linear output (no activation) and metrics=['mae'].",
        "✗ Os rótulos são números reais (um alvo de regressão), mas {loss} é para classes. Use "
        "loss='mean_squared_error', uma saída linear (sem ativação) e metrics=['mae'].",
    ),
    "compile_mse_on_softmax": (
        "⚠ mean_squared_error on a softmax output trains, but slowly (lesson 04): for classes use a "
        "cross-entropy.",
        "⚠ mean_squared_error sobre uma saída softmax treina, mas devagar (lição 04): para classes use "
        "uma entropia cruzada.",
    ),
    "compile_accuracy_for_regression": (
        "✗ accuracy counts exact hits, which real-valued predictions almost never make. For "
        "regression report metrics=['mae'] (mean absolute error).",
        "✗ A acurácia conta acertos exatos, que previsões com números reais quase nunca fazem. Para "
        "regressão use metrics=['mae'] (erro absoluto médio).",
    ),

}


def message(key: str, **fields: object) -> str:
    """The message `key` in both languages, English line(s) first."""
    en, pt = MESSAGES[key]
    return f"{en.format(**fields)}\n{pt.format(**fields)}"


def both(pair: tuple[str, str], sep: str = " · ") -> str:
    """Join an (english, portuguese) pair for a title or label."""
    return f"{pair[0]}{sep}{pair[1]}"


def class_names(dataset: str, lang: str = "en") -> list[str]:
    """Class names of `dataset` ("fashion_mnist" or "colors") in `lang` ("en" or "pt") (lessons 01, 02)."""
    tables = {"fashion_mnist": FASHION_CLASSES, "colors": COLOR_LABELS}
    if dataset not in tables:
        raise ValueError(f"dataset must be one of {sorted(tables)}, got {dataset!r}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return list(tables[dataset][lang])
