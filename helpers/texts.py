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
        "correct": "c",
        "feedback": {
            "a": ("Nothing says so: a big train-test gap is the classic sign of overfitting.",
                  "Nada indica isso: uma diferença grande entre treino e teste é o sinal clássico de sobreajuste."),
            "b": ("An underfitting model is bad on the training set too; 0.95 is not bad.",
                  "Um modelo com subajuste vai mal no treino também; 0,95 não é ruim."),
            "c": ("Much better on images it trained on than on new ones: it memorised them.",
                  "Muito melhor nas imagens com que treinou do que nas novas: ele as decorou."),
            "d": ("Softmax changes how outputs read, not which class wins, so not the accuracy.",
                  "A softmax muda como as saídas são lidas, não qual classe vence, e portanto não muda a acurácia."),
        },
    },
    "test_set_unseen": {
        "kind": "choice",
        "correct": "d",
        "feedback": {
            "a": ("Evaluating 10,000 images takes about a second: speed is not the reason.",
                  "Avaliar 10.000 imagens leva cerca de um segundo: a velocidade não é o motivo."),
            "b": ("Test images come from the same distribution as training images.",
                  "As imagens de teste vêm da mesma distribuição que as de treino."),
            "c": ("Keras would happily train on it: keeping it apart is your job.",
                  "O Keras treinaria com ele sem reclamar: mantê-lo à parte é trabalho seu."),
            "d": ("Anything tuned on the test set makes its score an optimistic guess, not a measurement.",
                  "Qualquer coisa ajustada com o conjunto de teste faz da nota dele um palpite otimista, "
                  "não uma medida."),
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
    "multi_label_output": {
        "kind": "choice",
        "correct": "a",
        "feedback": {
            "a": ("Multi-label: one independent yes/no per label, sigmoid units with binary_crossentropy.",
                  "Multirrótulo: um sim/não independente por rótulo, unidades sigmoid com binary_crossentropy."),
            "b": ("softmax makes cat and dog compete: 'both' could never get two high probabilities.",
                  "A softmax faz gato e cachorro competirem: 'os dois' nunca teria duas probabilidades altas."),
            "c": ("One output can answer one yes/no question, not two.",
                  "Uma saída responde a uma pergunta sim/não, não a duas."),
            "d": ("Mean squared error on unbounded outputs is regression, not yes/no answers.",
                  "Erro quadrático médio com saídas sem limite é regressão, não respostas sim/não."),
        },
    },
    "softmax_one_unit": {
        "kind": "number",
        "correct": 1,
        "tolerance": 1e-6,
        "hint": ("Softmax divides e^z by the sum of all e^z: with one unit that is e^z / e^z.",
                 "A softmax divide e^z pela soma de todos os e^z: com uma unidade isso é e^z / e^z."),
    },
    "regression_metric": {
        "kind": "choice",
        "correct": "c",
        "feedback": {
            "a": ("A predicted price is almost never exactly right, so accuracy stays near 0.",
                  "Um preço previsto quase nunca é exato, então a acurácia fica perto de 0."),
            "b": ("binary_accuracy is for 0/1 answers.",
                  "binary_accuracy é para respostas 0/1."),
            "c": ("Mean absolute error: on average, how far the predicted price is from the real one.",
                  "Erro absoluto médio: em média, o quanto o preço previsto está longe do real."),
            "d": ("That metric is for integer class labels.",
                  "Essa métrica é para rótulos de classe inteiros."),
        },
    },
    "embedding_weights": {
        "kind": "number",
        "correct": 160000,
        "tolerance": 0,
        "hint": ("One vector of 16 numbers for each of the 10,000 words.",
                 "Um vetor de 16 números para cada uma das 10.000 palavras."),
    },
    "validation_rises": {
        "kind": "choice",
        "correct": "b",
        "feedback": {
            "a": ("Longer training only memorises the training reviews further: validation gets worse.",
                  "Treinar mais só faz o modelo decorar ainda mais as críticas de treino: a validação piora."),
            "b": ("That is early stopping: keep the weights from where validation loss was lowest.",
                  "Isso é a parada antecipada: fique com os pesos de onde a perda de validação foi mínima."),
            "c": ("Choosing with the test set makes it a second validation set: its score is no longer honest.",
                  "Escolher com o conjunto de teste o transforma num segundo conjunto de validação: "
                  "a nota deixa de ser honesta."),
            "d": ("More units give more freedom to memorise: usually more overfitting, not less.",
                  "Mais unidades dão mais liberdade para decorar: em geral mais sobreajuste, não menos."),
        },
    },
    "padding_zero": {
        "kind": "choice",
        "correct": "d",
        "feedback": {
            "a": ("Padding touches the inputs only; each review keeps its label.",
                  "O preenchimento só mexe nas entradas; cada crítica mantém seu rótulo."),
            "b": ("The most frequent word, 'the', has index 4; 0 is no word at all.",
                  "A palavra mais frequente, 'the', tem índice 4; o 0 não é palavra nenhuma."),
            "c": ("'post' only says where the zeros go: at the end instead of the start.",
                  "'post' só diz onde ficam os zeros: no fim em vez do começo."),
            "d": ("Index 0 is reserved for padding, so padded positions never look like a word, and "
                  "mask_zero=True makes the layers after the Embedding skip them.",
                  "O índice 0 é reservado para o preenchimento, então posições preenchidas nunca parecem uma "
                  "palavra, e mask_zero=True faz as camadas depois do Embedding pularem essas posições."),
        },
    },
}
