"""storyline: Chinese-language news into a source-attributed record of what happened."""

__version__ = "0.1.0"
