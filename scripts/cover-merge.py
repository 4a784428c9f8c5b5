#!/usr/bin/env python3
"""cover-merge.py OLD NEW: carry a cover letter's subject and text over.

NEW is the cover letter that git format-patch --cover-letter just wrote
(with "*** SUBJECT HERE ***" and "*** BLURB HERE ***"); OLD is the one in
the project.  NEW gets OLD's subject and text, and keeps its own fresh
shortlog and diffstat.  Used by export.sh and qemu-export.sh.
"""
import re
import sys

old, new = (open(p).read() for p in sys.argv[1:3])
subj = re.search(r'^Subject: \[[^\]]*\] (.*(?:\n .*)*)', old, re.M).group(1)
body = old.split('\n\n', 1)[1]
m = re.search(r'^\S.* \(\d+\):$', body, re.M)
blurb = body[:m.start()].rstrip('\n') if m else body
new = new.replace('*** SUBJECT HERE ***', subj).replace('*** BLURB HERE ***', blurb.strip('\n'))
with open(sys.argv[2], 'w') as f:
    f.write(new)
