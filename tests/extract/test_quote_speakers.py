"""Speaker attribution, round 3 of #28: statements speak for their issuer, a person right before the cue
speaks whatever qualifies them, 他 goes on only after a person's quote (our own sentences)."""

from __future__ import annotations

P, G, O = "PERSON", "GPE", "ORG"


def test_report_speaks_for_its_issuer(quotes):
    doc = quotes(["人权组织自由之家今天公布年度全球自由报告，评估了两百多个国家和地区。",
                  "报告指出，全球民主已经连续多年衰退，威权国家的影响力正在扩大。"],
                 [("自由之家", O)])
    (q,) = doc.quotes
    assert (q.paragraph, q.speaker_name) == (1, "自由之家")
    assert q.speaker_mention is not None and q.speaker_mention.type == O


def test_statement_issued_in_a_document(quotes):
    doc = quotes(["联合国特派团在一份关于政治进程的声明中指出，联合国支持由文官领导的政府。",
                  "声明还强调，特派团将与所有参与者合作。"],
                 [("联合国特派团", O), ("联合国", O)])
    assert [q.speaker_name for q in doc.quotes] == ["联合国特派团", "联合国特派团"]


def test_document_noun_without_issuer_stays(quotes):
    doc = quotes(["中国在今年的报告中得分不变。", "报告指出，当地的新闻自由继续恶化。"], [("中国", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "报告"  # 在 with no speech verb after 报告中: 中国 did not issue it


def test_person_right_before_cue_over_country(quotes):
    doc = quotes("来自中国西南部省份四川的著名人权律师卢思位周三说，他没能见到自己的当事人。",
                 [("中国", G), ("四川", G), ("卢思位", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "卢思位"


def test_pronoun_after_a_country_quote_is_the_person(quotes):
    doc = quotes(["律师卢思位周三前往深圳。", "中国外交部称，被拘者的权利得到了保障。", "他说，他再次被拒绝进入拘留所。"],
                 [("卢思位", P), ("深圳", G), ("中国外交部", O)])
    assert [(q.paragraph, q.speaker_name) for q in doc.quotes] == [(1, "中国外交部"), (2, "卢思位")]


def test_country_and_agent_noun_speak_as_a_phrase(quotes):
    doc = quotes("日本防疫专家周三认为，疫情反弹可能与放松防疫限制有关。", [("日本", G)])
    (q,) = doc.quotes
    assert (q.speaker_name, q.speaker_mention) == ("日本防疫专家", None)


def test_country_with_office_title_is_not_a_phrase():
    from dataclasses import replace

    from storyline.extract.quotes import QuoteExtractor
    from tests.extract.docs import make_doc

    doc = make_doc(["俄罗斯总统普京周一抵达北京。", "俄罗斯总统表示，两国关系处于历史最好时期。"],
                   [("俄罗斯", G), ("普京", P), ("北京", G)])
    doc.mentions = [replace(m, role_title="总统", country="俄罗斯") if m.text == "普京" else m for m in doc.mentions]
    QuoteExtractor()(doc)
    (q,) = doc.quotes
    assert q.speaker_name == "普京"  # the office holder (resolve_titled), not the phrase 俄罗斯总统


def test_bare_speaker_of_the_cue_clause_over_an_earlier_entity(quotes):
    doc = quotes("俄罗斯与乌克兰之间的谈判以视频方式继续进行，双方代表都表示希望尽快实现停火。",
                 [("俄罗斯", G), ("乌克兰", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "双方代表"


def test_person_inside_a_quotation_is_no_antecedent(quotes):
    doc = quotes(["保安杰奎琳周二在电视上亮相。", "杰奎琳说，她在电梯里遇到了拜登。",
                  "“乔·拜登的心里不只有他自己，”她说。"], [("杰奎琳", P), ("拜登", P), ("乔·拜登", P)])
    assert [(q.paragraph, q.speaker_name) for q in doc.quotes] == [(1, "杰奎琳"), (2, "杰奎琳")]


def test_person_with_english_name_before_the_cue(quotes):
    doc = quotes("美国德国委员会主席史蒂文‧索科尔（Steven Sokol）说，柏林需要在北溪项目上拿出更多诚意。",
                 [("美国", G), ("德国", G), ("史蒂文‧索科尔", P), ("柏林", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "史蒂文‧索科尔"


def test_person_only_modifying_through_de(quotes):
    doc = quotes("“科技股重整旗鼓是件好事，”哈里斯金融集团的管理合伙人考克斯说。", [("哈里斯", P), ("考克斯", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "考克斯"


def test_outlet_reporting_in_its_own_voice(quotes):
    doc = quotes("《纽约时报》4月4日报导指，卫星图像显示这些遗体早在三月中旬就已出现。", [("纽约时报", O)])
    (q,) = doc.quotes
    assert (q.speaker_name, q.via) == ("纽约时报", None)


def test_signed_article_speaks_for_its_author(quotes):
    doc = quotes(["俄罗斯总统普京在新华社发表署名文章。", "文章称，两国正在形成互惠互利的能源联盟。"],
                 [("俄罗斯", G), ("普京", P), ("新华社", O)])
    (q,) = doc.quotes
    assert q.speaker_name == "普京"


def test_author_is_the_person_named_with_an_authors_title(quotes):
    doc = quotes(["记者施特凡撰写的评论以“我就是喜欢体育”为题。", "作者透露，最近几天他的心情完全被比赛牵动。"],
                 [("施特凡", P)])
    (q,) = doc.quotes
    assert q.speaker_name == "施特凡"


def test_court_report_subjects(quotes):
    doc = quotes(["控方开案陈词指，被告曾在商场外高呼口号。", "辩方求情指，被告已真诚悔改。", "这些企业辩称，该法案会破坏供应链。"], [])
    assert [q.speaker_name for q in doc.quotes] == ["控方", "辩方", "这些企业"]


def test_bare_subject_connectives_and_in(quotes):
    doc = quotes(["因为西方盟友认为，制裁力度还远远不够。", "请愿书中说，政府应当立即撤回这项决定。"], [])
    assert [q.speaker_name for q in doc.quotes] == ["西方盟友", "请愿书"]


def test_intermediary_speaker_loses_ju_and_de(quotes):
    doc = quotes("据中国官方媒体的报导指，10名抗议者当庭认罪。", [])
    (q,) = doc.quotes
    assert (q.speaker_name, q.via) == ("中国官方媒体", None)


def test_the_one_an_outlet_cites_speaks_even_when_marked_as_its_object(quotes):
    doc = quotes("《每日电讯报》引述北约秘书长斯托尔滕贝格指出，盟国将加强东翼部署。",
                 [("每日电讯报", "ORG"), ("北约", "ORG"), ("斯托尔滕贝格", "PERSON")])
    (q,) = doc.quotes
    assert (q.speaker_name, q.via) == ("斯托尔滕贝格", "《每日电讯报》")


def test_cited_source_speaks_before_an_outlet_report_cue(quotes):
    doc = quotes("美联社还援引消息人士的话报道称，代表团已经抵达日内瓦。", [("美联社", "ORG"), ("日内瓦", "GPE")])
    (q,) = doc.quotes
    assert (q.speaker_name, q.via) == ("消息人士", "美联社")
    assert q.text == "代表团已经抵达日内瓦"


def test_a_report_naming_no_outlet_is_the_outlet_last_reporting(quotes):
    doc = quotes(["《纽约时报》4月4日报导指，俄军在撤退前布设了地雷。", "报导指，当地居民仍无法返回家园。",
                  "据路透社报道，一名美国官员称，会谈将在日内瓦举行。", "该报道称，双方均派出了高级代表。"],
                 [("纽约时报", "ORG"), ("路透社", "ORG"), ("美国", "GPE"), ("日内瓦", "GPE")])
    assert [(q.paragraph, q.speaker_name) for q in doc.quotes] == [
        (0, "纽约时报"), (1, "纽约时报"), (2, "一名美国官员"), (3, "路透社")]


def test_an_unattributed_report_stays_without_outlet(quotes):
    doc = quotes(["路透社报道，会谈将在日内瓦举行。", "据报道，双方均派出了高级代表。"],
                 [("路透社", "ORG"), ("日内瓦", "GPE")])
    assert [(q.paragraph, q.speaker_name) for q in doc.quotes] == [(0, "路透社")]


def test_outlet_named_as_a_title_after_its_city_speaks(quotes):
    # a press review: the city (and country) only say where the paper is published
    doc = quotes("慕尼黑出版的德国《南方快报》以“新的开始”为题刊文指出，欧洲需要更多的团结。",
                 [("慕尼黑", "GPE"), ("德国", "GPE"), ("南方快报", "ORG"), ("欧洲", "LOC")])
    (q,) = doc.quotes
    assert q.speaker_name == "南方快报"


def test_article_of_a_press_review_speaks_for_the_outlet_quoted_last(quotes):
    doc = quotes(["汉堡出版的《北方周报》写道，能源价格将继续上涨。", "文章最后写道，政府应当尽快出台补贴。"],
                 [("汉堡", "GPE"), ("北方周报", "ORG")])
    assert [q.speaker_name for q in doc.quotes] == ["北方周报", "北方周报"]


def test_descriptor_qualified_through_de_is_the_noun_after_it(quotes):
    doc = quotes("被捕者的律师表示，他们至今无法会见当事人。", [])
    (q,) = doc.quotes
    assert q.speaker_name == "律师" and q.speaker_mention is None


def test_the_company_is_the_one_introduced_by_a_word_of_its_kind(quotes):
    doc = quotes(["德国汽车制造商宝驰宣布暂停在俄罗斯的生产。", "该公司表示，零部件供应已经中断。"],
                 [("德国", G), ("宝驰", O), ("俄罗斯", G)])
    (q,) = doc.quotes
    assert q.speaker_name == "宝驰"


def test_the_company_after_a_kind_read_as_an_organisation_is_the_name(quotes):
    doc = quotes(["据网络安全公司ESET的研究人员称，一款新软件攻击了数百台电脑。", "该公司在声明中说，攻击仍在继续。"],
                 [("网络安全公司", O), ("ESET", O)])
    assert doc.quotes[-1].speaker_name == "ESET"
