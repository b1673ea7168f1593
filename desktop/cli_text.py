"""What the command line prints: one sentence in the user's language."""

from __future__ import annotations

import sys
from typing import TextIO

from storage.messages import ZH, current_language


def say(zh: str, en: str, file: TextIO | None = None) -> None:
    """Print `zh` or `en`, as the user's language is (standard output unless `file`)."""
    print(zh if current_language() == ZH else en, file=file or sys.stdout)
