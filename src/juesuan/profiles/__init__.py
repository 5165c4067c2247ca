"""Report profiles: what the reports of one template, region and years look like, as data.

``builtin()`` loads the profiles shipped in ``profiles/data``; ``load_file`` adds a
user's file (``--profile FILE``); ``choose`` picks the profile a report matches by its
content. Every stage after the reader takes the chosen profile instead of naming a
table's rows or columns itself.
"""

from .load import DATA, ProfileSet, builtin, load_file
from .match import choose, forced
from .schema import Profile, TableSpec, labels, layout_columns, norm
from .select import profile_of, shipped

__all__ = [
    "DATA",
    "Profile",
    "ProfileSet",
    "TableSpec",
    "builtin",
    "choose",
    "forced",
    "labels",
    "layout_columns",
    "load_file",
    "norm",
    "profile_of",
    "shipped",
]
