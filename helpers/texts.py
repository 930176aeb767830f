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
    "checkpoint_ok": (
        "✓ Checkpoint: {name} = {value:.4f} ≥ {bound}",
        "✓ Ponto de controle: {name} = {value:.4f} ≥ {bound}",
    ),
    "checkpoint_failed": (
        "Checkpoint failed: {name} = {value:.4f}, below the {bound} this lesson "
        "promises. Something in the lesson changed (data, model, epochs?).",
        "Ponto de controle falhou: {name} = {value:.4f}, abaixo dos {bound} que "
        "esta lição promete. Algo mudou na lição (dados, modelo, épocas?).",
    ),
    "not_answered": (
        "Not answered yet: replace None with your answer{choices} and run the cell again.",
        "Ainda sem resposta: troque None pela sua resposta{choices} e rode a célula de novo.",
    ),
    "right": ("✓ Right!", "✓ Certo!"),
    "wrong": ("✗ Not quite.", "✗ Ainda não."),
    "unknown_choice": (
        "{given!r} is not one of the options {choices}.",
        "{given!r} não é uma das opções {choices}.",
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
    """Class names of `dataset` ("fashion_mnist" or "colors") in `lang` ("en" or "pt")."""
    tables = {"fashion_mnist": FASHION_CLASSES, "colors": COLOR_LABELS}
    if dataset not in tables:
        raise ValueError(f"dataset must be one of {sorted(tables)}, got {dataset!r}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return list(tables[dataset][lang])


# Quiz and exercise answers, checked by helpers.checks.answer().
# kind "choice": `correct` is a letter, `feedback` explains every option.
# kind "number": `correct` is a number, `tolerance` the accepted distance.
QUESTIONS: dict[str, dict] = {
    "epoch": {
        "kind": "choice",
        "correct": "a",
        "feedback": {
            "a": ("One epoch = one pass over every training example.",
                  "Uma época = uma passada por todos os exemplos de treino."),
            "b": ("Training is not timed: an epoch ends when every example has been seen once.",
                  "O treino não é cronometrado: a época acaba quando cada exemplo foi visto uma vez."),
            "c": ("Keras does not set it: you choose how many epochs with fit(epochs=...).",
                  "Não é o Keras que define: você escolhe quantas épocas com fit(epochs=...)."),
            "d": ("That is the number of epochs (the 1 in 'Epoch 1/1'), not what one epoch is.",
                  "Isso é o número de épocas (o 1 de 'Epoch 1/1'), não o que é uma época."),
        },
    },
    "steps_batch_64": {
        "kind": "number",
        "correct": 938,
        "tolerance": 0,
        "hint": ("60,000 images in batches of 64: divide and round up (the last batch is smaller).",
                 "60.000 imagens em lotes de 64: divida e arredonde para cima (o último lote é menor)."),
    },
    "updates_3_epochs": {
        "kind": "number",
        "correct": 5625,
        "tolerance": 0,
        "hint": ("One weight update per step; 1,875 steps per epoch at batch size 32.",
                 "Uma atualização de pesos por passo; 1.875 passos por época com lotes de 32."),
    },
    "train_test_gap": {
        "kind": "choice",
        "correct": "a",
        "feedback": {
            "a": ("Much better on images it trained on than on new ones: it memorised them.",
                  "Muito melhor nas imagens com que treinou do que nas novas: ele as decorou."),
            "b": ("An underfitting model is bad on the training set too; 0.95 is not bad.",
                  "Um modelo com subajuste vai mal no treino também; 0,95 não é ruim."),
            "c": ("Nothing says so: a big train-test gap is the classic sign of overfitting.",
                  "Nada indica isso: uma distância grande entre treino e teste é o sinal clássico de sobreajuste."),
            "d": ("Softmax changes how outputs read, not which class wins, so not the accuracy.",
                  "A softmax muda como as saídas são lidas, não qual classe vence, e portanto não muda a acurácia."),
        },
    },
    "test_set_unseen": {
        "kind": "choice",
        "correct": "b",
        "feedback": {
            "a": ("Evaluating 10,000 images takes about a second: speed is not the reason.",
                  "Avaliar 10.000 imagens leva cerca de um segundo: a velocidade não é o motivo."),
            "b": ("Anything tuned on the test set makes its score an optimistic guess, not a measurement.",
                  "Qualquer coisa ajustada com o conjunto de teste faz da nota dele um palpite otimista, não uma medida."),
            "c": ("Keras would happily train on it: keeping it apart is your job.",
                  "O Keras treinaria com ele sem reclamar: mantê-lo à parte é trabalho seu."),
            "d": ("Test images come from the same distribution as training images.",
                  "As imagens de teste vêm da mesma distribuição que as de treino."),
        },
    },
    "predict_3_images": {
        "kind": "number",
        "correct": 30,
        "tolerance": 0,
        "hint": ("The output has shape (3, 10): ten probabilities per image.",
                 "A saída tem formato (3, 10): dez probabilidades por imagem."),
    },
    "softmax_equal_scores": {
        "kind": "number",
        "correct": 0.25,
        "tolerance": 0.001,
        "hint": ("Equal scores give equal probabilities, and the four add up to 1.",
                 "Pontuações iguais dão probabilidades iguais, e as quatro somam 1."),
    },
    "cross_entropy_sure_and_right": {
        "kind": "number",
        "correct": 0,
        "tolerance": 1e-6,
        "hint": ("It is -log of the probability of the true class, and log 1 = 0.",
                 "É -log da probabilidade da classe verdadeira, e log 1 = 0."),
    },
    "loss_for_integer_labels": {
        "kind": "choice",
        "correct": "b",
        "feedback": {
            "a": ("categorical_crossentropy wants one-hot rows; with integers Keras raises a shape error.",
                  "categorical_crossentropy quer linhas one-hot; com inteiros o Keras dá erro de formato."),
            "b": ("'Sparse' means integer labels: one class number per example.",
                  "'Sparse' (esparsa) quer dizer rótulos inteiros: um número de classe por exemplo."),
            "c": ("Mean squared error would treat class 8 as 'bigger' than class 3.",
                  "O erro quadrático médio trataria a classe 8 como 'maior' que a classe 3."),
            "d": ("binary_crossentropy is for yes/no answers, not for one of many classes.",
                  "binary_crossentropy é para respostas sim/não, não para uma entre muitas classes."),
        },
    },
}
