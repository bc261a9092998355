"""OpenAPI details the generator cannot infer: error responses, conditional headers, CSV, examples."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong."}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each key names a field or query parameter (or `non_field_errors` / `detail`); "
    "the value is the list of problems with it.",
    "additionalProperties": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
}
ERROR_DESCRIPTIONS = {
    "400": "Bad input: the body names each field or parameter at fault.",
    "401": "Credentials were given but are not valid (or a write was tried without any).",
    "403": "Authenticated, but this role or agency may not make this change.",
    "404": "No such record, or it is not published; or a page past the end.",
    "409": "The change conflicts with other records (e.g. deleting an agency that chaired the group).",
    "412": "If-Match does not match the record's current ETag: nothing was changed.",
    "429": "Too many requests; retry after the number of seconds in the Retry-After header.",
}
WRITES = {"create", "update", "partial_update", "destroy"}
ETAG = OpenApiParameter(
    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=["200", "201"], description="The record's version."
)
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}


class RegistryAutoSchema(AutoSchema):
    def _action(self):
        return getattr(self.view, "action", None)

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        action = self._action()
        if action == "list":
            params.append(
                OpenApiParameter(
                    "format",
                    OpenApiTypes.STR,
                    enum=["json", "csv"],
                    description="`csv` gives the same rows, all of them (no pagination), as CSV with a header row.",
                )
            )
        if action in ("retrieve", "current", "create", "update", "partial_update"):
            params.append(ETAG)
        if action == "retrieve":
            params.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="An ETag from an earlier response: 304 with no body if the record is unchanged.",
                )
            )
        if action in ("update", "partial_update", "destroy"):
            params.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="The ETag you read: the write is refused with 412 if the record changed since.",
                )
            )
        return params

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        action = self._action()
        if action == "list" and "200" in responses:
            csv = {"schema": {"type": "string", "description": "CSV with a header row (with ?format=csv)."}}
            responses["200"]["content"]["text/csv"] = csv
        codes = ["400", "401", "404", "429"]
        if action in WRITES:
            codes += ["403", "409"]
        if action in ("update", "partial_update", "destroy"):
            codes.append("412")
        for code in codes:
            if code in responses:
                continue
            schema = self._component("FieldErrors", FIELD_ERRORS) if code == "400" else self._component("Error", ERROR)
            response = {"description": ERROR_DESCRIPTIONS[code], "content": {"application/json": {"schema": schema}}}
            if code == "429":
                response["headers"] = RETRY_AFTER
            responses[code] = response
        if action in ("update", "partial_update"):
            from registry.api.serializers import PendingChangeAcceptedSerializer

            accepted = self.resolve_serializer(PendingChangeAcceptedSerializer, "response").ref
            responses["202"] = {
                "description": "Accepted for review: the record is live and your role may not publish it, so the "
                "change is kept as a pending change for a Publisher; the record is unchanged (GET returns the "
                "live version) until it is approved.",
                "content": {"application/json": {"schema": accepted}},
            }
        if action == "retrieve":
            responses["304"] = {"description": "Not modified: the If-None-Match tag is still current."}
        return responses

    def _component(self, name, schema):
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
        self.registry.register_on_missing(component)
        return component.ref


def current_chair_schema(view):
    from registry.api.serializers import ChairTermSerializer, NoChairSerializer

    return extend_schema(
        summary="The chair on a date",
        description="The chair term running on `on` (today if omitted). When no term covers the date, a 404 "
        "whose `detail` names the vacancy, with its documented note where there is one; after the group ended "
        "(2018), a 404 whose `detail` says so and whose `group_ended` gives the end (no date today finds a chair).",
        parameters=[
            OpenApiParameter(
                "on",
                OpenApiTypes.DATE,
                description="YYYY-MM-DD; today if omitted.",
                examples=[OpenApiExample("During OHCHR's term", value="2010-10-01")],
            )
        ],
        responses={
            200: ChairTermSerializer,
            404: OpenApiResponse(
                NoChairSerializer,
                description="No chair on record on that date.",
                examples=[
                    OpenApiExample(
                        "A documented vacancy",
                        value={
                            "detail": "No chair on record on 2009-03-01 (documented vacancy, January 2009 – May 2009): "
                            "no agency took the chair.",
                            "on": "2009-03-01",
                            "vacancy": {
                                "start": "2009-01-01",
                                "start_precision": "month",
                                "end": "2009-05-31",
                                "end_precision": "month",
                                "note": "No agency took the chair.",
                            },
                            "group_ended": None,
                        },
                    ),
                    OpenApiExample(
                        "After the group ended",
                        value={
                            "detail": "The Global Migration Group ended in 2018 (replaced by the UN Network on "
                            "Migration); it has had no chair since. Ask for a date with ?on=YYYY-MM-DD.",
                            "on": "2026-01-01",
                            "vacancy": None,
                            "group_ended": {"end": "2018-12-31", "end_precision": "year"},
                        },
                    ),
                ],
            ),
        },
    )(view)


def example_parameter(name, type_, description, **examples):
    """A filter parameter as the filter documents it, with named examples for the docs' "Try it out"."""
    return OpenApiParameter(
        name,
        type_,
        description=description,
        examples=[OpenApiExample(label, value=value) for label, value in examples.items()],
    )


AGENCY_LIST = extend_schema(
    parameters=[
        example_parameter(
            "member_on",
            OpenApiTypes.DATE,
            "Agencies that were members of `body` on this date (YYYY-MM-DD).",
            **{"The ten founding members": "2006-06-30", "Members in mid-2010": "2010-06-30"},
        )
    ]
)
STATEMENT_LIST = extend_schema(
    parameters=[
        example_parameter(
            "year",
            {"type": "integer", "minimum": 1, "maximum": 9999},
            "Year of the statement's date.",
            **{"The High-Level Dialogue year": 2013},
        )
    ]
)
