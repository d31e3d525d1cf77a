"""The axe-core helper is real: it reports violations on a deliberately bad page."""

import pytest

BAD_PAGE = "<html><body><img src='logo.png'><button></button></body></html>"
GOOD_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Fine</title></head>
<body><main><h1>Fine</h1><img src="logo.png" alt="Filament &amp; Form"><button type="button">Buy</button></main></body>
</html>"""


@pytest.mark.e2e
def test_axe_check_fails_on_a_bad_page(page, axe_check):
    page.set_content(BAD_PAGE)
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page)
    report = str(failure.value)
    assert "image-alt (critical)" in report
    assert "button-name (critical)" in report
    assert "-> img" in report and "-> button" in report


@pytest.mark.e2e
def test_axe_check_passes_a_good_page(page, axe_check):
    page.set_content(GOOD_PAGE)
    axe_check(page)


@pytest.mark.e2e
def test_phone_page_is_phone_sized(phone_page):
    phone_page.set_content(GOOD_PAGE)
    assert phone_page.viewport_size["width"] < 500
    assert phone_page.evaluate("() => window.matchMedia('(pointer: coarse)').matches")
