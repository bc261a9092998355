"""The body-text editor: django-prose-editor (ProseMirror), served from the package's own static files.

It offers only what registry.sanitise allows, so an editor never formats text that the save then
strips. The sanitiser, not the editor, is the guarantee: a client can post any HTML it likes.
"""

from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.html import format_html
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


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's admin date and time inputs, with the "Date:" and "Time:" it prints beside them made their labels.

    Stock, the two inputs have no label at all (the field's own label points at neither), so a screen reader
    announces two unnamed text boxes. Where the inputs have no id to point at, each is named by aria-label.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Django's own "Date:" and "Time:" (translated in its catalogue), made labels.
        for subwidget, key in zip(context["widget"]["subwidgets"], ("date_label", "time_label"), strict=True):
            text = context[key]
            input_id = subwidget["attrs"].get("id")
            if input_id:
                context[key] = format_html('<label for="{}">{}</label>', input_id, text)
            else:
                subwidget["attrs"]["aria-label"] = str(text).rstrip(":")
        return context
