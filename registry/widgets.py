from django import forms


class RichTextWidget(forms.Textarea):
    """Body-text editor. Replaced by an offline WYSIWYG editor in the editorial workflow."""
