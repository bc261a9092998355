"""Content in six languages: the reader's text when it exists, English with a note when it does not yet."""

import pytest
from django.urls import reverse

from registry import search
from registry.i18n import untranslated_q
from registry.models import Agency, Topic
from registry.workspace import missing_translations
from tests.factories import AgencyFactory, StatementFactory, TopicFactory

NOTE_FR = "Ce texte n’a pas encore été traduit ; il est affiché en anglais."
NOTE_AR = "لم يُترجم هذا النص بعد؛ وهو معروض باللغة الإنكليزية."


@pytest.fixture
def unhcr(db):
    agency = AgencyFactory(
        acronym="UNHCR", slug="unhcr", name="Office of the United Nations High Commissioner for Refugees",
        description="<p>Protects refugees.</p>",
    )  # fmt: skip
    return agency


def test_an_untranslated_text_is_shown_in_english_with_a_note_in_the_readers_language(client, unhcr):
    html = client.get("/fr/agencies/unhcr/").content.decode()
    assert "Protects refugees." in html
    assert NOTE_FR in html
    # Marked as English, so that a screen reader reads it as English.
    assert '<div class="prose" lang="en" dir="ltr"><p>Protects refugees.</p></div>' in html
    assert NOTE_AR in client.get("/ar/agencies/unhcr/").content.decode()


def test_a_translated_text_is_shown_without_the_note(client, unhcr):
    unhcr.name_fr = "Haut-Commissariat des Nations Unies pour les réfugiés"
    unhcr.description_fr = "<p>Protège les réfugiés.</p>"
    unhcr.save()
    html = client.get("/fr/agencies/unhcr/").content.decode()
    assert "Protège les réfugiés." in html and "Protects refugees." not in html
    assert "Haut-Commissariat des Nations Unies pour les réfugiés" in html
    assert NOTE_FR not in html


def test_english_pages_never_show_the_note(client, unhcr):
    html = client.get("/agencies/unhcr/").content.decode()
    assert "not been translated" not in html and "Protects refugees." in html


def test_a_statement_page_links_its_translations_in_their_languages(client, db):
    original = StatementFactory(slug="hr-2010", title="Human rights of migrants", language="en")
    StatementFactory(slug="dh-2010", title="Droits de l’homme des migrants", language="fr", translation_of=original)
    StatementFactory(slug="zh-2010", title="移民的人权", language="zh", translation_of=original)
    html = client.get("/statements/dh-2010/").content.decode()
    assert '<article lang="fr">' in html
    assert 'hreflang="en">English: <span lang="en">Human rights of migrants</span></a> (original)' in html
    assert 'hreflang="zh-Hans">Chinese: <span lang="zh-Hans">移民的人权</span></a>' in html


def test_search_finds_a_record_by_its_text_in_any_language(db):
    topic = TopicFactory(name="Human rights", slug="human-rights")
    topic.name_fr = "Droits de l’homme"
    topic.name_ru = "Права человека"
    topic.save()
    # ("человека", not "права": SQLite compares case only in ASCII; PostgreSQL in every script.)
    for words in ("droits", "человека", "human rights"):
        assert list(search.filter_matching(Topic.objects.published(), words)) == [topic], words


def test_the_admin_shows_and_filters_the_missing_translations(admin_client, unhcr):
    other = AgencyFactory(acronym="ILO", slug="ilo", name="International Labour Organization")
    other.name_fr = "Organisation internationale du Travail"
    other.save()
    changelist = reverse("admin:registry_agency_changelist")
    html = admin_client.get(changelist).content.decode()
    assert "Missing translations" in html
    filtered = admin_client.get(changelist, {"untranslated": "fr"}).context["cl"].result_list
    assert list(filtered) == [unhcr]  # ILO's name is in French, and it has no description to translate
    assert set(admin_client.get(changelist, {"untranslated": "ar"}).context["cl"].result_list) == {unhcr, other}


def test_the_admin_form_edits_english_as_before_and_each_language_beside_it(admin_client, unhcr):
    html = admin_client.get(reverse("admin:registry_agency_change", args=[unhcr.pk])).content.decode()
    assert 'name="name"' in html and 'name="name_fr"' in html and 'name="description_ar"' in html
    assert 'name="name_en"' not in html


def test_the_workspace_counts_what_is_left_to_translate_per_language(admin_user, unhcr):
    panel = missing_translations(admin_user)
    agencies = next(item for item in panel.items if item.label == "Agencies")
    assert agencies.note == "Français: 1; Español: 1; العربية: 1; 中文: 1; Русский: 1"
    assert agencies.url == reverse("admin:registry_agency_changelist") + "?untranslated=fr"


def test_every_text_of_a_record_counts_once_translated_in_every_language(admin_user, unhcr):
    for code in ("fr", "es", "ar", "zh_hans", "ru"):
        setattr(unhcr, f"name_{code}", f"name {code}")
        setattr(unhcr, f"description_{code}", f"<p>{code}</p>")
    unhcr.save()
    assert not Agency.objects.filter(untranslated_q(Agency, "fr")).exists()
    assert all(item.label != "Agencies" for item in missing_translations(admin_user).items)


# The seeded agencies carry their official names in the six languages -----------------------------

OFFICIAL_NAMES = {
    # slug: (French, Arabic, Chinese, Russian) — the UN's own names, written from its terminology (UNTERM).
    "ilo": (
        "Organisation internationale du Travail",
        "منظمة العمل الدولية",
        "国际劳工组织",
        "Международная организация труда",
    ),
    "unhcr": (
        "Haut-Commissariat des Nations Unies pour les réfugiés",
        "مفوضية الأمم المتحدة السامية لشؤون اللاجئين",
        "联合国难民事务高级专员办事处",
        "Управление Верховного комиссара Организации Объединенных Наций по делам беженцев",
    ),
    "wfp": (
        "Programme alimentaire mondial",
        "برنامج الأغذية العالمي",
        "世界粮食计划署",
        "Всемирная продовольственная программа",
    ),
}


@pytest.mark.parametrize("slug", OFFICIAL_NAMES)
def test_a_seeded_agency_is_named_by_its_official_name_in_each_language(client, seed, slug):
    french, arabic, chinese, russian = OFFICIAL_NAMES[slug]
    for prefix, name in [("/fr", french), ("/ar", arabic), ("/zh-hans", chinese), ("/ru", russian)]:
        html = client.get(f"{prefix}/agencies/{slug}/").content.decode()
        assert f"<h1>{name}" in html or f">{name}<" in html, (prefix, name)
    assert Agency.objects.get(slug=slug).name_en != french


def test_every_seeded_agency_has_a_name_in_every_language(seed):
    for agency in Agency.objects.all():
        for code in ("fr", "es", "ar", "zh_hans", "ru"):
            assert getattr(agency, f"name_{code}"), (agency.slug, code)


def test_a_fixture_naming_an_unknown_language_is_refused(tmp_path):
    import shutil

    from registry.seed import SeedError, default_directory, read_fixtures

    directory = tmp_path / "fixtures"
    shutil.copytree(default_directory(), directory)
    path = directory / "agencies.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    ru: ", "    de: ", 1), encoding="utf-8")
    with pytest.raises(SeedError, match=r"agencies.yaml, record 1 \(ilo\): 'names' has unknown language\(s\) de"):
        read_fixtures(directory)
