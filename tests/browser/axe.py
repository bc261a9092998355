"""The one accessibility check the browser tests share: axe's serious and critical violations."""

from axe_playwright_python.sync_playwright import Axe

SERIOUS = ("serious", "critical")
WIDTHS = (390, 1280)

_axe = Axe()


def serious(page):
    """axe on the page as it is now: each serious or critical violation as 'rule: help (count) [first targets]'."""
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}) {[n['target'] for n in v['nodes'][:4]]}"
        for v in _axe.run(page).response["violations"]
        if v["impact"] in SERIOUS
    ]


def serious_violations(page, widths=WIDTHS):
    """{width: problems} for each width (phone and desktop) where the page has any; the desktop width after."""
    problems = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        if bad := serious(page):
            problems[width] = bad
    page.set_viewport_size({"width": 1280, "height": 900})
    return problems
