"""Names people type or paste that could break markup, layout or reading order."""

from __future__ import annotations

MARKUP_NAMES = [
    "<b>Bold</b> Farmers Union",
    '<font size="72" color="red">Loud</font> Network',
    "Women & Children <Rights> Org",
    "<script>alert('x')</script> Watch",
    "Tom &amp; Jerry &lt;Club&gt;",
]
LONG_NAME = ("Coalition of Community Radio Stations for Rural Development " * 90)[:5000]
RTL_OVERRIDE_NAME = "Evil\u202eProC Association"
CONTROL_NAME = "Bell\x07 and\x1b Escape\x00 Group"
