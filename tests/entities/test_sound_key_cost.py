"""sound_key reads only the pinyin initials of a name: the finals are a second pypinyin pass that
only `sounds_alike` needs (session 16, second performance pass)."""

from pypinyin import Style

from storyline.analyse.entities import names


def test_sound_key_computes_initials_only(monkeypatch):
    styles = []
    real = names.lazy_pinyin

    def spy(name, style=Style.NORMAL, **kw):
        styles.append(style)
        return real(name, style=style, **kw)

    monkeypatch.setattr(names, "lazy_pinyin", spy)
    name = "克罗斯塔维奇"  # invented, not asked before in this process
    names.initials.cache_clear()
    names.syllables.cache_clear()
    key = names.sound_key(name)
    assert key is not None and key[0] == "k"
    assert styles == [Style.INITIALS]
    # sounds_alike still compares finals, and reuses the cached initials
    assert names.sounds_alike(name, "克罗斯达维奇")
    assert styles.count(Style.INITIALS) == 2 and styles.count(Style.FINALS) == 2
