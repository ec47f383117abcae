"""The store tests' hand-built documents (``tests/unit/store/store_kit.py``), shared here.

Test folders have no ``__init__.py``, so the kit is loaded by path, once, under its own name.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def _load() -> ModuleType:
    if "store_kit" in sys.modules:
        return sys.modules["store_kit"]
    path = Path(__file__).resolve().parents[1] / "store" / "store_kit.py"
    spec = importlib.util.spec_from_file_location("store_kit", path)
    assert spec is not None and spec.loader is not None, f"cannot load {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules["store_kit"] = module
    spec.loader.exec_module(module)
    return module


kit = _load()
