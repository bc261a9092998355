"""A query's SQL made once per shape and run with each request's values (`compiled`).

Building a queryset and compiling it cost Django 0.3-0.5 ms a query on the agency pages at scale 100, where
SQLite ran most of those queries in 0.03-0.1 ms: an agency's page is ten small queries. What changes from one
request to the next is only values (the agency's key, the dates of a total, the time `published()` compares
with), so the SQL is made once per shape and kept; rows never are.

The checks are those of the search's shapes (registry/search.py `_Shape`): the query is compiled once with a
stand-in for each value (`holes`) and once with the values, and kept only if both give the same SQL and the
stand-ins' parameters, filled with the values, give exactly the values' parameters (same types). A parameter
that is a time is "now" only if it falls within the compiling (`published()`); a date or a time that is
neither a stand-in nor now would be kept for good, so such a shape is not kept. A shape that fails a check
is remembered as such, and its queries are built the usual way from then on.

`make(*values)` must put each value in the query as a parameter and nothing else derived from it (a year
computed from a date would be kept as it was the first time): the shape's key says what else the SQL depends
on, with the language and the database added here.
"""

import collections
import copy
import datetime
import threading

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.expressions import Col, Value
from django.db.models.query import FlatValuesListIterable, ModelIterable, NamedValuesListIterable, ValuesListIterable
from django.utils import timezone, translation

SHAPES = 256  # shapes kept per process (least recently used dropped first)

# Stand-ins: no key, date or text of the registry is one of them. The integers are positive and fit in 32 bits:
# Django finds nothing for a value out of a column's range (a negative object_id) without asking the database.
_INT_HOLE = 2_000_000_011
_DATE_HOLE = datetime.date(1001, 1, 1)
_TEXT_HOLE = "\ue000{}\ue001"
_NOW = object()  # the slot of "now"
_NEVER = object()  # a shape that failed its checks


def compiled(model, key, make, values):
    """The records (or rows) of `make(*values)`, a queryset of `model`, as a list: its SQL made once per `key`.

    `values` are ints, dates or texts (anything else: the query is built the usual way)."""
    values = list(values)
    kinds = tuple(_KINDS.get(type(value)) for value in values)
    if None in kinds:
        return list(make(*values))
    database = router.db_for_read(model)
    key = (model, key, kinds, translation.get_language(), database)
    shape = _shapes.get(key)
    if shape is _NEVER:
        return list(make(*values))
    if shape is not None:
        return shape.run(values, database)
    records = make(*values)
    _shapes.put(key, _Shape.make(records, make, values, kinds, database) or _NEVER)
    return list(records)


_KINDS = {int: int, datetime.date: datetime.date, str: str}


def _holes(kinds):
    holes = []
    for i, kind in enumerate(kinds):
        if kind is int:
            holes.append(_INT_HOLE + i)
        elif kind is datetime.date:
            holes.append(_DATE_HOLE + datetime.timedelta(days=i))
        else:
            holes.append(_TEXT_HOLE.format(i))
    return holes


class _Shape:
    def __init__(self, model, compiler, sql, slots, iterable, fields, names):
        self.model, self.compiler, self.sql, self.slots = model, slim(compiler), sql, slots
        self.iterable, self.fields, self.names = iterable, fields, names

    @classmethod
    def make(cls, records, make, values, kinds, database):
        """The shape of `records` (`make(*values)`), or None where a check fails."""
        if records._prefetch_related_lookups or records._known_related_objects or records.query.combinator:
            return None  # a prefetch's queryset, or instances set on each record, are not SQL
        if records._iterable_class not in _ITERABLES:
            return None  # modeltranslation's rows of values read the queryset's own attributes
        connection = connections[database]
        start = timezone.now()
        try:
            compiler = records.query.get_compiler(database)
            sql, params = compiler.as_sql()
            template = make(*_holes(kinds)).query.get_compiler(database)
            template_sql, template_params = template.as_sql()
        except EmptyResultSet:
            return None
        end = timezone.now()
        holes = {(type(hole), hole): i for i, hole in enumerate(_holes(kinds))}
        dates = {(str, str(hole)): i for (kind, hole), i in holes.items() if kind is datetime.date}
        slots = [_slot(param, holes, dates, connection, start, end) for param in template_params]
        if template_sql != sql or None in slots:
            return None
        query = records.query
        names = (tuple(query.extra_select), tuple(query.values_select), tuple(query.annotation_select))
        shape = cls(records.model, template, sql, slots, records._iterable_class, records._fields, names)
        now = next((param for slot, param in zip(slots, params, strict=True) if slot is _NOW), None)
        filled = shape.params(values, connection, now and time_of(now, connection))
        if len(filled) != len(params) or not all(
            type(a) is type(b) and a == b for a, b in zip(filled, params, strict=True)
        ):
            return None
        return shape

    def params(self, values, connection, now=None):
        params, adapted_now = [], None
        for slot in self.slots:
            if slot is _NOW:
                if adapted_now is None:
                    adapted_now = connection.ops.adapt_datetimefield_value(now or timezone.now())
                params.append(adapted_now)
            elif isinstance(slot, _Value):
                value = values[slot.index]
                params.append(value if slot.convert is None else slot.convert(value))
            else:
                params.append(slot)
        return params

    def run(self, values, database):
        connection = connections[database]
        records = QuerySet(self.model, query=_Compiled(self, self.params(values, connection)), using=database)
        records._iterable_class, records._fields = self.iterable, self.fields
        return list(records)


_ITERABLES = frozenset({ModelIterable, ValuesListIterable, NamedValuesListIterable, FlatValuesListIterable})


class _Value(tuple):
    """A slot filled with `values[index]`, converted as the database takes it (`convert`: a date as text on SQLite,
    an integer in psycopg's Int4 or Int8 on PostgreSQL), or as it is (None)."""

    index = property(lambda self: self[0])
    convert = property(lambda self: self[1])


def _slot(param, holes, dates, connection, start, end):
    """Where a template's parameter comes from; None when that is not clear."""
    i = holes.get((type(param), param))
    if i is not None:
        return _Value((i, None))
    i = dates.get((type(param), param))
    if i is not None:
        return _Value((i, str))
    if isinstance(param, int) and not isinstance(param, bool) and type(param) is not int:
        i = holes.get((int, int(param)))
        if i is not None:
            return _Value((i, type(param)))  # psycopg's Int4, Int8…: the type checked against the values' own
    if now_like(param, connection, start, end):
        return _NOW
    if isinstance(param, datetime.date | datetime.time) or (isinstance(param, str) and "\ue000" in param):
        return None  # a time other than now would be kept for good; a text hole changed on its way
    if isinstance(param, str) and _looks_like_time(param):
        return None
    if isinstance(param, int) and abs(param - _INT_HOLE) < 100_000:
        return None  # a stand-in changed on its way (added to, say)
    return param


def _looks_like_time(text):
    try:
        datetime.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def now_like(param, connection, start, end):
    value = time_of(param, connection)
    try:
        return value is not None and start <= value <= end
    except TypeError:  # naive and aware
        return False


def time_of(param, connection):
    """The time `param` is, when it is a DateTimeField's value as the database takes it."""
    value = param
    if isinstance(param, str):
        try:
            value = datetime.datetime.fromisoformat(param)
        except ValueError:
            return None
        if settings.USE_TZ and timezone.is_naive(value):
            value = timezone.make_aware(value, connection.timezone)
    if not isinstance(value, datetime.datetime) or connection.ops.adapt_datetimefield_value(value) != param:
        return None
    return value


def slim(compiler):
    """What of a compiled compiler turns rows into records (select, klass_info, annotation_col_map, col_count…),
    without the query and its expressions (a search's shape of ten words held about 200 KiB with them).

    An annotation is read as its output field says (the converters of `get_converters`); that is all the
    rows need of it once the SQL is compiled."""
    slim = copy.copy(compiler)
    slim.query = slim.where = slim.having = slim.qualify = slim.connection = None
    slim.select = [
        (expression if isinstance(expression, Col) else Value(None, output_field=expression.output_field), None, alias)
        for expression, _sql, alias in compiler.select
    ]
    return slim


class _Compiled:
    """Stands in for a queryset's Query whose SQL is made already: its compiler gives that SQL, and it names
    the selected columns as the Query did (for rows of values)."""

    def __init__(self, shape, params):
        self.shape, self.params = shape, params
        self.extra_select, self.values_select, self.annotation_select = (dict.fromkeys(n) for n in shape.names)
        self.values_select = tuple(self.values_select)

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = copy.copy(self.shape.compiler)
        compiler.connection, compiler.using = connections[using], using
        compiler.as_sql = self.as_sql
        return compiler

    def as_sql(self, *args, **kwargs):
        return self.shape.sql, self.params


class Shapes:
    """The shapes, least recently used first; shared by the threads of a process."""

    def __init__(self, size):
        self.size, self.shapes, self.lock = size, collections.OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            shape = self.shapes.get(key)
            if shape is not None:
                self.shapes.move_to_end(key)
            return shape

    def put(self, key, shape):
        with self.lock:
            self.shapes[key] = shape
            while len(self.shapes) > self.size:
                self.shapes.popitem(last=False)

    def clear(self):
        with self.lock:
            self.shapes.clear()


_shapes = Shapes(SHAPES)
