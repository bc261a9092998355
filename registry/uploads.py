"""Uploaded files: what is accepted, and the names they are stored under.

A file is judged by its content, never by its name or the type the browser claims: a PDF must
begin with the PDF signature, a logo must be a PNG, JPEG, GIF or WebP image that Pillow can read.
SVG is refused (it can carry script), and so is anything larger than UPLOAD_MAX_BYTES. Files are
stored under a generated name (`statements/3f2a….pdf`), so an uploader chooses neither the path
nor the extension the server will serve it with.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from PIL import Image, UnidentifiedImageError

PDF_SIGNATURE = b"%PDF-"
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
SNIFF_BYTES = 1024


def _head(file):
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head


def _check_size(file):
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            f"This file is {filesizeformat(file.size)}; the limit is {filesizeformat(settings.UPLOAD_MAX_BYTES)}.",
            code="too_large",
        )


def _describe(head, otherwise):
    """A plain-words guess at what a refused file is, for the error message."""
    text = head.lstrip().lower()
    if b"<svg" in text or text.startswith(b"<?xml"):
        return "an SVG or XML file"
    if text.startswith((b"<!doctype html", b"<html")) or b"<script" in text:
        return "an HTML page"
    if b"<?php" in text:
        return "a PHP script"
    return otherwise


def validate_pdf(file):
    _check_size(file)
    head = _head(file)
    if not head.startswith(PDF_SIGNATURE):
        raise ValidationError(
            f"Upload a PDF document: this file is {_describe(head, 'not a PDF')}, whatever its name says.",
            code="not_pdf",
        )


def image_format(file):
    """The Pillow format name of an accepted image, or None."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)
    return kind if kind in IMAGE_FORMATS else None


def validate_image(file):
    _check_size(file)
    if image_format(file) is None:
        what = _describe(_head(file), "not an image this site accepts")
        if what.startswith("an SVG"):
            what = "an SVG image (SVG can carry scripts)"
        raise ValidationError(f"Upload a PNG, JPEG, GIF or WebP image: this file is {what}.", code="not_image")


@deconstructible
class GeneratedName:
    """upload_to: `<folder>/<random hex>.<extension>`; the uploader's file name is never used.

    The extension is fixed (`extension="pdf"`) or, for images, that of the content of the
    already validated file in `image_field`.
    """

    def __init__(self, folder, *, extension=None, image_field=None):
        self.folder, self.extension, self.image_field = folder, extension, image_field

    def __call__(self, instance, filename):
        extension = self.extension or IMAGE_FORMATS.get(image_format(getattr(instance, self.image_field).file), "bin")
        return f"{self.folder}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and vars(self) == vars(other)

    def __hash__(self):
        return hash((self.folder, self.extension, self.image_field))
