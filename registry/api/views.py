"""Thin ViewSets: each names its queryset, serializer, filters, search and ordering.

What they share (RecordViewSet) is the plumbing of the contract: drafts only for users who may
see them, CSV on lists, ETags and conditional requests, writes recorded with the user in the
revision history, and status changes made only through registry.services.
"""

import datetime
import functools

import reversion
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import GeneratedField, Prefetch, ProtectedError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action, api_view, authentication_classes, permission_classes, schema
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from registry import filters, services
from registry import models as m
from registry.api import serializers
from registry.api.authentication import HashedTokenAuthentication
from registry.api.conditional import etag_for, matches_if_match, matches_if_none_match
from registry.api.exceptions import Conflict, PreconditionFailed, exception_handler
from registry.api.pagination import RegistryPagination
from registry.api.parsers import LimitedJSONParser
from registry.api.permissions import RegistryPermission
from registry.api.renderers import CSVRenderer
from registry.api.schema import AGENCY_LIST, STATEMENT_LIST, RegistryAutoSchema, current_chair_schema
from registry.api.serializers import forget_listed, list_columns, list_slugs, list_sources, listed, listed_sources
from registry.models.agencies import count_named
from registry.models.base import chronological
from registry.permissions import can_add, locked_fields, needs_review

# Longer query values are refused: nothing the API filters on is this long, and a huge search
# string can exhaust the database's pattern limits.
MAX_QUERY_VALUE = 200

# Dates sort at their precision, as on the site: "2006" after the dated days of 2006.
DATE_ORDER = functools.partial(chronological, "date", stored=True)  # statements and publications keep it
START_ORDER = functools.partial(chronological, "start", stored=True)  # events keep it

SLUG = r"[-a-zA-Z0-9_]+"
ID = r"[0-9]+"

DELETE_DESCRIPTION = (
    "Deletes the record and the rows that belong to it (an agency's memberships, a record's sources), "
    "after saving a revision from which an editor can recover it in the admin. Records that merely name it "
    "stay, without the link: a deleted agency is no longer a statement's signatory or a publication's lead "
    "agency, an event it organised has no organiser, its focal points have no agency; a deleted statement is "
    "no longer the original of its translations. Recovering it puts back each of these links where the other "
    "record still exists. A record others cannot do without (an agency that chaired the group or took part "
    "in an event) is not deleted: 409. 204 on success."
)

# Which registry.services transition reaches each status.
TRANSITION_TO = {
    m.Status.DRAFT: services.return_to_draft,
    m.Status.IN_REVIEW: services.submit_for_review,
    m.Status.PUBLISHED: services.publish,
    m.Status.WITHDRAWN: services.withdraw,
}


class LiveSettingsMixin:
    """Error handling and throttles read at request time, so settings can change them (tests, API_THROTTLE=0)."""

    def get_exception_handler(self):
        return exception_handler

    def get_throttles(self):
        return [throttle() for throttle in api_settings.DEFAULT_THROTTLE_CLASSES]


class GivenFiltersBackend(DjangoFilterBackend):
    """django-filter's backend, with a form of only the filters the request names.

    A FilterSet builds a form field for each of its filters, each menu with its queryset, and cleans them
    all, on every request: 1–2 ms for the statements' eight filters when one (`year`) is given. A filter
    that is not given cleans to an empty value and filters nothing (tests/api check it for every FilterSet),
    so leaving it out changes no list and no error. The schema still documents the whole FilterSet.
    """

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        kwargs = self.get_filterset_kwargs(request, queryset, view)
        given = frozenset(name for name in filterset_class.base_filters if name in request.query_params)
        return _with_filters(filterset_class, given)(**kwargs)


@functools.cache
def _with_filters(filterset_class, names):
    """`filterset_class` with only the filters `names` (once per class and set of names: at most 2^8 each)."""
    if names == frozenset(filterset_class.base_filters):
        return filterset_class
    subclass = type(filterset_class.__name__, (filterset_class,), {"__module__": filterset_class.__module__})
    subclass.base_filters = {name: f for name, f in filterset_class.base_filters.items() if name in names}
    return subclass


class RecordViewSet(LiveSettingsMixin, viewsets.ModelViewSet):
    authentication_classes = [HashedTokenAuthentication, SessionAuthentication]  # Token first: 401 names it
    permission_classes = [RegistryPermission]
    pagination_class = RegistryPagination
    filter_backends = [GivenFiltersBackend, filters.RegistrySearchFilter, filters.StrictOrderingFilter]
    renderer_classes = [JSONRenderer, CSVRenderer]
    parser_classes = [LimitedJSONParser]
    schema = RegistryAutoSchema()
    lookup_field = "slug"
    lookup_value_regex = SLUG
    ordering_fields = {}

    def get_queryset(self):
        queryset = self.queryset.visible_to(self.request.user)
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            # The row stays locked until the write's transaction ends (visible_to never uses DISTINCT,
            # which PostgreSQL refuses with FOR UPDATE).
            queryset = queryset.select_for_update(of=("self",))
        elif unshown := _unshown_columns(queryset.model, self.get_serializer_class()):
            # A read leaves out the columns no JSON shows: the generated search columns (on PostgreSQL a
            # statement's search document and text are 2 KB a row, more than its body) and who created and
            # last changed the record, when (each time converted from the database's text on SQLite).
            queryset = queryset.defer(*unshown)
        return queryset.order_by(*queryset.model._meta.ordering, "pk")

    def get_renderers(self):
        if self.action == "list":
            return super().get_renderers()
        return [JSONRenderer()]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_unsafe_query(request.query_params)

    def finalize_response(self, request, response, *args, **kwargs):
        # An error is JSON even when CSV was asked for: a CSV of an error message helps nobody.
        if response.status_code >= 400 and isinstance(getattr(request, "accepted_renderer", None), CSVRenderer):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    def paginate_queryset(self, queryset):
        if isinstance(getattr(self.request, "accepted_renderer", None), CSVRenderer):
            return None  # CSV is the whole filtered list
        return super().paginate_queryset(queryset)

    # Reads ------------------------------------------------------------------------------------

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        tag = etag_for(obj)
        if matches_if_none_match(request.headers.get("If-None-Match", ""), tag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        return Response(self.get_serializer(obj).data, headers={"ETag": tag})

    # Writes -----------------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        if not can_add(request.user, self.queryset.model):
            raise PermissionDenied(_("Your role may not add %s.") % self.queryset.model._meta.verbose_name_plural)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            self.perform_create(serializer)
        obj = serializer.instance
        # DRF's Hyperlink is a str subclass that WSGI servers may refuse as a header value.
        headers = {"ETag": etag_for(obj), "Location": str(serializer.data["url"])}
        return Response(serializer.data, status=status.HTTP_201_CREATED, headers=headers)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            obj = self.get_object()  # locked (select_for_update) until the transaction ends
            self.check_if_match(obj)
            serializer = self.get_serializer(obj, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            self.refuse_locked_fields(obj, serializer.validated_data)
            proposal = needs_review(request.user, obj)
            status_now = getattr(obj, "status", None)
            if proposal and serializer.validated_data.get("status", status_now) != status_now:
                raise PermissionDenied("Only a Publisher may change the status of a live record.")
            self.perform_update(serializer)
        if proposal:
            return self.accepted_for_review(serializer.instance, obj)
        forget_listed(obj)
        return Response(self.get_serializer(obj).data, headers={"ETag": etag_for(obj)})

    def accepted_for_review(self, change, live):
        """202: the write became a pending change; the record (and its ETag) is as it was."""
        body = {
            "detail": f"The {live._meta.verbose_name} “{live}” is live and your role may not publish it: your change "
            "waits for a Publisher's review. GET still returns the live version until it is approved.",
            "pending_change": serializers.PendingChangeSerializer(change, context=self.get_serializer_context()).data,
        }
        live.refresh_from_db()
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"ETag": etag_for(live)})

    @extend_schema(description=DELETE_DESCRIPTION)
    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            obj = self.get_object()
            expected = self.check_if_match(obj)
            try:
                services.delete(
                    obj=obj, user=request.user, expected_version=expected, comment="Deleted through the API."
                )
            except ProtectedError as exc:
                blockers = sorted({str(o._meta.verbose_name_plural) for o in exc.protected_objects})
                message = _("This %(kind)s cannot be deleted while other records refer to it: %(blockers)s.")
                raise Conflict(message % {"kind": obj._meta.verbose_name, "blockers": ", ".join(blockers)}) from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    def check_if_match(self, obj):
        """412 unless If-Match (when sent) names the current ETag; returns the version it stands for."""
        header = self.request.headers.get("If-Match")
        if header is None:
            return None
        if not matches_if_match(header, etag_for(obj)):
            message = _(
                "This %(kind)s has changed since you read it: its ETag is now %(etag)s. "
                "GET it again, reapply your change and retry."
            )
            raise PreconditionFailed(message % {"kind": obj._meta.verbose_name, "etag": etag_for(obj)})
        return services.version_token(obj.updated_at)

    def refuse_locked_fields(self, obj, data):
        """Fields the admin shows this user read-only (a focal point's agency acronym, say) stay as they are."""
        locked = [name for name in locked_fields(self.request.user, obj) if name != "status"]
        changed = [name for name in locked if name in data and data[name] != getattr(obj, name)]
        if changed:
            raise PermissionDenied(_("Your role may not change: %s.") % ", ".join(changed))

    def perform_create(self, serializer):
        self.write(serializer, "Added through the API.")

    def perform_update(self, serializer):
        changed = ", ".join(sorted(name for name in serializer.validated_data if name != "status")) or "nothing"
        self.write(serializer, f"Changed through the API: {changed}.")

    def write(self, serializer, comment):
        """The save and any status change are one write: one revision, and both or neither."""
        target = serializer.validated_data.pop("status", None)
        with reversion.create_revision():
            obj = serializer.save(user=self.request.user, comment=comment)
            self.change_status(obj, target, comment)

    def change_status(self, obj, target, comment):
        """A status change is a workflow step: only registry.services makes it, with its rules."""
        if target is None or target == getattr(obj, "status", target):
            return
        try:
            TRANSITION_TO[target](obj=obj, user=self.request.user, comment=f"{comment} {m.Status(target).label}.")
        except DjangoValidationError as exc:
            raise ValidationError({"status": exc.messages}) from None


# Editorial's record of who created and last changed a record, and when: no serializer shows them but
# `updated_at` (the version, the ETag's source).
AUDIT_COLUMNS = ("created_at", "created_by", "updated_by")


@functools.cache
def _unshown_columns(model, serializer_class):
    """The model's generated columns (the search documents) and audit columns that the serializer does not show."""
    shown = set(serializer_class.Meta.fields)
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if (isinstance(field, GeneratedField) or field.name in AUDIT_COLUMNS) and field.name not in shown
    )


def slugs_of(name, model):
    """Prefetch the related records that the JSON names by slug (signatories, topics), with only their slugs.

    Their other columns (names and descriptions in six languages) cost more to load than the rest of a
    page. Built per request: the model's ordering may name a translated field, sorted in the request's
    language, as the relation itself sorts it.
    """
    return listed(name, model.objects.only("slug"), rows=True)


def refuse_unsafe_query(params: QueryDict):
    """NUL bytes (which PostgreSQL refuses) and over-long values are a 400, before any query runs."""
    for key, values in params.lists():
        for value in [key, *values]:
            if "\x00" in value:
                raise ValidationError({key.replace("\x00", "\\0"): [_("NUL characters are not allowed.")]})
            if len(value) > MAX_QUERY_VALUE:
                raise ValidationError({key[:50]: [_("At most %d characters are allowed.") % MAX_QUERY_VALUE]})


@extend_schema_view(list=AGENCY_LIST)
class AgencyViewSet(RecordViewSet):
    """Member agencies of the Global Migration Group (and of the earlier Geneva Migration Group)."""

    queryset = m.Agency.objects.prefetch_related(listed_sources())
    serializer_class = serializers.AgencySerializer
    filterset_class = filters.AgencyFilter
    ordering_fields = {"acronym": "acronym", "name": "name", "kind": "kind", "updated_at": "updated_at"}

    # The memberships' columns the JSON shows (not `created_at`, `published_at` and `updated_at`, each a
    # datetime converted from the database's text on SQLite).
    MEMBERSHIP_COLUMNS = [name for name in serializers.AgencyMembershipSerializer.Meta.fields if name != "url"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":  # a list reads them, and the sources, for its page (paginate_queryset)
            return queryset.prefetch_related(None)
        # Per request: published() compares with the time now (in a class attribute, with the time of import).
        memberships = m.Membership.objects.published().only("agency", *self.MEMBERSHIP_COLUMNS)
        return queryset.prefetch_related(listed("memberships", memberships))

    def paginate_queryset(self, queryset):
        # The page's memberships as rows of the shown columns, one query (list_columns), not prefetched.
        page = super().paginate_queryset(queryset)
        records = page if page is not None else list(queryset)
        list_columns(records, "memberships", m.Membership.objects.published(), self.MEMBERSHIP_COLUMNS)
        list_sources(records)
        return page


class MembershipViewSet(RecordViewSet):
    """Time-bounded memberships of agencies in the GMG or the Geneva Migration Group."""

    queryset = m.Membership.objects.select_related("agency").prefetch_related(listed_sources())
    serializer_class = serializers.MembershipSerializer
    filterset_class = filters.MembershipFilter
    lookup_field = "pk"
    lookup_value_regex = ID
    ordering_fields = {"start": "start", "end": "end", "agency": "agency__acronym", "updated_at": "updated_at"}


class ChairTermViewSet(RecordViewSet):
    """The rotating chair: one term at a time, held by one agency or by co-chairs (`holders`), with gaps
    shown as 'no chair on record'. `agency` is the first holder, as before co-chairs."""

    queryset = m.ChairTerm.objects.with_holders().with_first_holder_acronym().prefetch_related(listed_sources())
    serializer_class = serializers.ChairTermSerializer
    filterset_class = filters.ChairTermFilter
    lookup_field = "pk"
    lookup_value_regex = ID
    ordering_fields = {"start": "start", "end": "end", "agency": "first_holder_acronym", "updated_at": "updated_at"}

    @current_chair_schema
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def current(self, request):
        on = _date_param(request, "on", default=timezone.localdate())
        term = self.get_queryset().on(on).first()
        if term is not None:
            return Response(self.get_serializer(term).data, headers={"ETag": etag_for(term)})
        ended = m.BODY_ENDS[m.Body.GMG]
        if ended.date < on:
            detail = _(
                "The Global Migration Group ended in %(ended)s (%(followed)s); it has had no chair "
                "since %(ended)s. Ask for a date before then with ?on=YYYY-MM-DD."
            ) % {"ended": ended.display, "followed": _(ended.what_followed)}
            group_ended = serializers.BodyEndSerializer(ended).data
            body = {"detail": detail, "on": on, "vacancy": None, "group_ended": group_ended}
            return Response(body, status=status.HTTP_404_NOT_FOUND)
        vacancy = m.ChairVacancy.objects.published().active_on(on).order_by("start").first()
        if vacancy is not None:
            detail = _("No chair on record on %(on)s (documented vacancy, %(period)s): %(note)s") % {
                "on": on.isoformat(), "period": vacancy.period_display, "note": vacancy.note,
            }  # fmt: skip
        else:
            detail = _("No chair on record on %(on)s.") % {"on": on.isoformat()}
        vacancy_data = serializers.VacancySerializer(vacancy).data if vacancy else None
        body = {"detail": detail, "on": on, "vacancy": vacancy_data, "group_ended": None}
        return Response(body, status=status.HTTP_404_NOT_FOUND)


def _date_param(request, name, default):
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    field = forms.DateField(input_formats=["%Y-%m-%d"])
    try:
        value = field.clean(raw)
    except forms.ValidationError:
        raise ValidationError({name: [_("Enter a valid date in the form YYYY-MM-DD.")]}) from None
    assert isinstance(value, datetime.date)
    return value


class ReportedTotalViewSet(RecordViewSet):
    """Totals of members that sources reported without naming them all (22 UN entities in 2018), each with
    the number of agencies this registry names for that date."""

    queryset = m.ReportedTotal.objects.prefetch_related(listed_sources())
    serializer_class = serializers.ReportedTotalSerializer
    filterset_class = filters.ReportedTotalFilter
    lookup_field = "pk"
    lookup_value_regex = ID
    search_fields = ["note"]
    ordering_fields = {"date": "date", "total": "total", "updated_at": "updated_at"}

    def paginate_queryset(self, queryset):
        # Count the named members of a whole page at once (count_named), never once per row.
        page = super().paginate_queryset(queryset)
        count_named(page if page is not None else list(queryset))
        return page


@extend_schema_view(list=STATEMENT_LIST)
class StatementViewSet(RecordViewSet):
    """Joint statements, statements delivered at events and position papers."""

    queryset = m.Statement.objects.select_related("event", "translation_of").prefetch_related(listed_sources())
    serializer_class = serializers.StatementSerializer
    filterset_class = filters.StatementFilter
    ordering_fields = {"date": DATE_ORDER, "title": "title", "updated_at": "updated_at"}

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":  # a list reads them, and the sources, for its page (paginate_queryset)
            queryset = queryset.prefetch_related(None)
        else:
            queryset = queryset.prefetch_related(slugs_of("signatories", m.Agency), slugs_of("topics", m.Topic))
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            # The JSON names the event and the original by slug: their other columns (titles, summaries and
            # bodies in six languages, 5 KB a row) cost more to read than the statements' own. A write
            # reads them whole, for the model's validation.
            queryset = queryset.defer(*_beside_slug("event", m.Event), *_beside_slug("translation_of", m.Statement))
        return queryset

    def paginate_queryset(self, queryset):
        # The page's signatories and topics as slugs, a query each (list_slugs), not prefetched as rows.
        page = super().paginate_queryset(queryset)
        records = page if page is not None else list(queryset)
        list_slugs(records, "signatories")
        list_slugs(records, "topics")
        list_sources(records)
        return page


def _beside_slug(relation, model):
    """`relation`'s columns other than its key and its slug, to defer."""
    return [f"{relation}__{field.name}" for field in model._meta.concrete_fields if field.name not in ("id", "slug")]


class WorkingGroupViewSet(RecordViewSet):
    """Working groups, co-chaired by two agencies, with their members and activities."""

    queryset = m.WorkingGroup.objects.prefetch_related("activities", listed_sources())
    serializer_class = serializers.WorkingGroupSerializer
    filterset_class = filters.WorkingGroupFilter
    ordering_fields = {"name": "name", "established": "established", "updated_at": "updated_at"}

    def get_queryset(self):
        # Per request: published() compares with the time now (in a class attribute, with the time of import).
        roles = m.WorkingGroupRole.objects.published().select_related("agency")
        return super().get_queryset().prefetch_related(Prefetch("roles", queryset=roles))


class EventViewSet(RecordViewSet):
    """Principals' meetings, working-level meetings, symposia and the wider processes' meetings."""

    queryset = m.Event.objects.select_related("organiser").prefetch_related("participations__agency", listed_sources())
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    ordering_fields = {"start": START_ORDER, "title": "title", "updated_at": "updated_at"}


class PublicationViewSet(RecordViewSet):
    """Reports, handbooks and briefs."""

    queryset = m.Publication.objects.prefetch_related(listed_sources())
    serializer_class = serializers.PublicationSerializer
    filterset_class = filters.PublicationFilter
    ordering_fields = {"date": DATE_ORDER, "title": "title", "updated_at": "updated_at"}

    def get_queryset(self):
        return super().get_queryset().prefetch_related(slugs_of("lead_agencies", m.Agency), slugs_of("topics", m.Topic))


class InitiativeViewSet(RecordViewSet):
    """Related processes outside the group (GCIM, GFMD, HLD, ICPD, the Berne Initiative)."""

    queryset = m.Initiative.objects.prefetch_related(listed_sources())
    serializer_class = serializers.InitiativeSerializer
    ordering_fields = {"name": "name", "launched": "launched", "updated_at": "updated_at"}


class TopicViewSet(RecordViewSet):
    """Themes that statements and publications are about."""

    queryset = m.Topic.objects.prefetch_related(listed_sources())
    serializer_class = serializers.TopicSerializer
    ordering_fields = {"name": "name", "updated_at": "updated_at"}


@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@authentication_classes([])
@schema(None)
def not_found(request, *args, **kwargs):
    """Any other address under the API answers JSON, like the rest of it."""
    raise NotFound(
        _("No API resource at %(path)r; see %(root)s.")
        % {"path": request.path[:200], "root": request.build_absolute_uri("/api/v1/")}
    )
