import pytest

from auditor.extract import read_document


@pytest.fixture
def docx_doc(tmp_path):
    """Build a .docx from blocks (see tests/builders.py) and read it back."""
    from builders import build_docx

    def build(*blocks):
        return read_document(build_docx(tmp_path / "t.docx", *blocks))
    return build
