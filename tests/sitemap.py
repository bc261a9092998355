"""Reading the sitemap as a crawler does: the index at /sitemap.xml, then every page of every section."""

import xml.etree.ElementTree as ET

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locs(client, host="http://testserver"):
    """Every <loc> of every section page the index lists."""
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    assert index.tag == f"{NS}sitemapindex"
    locs = []
    for section in index.iter(f"{NS}loc"):
        response = client.get(section.text.removeprefix(host))
        assert response.status_code == 200, section.text
        urlset = ET.fromstring(response.content)  # noqa: S314
        assert urlset.tag == f"{NS}urlset"
        locs += [loc.text for loc in urlset.iter(f"{NS}loc")]
    return locs
