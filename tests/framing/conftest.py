"""The story tests' hand-built stores (our own sentences written through the real writer), loaded
from tests/story/conftest.py by path: test folders are not packages on sys.path."""

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("story_builder", Path(__file__).parent.parent / "story" / "conftest.py")
_mod = importlib.util.module_from_spec(_spec)
sys.modules["story_builder"] = _mod  # dataclasses look their module up
_spec.loader.exec_module(_mod)
Builder, build, store = _mod.Builder, _mod.build, _mod.store
