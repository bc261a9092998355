from django.db import models

from registry.sanitise import clean_html


class RichTextField(models.TextField):
    """HTML body text, sanitised against the allow-list every time it is saved."""

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        from registry.widgets import RichTextWidget

        kwargs.setdefault("widget", RichTextWidget)
        return super().formfield(**kwargs)
