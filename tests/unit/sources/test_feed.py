"""RSS 2.0 and Atom: full content preferred to the summary, entry metadata kept."""

from __future__ import annotations

from pathlib import Path

from eventwire.config import Settings
from eventwire.model import Article, Failure
from eventwire.sources import read_inputs

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valley Post</title><link>https://valleypost.example/</link>
<item>
  <title>Council approves new school</title>
  <link>https://www.theguardian.com/education/new-school</link>
  <pubDate>Tue, 08 Mar 2022 09:15:00 GMT</pubDate>
  <dc:creator>Priya Raman</dc:creator>
  <description>A teaser only.</description>
  <content:encoded><![CDATA[<p>The town council approved plans for a new primary school on
  Monday night.</p><p><strong>Related:</strong> <a href="/x">Older school news</a></p>
  <p>Building work starts in the autumn.</p>]]></content:encoded>
</item>
<item>
  <title>Library hours extended</title>
  <link>https://valleypost.example/library</link>
  <description>The central library will open until nine on weekdays from
  &lt;b&gt;April&lt;/b&gt;.</description>
</item>
<item><title>Empty entry</title><link>https://valleypost.example/empty</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Wire</title>
<entry><title>Ferry fares frozen</title><link href="https://www.bbc.co.uk/news/ferries"/>
<id>urn:harbour:1</id><updated>2021-10-02T10:00:00Z</updated>
<published>2021-10-01T08:00:00Z</published><author><name>Tom Reyes</name></author>
<content type="html">&lt;p&gt;Ferry fares will stay at this year's level until
2023, the operator said.&lt;/p&gt;</content></entry>
</feed>
"""


def read(path: Path) -> list[Article | Failure]:
    return list(read_inputs([str(path)], settings=Settings()))


def test_rss_items(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second, third = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.input_name == f"{path}#1"
    assert first.text == ("The town council approved plans for a new primary school on Monday "
                          "night.\n\nBuilding work starts in the autumn.")
    assert first.title == "Council approves new school"
    assert first.url == "https://www.theguardian.com/education/new-school"
    assert first.publisher == "The Guardian"
    assert first.published == "2022-03-08T09:15:00+00:00"
    assert first.authors == ["Priya Raman"]
    assert second.text == "The central library will open until nine on weekdays from April."
    assert second.title == "Library hours extended"
    assert third == Failure(f"{path}#3", "feed entry has neither content nor a summary")


def test_atom_entry(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    [entry] = read(path)
    assert isinstance(entry, Article)
    assert entry.text == "Ferry fares will stay at this year's level until 2023, the operator said."
    assert entry.published == "2021-10-01T08:00:00+00:00"
    assert (entry.authors, entry.publisher) == (["Tom Reyes"], "BBC")


def test_a_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                    "</channel></rss>", encoding="utf-8")
    assert read(path) == [Failure(str(path), "feed has no entries")]
