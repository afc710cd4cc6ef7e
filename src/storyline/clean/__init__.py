"""Clean stage: RawRecord -> Doc with clean paragraphs, normalised text and sentences."""

from storyline.clean.build import clean_record

__all__ = ["clean_record"]
