"""Static reference data of the Ezhou 2019 scenario: governments, departments, townships, places,
and the word pools the generator combines.

Sources and what is real (see also docs/figures.md):
- Governments and townships: names and 12-digit 统计用区划代码 from the National Bureau of
  Statistics table as of 2019-10-31 (published 2020-02-25), as transcribed in the public dataset
  modood/Administrative-divisions-of-China (``dist/streets.csv`` at that release). NBS writes
  "碧石镇"; the town's own name is 碧石渡镇, which is what Fazhi shows.
- Which townships the two development-zone committees administer (托管) is the scenario's reading of
  the 2019 arrangement; the statistical codes of those townships stay under their district.
- The 36 city departments are the post-reform (2019) line-up of 鄂州市人民政府's working departments
  as far as public sources show it; flags (enforcement body, issuing body) are plausible, not an
  official list.
- Villages and communities: the real village-level table was not available here; one village with
  a verified code (泽林村) is real, the others are generated names (no code) in the place-name
  patterns of the area, unique per township.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The day the scenario's figures describe, and the day the third round of village legal advisers
# started (seed: "2019年4月，我市启动第三轮村（社区）法律顾问工作").
AS_OF = date(2019, 12, 31)
ADVISER_ROUND_START = date(2019, 4, 1)
RISK_SCHEME = "市场监管"
RISK_SOURCE = "鄂州市市场监督管理局（导入）"
PROCEDURE_NOTE = "本场景按现行程序规则处理，非 2019 年当时的程序。"


def words(text: str) -> tuple[str, ...]:
    """A word pool written as one space-separated string."""
    return tuple(text.split())


# Seed figures the scenario reproduces (the full-size defaults of the builder).
SEED_ENTITIES = 105_672
SEED_OFFICERS = 1_779
SEED_LAWYERS = 64
SEED_GRASSROOTS = 13
SEED_PLACES = 362
SEED_CITY_DEPARTMENTS = 36


@dataclass(frozen=True)
class Gov:
    code: str
    name: str
    short_name: str
    level: str
    parent: str | None
    division_code: str = ""
    # The 6-digit GB/T 2260 code used for USCCs and ID numbers of this area (zones: their district).
    area6: str = ""
    may_issue_documents: bool = True
    # Share of the scenario's market entities registered here.
    entity_share: int = 0


PROVINCE = Gov(
    "420000000000", "湖北省人民政府", "湖北省", "province", None, "420000000000", "420000"
)
CITY = Gov(
    "420700000000", "鄂州市人民政府", "鄂州市", "city", PROVINCE.code, "420700000000", "420700"
)
DISTRICTS = (
    Gov(
        "420704000000",
        "鄂州市鄂城区人民政府",
        "鄂城区",
        "district",
        CITY.code,
        "420704000000",
        "420704",
        entity_share=45,
    ),
    Gov(
        "420703000000",
        "鄂州市华容区人民政府",
        "华容区",
        "district",
        CITY.code,
        "420703000000",
        "420703",
        entity_share=18,
    ),
    Gov(
        "420702000000",
        "鄂州市梁子湖区人民政府",
        "梁子湖区",
        "district",
        CITY.code,
        "420702000000",
        "420702",
        entity_share=10,
    ),
)
ZONES = (
    Gov(
        "GDKFQ",
        "葛店经济技术开发区管理委员会",
        "葛店开发区",
        "zone",
        CITY.code,
        "",
        "420703",
        entity_share=17,
    ),
    Gov(
        "LKJJQ",
        "鄂州临空经济区管理委员会",
        "临空经济区",
        "zone",
        CITY.code,
        "",
        "420704",
        entity_share=10,
    ),
)
TOP_LEVEL = (PROVINCE, CITY, *DISTRICTS, *ZONES)


@dataclass(frozen=True)
class Township:
    parent: str  # code of the district or zone
    division9: str  # NBS 9-digit code; the 12-digit 统计用区划代码 is this + "000"
    short_name: str
    kind: str  # subdistrict (街道), town (镇), township (乡), area (类似乡级单位)
    communities: int
    villages: int

    @property
    def division_code(self) -> str:
        return f"{self.division9}000"

    @property
    def name(self) -> str:
        parent = next(g for g in TOP_LEVEL if g.code == self.parent)
        if self.kind == "subdistrict":
            return f"{parent.short_name}{self.short_name}办事处"
        if self.kind == "area":
            return f"{self.short_name}管理办公室"
        return f"{parent.short_name}{self.short_name}人民政府"


_EC, _HR, _LZH = (d.code for d in DISTRICTS)
_GD, _LK = (z.code for z in ZONES)

TOWNSHIPS = (
    # 鄂城区 — NBS 2019: 凤凰/古楼/西山街道, 泽林…长港镇, 沙窝乡, 鄂州经济开发区
    Township(_EC, "420704001", "凤凰街道", "subdistrict", 14, 0),
    Township(_EC, "420704002", "古楼街道", "subdistrict", 10, 0),
    Township(_EC, "420704003", "西山街道", "subdistrict", 8, 0),
    Township(_EC, "420704400", "鄂州经济开发区", "area", 6, 0),
    Township(_EC, "420704100", "泽林镇", "town", 0, 24),
    Township(_EC, "420704101", "杜山镇", "town", 0, 14),
    Township(_EC, "420704102", "新庙镇", "town", 0, 19),
    Township(_EC, "420704103", "碧石渡镇", "town", 0, 16),
    Township(_EC, "420704104", "汀祖镇", "town", 0, 18),
    Township(_EC, "420704107", "花湖镇", "town", 0, 14),
    Township(_EC, "420704108", "长港镇", "town", 0, 18),
    # 临空经济区 — 托管 (codes remain 鄂城区's)
    Township(_LK, "420704105", "燕矶镇", "town", 0, 18),
    Township(_LK, "420704106", "杨叶镇", "town", 0, 13),
    Township(_LK, "420704200", "沙窝乡", "township", 0, 11),
    # 华容区
    Township(_HR, "420703100", "华容镇", "town", 0, 21),
    Township(_HR, "420703101", "葛店镇", "town", 0, 6),
    Township(_HR, "420703102", "庙岭镇", "town", 0, 14),
    Township(_HR, "420703103", "段店镇", "town", 0, 16),
    Township(_HR, "420703200", "临江乡", "township", 0, 11),
    Township(_HR, "420703201", "蒲团乡", "township", 0, 11),
    # 葛店经济技术开发区 — NBS lists the zone's own area as 葛店开发区 (类似乡级单位) under 华容区
    Township(_GD, "420703400", "葛店开发区", "area", 15, 0),
    # 梁子湖区
    Township(_LZH, "420702100", "太和镇", "town", 0, 17),
    Township(_LZH, "420702101", "东沟镇", "town", 0, 14),
    Township(_LZH, "420702102", "梁子镇", "town", 0, 8),
    Township(_LZH, "420702103", "涂家垴镇", "town", 0, 13),
    Township(_LZH, "420702104", "沼山镇", "town", 0, 10),
    Township(_LZH, "420702400", "梧桐湖新区", "area", 3, 0),
)

# Villages and communities whose name and 12-digit code were verified in public sources.
REAL_PLACES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "420704100": (("泽林村", "420704100215", "village"),),
}


@dataclass(frozen=True)
class Dept:
    suffix: str  # the code is "<government 6-digit or zone code>-<suffix>"
    name: str  # a template: {d} the government's short name
    short_name: str
    enforces: bool
    may_issue_documents: bool
    officers: int = 0  # relative weight of the officer pool
    fields: str = ""  # 执法领域 printed on the credential


CITY_DEPARTMENTS = (
    Dept("BGS", "鄂州市人民政府办公室", "市政府办公室", False, True),
    Dept("FGW", "鄂州市发展和改革委员会", "市发改委", True, True, 15, "价格、能源、粮食流通"),
    Dept("JYJ", "鄂州市教育局", "市教育局", True, True, 20, "教育"),
    Dept("KJJ", "鄂州市科学技术局", "市科技局", True, True, 6, "科学技术"),
    Dept("JXJ", "鄂州市经济和信息化局", "市经信局", True, True, 15, "工业和信息化"),
    Dept("GAJ", "鄂州市公安局", "市公安局", True, True, 150, "公安行政管理"),
    Dept("MZJ", "鄂州市民政局", "市民政局", True, True, 15, "民政"),
    Dept("SFJ", "鄂州市司法局", "市司法局", True, True, 15, "司法行政"),
    Dept("CZJ", "鄂州市财政局", "市财政局", True, True, 15, "财政"),
    Dept("RSJ", "鄂州市人力资源和社会保障局", "市人社局", True, True, 30, "劳动保障监察"),
    Dept(
        "ZRZYGHJ",
        "鄂州市自然资源和规划局",
        "市自然资源和规划局",
        True,
        True,
        70,
        "自然资源、城乡规划",
    ),
    Dept("STHJ", "鄂州市生态环境局", "市生态环境局", True, True, 70, "生态环境保护"),
    Dept("ZJJ", "鄂州市住房和城乡建设局", "市住建局", True, True, 50, "住房和城乡建设"),
    Dept("CGW", "鄂州市城市管理执法委员会", "市城管执法委", True, True, 60, "城市管理"),
    Dept("JTYSJ", "鄂州市交通运输局", "市交通运输局", True, True, 120, "交通运输"),
    Dept("SLHPJ", "鄂州市水利和湖泊局", "市水利和湖泊局", True, True, 40, "水利、湖泊保护"),
    Dept("NYNCJ", "鄂州市农业农村局", "市农业农村局", True, True, 80, "农业农村"),
    Dept("SWJ", "鄂州市商务局", "市商务局", True, True, 15, "商务"),
    Dept("WHLYJ", "鄂州市文化和旅游局", "市文旅局", True, True, 30, "文化、旅游、体育"),
    Dept("WJW", "鄂州市卫生健康委员会", "市卫健委", True, True, 60, "卫生健康"),
    Dept("TYJRSWJ", "鄂州市退役军人事务局", "市退役军人事务局", False, True),
    Dept("YJGLJ", "鄂州市应急管理局", "市应急管理局", True, True, 40, "安全生产、应急管理"),
    Dept("SJJ", "鄂州市审计局", "市审计局", True, True, 12, "审计"),
    Dept("GZW", "鄂州市人民政府国有资产监督管理委员会", "市国资委", False, True),
    Dept(
        "SCJG",
        "鄂州市市场监督管理局",
        "市市场监管局",
        True,
        True,
        220,
        "市场监管、食品药品、知识产权",
    ),
    Dept("TJJ", "鄂州市统计局", "市统计局", True, True, 10, "统计"),
    Dept("YBJ", "鄂州市医疗保障局", "市医保局", True, True, 20, "医疗保障"),
    Dept("LYJ", "鄂州市林业局", "市林业局", True, True, 25, "林业"),
    Dept("JRJ", "鄂州市地方金融工作局", "市金融局", False, True),
    Dept("XFJ", "鄂州市信访局", "市信访局", False, False),
    Dept("ZWFWJ", "鄂州市政务服务和大数据管理局", "市政务服务和大数据局", False, True),
    Dept("RFB", "鄂州市人民防空办公室", "市人防办", True, True, 10, "人民防空"),
    Dept("MZZJJ", "鄂州市民族宗教事务局", "市民宗局", True, True, 6, "民族宗教"),
    Dept(
        "ZHZFZD",
        "鄂州市城市管理和文化市场综合执法支队",
        "市综合执法支队",
        True,
        False,
        160,
        "城市管理、文化市场、环境保护（集中行使）",
    ),
    Dept("JGSWJ", "鄂州市机关事务管理局", "市机关事务局", False, False),
    Dept("FPB", "鄂州市人民政府扶贫开发办公室", "市扶贫办", False, True),
)

DISTRICT_DEPARTMENTS = (
    Dept("SFJ", "鄂州市{d}司法局", "{d}司法局", True, True, 5, "司法行政"),
    Dept("SCJG", "鄂州市{d}市场监督管理局", "{d}市场监管局", True, True, 100, "市场监管、食品药品"),
    Dept("STHJ", "鄂州市生态环境局{d}分局", "{d}生态环境分局", True, False, 15, "生态环境保护"),
    Dept("CGJ", "鄂州市{d}城市管理执法局", "{d}城管执法局", True, True, 60, "城市管理"),
    Dept("NYNCJ", "鄂州市{d}农业农村局", "{d}农业农村局", True, True, 25, "农业农村"),
)
ZONE_DEPARTMENTS = (
    Dept(
        "SCJG",
        "鄂州市市场监督管理局{d}分局",
        "{d}市场监管分局",
        True,
        False,
        40,
        "市场监管、食品药品",
    ),
    Dept("STHJ", "鄂州市生态环境局{d}分局", "{d}生态环境分局", True, False, 10, "生态环境保护"),
    Dept("ZHZF", "{d}综合执法局", "{d}综合执法局", True, False, 40, "城市管理、综合执法"),
)
# How big each district's or zone's officer pool is relative to the template weights above.
OFFICER_SCALE = {_EC: 1.0, _HR: 0.6, _LZH: 0.4, _GD: 1.0, _LK: 0.6}

# Government-level legal advisers (政府法律顾问): department codes that retain a law firm lawyer.
AGENCY_ADVISER_UNITS = (
    CITY.code,
    "420700-SFJ",
    "420700-SCJG",
    "420700-STHJ",
    "420700-ZRZYGHJ",
    "420700-ZJJ",
    *(d.code for d in DISTRICTS),
    *(z.code for z in ZONES),
)

# ---------------------------------------------------------------------------------------------
# Word pools (combined with a seeded random.Random; Faker supplies the personal names)
# ---------------------------------------------------------------------------------------------

VILLAGE_SURNAMES = words(
    "胡 程 余 陈 张 刘 李 王 吴 周 徐 黄 杨 朱 熊 汪 夏 彭 邓 叶 万 柯 涂 舒 饶 丁 费 明 "
    "冯 孙 段 袁 石 田 曹 严 秦 肖 蔡 方 杜 范 邵 童 姜 罗 雷 喻 左 卢"
)
VILLAGE_SUFFIXES = words(
    "湾 畈 垴 桥 山 港 铺 塘 岭 咀 堡 冲 林 庄 湖 洲 坳 店 岗 井 垅 塆 寨 嘴 坝"
)
VILLAGE_WORDS = words(
    "团结 新建 红星 胜利 光明 幸福 和平 联合 新华 前进 长岭 东港 西湖 南山 北岭 金山 "
    "石桥 白沙 青山 黄石 新港 梅花 桃园 荷花 莲花 双塘 三山 四海 五里 七里 百子 千秋 "
    "万福 大湾 小湾 高桥 峒山 龙塘 凤凰 樟树 柳树 松林 竹林 杨林 枫树 沙湖 泉塘 长堤"
)
COMMUNITY_WORDS = words(
    "滨湖 南浦 文星 洋澜 寒溪 吴都 樊川 江碧 明塘 新港 沿江 官柳 南湖 百子 窑湾 城东 "
    "城西 城南 城北 新民 育才 建设 和平 幸福 华丰 金港 滨江 东塘 莲花 观音阁 体育路 "
    "新街 西山 凤凰台 古楼 钢都 武昌大道 鄂东 玉龙 蓝天 临江 翠屏 嘉园 长江"
)
# Communities of the development areas are named after their own places.
COMMUNITY_WORDS_BY_TOWNSHIP = {
    "420703400": words(
        "葛山 光谷东 红莲湖 高新 创业 科技园 葛华 新城 玉龙岛 湖畔 葛店 樊湖 凤凰湾 "
        "葛洪 华山 东湖 金湖"
    ),
    "420702400": words("梧桐湖 湖畔 沙咀 梁湖 沼山湾"),
    "420704400": words("开发区 新港 江碧 凤凰湾 樊口 滨江 花园"),
}
# Roads for addresses in the urban subdistricts and development areas, by district or zone.
ROADS = {
    "420704000000": words(
        "滨湖南路 滨湖北路 南浦路 文星路 洋澜路 寒溪路 吴都大道 武昌大道 凤凰路 "
        "古楼街 江碧路 明塘路 新港路 沿江大道 官柳路 南湖路 体育路 鄂城大道 樊川大道"
    ),
    "GDKFQ": words("葛店大道 光谷东路 创业大道 高新大道 红莲湖大道 聚贤路 武黄大道"),
    "420702000000": words("梧桐湖大道 梁子湖大道 湖畔路"),
}

# Two-character brand names are combined from these characters (the usual auspicious set).
BRAND_CHARS = (
    "华宇鑫源恒达兴隆泰丰瑞祥嘉信诚德顺昌盛安康宏远博通创新金银鼎力凯旋天成东方长江楚江汉"
    "明辉荣海润福佳美永和吉利正云峰汇聚龙腾豪骏新星雅晟铭俊楠锦程启航万通联合众合鸿运"
).replace(" ", "")
CITY_WORDS = ("鄂州", "鄂州市", "湖北", "湖北鄂州")
SHOP_PREFIX = {
    "420704": "鄂州市鄂城区",
    "420703": "鄂州市华容区",
    "420702": "鄂州市梁子湖区",
    "GDKFQ": "鄂州市葛店开发区",
    "LKJJQ": "鄂州临空经济区",
}


@dataclass(frozen=True)
class IndustryProfile:
    """What a company (industry words) or an individual business (shop words) of a section is
    called, and how often each kind falls into the section (relative weights)."""

    section: str
    company_weight: int
    individual_weight: int
    company_words: tuple[str, ...] = ()
    shop_words: tuple[str, ...] = ()


INDUSTRIES = (
    IndustryProfile(
        "A",
        3,
        4,
        ("农业发展", "生态农业", "水产养殖", "苗木"),
        ("养殖场", "种植场", "家庭农场", "水产养殖场"),
    ),
    IndustryProfile("B", 1, 0, ("矿业", "石材")),
    IndustryProfile(
        "C",
        22,
        4,
        (
            "建材",
            "机械",
            "食品",
            "纺织",
            "服装",
            "钢构",
            "新材料",
            "塑业",
            "包装",
            "模具",
            "电子",
            "医药",
            "铸造",
            "汽车零部件",
        ),
        ("加工厂", "面粉加工坊", "门窗加工部", "豆制品加工坊", "木器加工厂"),
    ),
    IndustryProfile("D", 1, 0, ("能源", "热力", "燃气")),
    IndustryProfile(
        "E",
        12,
        2,
        ("建筑工程", "建设工程", "装饰工程", "市政工程", "水电安装"),
        ("装饰部", "水电安装部"),
    ),
    IndustryProfile(
        "F",
        25,
        45,
        ("商贸", "贸易", "物资", "医药连锁", "农资", "汽车销售"),
        (
            "百货店",
            "便利店",
            "超市",
            "水果店",
            "五金店",
            "烟酒店",
            "建材经营部",
            "日杂经营部",
            "服装店",
            "副食店",
            "粮油店",
            "药店",
            "家电经营部",
            "农资店",
            "手机店",
            "鞋店",
            "茶叶店",
            "鲜鱼店",
        ),
    ),
    IndustryProfile(
        "G", 5, 6, ("物流", "运输", "仓储", "供应链"), ("货运部", "运输队", "快递服务部")
    ),
    IndustryProfile(
        "H",
        2,
        20,
        ("餐饮管理", "酒店管理", "食品餐饮"),
        (
            "餐馆",
            "小吃店",
            "面馆",
            "早餐店",
            "火锅店",
            "饭店",
            "宾馆",
            "农家乐",
            "烧烤店",
            "土菜馆",
            "热干面馆",
            "武昌鱼馆",
            "快餐店",
            "奶茶店",
        ),
    ),
    IndustryProfile(
        "I", 5, 1, ("信息技术", "网络科技", "软件", "电子商务"), ("电脑维修部", "网络服务部")
    ),
    IndustryProfile("J", 1, 0, ("投资", "融资担保")),
    IndustryProfile("K", 5, 0, ("房地产开发", "置业", "物业服务")),
    IndustryProfile(
        "L", 10, 2, ("商务咨询", "企业管理", "广告", "人力资源", "租赁"), ("广告部", "图文设计部")
    ),
    IndustryProfile("M", 6, 1, ("工程设计", "检测", "环保科技", "技术服务"), ("技术服务部",)),
    IndustryProfile("N", 2, 0, ("环境工程", "园林绿化", "保洁服务")),
    IndustryProfile(
        "O",
        1,
        12,
        ("家政服务", "汽车服务"),
        (
            "理发店",
            "美发店",
            "家电维修部",
            "汽车修理部",
            "洗衣店",
            "摩托车修理部",
            "照相馆",
            "开锁部",
            "洗车店",
        ),
    ),
    IndustryProfile("P", 1, 1, ("教育咨询", "培训"), ("培训部",)),
    IndustryProfile("Q", 0, 1, (), ("诊所",)),
    IndustryProfile(
        "R", 1, 2, ("文化传媒", "体育发展", "文化旅游"), ("棋牌室", "书店", "网吧", "台球室")
    ),
)
COOPERATIVE_WORDS = (
    "水稻种植",
    "蔬菜种植",
    "莲藕种植",
    "水产养殖",
    "武昌鱼养殖",
    "生猪养殖",
    "家禽养殖",
    "茶叶种植",
    "苗木种植",
    "农机",
    "果蔬种植",
    "中药材种植",
    "油菜种植",
)

LAW_FIRM_WORDS = (
    "吴都",
    "鄂东",
    "楚天",
    "江城",
    "洋澜",
    "樊川",
    "凤凰",
    "明鉴",
    "正平",
    "求真",
    "公信",
    "汇通",
    "鼎诚",
    "大成明",
    "卓诚",
    "立信",
    "昌泰",
    "天衡",
)


# The staff personas of the scenario (accounts.py). ``unit`` is an org unit code.
@dataclass(frozen=True)
class Persona:
    username: str
    role: str
    unit: str
    description: str
    is_staff: bool = False
    is_superuser: bool = False


PERSONAS = (
    Persona("admin", "system_admin", "420700-SFJ", "系统管理员", True, True),
    Persona("security", "security_admin", "420700-SFJ", "安全管理员", True),
    Persona("auditor", "audit_admin", "420700-SFJ", "审计管理员", True),
    Persona("sfj_supervisor", "supervisor", "420700-SFJ", "市司法局监督人员（全市）"),
    Persona("echeng_supervisor", "supervisor", "420704-SFJ", "鄂城区司法局监督人员"),
    Persona("scjg_clerk", "clerk", "420700-SCJG", "市市场监管局经办人"),
    Persona("scjg_officer", "officer", "420700-SCJG", "市市场监管局执法人员"),
    Persona("scjg_reviewer", "legal_reviewer", "420700-SCJG", "市市场监管局法制审核人员"),
    Persona("scjg_head", "department_head", "420700-SCJG", "市市场监管局负责人"),
    Persona("sthj_clerk", "clerk", "420700-STHJ", "市生态环境局经办人"),
    Persona("sfj_clerk", "clerk", "420700-SFJ", "市司法局经办人（减证便民投诉承办人）"),
    Persona("sfj_head", "department_head", "420700-SFJ", "市司法局负责人"),
    Persona("fy_handler", "reconsideration_handler", "420700-SFJ", "行政复议承办人"),
    Persona("fy_head", "reconsideration_head", "420700-SFJ", "行政复议机构负责人"),
    Persona("fy_member", "committee_member", "420700-SFJ", "复议委员会非常任委员"),
)
