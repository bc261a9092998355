"""The translated content fields in the admin: the English text where it always was, the other languages beside it.

The admin speaks English (it is not under a language prefix), so each form keeps its fields as
they were — `name`, `description` are the English text — and gains a *Translations* section with
one field per other language (`name_fr`, `name_ar`…), a *Missing translations* column and a *Not
yet translated into* filter. This module wraps each translated model's own admin rather than
editing it, so the registry's admins stay one place each and the translation behaviour lives here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from registry import i18n
from registry.translation import TRANSLATED_FIELDS


class UntranslatedFilter(admin.SimpleListFilter):
    title = _("not yet translated into")
    parameter_name = "untranslated"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in i18n.settings.LANGUAGES if code != i18n.DEFAULT]

    def queryset(self, request, queryset):
        if self.value() in i18n.CODES and self.value() != i18n.DEFAULT:
            return queryset.filter(i18n.untranslated_q(queryset.model, self.value()))
        return queryset


class TranslatedAdminMixin:
    @admin.display(description=_("Missing translations"))
    def missing_translations(self, obj):
        return ", ".join(i18n.missing_languages(obj)) or "—"

    def get_list_display(self, request):
        return (*super().get_list_display(request), "missing_translations")

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), UntranslatedFilter)

    def translation_columns(self):
        """Every language's column of each translated field, English included (that one is the field itself)."""
        return {
            build_localized_fieldname(field, code): code
            for field in TRANSLATED_FIELDS[self.model]
            for code in i18n.CODES
        }

    def get_fieldsets(self, request, obj=None):
        columns = self.translation_columns()
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [f for f in options["fields"] if f not in columns]
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        others = [column for column, code in columns.items() if code != i18n.DEFAULT]
        return [*fieldsets, (_("Translations"), {"fields": others, "classes": ("collapse",)})]


def wrap_registered_admins(site):
    for model in TRANSLATED_FIELDS:
        current = type(site._registry[model])
        site.unregister(model)
        site.register(model, type(current.__name__, (TranslatedAdminMixin, current), {"__module__": __name__}))
