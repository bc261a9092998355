import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request activates its language in this thread; put English back so no other test sees French."""
    with translation.override("en"):
        yield
