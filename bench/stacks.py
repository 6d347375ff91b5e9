#!/usr/bin/env python3
"""Shares of a collapsed-stacks profile (bench/probe.sh PROFILE=1): `bench/stacks.py PROFILE REGEX...` prints, for
each regular expression, the share of all samples whose stack has a frame matching it, e.g.
`bench/stacks.py bench/.work/probe/profile.txt MagicLinkSql jackson AccessLog ApiKeyAuthFilter CompileBroker`."""
import re
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
total, hits = 0, {p: 0 for p in sys.argv[2:]}
with open(sys.argv[1]) as profile:
    for line in profile:
        stack, _, count = line.rstrip().rpartition(" ")
        total += int(count)
        for pattern in hits:
            if re.search(pattern, stack):
                hits[pattern] += int(count)
print(f"{total} samples")
for pattern, n in hits.items():
    print(f"{100 * n / max(total, 1):5.1f}%  {pattern}")
