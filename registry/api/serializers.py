"""What each resource looks like in JSON (and, flattened, in CSV).

Related records are named by slug, the same way on the way in and out, so a client can PUT back
what it read. Every object carries `url` (its API address) and `html_url` (its page on the site);
every date with a precision carries `<field>_precision`. Validation is the model's own: the
serializer runs `full_clean()` and the model's constraints, so the API refuses exactly what the
admin refuses, and reports each error under the field it concerns.
"""

import copy
import functools
from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections, models, router
from django.db.models import F, Prefetch, Q
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, resolution_order
from rest_framework import relations, serializers
from rest_framework.fields import SkipField

from registry import models as m
from registry import services
from registry.addresses import MARK, Address
from registry.api.exceptions import django_errors_to_dict
from registry.models.agencies import ChairLookup, count_named

LISTED_SUFFIX = "_listed"


def listed(name, queryset=None, rows=False):
    """Prefetch the relation `name` into a plain list, which the fields below read instead of the relation.

    Prefetching into the relation itself makes Django build and filter a queryset per record, which
    cost more than the related rows: a page of 50 statements built 150 of them. The list is the same
    rows in the same order. With `rows`, they are `Row`s rather than model instances (see `Rows`).
    """
    if rows:
        queryset = queryset._chain()
        queryset._iterable_class = Rows
    return Prefetch(name, queryset=queryset, to_attr=_listed_name(name))


def listed_sources():
    """A record's sources, listed as `Row`s: only their columns are serialised."""
    return listed("sources", m.Source.objects.all(), rows=True)


class Row(SimpleNamespace):
    """A related row read for its columns only (see `Rows`)."""


class Rows(ModelIterable):
    """The rows of a `listed(…, rows=True)` prefetch as `Row`s with the columns it selects (and its key).

    A model instance costs 10–20 µs to build (more with translated fields), and a page of 50 statements
    prefetched some 300 signatories and topics only to read their slugs, and 50 sources for three columns.
    The prefetch itself (its query, its order, its grouping by record) is Django's, unchanged. A
    ModelIterable only because Prefetch refuses other kinds of rows.
    """

    def __iter__(self):
        compiler = self.queryset.query.get_compiler(using=self.queryset.db)
        results = compiler.execute_sql(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        names = [alias or expression.target.attname for expression, _sql, alias in compiler.select]
        for row in compiler.results_iter(results):
            yield Row(**dict(zip(names, row, strict=True)))


# The SQL of `list_slugs`' and `list_sources`' queries by their shape (the model, the relation, the language,
# the database, the number of records): only SQL, which depends on nothing else (the records' keys are its
# parameters), never rows. At most a page's sizes: a CSV of a whole list is compiled anew.
_SQL_BY_SHAPE = {}


def _by_shape(shape, make_queryset, params, database):
    """The rows of `make_queryset()` (whose parameters are `params`), its SQL made once per `shape`."""
    sql = _SQL_BY_SHAPE.get(shape)
    if sql is None:
        sql, compiled = make_queryset().query.get_compiler(using=database).as_sql()
        if list(compiled) != params:  # not the shape assumed: run it as compiled, and keep nothing
            return _fetch(database, sql, compiled)
        if len(params) <= settings.API_MAX_PAGE_SIZE + 1:
            _SQL_BY_SHAPE[shape] = sql
    return _fetch(database, sql, params)


def list_slugs(records, name):
    """Give each of `records` the slugs of its related records `name` (a many-to-many) as `listed()` would list
    them (`Row`s with their slug, in the related model's order in the active language), from one query.

    The same query as the prefetch's, less the related key, read as plain pairs: the prefetch made a `Row`
    of each of a page's 300-odd signatories and topics and computed two keys for each to group them. Its
    SQL is made once per shape (`_by_shape`): building and compiling it took longer than running it.
    """
    if not records:
        return
    field = type(records[0])._meta.get_field(name)
    keys = [record.pk for record in records]
    database = router.db_for_read(field.related_model)

    def make_queryset():
        reverse = field.related_query_name()
        queryset = field.related_model.objects.filter(**{f"{reverse}__in": keys})
        if hasattr(queryset, "rewrite"):
            # The order (the model's, in the active language) is set when the queryset is made; the two columns
            # need none of modeltranslation's rewriting.
            queryset = queryset.rewrite(False)
        return queryset.values_list(reverse, "slug")

    shape = (field.model, name, translation.get_language(), database, len(keys))
    lists = {key: [] for key in keys}
    for key, slug in _by_shape(shape, make_queryset, keys, database):
        lists[key].append(Row(slug=slug))
    for record in records:
        setattr(record, _listed_name(name), lists[record.pk])


def list_sources(records):
    """Give each of `records` its sources as `listed_sources()` would list them (`Row`s of the columns the JSON
    shows, in their order), from the same query, its SQL made once per shape (`_by_shape`)."""
    if not records:
        return
    model = type(records[0])
    content_type = ContentType.objects.get_for_model(model)
    keys = [record.pk for record in records]
    database = router.db_for_read(m.Source)

    def make_queryset():
        sources = m.Source.objects.filter(content_type=content_type, object_id__in=keys)
        return sources.values_list("object_id", *SOURCE_COLUMNS)

    lists = {key: [] for key in keys}
    for key, *values in _by_shape(
        (m.Source, model, database, len(keys)), make_queryset, [content_type.pk, *keys], database
    ):
        lists[key].append(Row(**dict(zip(SOURCE_COLUMNS, values, strict=True))))
    for record in records:
        setattr(record, _listed_name("sources"), lists[record.pk])


def _fetch(database, sql, params):
    with connections[database].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def list_columns(records, name, queryset, columns):
    """Give each of `records` its related records `name` (a reverse foreign key) from `queryset`, in its order,
    as `Row`s of `columns` and `pk`, as `listed(name, queryset, rows=True)` would list them: from one query of
    columns, without the prefetch's model instances (and its setting each one's link back to its record).
    """
    if not records:
        return
    link = type(records[0])._meta.get_field(name).field  # the foreign key on the related model
    lists = {record.pk: [] for record in records}
    for key, pk, *values in queryset.filter(**{f"{link.name}__in": list(lists)}).values_list(
        link.attname, "pk", *columns
    ):
        lists[key].append(Row(pk=pk, **dict(zip(columns, values, strict=True))))
    for record in records:
        setattr(record, _listed_name(name), lists[record.pk])


def forget_listed(obj):
    """Drop what was prefetched for `obj` (after a write changed it), so that it is read again."""
    obj._prefetched_objects_cache = {}
    for name in [name for name in vars(obj) if name.endswith(LISTED_SUFFIX)]:
        delattr(obj, name)


def _listed_name(name):
    return name + LISTED_SUFFIX


def _listed_or(field, instance, read):
    """The list `listed()` prefetched for the field's source, or else what `read` reads from the relation."""
    if len(field.source_attrs) == 1:
        rows = getattr(instance, _listed_name(field.source_attrs[0]), None)
        if rows is not None:
            return rows
    return read(instance)


class ListedManyRelatedField(serializers.ManyRelatedField):
    def get_attribute(self, instance):
        return _listed_or(self, instance, super().get_attribute)


class ListedSlugRelatedField(serializers.SlugRelatedField):
    """Related records by slug; with `many=True`, read from the `listed()` prefetch when there is one."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        many_kwargs = {key: value for key, value in kwargs.items() if key in relations.MANY_RELATION_KWARGS}
        return ListedManyRelatedField(child_relation=cls(*args, **kwargs), **many_kwargs)


class ListedListSerializer(serializers.ListSerializer):
    """A nested list of related records, read from the `listed()` prefetch when there is one."""

    def get_attribute(self, instance):
        return _listed_or(self, instance, super().get_attribute)


def _agencies(many=False, **kwargs):
    return ListedSlugRelatedField(slug_field="slug", queryset=m.Agency.objects.all(), many=many, **kwargs)


def _status_field():
    return serializers.ChoiceField(
        choices=m.Status.choices,
        required=False,
        help_text="Changing it is a workflow step (submit, publish, withdraw, return to draft) made through "
        "the editorial workflow: only a Publisher may publish or withdraw. New records start as drafts. "
        "Memberships and chair terms are published only with at least one source (added in the admin): "
        "otherwise publishing is a 400 saying so.",
    )


def _pdf_field():
    return serializers.FileField(read_only=True, allow_null=True, help_text="The PDF, if any (uploaded in the admin).")


def _topics():
    return ListedSlugRelatedField(slug_field="slug", queryset=m.Topic.objects.all(), many=True, required=False)


class OptionalURLField(serializers.URLField):
    """A URL that may be missing: null rather than "" (which is no URL at all), in and out."""

    def __init__(self, **kwargs):
        kwargs.update(allow_null=True, allow_blank=True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None

    def to_internal_value(self, data):
        return super().to_internal_value(data) if data else ""

    def validate_empty_values(self, data):
        if data is None:
            return (True, "")
        return super().validate_empty_values(data)


URL_FIELDS = {**serializers.ModelSerializer.serializer_field_mapping, models.URLField: OptionalURLField}


def _address(context, key, reverse_marked, value):
    """An address reversed once per response (by `reverse_marked`, with `addresses.MARK` as its value) and
    completed with `value` (registry.addresses): a page of statements needs two per statement."""
    addresses = context.setdefault("address_templates", {})
    if key not in addresses:
        marked = reverse_marked().split("?", 1)[0]
        addresses[key] = Address(marked, lambda other: marked.replace(MARK, quote(other, safe="")))
    return addresses[key](value)


def _api_address(context, view_name, lookup, value):
    """reverse(view_name, kwargs={lookup: value}), absolute when there is a request."""

    def reverse_marked():
        path = reverse(view_name, kwargs={lookup: MARK})
        request = context.get("request")
        return request.build_absolute_uri(path) if request else path

    return _address(context, ("django", view_name, lookup), reverse_marked, value)


def _site_address(context, view_name, slug):
    """reverse(view_name, kwargs={"slug": slug}) on the site (in the request's language), absolute when there
    is a request: the record's get_absolute_url(), reversed once per response."""

    def reverse_marked():
        path = reverse(view_name, kwargs={"slug": MARK})
        request = context.get("request")
        return request.build_absolute_uri(path) if request else path

    return _address(context, ("site", view_name), reverse_marked, slug)


class ApiLink(serializers.HyperlinkedIdentityField):
    """The record's API address, without the request's `?format=csv` that DRF would carry over."""

    def get_url(self, obj, view_name, request, format):
        if obj.pk in (None, ""):
            return None
        kwargs = {self.lookup_url_kwarg: MARK}
        key = ("drf", view_name, self.lookup_url_kwarg, format)
        reverse_marked = functools.partial(self.reverse, view_name, kwargs=kwargs, request=request, format=format)
        return _address(self.context, key, reverse_marked, getattr(obj, self.lookup_field))


# Unbound fields of read serializers, by (serializer class, language): see ColumnsFirstMixin.get_fields.
_FIELD_PROTOTYPES = {}


def _querysets_of(fields):
    """{id: queryset} of the querysets the fields (and the fields they hold) were given."""
    found, pending = {}, list(fields)
    while pending:
        field = pending.pop()
        for value in getattr(field, "_kwargs", {}).values():
            if isinstance(value, models.QuerySet):
                found[id(value)] = value
            elif isinstance(value, serializers.Field):
                pending.append(value)
    return found


def _copy_unbound(field, querysets):
    """A copy of an unbound prototype field, for one serializer to bind.

    A field that holds fields of its own (a nested serializer, a list of related records) is copied as DRF
    copies declared fields, constructed again from its arguments. Any other is copied attribute by attribute:
    binding sets the copy's own name, parent and source, and a read changes nothing else on it. Constructing
    each of a page's 20-odd fields again was most of the time spent preparing its serializers.
    """
    if isinstance(field, (serializers.BaseSerializer, relations.ManyRelatedField)):
        return copy.deepcopy(field, dict(querysets))
    return copy.copy(field)


class ColumnsFirstMixin:
    """Serialises a record's plain columns straight from the attribute, the other fields the way DRF does.

    DRF reads every value through `fields.get_attribute`, which allows dotted sources, mappings and
    callables; a plain column needs none of that, and the general lookup was a third of the time spent
    serialising a page of agencies. Relations, nested lists, method fields, fields that read the whole
    record (`source="*"`) and fields with their own `get_attribute` go DRF's way; so does anything that
    is not a record of the serializer's model. The values are the same either way.
    """

    def get_fields(self):
        """The fields DRF builds from the model, built once per language and copied for each read.

        Building them (model introspection, each field's kwargs, the uniqueness validators) took 1–2 ms
        per response; a copy is made the way DRF copies declared fields (each field constructed again
        from its arguments). Writes (a serializer with data) build them as DRF does.
        """
        if hasattr(self, "initial_data"):
            return super().get_fields()
        key = (type(self), translation.get_language())
        if key not in _FIELD_PROTOTYPES:
            prototype = super().get_fields()
            _FIELD_PROTOTYPES[key] = (prototype, _querysets_of(prototype.values()))
        prototype, querysets = _FIELD_PROTOTYPES[key]
        # The copies share the fields' querysets (of the records a write may name), which a read never runs.
        return {name: _copy_unbound(field, querysets) for name, field in prototype.items()}

    def to_representation(self, instance):
        if not isinstance(instance, (self.Meta.model, Row)):
            return super().to_representation(instance)
        plan = self.__dict__.get("_columns_first_plan")
        if plan is None:
            plan = self._columns_first_plan = self._plan()
        translated = type(instance) is not Row
        ret = {}
        for name, field, column, localized in plan:
            if column is not None:
                value = (
                    _translated(instance, column, localized) if localized and translated else getattr(instance, column)
                )
                ret[name] = None if value is None else field.to_representation(value)
                continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, relations.PKOnlyObject) else attribute
            ret[name] = None if check_for_none is None else field.to_representation(attribute)
        return ret

    def _plan(self):
        """(name, field, column or None, how to read it if translated or None) for the readable fields, in order."""
        model = self.Meta.model
        columns = {field.name for field in model._meta.concrete_fields if not field.is_relation}
        plan = []
        for field in self._readable_fields:
            if isinstance(field, serializers.DateTimeField) and not hasattr(field, "timezone"):
                # The time zone each value is shown in, the active one (DRF asks for it again for every value).
                field.timezone = field.default_timezone()
            plain = type(field).get_attribute is serializers.Field.get_attribute and len(field.source_attrs) == 1
            column = field.source_attrs[0] if plain and field.source_attrs[0] in columns else None
            plan.append((field.field_name, field, column, column and _localized(model, column)))
        return plan


def _localized(model, column):
    """How modeltranslation reads `column` in the active language, if it is translated: (the language columns in
    the order it tries them, the value it skips as empty, its descriptor), worked out once per serializer.

    Its descriptor works them out again for every value it reads: a third of the time spent reading an
    agency's name, migration focus and description.
    """
    descriptor = model.__dict__.get(column)
    if not isinstance(descriptor, TranslationFieldDescriptor) or isinstance(descriptor.field, models.FileField):
        return None
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    order = resolution_order(translation.get_language(), descriptor.fallback_languages)
    return tuple(build_localized_fieldname(column, language) for language in order), undefined, descriptor


def _translated(instance, column, localized):
    """`getattr(instance, column)` for a translated column, as modeltranslation's descriptor reads it."""
    names, undefined, descriptor = localized
    for name in names:
        value = getattr(instance, name, None)
        if descriptor.meaningful_value(value, undefined):
            return value
    return getattr(instance, column)  # nothing in any language: the descriptor's own fallback value or default


# What the JSON shows of a source.
SOURCE_COLUMNS = ("title", "url", "note")


class SourceSerializer(ColumnsFirstMixin, serializers.ModelSerializer):
    """A citation (Popolo `sources`): here `url` is the source's own address."""

    serializer_field_mapping = URL_FIELDS

    class Meta:
        model = m.Source
        fields = list(SOURCE_COLUMNS)
        list_serializer_class = ListedListSerializer


class RecordSerializer(ColumnsFirstMixin, serializers.ModelSerializer):
    """What every resource shares: links, sources, the record's version time, model validation."""

    serializer_field_mapping = URL_FIELDS
    html_url = serializers.SerializerMethodField(help_text="The record's page on the public site.")
    sources = SourceSerializer(many=True, read_only=True, help_text="Where the facts come from.")
    updated_at = serializers.DateTimeField(read_only=True, help_text="Last change; the ETag derives from it.")

    # Where a model's cross-field error (e.g. an overlap) is reported; DRF's default otherwise.
    model_errors_field = "non_field_errors"
    # The field a missing slug is made from.
    slug_from = None

    # The site view of the record's page, reversed with its slug, as the model's get_absolute_url() does;
    # None when the page is another record's or an anchor (html_path then says which).
    html_view = None

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, obj):
        if self.html_view is not None:
            return _site_address(self.context, self.html_view, obj.slug)
        path = self.html_path(obj)
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def html_path(self, obj):
        return obj.get_absolute_url()

    def create(self, validated_data):
        return self.save_through_service(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self.save_through_service(instance, validated_data)

    def save_through_service(self, obj, validated_data):
        """registry.services.save does what an edit outside the admin must: rules, clean, stamps, revision."""
        user, comment = validated_data.pop("user"), validated_data.pop("comment")
        many_to_many = {f.name for f in obj._meta.many_to_many}
        related = {name: validated_data.pop(name) for name in list(validated_data) if name in many_to_many}
        for name, value in validated_data.items():
            setattr(obj, name, value)
        # The many-to-many rows are part of the write: the service checks the permission after them.
        return services.save(obj=obj, user=user, comment=comment, m2m=related)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        if self.slug_from and not instance.slug:
            attrs["slug"] = instance.slug = _slug_for(model, getattr(instance, self.slug_from, ""))
        errors = {}
        try:
            instance.full_clean(validate_constraints=False)
        except DjangoValidationError as exc:
            errors = django_errors_to_dict(exc, self.model_errors_field)
        for constraint in model._meta.constraints:
            try:
                constraint.validate(model, instance)
            except DjangoValidationError as exc:
                errors.setdefault(_constraint_field(constraint), []).extend(exc.messages)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def _slug_for(model, text):
    return slugify(text)[: model._meta.get_field("slug").max_length].strip("-")


def _constraint_field(constraint):
    """The field a constraint is about, so that its error can name it (first field it mentions)."""
    names = list(getattr(constraint, "fields", ()) or ())
    nodes = list(getattr(constraint, "expressions", ()) or ())
    if getattr(constraint, "condition", None) is not None:
        nodes.append(constraint.condition)
    while nodes and not names:
        node = nodes.pop(0)
        if isinstance(node, Q):
            nodes = list(node.children) + nodes
        elif isinstance(node, tuple):
            names.append(node[0].split("__")[0])
        elif isinstance(node, F):
            names.append(node.name)
        elif hasattr(node, "get_source_expressions"):
            nodes = list(node.get_source_expressions()) + nodes
    return names[0] if names else "non_field_errors"


# Agencies and who held what -----------------------------------------------------------------


MEMBERSHIP_START_HELP = (
    "First day of the membership; null when no source records when it joined. Then `attested_on` (if not "
    "null) is the date a source shows it as a member, and it counts as a member from that date only; with "
    "neither, it counts on no date (`member_on`/`active_on` never include it)."
)
ATTESTED_ON_HELP = (
    "Only when `start` is null: the date a source attests the membership (the last day of the period at month "
    "or year precision). Null otherwise."
)


class AgencyMembershipSerializer(ColumnsFirstMixin, serializers.ModelSerializer):
    url = ApiLink(view_name="api:membership-detail")

    class Meta:
        model = m.Membership
        list_serializer_class = ListedListSerializer
        fields = [
            "id", "url", "body", "start", "start_precision", "attested_on", "attested_on_precision", "end",
            "end_precision",
        ]  # fmt: skip
        extra_kwargs = {"start": {"help_text": MEMBERSHIP_START_HELP}, "attested_on": {"help_text": ATTESTED_ON_HELP}}


class AgencySerializer(RecordSerializer):
    url = ApiLink(view_name="api:agency-detail", lookup_field="slug")
    memberships = AgencyMembershipSerializer(many=True, read_only=True)
    logo = serializers.ImageField(read_only=True, allow_null=True, help_text="Logo image, if any (set in the admin).")
    html_view = "site:agency"
    slug_from = "acronym"

    class Meta:
        model = m.Agency
        fields = [
            "id", "url", "html_url", "slug", "acronym", "name", "kind", "kind_source", "kind_source_url",
            "in_un_system", "in_un_system_since", "in_un_system_since_precision", "headquarters",
            "website", "migration_focus", "description", "logo", "memberships", "sources", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {
            "slug": {"required": False, "help_text": "The lower-case acronym; made from it if omitted."},
            "kind": {
                "help_text": "The UN System Chart category, named in `kind_source`; empty when no source gives one."
            },
            "in_un_system": {
                "help_text": "In the UN system when the group ended (2018); kept for compatibility. "
                "`in_un_system_since` dates an entry during the group's life (IOM: 2016-09-19)."
            },
        }


class MembershipSerializer(RecordSerializer):
    url = ApiLink(view_name="api:membership-detail")
    agency = _agencies(help_text="Agency slug.")
    agency_acronym = serializers.CharField(source="agency.acronym", read_only=True)
    status = _status_field()
    model_errors_field = "start"

    class Meta:
        model = m.Membership
        fields = [
            "id", "url", "html_url", "agency", "agency_acronym", "body", "start", "start_precision", "attested_on",
            "attested_on_precision", "end", "end_precision", "note", "status", "published_at", "sources", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["published_at"]
        extra_kwargs = {
            "start": {"help_text": MEMBERSHIP_START_HELP, "required": False},
            "attested_on": {"help_text": ATTESTED_ON_HELP},
        }

    def html_path(self, obj):
        return obj.agency.get_absolute_url()


class ChairTermSerializer(RecordSerializer):
    """A chair term, held by one agency or by co-chairs: `holders` lists them all, in order.

    `agency` and `agency_acronym` (API v1 before co-chairs) give the first holder, so old clients
    keep working on sole-chair terms; writing `agency` alone makes it the sole holder.
    """

    url = ApiLink(view_name="api:chair-term-detail")
    holders = _agencies(
        many=True,
        required=False,
        source="chairs",
        help_text='Slugs of the agencies holding the term, in order: one, or each co-chair (e.g. ["fao", "iom"] '
        "in 2018). Each agency once. Required when adding a term unless `agency` is given.",
    )
    holder_acronyms = serializers.SerializerMethodField(help_text="Acronyms of the holders, in the same order.")
    agency = _agencies(
        required=False,
        source="first_holder",
        help_text="The first holder's slug (the sole chair unless the term is co-chaired: then see `holders`). "
        "Kept from before co-chairs; writing it without `holders` makes that agency the sole holder.",
    )
    agency_acronym = serializers.SerializerMethodField(help_text="The first holder's acronym (see `agency`).")
    status = _status_field()
    model_errors_field = "start"

    class Meta:
        model = m.ChairTerm
        fields = [
            "id", "url", "html_url", "holders", "holder_acronyms", "agency", "agency_acronym", "start",
            "start_precision", "end", "end_precision", "principal", "priorities", "note", "status", "published_at",
            "sources", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["published_at"]

    def html_path(self, obj):
        return reverse("site:chairs") + f"#term-{obj.pk}"

    def get_holder_acronyms(self, obj) -> list[str]:
        return [agency.acronym for agency in obj.chairs]

    def get_agency_acronym(self, obj) -> str | None:
        chairs = obj.chairs
        return chairs[0].acronym if chairs else None

    def validate(self, attrs):
        holders = attrs.pop("chairs", None)
        agency = attrs.pop("first_holder", None)
        if holders is None and agency is not None:
            holders = [agency]
        if holders is not None:
            if not holders:
                raise serializers.ValidationError({"holders": ["A chair term has at least one holding agency."]})
            if len({a.pk for a in holders}) != len(holders):
                raise serializers.ValidationError({"holders": ["Each agency holds a term once; remove the repeat."]})
        elif self.instance is None:
            raise serializers.ValidationError({"holders": ["Name the agency (or co-chairs) holding the term."]})
        attrs = super().validate(attrs)
        if holders is not None:
            attrs["holders"] = holders
        return attrs

    def save_through_service(self, obj, validated_data):
        holders = validated_data.pop("holders", None)
        saved = super().save_through_service(obj, validated_data)
        if holders is None:
            return saved
        if isinstance(saved, m.PendingChange):
            # A proposal holds the term's own fields; its holders, like its sources, are a Publisher's to change.
            if [agency.pk for agency in holders] != [agency.pk for agency in obj.chairs]:
                raise serializers.ValidationError(
                    {"holders": ["The holders of a public chair term are changed by a Publisher, not proposed."]}
                )
            return saved
        saved.set_holders(holders)
        return saved


class VacancySerializer(serializers.Serializer):
    start = serializers.DateField()
    start_precision = serializers.ChoiceField(choices=m.Precision.choices)
    end = serializers.DateField(allow_null=True)
    end_precision = serializers.ChoiceField(choices=m.Precision.choices)
    note = serializers.CharField()


class BodyEndSerializer(serializers.Serializer):
    end = serializers.DateField(source="date")
    end_precision = serializers.ChoiceField(choices=m.Precision.choices, source="precision")


class NoChairSerializer(serializers.Serializer):
    """The 404 of chair-terms/current/: no term covers the date."""

    detail = serializers.CharField(
        help_text="Names the vacancy, with its documented note if there is one, or says that the group had ended."
    )
    on = serializers.DateField()
    vacancy = VacancySerializer(allow_null=True, help_text="The documented vacancy covering the date, if any.")
    group_ended = BodyEndSerializer(
        allow_null=True, required=False, help_text="When the group ended, if it had ended by that date."
    )


class ReadableStatementField(serializers.SlugRelatedField):
    """Another statement named by slug, only if the requesting user may read it.

    A published translation must not give away the slug of an original that is still a draft:
    such an original is `null` here, and a client may only name originals it may read.
    """

    def get_queryset(self):
        return m.Statement.objects.visible_to(_user(self.context))

    def to_representation(self, obj):
        # The readable versions of each listed statement's family include its original if the user may read it.
        readable = any(row["pk"] == obj.pk for row in _translation_families_listed(self).get(obj.pk, ()))
        return super().to_representation(obj) if readable else None


def _user(context):
    request = context.get("request")
    return request.user if request is not None else None


def _statements_listed(field):
    """The statements the response shows (a page of them, or one): what once-per-response reads need."""
    instance = field.root.instance
    if isinstance(instance, m.Statement):
        return [instance]
    return [item for item in instance or () if isinstance(item, m.Statement)]


class ChairRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    holders = serializers.ListField(child=serializers.CharField(), help_text="Slugs of the holders (co-chairs).")
    agency = serializers.CharField(help_text="The first holder's slug (kept from before co-chairs).")
    agency_acronym = serializers.CharField(help_text="The first holder's acronym.")


class ChairOnDateField(ChairRefSerializer):
    """The chair term running on a statement's date: derived from the terms, never stored."""

    def to_representation(self, statement):
        chairs = self.context.get("chairs")
        if chairs is None:  # once per response, however many statements it lists: the terms their dates fall in
            dates = [listed.date for listed in _statements_listed(self)] or [statement.date]
            terms = m.ChairTerm.objects.published().overlapping(min(dates), max(dates))
            chairs = self.context["chairs"] = _chair_lookup(terms)
        term = chairs.on(statement.date)
        if term is None:
            return None
        chairs = term.chairs
        return {
            "id": term.pk,
            "url": _api_address(self.context, "api:chair-term-detail", "pk", term.pk),
            "holders": [agency.slug for agency in chairs],
            "agency": chairs[0].slug if chairs else None,
            "agency_acronym": chairs[0].acronym if chairs else None,
        }


def _chair_lookup(terms):
    """A `ChairLookup` of `terms`, each with its holders' slugs and acronyms in their order, from one query.

    What the JSON shows of a term, read as columns: the terms, holdings and agencies as model instances
    (every agency's names and descriptions in six languages) in two queries cost more than the rest of a
    page of statements' fields.
    """
    rows = terms.order_by("start", "holdings__order", "holdings__pk").values_list(
        "pk", "start", "end", "holdings__agency__slug", "holdings__agency__acronym"
    )
    found = {}
    for pk, start, end, slug, acronym in rows:
        term = found.get(pk) or found.setdefault(pk, Row(pk=pk, start=start, end=end, chairs=[]))
        if slug is not None:  # a term with no holder on record (LEFT JOIN) still covers its dates
            term.chairs.append(Row(slug=slug, acronym=acronym))
    return ChairLookup(found.values())


class TranslationLinkSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=m.Language.choices)
    slug = serializers.SlugField()
    url = serializers.URLField()
    original = serializers.BooleanField(help_text="Whether this version is the original the others translate.")


@extend_schema_field(TranslationLinkSerializer(many=True))
class TranslationsField(serializers.Field):
    """The statement's other language versions the user may read: its original and the original's translations.

    Read once per response (one query), however many statements it lists.
    """

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, statement):
        family = _translation_families_listed(self, statement).get(statement.translation_of_id or statement.pk, [])
        links = []
        for row in family:
            if row["pk"] == statement.pk:
                continue
            links.append({
                "language": row["language"],
                "slug": row["slug"],
                "url": _api_address(self.context, "api:statement-detail", "slug", row["slug"]),
                "original": row["translation_of_id"] is None,
            })  # fmt: skip
        return sorted(links, key=lambda link: (link["language"], link["slug"]))


def _translation_families_listed(field, statement=None):
    """`_translation_families` of the statements the response shows, read once per response (one query)."""
    families = field.context.get("translation_families")
    if families is None:
        listed = _statements_listed(field) or [statement]
        originals = {each.translation_of_id or each.pk for each in listed if each is not None}
        families = field.context["translation_families"] = _translation_families(_user(field.context), originals)
    return families


def _translation_families(user, originals):
    """The readable versions of the statements whose originals are `originals` (ids), by their original's id."""
    rows = (
        m.Statement.objects.visible_to(user)
        .filter(Q(pk__in=originals) | Q(translation_of__in=originals))
        .order_by()  # the links are sorted by language; in the list's order SQLite read every statement
        .values("pk", "slug", "language", "translation_of_id")
    )
    families = {}
    for row in rows:
        families.setdefault(row["translation_of_id"] or row["pk"], []).append(row)
    return families


class ReportedTotalSerializer(RecordSerializer):
    """A total of members a source reported, beside the number of agencies this registry names for that date."""

    url = ApiLink(view_name="api:reported-total-detail")
    named = serializers.SerializerMethodField(
        help_text="Agencies this registry names as members of `body` for the date: those counted on some day of "
        "it (at its precision) plus those whose membership has no recorded date (listed, counted on no date)."
    )
    named_on_date = serializers.SerializerMethodField(
        help_text="Agencies with a membership of `body` counted on some day of the date (at its precision)."
    )
    named_undated = serializers.SerializerMethodField(
        help_text="Slugs of the agencies listed as members of `body` with no recorded date."
    )
    model_errors_field = "date"

    class Meta:
        model = m.ReportedTotal
        fields = [
            "id", "url", "html_url", "body", "date", "date_precision", "total", "named", "named_on_date",
            "named_undated", "note", "sources", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {
            "total": {"min_value": 1, "max_value": 32767},
            "date": {
                "help_text": "The date the source gives the total for (first day of it at month or year precision)."
            },
        }

    def _named(self, obj):
        if not hasattr(obj, "named"):  # a single record read or just written: count it alone
            count_named([obj])
        return obj

    def get_named(self, obj) -> int:
        return self._named(obj).named

    def get_named_on_date(self, obj) -> int:
        return self._named(obj).named_on_date

    def get_named_undated(self, obj) -> list[str]:
        return [agency.slug for agency in self._named(obj).named_undated]


# What the group said and did -----------------------------------------------------------------


class StatementSerializer(RecordSerializer):
    url = ApiLink(view_name="api:statement-detail", lookup_field="slug")
    event = serializers.SlugRelatedField(
        slug_field="slug", queryset=m.Event.objects.all(), allow_null=True, required=False, help_text="Event slug."
    )
    signatories = _agencies(many=True, required=False, help_text="Slugs of the signatory agencies.")
    topics = _topics()
    translation_of = ReadableStatementField(
        slug_field="slug", allow_null=True, required=False,
        help_text="Slug of the original, when this is a translation (null while the original is not public).",
    )  # fmt: skip
    translations = TranslationsField(
        help_text="The other language versions you may read: the original (`original: true`) and its translations."
    )
    pdf = _pdf_field()
    chair = ChairOnDateField(
        source="*", read_only=True, allow_null=True, help_text="The chair on the statement's date (derived), or null."
    )
    status = _status_field()
    html_view = "site:statement"
    slug_from = "title"

    class Meta:
        model = m.Statement
        fields = [
            "id", "url", "html_url", "slug", "title", "kind", "date", "date_precision", "event", "summary", "body",
            "pdf", "source_url", "signatories", "topics", "language", "translation_of", "translations", "chair",
            "status", "published_at", "sources", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["published_at"]
        extra_kwargs = {"slug": {"required": False, "help_text": "Made from the title if omitted."}}


class RoleSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = m.WorkingGroupRole
        fields = ["agency", "role", "start", "start_precision", "end", "end_precision"]


class ActivitySerializer(serializers.ModelSerializer):
    countries = serializers.ListField(child=serializers.CharField(), source="country_list", read_only=True)

    class Meta:
        model = m.Activity
        fields = [
            "title", "description", "countries", "start", "start_precision", "end", "end_precision", "funding_note",
        ]  # fmt: skip


class WorkingGroupSerializer(RecordSerializer):
    url = ApiLink(view_name="api:working-group-detail", lookup_field="slug")
    roles = RoleSerializer(many=True, read_only=True, help_text="Co-chairs and members (edited in the admin).")
    activities = ActivitySerializer(many=True, read_only=True, help_text="What the group did (edited in the admin).")
    model_errors_field = "established"
    html_view = "site:working-group"
    slug_from = "name"

    class Meta:
        model = m.WorkingGroup
        fields = [
            "id", "url", "html_url", "slug", "name", "mandate", "established", "established_precision", "dissolved",
            "dissolved_precision", "roles", "activities", "sources", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {"slug": {"required": False, "help_text": "Made from the name if omitted."}}


class ParticipationSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = m.Participation
        fields = ["agency", "level", "note"]


class EventSerializer(RecordSerializer):
    url = ApiLink(view_name="api:event-detail", lookup_field="slug")
    organiser = _agencies(allow_null=True, required=False, help_text="Organising agency slug.")
    participations = ParticipationSerializer(
        many=True, read_only=True, help_text="Which agencies attended, at what level (edited in the admin)."
    )
    model_errors_field = "start"
    html_view = "site:event"
    slug_from = "title"

    class Meta:
        model = m.Event
        fields = [
            "id", "url", "html_url", "slug", "title", "kind", "start", "start_precision", "end", "end_precision",
            "city", "country", "organiser", "summary", "participations", "sources", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {"slug": {"required": False, "help_text": "Made from the title if omitted."}}


class PublicationSerializer(RecordSerializer):
    url = ApiLink(view_name="api:publication-detail", lookup_field="slug")
    external_url = OptionalURLField(source="url", max_length=500, help_text="Where to read it online.")
    lead_agencies = _agencies(many=True, required=False, help_text="Slugs of the lead agencies.")
    topics = _topics()
    pdf = _pdf_field()
    status = _status_field()
    html_view = "site:publication"
    slug_from = "title"

    class Meta:
        model = m.Publication
        fields = [
            "id", "url", "html_url", "slug", "title", "kind", "date", "date_precision", "lead_agencies", "topics",
            "summary", "isbn", "external_url", "pdf", "status", "published_at", "sources", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["published_at"]
        extra_kwargs = {"slug": {"required": False, "help_text": "Made from the title if omitted."}}


class InitiativeSerializer(RecordSerializer):
    url = ApiLink(view_name="api:initiative-detail", lookup_field="slug")
    website = OptionalURLField(source="url", max_length=500)
    slug_from = "name"

    class Meta:
        model = m.Initiative
        fields = [
            "id", "url", "html_url", "slug", "name", "acronym", "launched", "launched_precision", "description",
            "website", "un_led", "sources", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {"slug": {"required": False, "help_text": "Made from the name if omitted."}}


class TopicSerializer(RecordSerializer):
    url = ApiLink(view_name="api:topic-detail", lookup_field="slug")
    html_view = "site:topic"
    slug_from = "name"

    class Meta:
        model = m.Topic
        fields = ["id", "url", "html_url", "slug", "name", "description", "sources", "updated_at"]
        extra_kwargs = {"slug": {"required": False, "help_text": "Made from the name if omitted."}}


class PendingChangeSerializer(serializers.ModelSerializer):
    """An edit to a live record that waits for a Publisher's review; the record itself is unchanged."""

    kind = serializers.CharField(source="content_type.model", help_text="The kind of record, e.g. `statement`.")
    record = serializers.CharField(source="record_repr", help_text="The record's name.")
    proposed_by = serializers.CharField(source="proposed_by.get_username", default=None, allow_null=True)
    proposed = serializers.SerializerMethodField(help_text="The proposed field values (many-to-many as ids).")
    review_url = serializers.SerializerMethodField(help_text="Where a Publisher reviews it, in the admin.")

    class Meta:
        model = m.PendingChange
        fields = [
            "id", "kind", "object_id", "record", "state", "proposed_by", "proposed_at", "base_version", "proposed",
            "review_comment", "review_url",
        ]  # fmt: skip

    @extend_schema_field({"type": "object", "additionalProperties": True})
    def get_proposed(self, obj):
        return obj.data["fields"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_review_url(self, obj):
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class PendingChangeAcceptedSerializer(serializers.Serializer):
    """The 202 of a write to a live record by someone who may not publish it."""

    detail = serializers.CharField(help_text="Says that the change waits for review and the record is unchanged.")
    pending_change = PendingChangeSerializer()
