"""The body-text editor: django-prose-editor (ProseMirror), served from the package's own static files.

It offers only what registry.sanitise allows, so an editor never formats text that the save then
strips. The sanitiser, not the editor, is the guarantee: a client can post any HTML it likes.
"""

from django_prose_editor.widgets import AdminProseEditorWidget

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Code": True,
    "CodeBlock": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "SpecialCharacters": True,
}


class RichTextWidget(AdminProseEditorWidget):
    def __init__(self, attrs=None, **kwargs):
        kwargs.setdefault("config", {"extensions": EXTENSIONS})
        kwargs.setdefault("preset", "configurable")
        super().__init__(attrs=attrs, **kwargs)
