"""The translated content fields in the admin: one field per language, and what is still to translate.

Every model with translated fields (`registry/translation.py`) gets modeltranslation's admin (a
tab of fields per language: `Name [en]`, `Name [fr]`…), a *Missing translations* column and a
*Not yet translated into* filter. This module wraps each model's own admin rather than editing it,
so the registry's admins keep one place each and the translation behaviour lives here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationBaseModelAdmin

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


class TranslatedAdminMixin(TranslationAdmin):
    def get_readonly_fields(self, request, obj=None):
        # modeltranslation reads only `readonly_fields`; the registry's admins also lock fields by role.
        return self.replace_orig_field(super(TranslationBaseModelAdmin, self).get_readonly_fields(request, obj))

    @admin.display(description=_("Missing translations"))
    def missing_translations(self, obj):
        return ", ".join(i18n.missing_languages(obj)) or "—"

    def get_list_display(self, request):
        return (*super().get_list_display(request), "missing_translations")

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), UntranslatedFilter)


def wrap_registered_admins(site):
    for model in TRANSLATED_FIELDS:
        current = type(site._registry[model])
        site.unregister(model)
        site.register(model, type(current.__name__, (TranslatedAdminMixin, current), {"__module__": __name__}))
