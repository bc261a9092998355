"""Uploads are PDFs and raster images only, judged by content; each bad file is refused in the
admin with a message saying why; good files are stored under generated names and served with
Content-Disposition and nosniff. The API takes no files at all."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from registry.models import Agency, Statement
from tests.editorial.conftest import change_form, form_errors
from tests.factories import AgencyFactory, StatementFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
PHP = b"<?php system($_GET['cmd']); ?>"


def image_bytes(kind):
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(out, kind)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload_pdf(client, name, content):
    statement = StatementFactory()
    _response, data = change_form(client, statement)
    data["pdf"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(f"/admin/registry/statement/{statement.pk}/change/", data)
    statement.refresh_from_db()
    return response, statement


def upload_logo(client, name, content, content_type="image/png"):
    agency = AgencyFactory()
    _response, data = change_form(client, agency)
    data["logo"] = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post(f"/admin/registry/agency/{agency.pk}/change/", data)
    agency.refresh_from_db()
    return response, agency


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("report.pdf", SVG_WITH_SCRIPT, "this file is an SVG or XML file, whatever its name says"),
        ("report.pdf", HTML, "this file is an HTML page, whatever its name says"),
        ("report.pdf", PHP, "this file is a PHP script, whatever its name says"),
        ("report.pdf", b"MZ\x90\x00 just some program", "this file is not a PDF, whatever its name says"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(admin_client, name, content, message):
    response, statement = upload_pdf(admin_client, name, content)
    assert response.status_code == 200
    assert any(message in error for error in form_errors(response)), form_errors(response)
    assert not statement.pdf


def test_a_fifty_megabyte_pdf_is_refused_for_its_size(admin_client, media_root):
    response, statement = upload_pdf(admin_client, "huge.pdf", PDF + b"0" * (50 * 1024 * 1024))
    assert any("the limit is 20.0\xa0MB" in error for error in form_errors(response)), form_errors(response)
    assert not statement.pdf
    assert not list(media_root.rglob("*.pdf"))


def test_a_pdf_is_stored_under_a_generated_name(admin_client, media_root):
    response, statement = upload_pdf(admin_client, "../../etc/Our Statement.php.pdf", PDF)
    assert response.status_code == 302, form_errors(response)
    assert re.fullmatch(r"statements/[0-9a-f]{32}\.pdf", statement.pdf.name)
    assert (media_root / statement.pdf.name).read_bytes() == PDF


def test_an_svg_logo_is_refused(admin_client):
    response, agency = upload_logo(admin_client, "logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    assert response.status_code == 200
    assert any("Upload a valid image" in error for error in form_errors(response)), form_errors(response)
    assert not agency.logo


def test_an_image_format_outside_the_list_is_refused(admin_client):
    response, agency = upload_logo(admin_client, "logo.png", image_bytes("BMP"))
    assert any("Upload a PNG, JPEG, GIF or WebP image" in error for error in form_errors(response))
    assert not agency.logo


def test_a_png_logo_is_stored_with_the_extension_of_its_content(admin_client):
    response, agency = upload_logo(admin_client, "logo.gif", image_bytes("PNG"))
    assert response.status_code == 302, form_errors(response)
    assert re.fullmatch(r"logos/[0-9a-f]{32}\.png", agency.logo.name)


def test_a_jpeg_logo_is_stored_as_jpg(admin_client):
    response, agency = upload_logo(admin_client, "photo.png", image_bytes("JPEG"), "image/png")
    assert re.fullmatch(r"logos/[0-9a-f]{32}\.jpg", agency.logo.name), form_errors(response)


def test_the_api_accepts_no_file_uploads(as_api_editor):
    response = as_api_editor.post("/api/v1/statements/", {"title": "x", "pdf": io.BytesIO(PDF)}, format="multipart")
    assert response.status_code == 415
    assert not Statement.objects.exists()


def test_the_api_ignores_a_pdf_path_sent_as_json(as_api_editor):
    response = as_api_editor.post(
        "/api/v1/statements/", {"title": "Joint", "date": "2010-01-01", "pdf": "../settings.py"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert not Statement.objects.get().pdf


@pytest.fixture
def as_api_editor(editor):
    from rest_framework.test import APIClient

    from registry.models import ApiToken

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create_for(editor)[1]}")
    return client


def test_uploaded_files_are_served_with_content_disposition_and_nosniff(client, media_root):
    (media_root / "statements").mkdir()
    (media_root / "statements" / "abc.pdf").write_bytes(PDF)
    response = client.get("/media/statements/abc.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="abc.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stray_html_file_in_media_is_a_download_not_a_page(client, media_root):
    (media_root / "page.html").write_bytes(HTML)
    response = client.get("/media/page.html")
    assert response["Content-Disposition"] == 'attachment; filename="page.html"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_gif_logo_is_accepted(admin_client):
    response, agency = upload_logo(admin_client, "logo.gif", image_bytes("GIF"), "image/gif")
    assert response.status_code == 302
    assert Agency.objects.get(pk=agency.pk).logo.name.endswith(".gif")
