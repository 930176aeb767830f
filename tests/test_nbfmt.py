"""tools.nbfmt: the course's one notebook layout (like tensorflow/docs' nbfmt) and machine-free outputs.

That every lesson is stored so is a lesson rule (tools/rules.py: formatted, portable-outputs).
"""

from __future__ import annotations

import copy

import nbformat

from tools import lessons, nbfmt, rules


def test_portable_rewrites_site_packages_and_cell_files_only():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "x",
                execution_count=4,
                outputs=[
                    nbformat.v4.new_output(
                        "stream", name="stderr", text="/tmp/ipykernel_51/2316.py:2: RuntimeWarning: overflow\n"
                    ),
                    nbformat.v4.new_output(
                        "error",
                        ename="ValueError",
                        evalue="v",
                        traceback=["File \x1b[0;32m/home/ana/.venv/lib/python3.11/site-packages/keras/x.py:122\x1b[0m"],
                    ),
                    nbformat.v4.new_output(
                        "stream", name="stdout", text="✓ found in / encontrado em: /usr/share/datasets\n"
                    ),
                ],
            )
        ]
    )
    assert sum(len(nbfmt.MACHINE_PATH.findall(t)) for c in nb.cells for t in rules.output_texts(c)) == 3
    out = nbfmt.portable(nb).cells[0].outputs
    assert out[0].text == "Cell In[4]:2: RuntimeWarning: overflow\n"
    assert out[1].traceback == ["File \x1b[0;32m.../site-packages/keras/x.py:122\x1b[0m"]
    assert out[2].text.endswith("/usr/share/datasets\n")
    assert not any(nbfmt.MACHINE_PATH.findall(t) for c in nb.cells for t in rules.output_texts(c))


def test_formatter_drops_timing_keeps_ids_and_mends_bad_ones():
    nb = nbformat.read(lessons.NOTEBOOK_DIR / "01_compile_and_fit.ipynb", as_version=4)
    ids = [c.id for c in nb.cells]
    nb.cells[3].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    nb.cells[5]["id"] = nb.cells[4].id  # a duplicate
    del nb.cells[6]["id"]  # a missing one
    out = nbfmt.formatted(nb)
    assert "execution" not in out.cells[3].metadata
    assert [c.id for c in out.cells][:5] == ids[:5] and [c.id for c in out.cells][7:] == ids[7:]
    assert len({c.id for c in out.cells}) == len(out.cells)
    again = nbfmt.notebook_text(nbfmt.formatted(copy.deepcopy(out)))
    assert again == nbfmt.notebook_text(out), "formatting twice changes nothing"


def test_formatter_stores_no_widget_state_or_view_only_their_text():
    """A stored widget view names a model of a kernel long gone: reopened, JupyterLab would show an error."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("widgets.VBox([])")
    view = {"model_id": "5b5cf3aa", "version_major": 2, "version_minor": 0}
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result", data={nbfmt.WIDGET_VIEW: view, "text/plain": "VBox()"}, execution_count=1
        )
    ]
    nb.cells = [cell]
    nb.metadata["widgets"] = {nbfmt.WIDGET_STATE: {"state": {"5b5cf3aa": {}}, "version_major": 2}}
    out = nbfmt.formatted(nb)
    assert "widgets" not in out.metadata
    assert out.cells[0].outputs[0].data == {"text/plain": "VBox()"}
    assert not any(nbfmt.WIDGET_VIEW in p.read_text(encoding="utf-8") for p in lessons.notebook_paths())
