import pytest


@pytest.fixture(autouse=True)
def _restore_ignores():
    """The shared fixture restores registered sources; the coverage ignores are restored here."""
    from privacy_center.registry import site

    saved = dict(site.ignored)
    yield
    site.ignored.clear()
    site.ignored.update(saved)
