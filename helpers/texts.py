"""Every learner-facing text of the helpers, in English and Brazilian Portuguese.

One place for class names, labels, error messages and the course checks'
lines, so the two languages are written (and reviewed) side by side; the
quiz's questions and feedback live in helpers/quiz.json. Used by all lessons.
"""

from __future__ import annotations

LANGS = ("en", "pt")

# Fashion-MNIST labels 0..9 (lessons 01 and 02).
FASHION_CLASSES: dict[str, list[str]] = {
    "en": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
    "pt": [
        "Camiseta/top",
        "Calça",
        "Pulôver",
        "Vestido",
        "Casaco",
        "Sandália",
        "Camisa",
        "Tênis",
        "Bolsa",
        "Bota de cano curto",
    ],
}

# The nine colour names of lesson 04, in the order of the integer labels.
COLOR_LABELS: dict[str, list[str]] = {
    "en": [
        "red-ish",
        "green-ish",
        "blue-ish",
        "orange-ish",
        "yellow-ish",
        "pink-ish",
        "purple-ish",
        "brown-ish",
        "grey-ish",
    ],
    "pt": [
        "avermelhado",
        "esverdeado",
        "azulado",
        "alaranjado",
        "amarelado",
        "rosado",
        "arroxeado",
        "amarronzado",
        "acinzentado",
    ],
}

# Short labels: axis labels and titles of helpers.plots, then the words of `python -m helpers.prepare`.
LABELS: dict[str, tuple[str, str]] = {
    "loss": ("loss", "perda"),
    "accuracy": ("accuracy", "acurácia"),
    "epoch": ("epoch", "época"),
    "train": ("training", "treino"),
    "val": ("validation", "validação"),
    "missing": ("missing", "ausente"),
    "downloaded": ("downloaded now", "baixado agora"),
    "COURSE_DATA": ("COURSE_DATA", "COURSE_DATA"),
    "cache": ("Keras cache", "cache do Keras"),
    "system": ("system copy", "cópia do sistema"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # python3 course.py (the launcher)
    "course_which_lesson": (
        "Which lesson? e.g. python3 course.py fresh 03",
        "Qual lição? ex.: python3 course.py fresh 03",
    ),
    "course_no_lesson": ("No lesson {number!r}: {known}", "Não existe a lição {number!r}: {known}"),
    "course_copy_kept": ("Your copy is kept as {path}", "Sua cópia foi guardada como {path}"),
    "course_fresh_copy": ("Fresh copy: {path}", "Cópia nova: {path}"),
    "course_lesson_changed": (
        "Lesson {name} changed since you copied it: `python3 course.py fresh {number}` gets the new version "
        "(your copy is kept).",
        "A lição {name} mudou desde a sua cópia: `python3 course.py fresh {number}` traz a versão nova "
        "(a sua cópia fica guardada).",
    ),
    "course_open": ("Open the course at this address:", "Abra o curso neste endereço:"),
    "course_running": (
        "Your lessons are in {folder}. Stop with Ctrl+C.",
        "Suas lições ficam em {folder}. Pare com Ctrl+C.",
    ),
    "course_copies_broken": (
        "{path}, the course's record of which lesson each of your copies was made from, could not be read "
        "({error}). It is kept as {kept} and a new record is started; your lesson copies are untouched.",
        "{path}, o registro do curso de qual lição originou cada cópia sua, não pôde ser lido ({error}). Ele foi "
        "guardado como {kept} e um registro novo foi começado; as suas cópias das lições não foram tocadas.",
    ),
    "course_glossary_kept": (
        "Your {path} is not the course's glossary, which changed since it was copied: yours is kept. To get the "
        "new one, rename or delete yours and run `python3 course.py lab` again (the course's is "
        "notebooks/GLOSSARY.md).",
        "O seu {path} não é o glossário do curso, que mudou desde a cópia: o seu foi mantido. Para receber o novo, "
        "renomeie ou apague o seu e rode `python3 course.py lab` de novo (o do curso é o notebooks/GLOSSARY.md).",
    ),
    "course_file_error": (
        "Stopped: {error}. Nothing of yours was deleted. Check that the file or folder named here exists and is "
        "yours to change (permissions, free disk space), then run the command again.",
        "Parado: {error}. Nada seu foi apagado. Confira se o arquivo ou a pasta citados aqui existem e podem ser "
        "alterados por você (permissões, espaço livre no disco) e rode o comando de novo.",
    ),
    "course_editions_written": (
        "Single-language copies of the lessons: {folder}/en (English) and {folder}/pt (Portuguese). In the lab, "
        "open the editions folder in the file browser.",
        "Cópias das lições num só idioma: {folder}/en (inglês) e {folder}/pt (português). No lab, abra a pasta "
        "editions no navegador de arquivos.",
    ),
    "notebook_unusable": (
        "{path}{where}: {error}\nNothing was written for this notebook. Fix it (or get the course's version back, "
        "e.g. with `git checkout -- {path}`) and run the command again.",
        "{path}{where}: {error}\nNada foi escrito para este notebook. Corrija-o (ou recupere a versão do curso, por "
        "exemplo com `git checkout -- {path}`) e rode o comando de novo.",
    ),
    "wheels_using": (
        "Installing from the wheelhouse {source} alone (COURSE_WHEELS): nothing comes from the internet.",
        "Instalando só da wheelhouse {source} (COURSE_WHEELS): nada vem da internet.",
    ),
    "wheels_unreachable": (
        "COURSE_WHEELS={source}: cannot read it ({error}). Check the folder, or the address and that the teacher's "
        "`python3 -m http.server` is running on this network; or unset COURSE_WHEELS to install from the internet.",
        "COURSE_WHEELS={source}: não foi possível lê-la ({error}). Confira a pasta, ou o endereço e se o "
        "`python3 -m http.server` de quem dá aula está rodando nesta rede; ou remova a variável COURSE_WHEELS "
        "para instalar da internet.",
    ),
    "wheels_listing_slow": (
        "COURSE_WHEELS={source}: its listing did not arrive within {seconds} s, so nothing was installed. Check "
        "the address and the network (is the teacher's `python3 -m http.server` running?), or copy the wheelhouse "
        "folder onto this computer and set COURSE_WHEELS to that folder.",
        "COURSE_WHEELS={source}: a lista de arquivos não chegou em até {seconds} s, então nada foi instalado. "
        "Confira o endereço e a rede (o `python3 -m http.server` de quem dá aula está rodando?), ou copie a pasta "
        "da wheelhouse para este computador e aponte COURSE_WHEELS para essa pasta.",
    ),
    "wheels_listing_big": (
        "COURSE_WHEELS={source}: its listing is larger than {mb} MB, far more than a wheelhouse's list of files, "
        "so it was not read. Is it the address of the folder `python3 course.py wheelhouse` made?",
        "COURSE_WHEELS={source}: a lista de arquivos é maior que {mb} MB, muito mais que a lista de uma "
        "wheelhouse, então não foi lida. É o endereço da pasta que o `python3 course.py wheelhouse` criou?",
    ),
    "wheels_empty": (
        "COURSE_WHEELS={source} holds no wheels (.whl files): is it the folder `python3 course.py wheelhouse` made?",
        "COURSE_WHEELS={source} não tem wheels (arquivos .whl): é a pasta que o `python3 course.py wheelhouse` criou?",
    ),
    "wheels_missing": (
        "The wheelhouse {source} has no wheel of {missing} for this machine ({machine}), so the course's "
        "packages were not installed.\nAsk your teacher to add this machine's wheels ({command} on the "
        "teacher's computer, or `python3 course.py wheelhouse DIR` on a machine like this one), or unset "
        "COURSE_WHEELS to install from the internet.",
        "A wheelhouse {source} não tem wheel de {missing} para esta máquina ({machine}), então os pacotes do "
        "curso não foram instalados.\nPeça a quem dá aula que acrescente as wheels desta máquina ({command} "
        "no computador de quem dá aula, ou `python3 course.py wheelhouse PASTA` numa máquina igual a esta), ou "
        "remova a variável COURSE_WHEELS para instalar da internet.",
    ),
    "setup_failed": (
        "Setting up .venv failed (see above). It is not marked ready: the next run tries again.",
        "A preparação do .venv falhou (veja acima). Ele não ficou marcado como pronto: a próxima execução tenta "
        "de novo.",
    ),
    "wheels_gathered": (
        "{folder}: {files} files, {mb} MB (what is there: {index}).\n"
        "Serve it to the class:   cd {folder} && python3 -m http.server 8000\n"
        "Each learner then runs:  COURSE_WHEELS=http://<this computer's address>:8000/ python3 course.py lab\n"
        "or, from a copy of the folder (a USB stick):  COURSE_WHEELS=/path/to/the/copy python3 course.py lab",
        "{folder}: {files} arquivos, {mb} MB (conteúdo: {index}).\n"
        "Disponibilize a pasta para a turma:  cd {folder} && python3 -m http.server 8000\n"
        "Cada pessoa da turma então roda:     "
        "COURSE_WHEELS=http://<endereço deste computador>:8000/ python3 course.py lab\n"
        "ou, a partir de uma cópia da pasta (num pen drive):  COURSE_WHEELS=/caminho/da/cópia python3 course.py lab",
    ),
    "prepare_ready": ("The course can run offline.", "O curso pode rodar offline."),
    "prepare_not_ready": (
        "The course cannot run offline yet: see above.",
        "O curso ainda não pode rodar offline: veja acima.",
    ),
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
    "download_stalled": (
        "the download of {url} stalled: {done} of {size} bytes after {seconds:.0f} s; check the network and "
        "try again, or get the data another way",
        "o download de {url} parou: {done} de {size} bytes após {seconds:.0f} s; confira a rede e tente de "
        "novo, ou obtenha os dados de outro jeito",
    ),
    "review_unreadable": (
        "Cannot read the review {path} ({reason}). Replace its aclImdb folder with the original data, then run "
        "`python -m helpers.prepare --check`.",
        "Não foi possível ler a crítica {path} ({reason}). Substitua a pasta aclImdb dela pelos dados originais e "
        "rode `python -m helpers.prepare --check`.",
    ),
    # The course's checks (helpers.checks), called checkpoints in the code. Fields: name, name_pt, value,
    # bound or low/high, and their Portuguese forms with a decimal comma (value_pt, bound_pt, low_pt, high_pt).
    # tests/sanitize.cfg masks the value after "Course check: ... = " in both languages.
    "checkpoint_ok": (
        "✓ Course check: {name} = {value} ≥ {bound}",
        "✓ Verificação do curso: {name_pt} = {value_pt} ≥ {bound_pt}",
    ),
    "checkpoint_between": (
        "✓ Course check: {name} = {value}, between {low} and {high}",
        "✓ Verificação do curso: {name_pt} = {value_pt}, entre {low_pt} e {high_pt}",
    ),
    "checkpoint_failed": (
        "Course check failed: {name} = {value}, below the {bound} this lesson "
        "promises. Something in the lesson changed (data, model, epochs?).",
        "Verificação do curso falhou: {name_pt} = {value_pt}, abaixo dos {bound_pt} que "
        "esta lição promete. Algo mudou na lição (dados, modelo, épocas?).",
    ),
    "checkpoint_outside": (
        "Course check failed: {name} = {value}, outside the range {low} to {high} "
        "that this lesson's text states. Something in the lesson changed (data, model, epochs?).",
        "Verificação do curso falhou: {name_pt} = {value_pt}, fora do intervalo de {low_pt} a {high_pt} "
        "que o texto desta lição afirma. Algo mudou na lição (dados, modelo, épocas?).",
    ),
    # A failing check in a learner's run (no COURSE_STRICT_CHECKS): it says what differs and the lesson goes on.
    # Not "Course check:" with a colon, so tests/sanitize.cfg and checks.read_checkpoints never read it as passed.
    "checkpoint_missed": (
        "✗ Course check not met: {name} = {value}, below {bound}. This run differs from the lesson's text "
        "(another computer, backend or library version, or a change you made); the lesson goes on.",
        "✗ Verificação do curso não atingida: {name_pt} = {value_pt}, abaixo de {bound_pt}. Esta execução difere "
        "do texto da lição (outro computador, backend ou versão de biblioteca, ou uma mudança sua); a lição "
        "continua.",
    ),
    "checkpoint_missed_range": (
        "✗ Course check not met: {name} = {value}, outside {low} to {high}. This run differs from the lesson's "
        "text (another computer, backend or library version, or a change you made); the lesson goes on.",
        "✗ Verificação do curso não atingida: {name_pt} = {value_pt}, fora de {low_pt} a {high_pt}. Esta execução "
        "difere do texto da lição (outro computador, backend ou versão de biblioteca, ou uma mudança sua); a "
        "lição continua.",
    ),
    # The same checks in an exercise's starter cell (exercise=N): the learner's own result, not a course check.
    "exercise_ok": (
        "✓ Exercise {exercise}: {name} = {value} ≥ {bound}, as the exercise expects",
        "✓ Exercício {exercise}: {name_pt} = {value_pt} ≥ {bound_pt}, como o exercício espera",
    ),
    "exercise_between": (
        "✓ Exercise {exercise}: {name} = {value}, between {low} and {high}, as the exercise expects",
        "✓ Exercício {exercise}: {name_pt} = {value_pt}, entre {low_pt} e {high_pt}, como o exercício espera",
    ),
    "exercise_missed": (
        "✗ Exercise {exercise}: {name} = {value}, below {bound}: not what the exercise expects. Check the value "
        "you set above (another computer or backend can shift the result a little too).",
        "✗ Exercício {exercise}: {name_pt} = {value_pt}, abaixo de {bound_pt}: não é o que o exercício espera. "
        "Confira o valor que você definiu acima (outro computador ou backend também pode mudar um pouco o resultado).",
    ),
    "exercise_missed_range": (
        "✗ Exercise {exercise}: {name} = {value}, outside {low} to {high}: not what the exercise expects. Check "
        "the value you set above (another computer or backend can shift the result a little too).",
        "✗ Exercício {exercise}: {name_pt} = {value_pt}, fora de {low_pt} a {high_pt}: não é o que o exercício "
        "espera. Confira o valor que você definiu acima (outro computador ou backend também pode mudar um pouco o "
        "resultado).",
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
        "{given} is not one of the options {choices}.",
        "{given} não é uma das opções {choices}.",
    ),
    # A learner's wrong argument to helpers.checks or helpers.checklist (the argument as the code names it).
    "argument_number": ("{argument} must be a number, got {got}.", "{argument} deve ser um número, mas veio {got}."),
    "argument_finite": (
        "{argument} must be a finite number, got {got}.",
        "{argument} deve ser um número finito, mas veio {got}.",
    ),
    "checkpoint_low_high": (
        "low must not exceed high, got {low} > {high}.",
        "low não pode passar de high, mas veio {low} > {high}.",
    ),
    "checkpoint_name": (
        "name must be a string or an (English, Portuguese) pair, got {got}.",
        "name deve ser um texto ou um par (inglês, português), mas veio {got}.",
    ),
    "answer_question": (
        "question must be the name of a question, a string such as 'epoch', got {got}.",
        "question deve ser o nome de uma pergunta, um texto como 'epoch', mas veio {got}.",
    ),
    "answer_number": (
        "The answer to {question!r} must be a number, got {given}.",
        "A resposta de {question!r} deve ser um número, mas veio {given}.",
    ),
    "labels_numbers": (
        "y must be a non-empty array of numbers, got {dtype} with shape {shape}.",
        "y deve ser um array não vazio de números, mas veio {dtype} com formato {shape}.",
    ),
    "labels_finite": (
        "y must hold finite numbers: {count} of {size} labels are NaN or infinite (a missing or broken label?).",
        "y deve conter números finitos: {count} de {size} rótulos são NaN ou infinitos (um rótulo ausente ou "
        "quebrado?).",
    ),
    "model_not_compiled": (
        "model must be compiled first: call model.compile(optimizer, loss, metrics).",
        "model precisa ser compilado antes: chame model.compile(optimizer, loss, metrics).",
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
