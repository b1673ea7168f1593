"""Every icon name has a valid SVG file that Qt can load and render."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from ui.icons import ICONS, NAMES, icon

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("name", NAMES)
def test_icon_file_is_an_svg_with_a_viewbox(name):
    path = ICONS / f"{name}.svg"
    assert path.is_file(), f"missing {path}"
    root = ET.parse(path).getroot()
    assert root.tag in ("svg", f"{SVG_NS}svg")
    assert root.get("viewBox") == "0 0 24 24"


@pytest.mark.parametrize("name", NAMES)
def test_icon_loads_and_renders_something(qapp, name):
    loaded = icon(name)
    assert not loaded.isNull()
    image = loaded.pixmap(24, 24).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert image.width() > 0 and image.height() > 0
    assert any(
        image.pixelColor(x, y).alpha() > 0 for y in range(image.height()) for x in range(image.width())
    ), f"{name} renders fully transparent"


def test_unknown_icon_name_is_rejected():
    with pytest.raises(KeyError):
        icon("no-such-icon")
