"""The `export` command: a PDF or DOCX file of the newest (or a given) report, DRAFT unless --final."""
import pytest

from models import Report
from tests.helpers import pdf_text
from tests.web.exporting import docx_paragraphs


@pytest.mark.parametrize("args, marked", [([], True), (["--final"], False)])
def test_pdf(world, runner, tmp_path, args, marked):
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["export", "--format", "pdf", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output and out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out.read_bytes())
    assert "Joint submission" in text and "Civil and political rights section" in text
    assert ("ПРОЕКТ" in text) is marked  # the report is in Russian


def test_docx(world, runner, tmp_path):
    out = tmp_path / "report.docx"
    result = runner.invoke(args=["export", "--format", "docx", "--out", str(out), "--report", str(world["report"])])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")
    assert any("Women's rights section" in p for p in docx_paragraphs(out.read_bytes()))


@pytest.mark.parametrize("args", [["--report", "999"], ["--format", "odt"]])
def test_refused(world, runner, tmp_path, args):
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["export", "--out", str(out), *args])
    assert result.exit_code != 0 and not out.exists()
    assert ("No such report: 999." in result.output) is ("--report" in args)


def test_no_report_yet(app, runner, tmp_path):
    result = runner.invoke(args=["export", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0 and "No report yet" in result.output


@pytest.mark.parametrize("args, written", [(["--final"], False), (["--final", "--over-limit"], True), ([], True)])
def test_a_final_file_over_the_limit_needs_over_limit(world, runner, tmp_path, args, written):
    """As on the export page: a draft may be over the limit; a final file only when asked for knowingly."""
    Report.update(word_limit=5).where(Report.id == world["report"]).execute()
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["export", "--out", str(out), *args])
    assert (result.exit_code == 0) is written and out.exists() is written, result.output
    assert ("over the limit of 5" in result.output) is not written
