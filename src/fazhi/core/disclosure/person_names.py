"""Finding the names of natural persons in free text, for the disclosure gate's masking.

法释〔2016〕19号 第九条 (STATUTES.md §masking): persons other than the party are published as
surname + 某.  The gate is told the persons a case record lists (``known_names``); this module finds
the ones it is not told about — a witness, a neighbour, a clerk named only in the narrative.

How: jieba (MIT; its dictionary and HMM ship inside the PyPI package, nothing is downloaded) cuts
the text into words with part-of-speech tags.  A word becomes a name when

- jieba tags it as a person (``nr``/``nrfg``/``nrt``) and it starts with a surname from the table
  below — or jieba split it (欧阳 | 明月, 李 | 小红) and the pieces make surname + given name;
- and it is not a common word that jieba's dictionary happens to tag ``nr`` (文明, 许可, 陈述,
  查明 — two-character dictionary words, which are names only next to a cue such as 证人), nor the
  start of a place or organisation (华容区, 张家湾村, 金山食品有限公司, 李宁牌);
- rare surnames (和, 时, 常, 于 …, which are also everyday words) need a cue: a role before the
  name (证人, 村民, 经办人 …), a title or a speech verb after it (科长, 称, 证实 …).

What counts as a place (documented for the corpus in tests/disclosure/corpus/names.jsonl): a word
followed by a division, street or building suffix (区 县 市 镇 乡 村 路 街 巷 湾 …) or that ends
with one is a place, also when a surname starts it (张家湾村, 王家墩, 李庄).  Company, shop and
brand names (a word followed, through other nouns, by 公司/店/厂/牌 …) are not persons either.

The dictionary is loaded once, on first use (about a second), and results are cached per
sentence, since published decisions repeat their boilerplate.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

__all__ = ["COMPOUND_SURNAMES", "SURNAMES", "find_person_names"]

# Two-character surnames (欧阳娜娜 → 欧阳某某).
_COMPOUND_SURNAME_TEXT = """
欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政
濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 司寇 巫马
公西 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 东郭 南门 羊舌
微生 梁丘 左丘 东门 西门 第五 南荣 东里 即墨 达奚 褚师 单于 呼衍 陆费
"""
COMPOUND_SURNAMES = frozenset(_COMPOUND_SURNAME_TEXT.split())

# The common single surnames (about nine people in ten bear one of these): a name jieba tags is
# taken on its own.
_COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方邹熊白孟秦邱侯江尹薛闫阎段雷黎史龙陶"
    "贺顾毛郝龚邵万钱严覃武戴莫孔汤向常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈"
    "匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖"
    "练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘"
    "亓修邰赫杭况宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信"
    "展阴昝智幸奉植衡富尧闭由赖"
)
# Surnames that are also everyday words or common name-internal characters: a name that starts
# with one is only taken next to a cue ("时间", "和平", "常规", "于是", "明确", "平安", "国家" …).
_CUE_ONLY_SURNAMES = frozenset("和时常于明平国安成全向原来都公华海花宁强路连利信由万")
SURNAMES = frozenset(_COMMON_SURNAMES)

# Roles that introduce a natural person in administrative texts (笔录, 决定书, 答复, 复议决定).
_CUES_BEFORE_TEXT = """
    证人 村民 居民 群众 经办人 经手人 联系人 举报人 投诉人 申请人 被申请人 第三人 被申请人
    代理人 委托代理人 法定代表人 负责人 主要负责人 执法人员 执法人 承办人 记录人 询问人 被询问人
    检查人 见证人 陪同人 在场人 签收人 送达人 受送达人 翻译人 审核人 审批人 当事人之妻 妻子 丈夫
    儿子 女儿 父亲 母亲 其妻 其夫 其子 其女 之妻 之夫 之子 之女 员工 店员 职工 工人 雇员 厨师
    收银员 营业员 业务员 驾驶员 司机 业主 房东 租户 顾客 消费者 患者 会计 出纳 保安 店主 老板
    股东 监事 董事 经理 厂长 校长 园长 站长 所长 科长 局长 队长 主任 书记 组长 同志 先生 女士
    邻居 亲属 同事 网友 用户 学生 家长 医生 护士 律师 律师助理 监护人 法官 书记员 审判员 姓名
    本人 系 之母 之父 其母 其父 侄子 侄女 外甥 孙子 孙女 爱人 老婆 老公 合伙人 专员 教授 药师
    人员 工作人员 民警 公证员 车主 第三人 叫 名叫 我叫 他叫 她叫 代表 经营者
    """
_CUES_BEFORE = frozenset(_CUES_BEFORE_TEXT.split())
# A title, a speech verb or a contact word right after a name is a cue too.
_CUES_AFTER_TEXT = """
    科长 局长 队长 所长 站长 主任 书记 经理 厂长 股长 处长 组长 校长 院长 同志 先生 女士 老师
    医生 师傅 律师 称 说 证实 作证 陈述称 签字 签名 签收 确认 表示 承认 供述 辩称 反映 介绍
    电话 手机 联系电话 身份证 身份证号 系 等人 夫妇 一家 本人 到场 在场 未到场 主持 出具 陪同
    提交 提供 负责 代为 授课 出示 协助 配合 签收 送达 接受
    """
_CUES_AFTER = frozenset(_CUES_AFTER_TEXT.split())
# Words jieba's dictionary tags as persons that are not persons in these texts.
_NOT_NAMES_TEXT = """
    申请人 许可 陈述 查明 文明 明白 道德 公正 顾问 顾客 师傅 保健 康复 养老 过敏 杜绝 张贴 修正
    廉政 光荣 荣誉 权威 封锁 宣言 阳光 卫星 王朝 陆军 小姐 和尚 雷达 黄金周 立法权 古建筑 青少年
    周转 陈列 陈设 林立 通达 周密 关怀 祝贺 华丽 史实 高峰 高潮 高明 齐全 安静 安危 宁可 宁静
    诸如 范畴 康复 慈善 向阳 黎明 容纳 原谅 卓越 晋升 养老 金黄 马匹 朱红 满怀 蓬勃 英俊 石英
    常德 洪湖 黄石 麻城 梁山 罗田 阳新 钟祥 洪山 桂林 柏林 嘉兴 金山 华容 明德 高新 万达
    王老吉 李宁 老干妈 周黑鸭 张小泉 王守义 李锦记 杨国福 陶华碧 谭木匠 马应龙 曹操 宋江
    江南 江北 汉江 长江 黄河 秦岭 金秋 金融 白天 白银 石油 石化 万元 万余 万件 项目 任务 任何
    任意 周边 周年 周末 周期 周一 周二 周三 周四 周五 周六 周日 程序 程度 于是 于此 方面 方式
    方法 方案 高度 高温 成本 成品 成果 段落 曾经 江湖 龙头 严重 严格 严厉 卢比 毛重 毛利 包装
    关于 关闭 关联 宁夏 黄冈 孝感 咸宁 荆门 荆州 宜昌 襄阳 十堰 恩施 随州 仙桃 天门 潜江 鄂州
    武汉 葛店 葛洲坝 华为 苏宁 国美 沃尔玛 华润 万科 格力 美的 海尔 康师傅 娃哈哈 雷克萨斯
    """
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
# A name never ends with these (they end places, organisations, brands and titles instead).
_NOT_NAME_PREFIXES = tuple(w for w in _NOT_NAMES if len(w) >= 3)
_NOT_LAST = frozenset("区县市镇乡村路街巷湾庄屯省局厅署所站队处科股校厂店司牌社馆场港证费款")
# Words right after a person's name that show it is really a place, an organisation or a brand.
_PLACE_OR_ORG_NEXT_TEXT = """
    区 县 市 镇 乡 村 路 街 巷 弄 湾 庄 屯 桥 港 湖 河 山 岭 坡 岗 寨 堡 集 垸 畈 铺 店 厂 场 园
    街道 社区 小区 大道 广场 花园 大桥 公园 新村 村委会 居委会 牌 品牌 商标 系列 集团 分局
    """
_PLACE_OR_ORG_NEXT = frozenset(_PLACE_OR_ORG_NEXT_TEXT.split())
_ORG_SUFFIXES = (
    "公司",
    "集团",
    "分公司",
    "店",
    "厂",
    "超市",
    "商行",
    "经营部",
    "门市部",
    "批发部",
    "事务所",
    "合作社",
    "工作室",
    "中心",
    "医院",
    "诊所",
    "药房",
    "学校",
    "银行",
    "酒店",
    "饭店",
    "餐馆",
    "宾馆",
    "市场",
    "广场",
    "大厦",
    "分局",
    "商场",
    "农场",
    "协会",
    "基地",
    "加工坊",
    "作坊",
)
# Nouns that may stand between a name-like word and an organisation's suffix (金山|食品|有限公司).
_NOUN_FLAGS = frozenset({"n", "nz", "ns", "nt", "nr", "nrt", "nrfg", "vn", "j", "l", "ng", "an"})
_PERSON_FLAGS = frozenset({"nr", "nrfg", "nrt"})
# Tags a given name cut off by jieba may carry (李|小红/nr, 廖|振华/nz, 夏侯|婷婷/z); a common noun
# or verb of the dictionary (楚|韵律) is not one.
_GIVEN_FLAGS = frozenset({"nr", "nrfg", "nrt", "nz", "z", "ng", "a", "ag", "b", "ns"})
# Tags of a word inside a cued candidate that show it is not a given name (当事人|曾多次).
_NOT_GIVEN_FLAGS = frozenset({"m", "mq", "p", "c", "u", "uj", "ul", "q", "r", "f", "t"})
# Single characters that end a name-like run of words: particles, prepositions, conjunctions,
# verbs of reporting (张三称, 李四向, 王五和).
_FUNCTION_CHARS = frozenset(
    "的地得了着过在和与及或跟同向对把被将从自到于为是系有无也都均又亦即却因并且而等称说问答讲某"
    "经已曾再还就才只仅则便乃之其此该本各每该这那哪谁你我他她它们个位名人"
)
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# Transliterated minority and foreign names keep their parts apart with a middle dot (艾力·买买提,
# 阿卜杜拉·艾尼): in these texts such a run is always a person.
_TRANSLITERATED_RE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:[·•・][\u4e00-\u9fff]{1,6})+")
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;\n]*|[。！？!?；;\n]+")

_lock = threading.Lock()
_tokenizer: Any = None
_dictionary: dict[str, int] = {}


def _posseg() -> Any:
    """jieba's part-of-speech tokenizer, built once (its dictionary takes about a second)."""
    global _tokenizer, _dictionary
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba
                import jieba.posseg

                jieba.setLogLevel(logging.WARNING)
                base = jieba.Tokenizer()
                base.initialize()
                tokenizer = jieba.posseg.POSTokenizer(base)
                # Roles and legal terms that jieba would otherwise cut into a surname and a word.
                for word in ("经办人", "被申请人", "申请人", "执法人员", "承办人", "送达人"):
                    tokenizer.add_word(word, 2000, "n")
                _dictionary = base.FREQ
                _tokenizer = tokenizer
    return _tokenizer


def _tokens(sentence: str) -> list[tuple[int, str, str]]:
    """(start, word, flag) for every word of the sentence."""
    out: list[tuple[int, str, str]] = []
    pos = 0
    for pair in _posseg().cut(sentence):
        word, flag = pair.word, pair.flag
        found = sentence.find(word, pos)
        if found < 0:  # pragma: no cover - jieba returns the sentence cut into pieces
            continue
        out.append((found, word, flag))
        pos = found + len(word)
    return out


def _surname_length(word: str) -> int:
    """Length of the surname a word starts with (2 for 欧阳…), or 0."""
    if len(word) >= 3 and word[:2] in COMPOUND_SURNAMES:
        return 2
    if word[:1] in SURNAMES:
        return 1
    return 0


def _is_org_or_place_ahead(tokens: list[tuple[int, str, str]], j: int) -> bool:
    """Whether the words from ``j`` on make the name part of a place or an organisation."""
    if j >= len(tokens):
        return False
    word = tokens[j][1]
    if word in _PLACE_OR_ORG_NEXT:
        return True
    # Through up to three nouns to an organisation's suffix: 金山|食品|有限公司, 王记|副食店.
    for k in range(j, min(j + 4, len(tokens))):
        _, word, flag = tokens[k]
        if any(suffix in word for suffix in _ORG_SUFFIXES):
            return True
        if flag not in _NOUN_FLAGS and not (flag.startswith("n") and len(word) > 1):
            return False
    return False


def _cue_before(tokens: list[tuple[int, str, str]], i: int) -> bool:
    """A role word before the name, perhaps across a colon or a list (证人张三、李四)."""
    k = i - 1
    while k >= 0 and tokens[k][1] in {"：", ":", " ", "　", "（", "("}:
        k -= 1
    if k < 0:
        return False
    word = tokens[k][1]
    if word in _CUES_BEFORE or (len(word) >= 2 and word[-2:] in _CUES_BEFORE):
        return True
    # 证人张三、李四、王五: the cue carries over a list of names.
    return word in {"、", "和", "及", "与"} and k >= 1 and tokens[k - 1][2] in _PERSON_FLAGS


def _cue_after(tokens: list[tuple[int, str, str]], j: int) -> bool:
    k = j
    while k < len(tokens) and tokens[k][1] in {" ", "　", "（", "("}:
        k += 1
    return k < len(tokens) and tokens[k][1] in _CUES_AFTER


def _candidates(tokens: list[tuple[int, str, str]]) -> Iterator[tuple[int, int, int, bool]]:
    """(start, end, index of the next word, whether jieba tagged it a person) of name-like runs."""
    for i, (start, word, flag) in enumerate(tokens):
        if not _HAN.match(word):
            continue
        if flag in _PERSON_FLAGS and 2 <= len(word) <= 4 and word not in COMPOUND_SURNAMES:
            j = i + 1
            end = start + len(word)
            # jieba cut a compound surname's given name short (欧阳明|月): take the character.
            if (
                word[:2] in COMPOUND_SURNAMES
                and len(word) == 3
                and j < len(tokens)
                and len(tokens[j][1]) == 1
                and _HAN.match(tokens[j][1])
                and tokens[j][1] not in _FUNCTION_CHARS
                and tokens[j][2] not in {"v", "p", "c", "u", "uj", "ul", "d", "r", "f", "x"}
            ):
                end += 1
                j += 1
            yield start, end, j, True
        elif (word in COMPOUND_SURNAMES or (len(word) == 1 and word in SURNAMES)) and i + 1 < len(
            tokens
        ):
            # jieba split the name: surname | given name (李|小红, 欧阳|娜娜).
            _, nxt, nflag = tokens[i + 1]
            if (
                1 <= len(nxt) <= 2
                and _HAN.match(nxt)
                and not any(ch in _FUNCTION_CHARS for ch in nxt)
                and (nflag in _GIVEN_FLAGS or nxt not in _dictionary)
                and nxt not in _CUES_AFTER
            ):
                yield start, start + len(word) + len(nxt), i + 2, flag in _PERSON_FLAGS


# Text before a name that introduces a person: a role word, or any word ending in a role
# character (记录人, 被询问人, 执业药师, 环保专员), perhaps with a colon between.
_ROLE_BEFORE_RE = re.compile(
    "(?:"
    + "|".join(sorted(_CUES_BEFORE, key=len, reverse=True))
    + r"|[\u4e00-\u9fff](?:人|员|师|长|者))"
    r"(?:是|为)?[：: ]?$"
)
# How far back a role word may start: the longest role, 是/为 and a colon.
_ROLE_WINDOW = max(map(len, _CUES_BEFORE)) + 2
# What may follow a name found through a cue: punctuation, a digit, the end, or a function word.
_AFTER_NAME_CHARS = frozenset("在于对和与及未已向称说为等的是从到把被将也都就曾不再又")


def _given_name_ok(given: str) -> bool:
    return bool(_HAN.match(given)) and not any(ch in _FUNCTION_CHARS for ch in given)


def _boundary(sentence: str, end: int, starts: set[int], verbs: set[int]) -> bool:
    """Whether a name can end at ``end``: punctuation, a function word or a verb follows."""
    if end >= len(sentence):
        return True
    ch = sentence[end]
    if not ("\u4e00" <= ch <= "\u9fff") or ch in _AFTER_NAME_CHARS:
        return True
    return end in verbs or (end in starts and any(sentence.startswith(w, end) for w in _CUES_AFTER))


def _common_word_inside(
    tokens: list[tuple[int, str, str]], start: int, end: int, surname: int
) -> bool:
    """Whether jieba reads the candidate as ordinary words: the surname is the start of a common
    dictionary word (消费者|权益日), or the given name is a numeral, adverb or verb (曾|多次)."""
    for t_start, word, flag in tokens:
        if (
            t_start == start
            and len(word) > surname
            and t_start + len(word) <= end + 1
            and word in _dictionary
            and flag not in _PERSON_FLAGS
            and flag != "ns"
        ):
            return True
        if t_start == start + surname and t_start + len(word) == end and flag in _NOT_GIVEN_FLAGS:
            return True
    return False


def _cued_name(sentence: str, p: int, starts: set[int], verbs: set[int]) -> tuple[int, int] | None:
    """The name that starts at ``p`` right after a cue: surname + 1–2 characters, the longest
    that ends where a word ends."""
    surname = _surname_length(sentence[p : p + 4])
    if not surname:
        return None
    for given in (2, 1):
        end = p + surname + given
        if end > len(sentence) or not _given_name_ok(sentence[p + surname : end]):
            continue
        if _boundary(sentence, end, starts, verbs):
            return p, end
    return None


def _transliterated(sentence: str, starts: set[int], verbs: set[int]) -> list[tuple[int, int]]:
    """Dotted names, cut where a word before them ends (翻译人员|艾力·买买提|为…)."""
    out: list[tuple[int, int]] = []
    for m in _TRANSLITERATED_RE.finditer(sentence):
        start, end = m.span()
        first_dot = next(i for i in range(start, end) if sentence[i] in "·•・")
        # The first part starts right after a role word (the nearest one before the dot), or else
        # at the latest word start that leaves it two characters or more.
        for s in range(first_dot - 2, start - 1, -1):
            if _ROLE_BEFORE_RE.search(sentence, max(0, s - _ROLE_WINDOW), s):
                start = s
                break
        else:
            start = max((s for s in starts if start <= s <= first_dot - 2), default=start)
        last_dot = max(i for i in range(start, end) if sentence[i] in "·•・")
        for e in range(last_dot + 2, end + 1):
            if _boundary(sentence, e, starts, verbs):
                end = e
                break
        out.append((start, end))
    return out


def _names_in_sentence(sentence: str) -> list[tuple[int, int]]:
    tokens = _tokens(sentence)
    by_start = {t[0]: n for n, t in enumerate(tokens)}
    starts = set(by_start)
    verbs = {t[0] for t in tokens if t[2][:1] in {"v", "p", "d", "c", "u"}}
    spans: list[tuple[int, int, bool]] = []  # (start, end, cued)
    for start, end, j, tagged in _candidates(tokens):
        i = by_start[start]
        cued = _cue_before(tokens, i) or _cue_after(tokens, j)
        if not tagged and not cued:
            continue
        if _is_org_or_place_ahead(tokens, j):
            continue
        spans.append((start, end, cued))
    # Names right after a role word or in a list after one: the cue decides, not jieba's tags.
    p = 0
    while p < len(sentence):
        m = _ROLE_BEFORE_RE.search(sentence, max(0, p - _ROLE_WINDOW), p) if p else None
        listed = bool(spans) and any(e == p - 1 and sentence[p - 1] == "、" for _, e, _ in spans)
        if (m is not None or listed) and "\u4e00" <= sentence[p] <= "\u9fff":
            found = None
            # 证人和李四: a conjunction is not the surname when a name follows it.
            if sentence[p] in "和与及同向对于在":
                found = _cued_name(sentence, p + 1, starts, verbs)
            found = found or _cued_name(sentence, p, starts, verbs)
            if found is not None and _common_word_inside(
                tokens, found[0], found[1], _surname_length(sentence[found[0] : found[1]])
            ):
                found = None
            if found is not None:
                j = by_start.get(found[1], len(tokens))
                if j >= len(tokens) or not _is_org_or_place_ahead(tokens, j):
                    spans.append((found[0], found[1], True))
                    p = found[1] + 1
                    continue
        p += 1
    found_names = _transliterated(sentence, starts, verbs)
    # Cued spans first, then longer ones: they decide where a name ends.
    for start, end, cued in sorted(spans, key=lambda s: (not s[2], s[0] - s[1])):
        name = sentence[start:end]
        surname = _surname_length(name)
        if not surname or len(name) - surname not in (1, 2) or "某" in name:
            continue
        if name in _NOT_NAMES or name[-1] in _NOT_LAST or name[surname:] in _CUES_AFTER:
            continue
        if any(sentence.startswith(w, start) for w in _NOT_NAME_PREFIXES):
            continue  # 周黑鸭, 王老吉
        if end < len(sentence) and sentence[end] == "某":
            continue  # 李某某 is masked already; 向张|某 is not a name
        if (name[:surname] in _CUE_ONLY_SURNAMES or name in _dictionary) and not cued:
            continue
        if any(a < end and start < b for a, b in found_names):
            continue
        found_names.append((start, end))
    return sorted(found_names)


@lru_cache(maxsize=4096)
def _sentence_names(sentence: str) -> tuple[tuple[int, int], ...]:
    """Name spans of one sentence, found again in the masked sentence until nothing new appears.

    Masking a name changes the words around it (jieba cuts 张某称 differently from 张三称), so the
    search runs on its own output until that is stable: masking the output again changes nothing.
    """
    spans: set[tuple[int, int]] = set()
    current = sentence
    for _ in range(8):
        new = [s for s in _names_in_sentence(current) if not any(a <= s[0] < b for a, b in spans)]
        if not new:
            break
        for start, end in new:
            spans.add((start, end))
            keep = _surname_length(current[start:end]) or 1
            current = current[: start + keep] + "某" * (end - start - keep) + current[end:]
    return tuple(sorted(spans))


def find_person_names(text: str) -> list[tuple[int, int]]:
    """Spans of natural persons' names in ``text`` (Han names of 2–4 characters)."""
    out: list[tuple[int, int]] = []
    for m in _SENTENCE_RE.finditer(text):
        if not any("\u4e00" <= ch <= "\u9fff" for ch in m.group()):
            continue
        base = m.start()
        out.extend(
            (base + s, base + e)
            for s, e in _sentence_names(m.group())
            # Right after a number a "surname" is a unit: 罚款2000元整, 3号楼, 5万人.
            if not (base + s > 0 and text[base + s - 1].isdigit())
        )
    return out
