#!/usr/bin/env python3
"""Checks an HTML report written by interleave: check_html.py FILE.
Self-contained (no script, no external URL except the SVG namespace), well-formed enough
for html.parser, one <section> per finding, an SVG timeline with <title> tooltips, and
marked events or blocked threads."""
import html.parser
import re
import sys


def fail(msg):
    sys.exit("check_html: %s: %s" % (sys.argv[1], msg))


with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()


class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = {}
        self.stack = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k in ("src", "href") and v and not v.startswith("#"):
                fail("external reference %s=%s" % (k, v))
            if k.startswith("on"):
                fail("event handler attribute %s" % k)


p = P()
p.feed(text)
if p.tags.get("script") or p.tags.get("link") or p.tags.get("iframe") or p.tags.get("img"):
    fail("script, link, iframe or img element")
urls = [u for u in re.findall(r"https?://[^\"' <>]+", text) if u != "http://www.w3.org/2000/svg"]
if urls:
    fail("external URLs: %s" % urls[:3])
if not p.tags.get("section"):
    fail("no finding section")
if p.tags.get("svg", 0) != p.tags.get("section", 0):
    fail("%d svg for %d sections" % (p.tags.get("svg", 0), p.tags.get("section", 0)))
if not p.tags.get("title", 0) > p.tags.get("svg", 0):
    fail("no tooltips")
if 'class="ev mark"' not in text and 'class="blocked"' not in text:
    fail("nothing highlighted")
print("check_html: ok, %d sections" % p.tags["section"])
