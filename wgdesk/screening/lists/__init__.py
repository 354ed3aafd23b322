"""Sanctions list loaders: the UN consolidated XML, the OFAC SDN legacy CSV files and
FollowTheMoney entity files.

`load_path` reads a file or a folder and tells the formats apart by content; every
problem is a `ListError` (a bad file is a `ListFormatError` naming file and position).
The FtM loader is `wgdesk.screening.lists.ftm.load_ftm_json`, imported only when an FtM
file is read: the `followthemoney` package takes seconds to import, which no command
reading only the UN and OFAC lists should pay.
"""

from wgdesk.screening.lists.detect import detect_format, load_file, load_path
from wgdesk.screening.lists.errors import FetchError, ListError, ListFormatError, StoreError
from wgdesk.screening.lists.ofac import load_ofac_csv
from wgdesk.screening.lists.un import load_un_xml

__all__ = [
    "FetchError",
    "ListError",
    "ListFormatError",
    "StoreError",
    "detect_format",
    "load_file",
    "load_ofac_csv",
    "load_path",
    "load_un_xml",
]
