"""Quote attribution on our own sentences (hand-built Docs)."""

from __future__ import annotations

from storyline.extract.quotes import QuoteExtractor

P, G, O = "PERSON", "GPE", "ORG"


def test_speaker_before_direct_quote_with_colon(quotes):
    doc = quotes("普萨基10日说：“我们已经准备好了各种应对方案。”", [("普萨基", P)])
    (q,) = doc.quotes
    assert (q.speaker_name, q.direct, q.cue, q.text) == ("普萨基", True, "说", "我们已经准备好了各种应对方案。")
    assert doc.paragraphs[0].text[q.start : q.end] == q.text  # marks excluded
    assert q.speaker_mention is not None and q.speaker_mention.text == "普萨基"


def test_speaker_after_quote(quotes):
    doc = quotes("“外交的大门依然敞开。如果对方选择战争，我们也做好了准备。”布林肯说。", [("布林肯", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "布林肯" and q.direct and q.text.startswith("外交的大门")


def test_split_quote_around_speaker(quotes):
    doc = quotes("“我们不会接受任何最后通牒，”拉夫罗夫说，“但我们愿意继续谈判。”", [("拉夫罗夫", P)])
    assert [(q.speaker_name, q.text) for q in doc.quotes] == [
        ("拉夫罗夫", "我们不会接受任何最后通牒，"),
        ("拉夫罗夫", "但我们愿意继续谈判。"),
    ]


def test_pronoun_speaker_resolved_to_last_person(quotes):
    doc = quotes(["德国总理朔尔茨9日在柏林接受采访。", "他表示，德国不会向乌克兰提供致命性武器。"],
                 [("德国", G), ("朔尔茨", P), ("柏林", G), ("乌克兰", G)])
    (q,) = doc.quotes
    assert (q.speaker_name, q.paragraph, q.direct) == ("朔尔茨", 1, False)
    assert q.text == "德国不会向乌克兰提供致命性武器"


def test_via_outlet_before_speaker(quotes):
    doc = quotes("据CNN报道，一名美国高级官员称，俄罗斯已在边境附近集结了超过10万名士兵。",
                 [("CNN", O), ("美国", G), ("俄罗斯", G)])
    (q,) = doc.quotes
    assert (q.speaker_name, q.via) == ("一名美国高级官员", "CNN")


def test_outlet_reports_without_ju(quotes):
    doc = quotes("路透社报道，五角大楼发言人柯比8日表示，美国将向波兰增派3000名士兵。",
                 [("路透社", O), ("五角大楼", O), ("柯比", P), ("美国", G), ("波兰", G)])
    (q,) = doc.quotes
    assert (q.speaker_name, q.via) == ("柯比", "路透社")


def test_outlet_as_speaker_when_nobody_else_speaks(quotes):
    doc = quotes("BBC报道称，法国无法主导北约的决定。", [("BBC", O), ("法国", G), ("北约", O)])
    (q,) = doc.quotes
    assert (q.speaker_name, q.via) == ("BBC", None)


def test_nested_reporting(quotes):
    doc = quotes("这位官员说，布林肯告诉拉夫罗夫，如果莫斯科无意开战，就应该撤出军队。",
                 [("布林肯", P), ("拉夫罗夫", P), ("莫斯科", G)])
    got = [(q.speaker_name, q.text) for q in doc.quotes]
    assert got == [
        ("这位官员", "布林肯告诉拉夫罗夫，如果莫斯科无意开战，就应该撤出军队"),
        ("布林肯", "如果莫斯科无意开战，就应该撤出军队"),
    ]


def test_denial_stance_and_continuation_by_same_speaker(quotes):
    doc = quotes("扎哈罗娃否认俄方计划入侵乌克兰，称西方的说法是“谎言”。", [("扎哈罗娃", P), ("俄方", G), ("乌克兰", G)])
    assert [(q.speaker_name, q.text, q.stance) for q in doc.quotes] == [
        ("扎哈罗娃", "俄方计划入侵乌克兰", "deny"),
        ("扎哈罗娃", "西方的说法是“谎言”", "deny"),
    ]


def test_warn_and_demand_stances(quotes):
    doc = quotes(["特拉斯警告称，俄罗斯若进攻乌克兰，将付出代价。", "古特雷斯呼吁各方保持克制。"],
                 [("特拉斯", P), ("俄罗斯", G), ("乌克兰", G), ("古特雷斯", P)])
    assert [q.stance for q in doc.quotes] == ["warn", "demand"]


def test_negated_cue_is_not_a_statement(quotes):
    doc = quotes("拉夫罗夫没有表示莫斯科将缓和局势。", [("拉夫罗夫", P), ("莫斯科", G)])
    assert doc.quotes == []


def test_scare_quotes_are_not_speech(quotes):
    doc = quotes("他已经得到普京的“保证”，局势不会升级。", [("普京", P)])
    assert doc.quotes == []


def test_standalone_quote_paragraph_continues_previous_speaker(quotes):
    doc = quotes(["普京表示，西方忽视了俄罗斯的关切。", "“我们需要找到一种方式来确保各方的安全。”"],
                 [("普京", P), ("俄罗斯", G)])
    assert [(q.speaker_name, q.paragraph, q.direct) for q in doc.quotes] == [("普京", 0, False), ("普京", 1, True)]


def test_quote_date_from_statement_time(quotes):
    doc = quotes("佩斯科夫8日表示，双方未能达成任何协议。", [("佩斯科夫", P)], anchor="2022-02-09")
    from storyline.analyse.time import TimeTagger

    mentions = doc.mentions
    TimeTagger()(doc)  # times for time_for; entity mentions stay hand-made
    doc.mentions = mentions
    QuoteExtractor()(doc)
    (q,) = doc.quotes
    assert q.date == "2022-02-08"


def test_an_anaphoric_descriptor_takes_the_last_descriptor_with_its_noun(quotes):
    doc = quotes(["一名欧盟高级官员表示，制裁清单将在周五前公布。",
                  "一位知情人士说，谈判仍在继续。",
                  "这位官员还说，成员国之间仍有分歧。",
                  "该人士补充说，细节尚未敲定。",
                  "这位发言人拒绝透露更多细节，但称会议将如期举行。"], [("欧盟", O)])
    assert [q.speaker_name for q in doc.quotes] == [
        "一名欧盟高级官员", "一位知情人士", "一名欧盟高级官员", "一位知情人士", "这位发言人"]


def test_pronoun_after_a_new_person_is_that_person_not_the_last_speaker(quotes):
    # the previous paragraph quotes one leader; the next one names another and goes on with 他说
    doc = quotes(["会后，马克龙表示，现在是推动谈判的时候。",
                  "而泽连斯基没那么乐观，他说“我更相信具体的行动。”"], [("马克龙", P), ("泽连斯基", P)])
    assert [q.speaker_name for q in doc.quotes] == ["马克龙", "泽连斯基"]


def test_pronoun_right_after_a_quote_continues_that_speaker(quotes):
    doc = quotes(["欧尔班则说，匈牙利希望和平。", "但他说“制裁不会奏效。”"], [("欧尔班", P), ("匈牙利", G)])
    assert [q.speaker_name for q in doc.quotes] == ["欧尔班", "欧尔班"]


def test_outlet_noun_after_a_country_is_the_speaker(quotes):
    doc = quotes("日本媒体3日报道称，东京的确诊病例连续五天增加。", [("日本", G), ("东京", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "日本媒体" and q.speaker_mention is None


def test_name_with_title_after_it_speaks_not_a_descriptor(quotes):
    doc = quotes("史密斯医生说，这项研究为治疗提供了新的方向。", [("史密斯", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "史密斯"


def test_country_and_office_title_stand_for_the_holder_named_before(quotes):
    doc = quotes(["法国总统马克龙7日抵达莫斯科。", "法国总统表示，欧洲需要新的安全框架。"],
                 [("法国", G), ("马克龙", P), ("莫斯科", G), ("欧洲", G)])
    doc.mentions[1].role_title = "总统"  # the entity stage's title for 法国总统马克龙
    QuoteExtractor()(doc)
    (q,) = doc.quotes
    assert q.speaker_name == "马克龙" and q.speaker_mention is doc.mentions[1]


def test_country_and_office_title_with_no_holder_is_the_phrase(quotes):
    doc = quotes("乌克兰国防部长表示，边境局势仍然紧张。", [("乌克兰", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "乌克兰国防部长" and q.speaker_mention is None


def test_local_officials_of_a_place_speak_as_the_whole_phrase(quotes):
    doc = quotes("马里乌波尔地方官员说，城内的供水已经中断三天。", [("马里乌波尔", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "马里乌波尔地方官员"


def test_authorities_keep_their_first_character(quotes):
    doc = quotes("当局称，所有口岸将于周五重新开放。", [])
    (q,) = doc.quotes
    assert q.speaker_name == "当局"


def test_minister_after_a_ministry_the_entity_stage_cut_off(quotes):
    doc = quotes("卫生部长表示，新的检测中心下周启用。", [("卫生部", O)])
    (q,) = doc.quotes
    assert q.speaker_name == "卫生部长" and q.speaker_mention is None


def test_person_after_a_list_of_titles_speaks_not_the_organisation(quotes):
    doc = quotes("悉尼大学学生、人权活动人士马克·李（Mark Lee）表示，集会将在周六下午举行。",
                 [("悉尼大学", O), ("马克·李", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "马克·李"
