"""The quizzes and exercises of every lesson, checked by ``helpers.checks.answer`` (all lessons).

Each question is a typed record that names its lesson; its feedback is in both
languages, English first. ``tests/test_notebooks.py`` checks that every
question is asked in the lesson it names, and ``tests/test_checks.py`` that
every one can be answered.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """A multiple-choice question: one letter is right, every letter has its explanation."""

    lesson: str
    correct: str
    feedback: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Number:
    """A question answered with a number, right within `tolerance`; `hint` explains the answer."""

    lesson: str
    correct: float
    tolerance: float
    hint: tuple[str, str]


Question = Choice | Number

QUESTIONS: dict[str, Question] = {
    "epoch": Choice(
        lesson="01",
        correct="a",
        feedback={
            "a": ("One epoch = one pass over every training example.",
                  "Uma época = uma passada por todos os exemplos de treino."),
            "b": ("Training is not timed: an epoch ends when every example has been seen once.",
                  "O treino não é cronometrado: a época acaba quando cada exemplo foi visto uma vez."),
            "c": ("Keras does not set it: you choose how many epochs with fit(epochs=...).",
                  "Não é o Keras que define: você escolhe quantas épocas com fit(epochs=...)."),
            "d": ("That is the number of epochs (the 1 in 'Epoch 1/1'), not what one epoch is.",
                  "Isso é o número de épocas (o 1 de 'Epoch 1/1'), não o que é uma época."),
        },
    ),
    "steps_batch_64": Number(
        lesson="01", correct=938, tolerance=0,
        hint=("60,000 images in batches of 64: divide and round up (the last batch is smaller).",
              "60.000 imagens em lotes de 64: divida e arredonde para cima (o último lote é menor)."),
    ),
    "updates_3_epochs": Number(
        lesson="01", correct=5625, tolerance=0,
        hint=("One weight update per step; 1,875 steps per epoch at batch size 32.",
              "Uma atualização de pesos por passo; 1.875 passos por época com lotes de 32."),
    ),
    "train_test_gap": Choice(
        lesson="02",
        correct="c",
        feedback={
            "a": ("Nothing says so: a big train-test gap is the classic sign of overfitting.",
                  "Nada indica isso: uma diferença grande entre treino e teste é o sinal clássico de sobreajuste."),
            "b": ("An underfitting model is bad on the training set too; 0.95 is not bad.",
                  "Um modelo com subajuste vai mal no treino também; 0,95 não é ruim."),
            "c": ("Much better on images it trained on than on new ones: it memorised them.",
                  "Muito melhor nas imagens com que treinou do que nas novas: ele as decorou."),
            "d": ("Softmax changes how outputs read, not which class wins, so not the accuracy.",
                  "A softmax muda como as saídas são lidas, não qual classe vence, e portanto não muda a acurácia."),
        },
    ),
    "test_set_unseen": Choice(
        lesson="02",
        correct="d",
        feedback={
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
    ),
    "predict_3_images": Number(
        lesson="02", correct=30, tolerance=0,
        hint=("The output has shape (3, 10): ten probabilities per image.",
              "A saída tem formato (3, 10): dez probabilidades por imagem."),
    ),
    "softmax_equal_scores": Number(
        lesson="04", correct=0.25, tolerance=0.001,
        hint=("Equal scores give equal probabilities, and the four add up to 1.",
              "Pontuações iguais dão probabilidades iguais, e as quatro somam 1."),
    ),
    "cross_entropy_sure_and_right": Number(
        lesson="04", correct=0, tolerance=1e-06,
        hint=("It is -log of the probability of the true class, and log 1 = 0.",
              "É -log da probabilidade da classe verdadeira, e log 1 = 0."),
    ),
    "loss_for_integer_labels": Choice(
        lesson="04",
        correct="b",
        feedback={
            "a": ("categorical_crossentropy wants one-hot rows; with integers Keras raises a shape error.",
                  "categorical_crossentropy quer linhas one-hot; com inteiros o Keras dá erro de formato."),
            "b": ("'Sparse' means integer labels: one class number per example.",
                  "'Sparse' (esparsa) quer dizer rótulos inteiros: um número de classe por exemplo."),
            "c": ("Mean squared error would treat class 8 as 'bigger' than class 3.",
                  "O erro quadrático médio trataria a classe 8 como 'maior' que a classe 3."),
            "d": ("binary_crossentropy is for yes/no answers, not for one of many classes.",
                  "binary_crossentropy é para respostas sim/não, não para uma entre muitas classes."),
        },
    ),
    "multi_label_output": Choice(
        lesson="05",
        correct="a",
        feedback={
            "a": ("Multi-label: one independent yes/no per label, sigmoid units with binary_crossentropy.",
                  "Multirrótulo: um sim/não independente por rótulo, unidades sigmoid com binary_crossentropy."),
            "b": ("softmax makes cat and dog compete: 'both' could never get two high probabilities.",
                  "A softmax faz gato e cachorro competirem: 'os dois' nunca teria duas probabilidades altas."),
            "c": ("One output can answer one yes/no question, not two.",
                  "Uma saída responde a uma pergunta sim/não, não a duas."),
            "d": ("Mean squared error on unbounded outputs is regression, not yes/no answers.",
                  "Erro quadrático médio com saídas sem limite é regressão, não respostas sim/não."),
        },
    ),
    "softmax_one_unit": Number(
        lesson="05", correct=1, tolerance=1e-06,
        hint=("Softmax divides e^z by the sum of all e^z: with one unit that is e^z / e^z.",
              "A softmax divide e^z pela soma de todos os e^z: com uma unidade isso é e^z / e^z."),
    ),
    "regression_metric": Choice(
        lesson="05",
        correct="c",
        feedback={
            "a": ("A predicted price is almost never exactly right, so accuracy stays near 0.",
                  "Um preço previsto quase nunca é exato, então a acurácia fica perto de 0."),
            "b": ("binary_accuracy is for 0/1 answers.",
                  "binary_accuracy é para respostas 0/1."),
            "c": ("Mean absolute error: on average, how far the predicted price is from the real one.",
                  "Erro absoluto médio: em média, o quanto o preço previsto está longe do real."),
            "d": ("That metric is for integer class labels.",
                  "Essa métrica é para rótulos de classe inteiros."),
        },
    ),
    "embedding_weights": Number(
        lesson="03", correct=160000, tolerance=0,
        hint=("One vector of 16 numbers for each of the 10,000 words.",
              "Um vetor de 16 números para cada uma das 10.000 palavras."),
    ),
    "validation_rises": Choice(
        lesson="03",
        correct="b",
        feedback={
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
    ),
    "padding_zero": Choice(
        lesson="03",
        correct="d",
        feedback={
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
    ),
}
