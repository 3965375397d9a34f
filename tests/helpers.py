"""Test helpers: the model as plain data (for golden files)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any


def plain(obj: Any) -> Any:
    """Dataclasses, tuples and dates as JSON-ready data, with each object's type named."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        data = {"type": type(obj).__name__}
        for f in dataclasses.fields(obj):
            data[f.name] = plain(getattr(obj, f.name))
        return data
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj
