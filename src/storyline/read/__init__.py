"""Read stage: bytes on disk -> RawRecord(s). Chooses a reader by sniffing content."""

from storyline.read.dispatch import read_file

__all__ = ["read_file"]
