#!/usr/bin/env python3
"""Checks an HTML report written by interleave: check_html.py FILE [--bugs N].
Self-contained (no script, no external URL except the SVG namespace), well-formed enough
for html.parser, one <section> per finding (or per bug of an exploration), each with an
SVG timeline (a bug's section may have several: where its verdict happened, then the
findings of its execution), <title> tooltips, and marked events or blocked threads.
With --bugs N: exactly N bug sections, each with the replay command of its token."""
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
        self.sections = []  # [id, number of svg, replay paragraphs]

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "section":
            self.sections.append([dict(attrs).get("id", ""), 0, 0])
        elif tag == "svg" and self.sections:
            self.sections[-1][1] += 1
        elif tag == "p" and dict(attrs).get("class") == "replay" and self.sections:
            self.sections[-1][2] += 1
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
for sid, nsvg, _ in p.sections:
    if nsvg == 0 or (nsvg > 1 and not sid.startswith("bug-")):
        fail("section %s has %d svg" % (sid, nsvg))
if p.tags.get("svg", 0) != sum(n for _, n, _ in p.sections):
    fail("svg outside the sections")
if "--bugs" in sys.argv:
    want = int(sys.argv[sys.argv.index("--bugs") + 1])
    bugs = [s for s in p.sections if s[0].startswith("bug-")]
    if len(bugs) != want:
        fail("%d bug sections, not %d" % (len(bugs), want))
    for sid, _, replay in bugs:
        if replay != 1:
            fail("section %s has no replay command" % sid)
    tokens = re.findall(r"interleave replay (ilv1-[A-Za-z0-9_-]+) -- ", text)
    if len(set(tokens)) < want:
        fail("%d distinct replay tokens for %d bugs" % (len(set(tokens)), want))
if not p.tags.get("title", 0) > p.tags.get("svg", 0):
    fail("no tooltips")
if 'class="ev mark"' not in text and 'class="blocked"' not in text:
    fail("nothing highlighted")
print("check_html: ok, %d sections" % p.tags["section"])
