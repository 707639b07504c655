"""Words of bylines, per language: markers, roles, agencies, desks, what is not a name.

Every table is rows with their language; the sets and patterns at the end are built
from them once, at import. Words are compared casefolded with surrounding punctuation
stripped. To read bylines in one more language, add its rows: its "By", its roles
("Staff Writer", "Redakteur"), its conjunction ("and"), its outlets and agencies.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from newsscrape.lexicon.datewords import (
    BYLINE_DATE_LABEL,
    DAY_SIGNS,
    MONTH_NAMES,
    MONTH_SIGNS,
    MONTHS,
    SKIP_WORDS,
    WEEKDAY_NAMES,
    YEAR_SIGNS,
    signs,
)
from newsscrape.lexicon.furniture import EDITOR_CREDIT, SOCIAL_NETWORKS, SOURCE_CREDIT
from newsscrape.lexicon.terms import (
    ANY_LANGUAGE,
    Term,
    alternation,
    has_case,
    terms,
    texts,
    words,
)

# --------------------------------------------------------------------------- markers


class Marker(NamedTuple):
    """A word that opens a byline ("By", "Par", "Автор:", "记者", "بقلم")."""

    lang: str
    text: str
    """A regex: the marker as written, with the words that may come before it."""
    colon: bool = False
    """Only followed by a colon is it a marker: "Text: …", not "Text messages…"."""
    opens_line: bool = True
    """Also marks a line as a byline ("By …", "Autorin: …"); else only read inside a
    byline already found: "Reporter" and "Correspondent" start prose too ("Reporters
    said…", "Reporter's Notebook")."""


_REPORTER: Final = Marker("en", r"reporters?|correspondents?", opens_line=False)

BYLINE_MARKERS: Final = (
    Marker("en", r"(?:(?:written|story|words|text|reported|reporting|posted|report|article"
                 r"|analysis|commentary|published|(?:view )?all (?:posts|articles|stories)"
                 r"|posts|articles|stories)\s+)?by"),
    _REPORTER,
    Marker("en", r"authors?|writers?", colon=True),
    Marker("fr", r"(?:(?:écrit|publié|rédigé|posté|proposé|un article|tous les articles)"
                 r"\s+)?par"),
    # "Verfasst von", "Erstellt von", and an author box's "Alle Artikel von …" link (its
    # label alone, without "von", is a MORE_BY_LABELS row: keep both in step)
    Marker("de", r"(?:(?:verfasst|geschrieben|erstellt|gespeichert|veröffentlicht|gepostet"
                 r"|eingestellt|eingetragen|ein (?:gast)?beitrag|ein artikel|eine kolumne"
                 r"|ein kommentar|ein interview|blog[- ]?beitrag|beitrag|artikel|alles|mehr"
                 r"|pressemitteilung|pressemeldung|gastbeitrag|kolumne"
                 r"|zum profil|(?:zeige )?alle (?:artikel|beiträge|posts|texte))\s+)?von"),
    # "vom Gartenblogger", "Alle Posts vom Autor …": inside a byline only ("Vom Winde…")
    Marker("de", r"(?:(?:zeige )?alle (?:artikel|beiträge|posts|texte)\s+)?vom",
           opens_line=False),
    # the same word in several languages: their conjunctions all apply
    Marker("multi", r"autora?(?=\s)"),  # "Autor Jane Doe"; not "Autor*in", "Autor/Author"
    Marker("multi", r"autor(?:in|en|a|es)?|autore|auteur|texto|text|testo|tekst"
                    r"|text (?:&|und|and|\+) (?:fotos?|bilder?)", colon=True),
    Marker("de", r"redaktion|bearbeitung", colon=True),  # "Redaktion: Gesine Wollmann"
    Marker("es", r"(?:(?:escrito|publicado|redactado)\s+)?por"),
    Marker("it", r"a cura di|di"),
    Marker("nl", r"(?:(?:geschreven|geplaatst)\s+)?door"),
    Marker("sv", r"av"),  # also Norwegian
    Marker("da", r"af"),
    Marker("ru", r"автор(?:ы)?|текст|корреспондент"),
    Marker("ar", r"بقلم|كتبت?|كتبه|إعداد|اعداد|تحرير"),
    Marker("he", r"מאת|כתבת?"),
    Marker("ko", r"작성자"),
)
"""Markers that open a byline, in order of trial."""

# Chinese markers: a reporter's or writer's title right before the name ("本报记者王小明",
# "文/李明"); they run into the name, and may stand after a dateline.
_CJK_REPORTER: Final = Term(
    "zh", r"(?:特约|特約|实习|實習|见习|見習|首席|本报|本報|本台|总台|總台"
          r"|驻[^\s记]{1,4}|駐[^\s記]{1,4})?(?:记者|記者)")
_CJK_CORRESPONDENT: Final = Term("zh", r"通讯员|通訊員")
CJK_MARKERS: Final = (
    _CJK_REPORTER,
    _CJK_CORRESPONDENT,
    Term("zh", r"实习生|實習生"),
    Term("zh", r"撰稿人?|撰文|作者"),
    Term("zh", r"[文图圖]\s*[/|]"),
)
# Chinese words after the names: "王小明 报道", "李明 摄".
CJK_SUFFIXES: Final = (
    Term("zh", r"(?:综合|綜合)?(?:报道|報導|報道|报导)"), Term("zh", r"[摄攝]影?"),
    Term("zh", "整理"), Term("zh", "编译"), Term("zh", "編譯"), Term("zh", "供稿"),
    Term("zh", r"[发發]自\S*"),
)

# A reporter's title in parentheses: "CCTV news (Reporter Li Shanshan)", "(记者 王小明)".
REPORTER_MARKER: Final = (rf"(?:{_REPORTER.text})(?![a-z])|{_CJK_REPORTER.text}"
                          rf"|{_CJK_CORRESPONDENT.text}")

# Languages whose marker word also starts names ("Di Wang", "Von der Leyen"): when the
# marker reading finds nobody, the whole string is tried as names.
NAME_LIKE_MARKER_LANGS: Final = frozenset({"it", "de"})

# Words joining names ("A and B"), by language.
NAME_JOINERS: Final = (
    *terms("en", "and"), *terms("fr", "et"), *terms("de", "und"), *terms("es", "y e"),
    *terms("it", "e ed"), *terms("nl", "en"), *terms("ru", "и"), *terms("ar", "و"),
    *terms("ca", "i"), *terms("da", "og"), *terms("nb", "og"), *terms("sv", "och"),
    *terms("tr", "ve"), *terms("id", "dan"),
)


def _joiners(*langs: str) -> tuple[str, ...]:
    return texts(row for row in NAME_JOINERS if row.lang in langs and row.text != "and")


# Conjunctions that split a byline, by the language of its marker ("and" and "&" always
# apply): a "multi" marker's languages, and with no marker the ones no name starts with.
CONJUNCTIONS: Final[dict[str, tuple[str, ...]]] = {
    **{lang: _joiners(lang) for lang in dict.fromkeys(row.lang for row in NAME_JOINERS)},
    "multi": _joiners("fr", "de", "es"),
    "": _joiners("fr", "de", "ru"),
}
# Chinese ones join names with no space around them ("王小明和李华").
CJK_CONJUNCTIONS: Final = terms("zh", "和 及 与")

# Where a byline's names end: credits for other work (sources and editors: ``furniture``).
BYLINE_ENDS: Final = (
    Term("en", r"\bcontributed\b"),
    Term("en", r"\b(?:photos?|photographs?|photography|illustrations?|graphics?|video"
               r"|edited|editing|translated|translation)\s+by\b"),
    Term("de", r"\b(?:übersetzt|übersetzung|fotos?|bilder?)\s+von\b"),
    # a translator's credit without "von" ("Übersetzung Sarah Jungblut", "Übersetzung:")
    Term("de", r"\bübersetzung\b\s*:?(?=\s*[^\W\d_])"),
    # a photo credit's label: the names after it took the pictures ("Foto: Bernd Kössler")
    Term("de", r"\b(?:fotos?|bilder?|bildquelle)\s*:"),
    Term("en", r"\b(?:photos?|images?|pictures?|credits?)\s*:"),
    Term("fr", r"\b(?:photos?|crédits? photos?)\s*:"),
    Term("fr", r"\b(?:traduit|traduction|photos?)\s+(?:par|de)\b"),
    Term("es", r"\b(?:traducido|traducción|fotos?)\s+(?:por|de)\b"),
    Term("it", r"\b(?:tradotto|traduzione)\s+(?:da|di)\b"),
)

# --------------------------------------------------------------------------- roles

ROLES: Final = (
    *terms("en", """
        staff writer writers reporter reporters correspondent correspondents senior chief
        editor editors contributor contributors contributing columnist journalist
        photographer photojournalist producer analyst intern freelance freelancer special
        deputy managing executive associate assistant political foreign business sports
        science technology health investigative national international economics culture
        entertainment opinion guest weekend digital web online news bureau desk author
        ceo"""),
    *terms("fr", """rédaction rédacteur rédactrice journaliste correspondant correspondante
        envoyé envoyée spécial spéciale"""),
    *terms("de", """redaktion redakteur redakteurin korrespondent korrespondentin reporterin
        journalistin autor autorin gastautor gastautorin experte expertin kolumnist
        kolumnistin chefredakteur chefredakteurin rechtsanwalt rechtsanwältin"""),
    *terms("es", "redacción redactor redactora periodista corresponsal enviado enviada especial"),
    *terms("pt", "redação repórter jornalista correspondente"),
    *terms("it", "redazione giornalista corrispondente inviato inviata"),
    *terms("nl", "redactie verslaggever"),
    *terms("ru", "редакция корреспондент журналист обозреватель специальный"),
    # Korean roles follow the name ("김민지 기자")
    *terms("ko", """기자 특파원 선임기자 수석기자 객원기자 인턴기자 전문기자 사진기자 취재기자
        영상기자 논설위원 편집위원 논설실장 칼럼니스트 에디터 앵커"""),
    # Arabic and Hebrew roles and titles before the name
    *terms("ar", """د الدكتور الدكتورة الكاتب الكاتبة الصحفي الصحفية الصحافي الصحافية الزميل
        الزميلة المحرر المحررة مراسل مراسلة مراسلنا"""),
    *terms("he", 'ד"ר כתב כתבת הכתב הכתבת'),
)
"""Roles and titles around a name in a byline: stripped at its edges."""

DESKS: Final = (
    *terms("en", "staff newsdesk desk team webteam editorial newsroom editors"),
    *terms("de", """redaktion onlineredaktion online-redaktion webredaktion lokalredaktion
        team"""),
    *terms("fr", "rédaction"), *terms("es", "redacción"), *terms("it", "redazione"),
    *terms("nl", "redactie"), *terms("pt", "redação"), *terms("ru", "редакция"),
)
"""Words that make a newsroom desk of the name they end ("Klangwerk Blog Redaktion",
"Sentinel Staff", "Zoobund-Team") or open ("Redaktion Verkehrsmelder Bayern"): a desk is
not a person."""

# Social and contact links that sit in bylines ("Email the author", "Follow").
CONTACT_WORDS: Final = (
    *terms(ANY_LANGUAGE, "email e-mail share follow contact profile bio"),
    *terms("de", "kontakt folgen teilen"), *terms("fr", "suivre partager"),
    *terms("es", "contacto seguir compartir"), *terms("it", "contatto contatti segui"),
    *SOCIAL_NETWORKS)

AGENCIES: Final = (
    *terms(ANY_LANGUAGE, """reuters ap afp upi dpa ansa efe tass kyodo yonhap pti ians aap
        xinhua bloomberg cnn bbc cctv cgtn npr erbol notimex telam télam"""),
    *terms("ru", "интерфакс тасс риа"),
    *terms("zh", """新华社 新华网 人民网 央视网 中新网 中新社 新華社 中央社 路透社 路透 法新社
        美联社 美聯社 韩联社 韓聯社 联合 聯合"""),
    *terms("ja", "共同 共同通信 時事 時事通信"),
    *terms("ko", "연합뉴스 뉴시스 뉴스1"),
    *terms("ar", "رويترز سبوتنيك الأناضول"),
)
"""News agencies and broadcasters credited in bylines ("Jane Doe, Reuters", "新华社")."""

# A credits block's labels for the writer besides the byline markers ("Text", "Autor"):
# the interviewer's credit. Not a marker: a line "Interview: X" may be a headline that
# names the interviewee, and so may a definition list's term "Interview".
WRITER_CREDITS: Final = terms(ANY_LANGUAGE, "interview interviews")

# Words that open a credit naming the person spoken with, not the writer ("Interview:
# mit Bürgermeisterin X", "with X").
WITH_WORDS: Final = (
    *terms("en", "with"), *terms("de", "mit"), *terms("fr", "avec"), *terms("es", "con"),
    *terms("it", "con"), *terms("pt", "com"), *terms("nl", "met"),
)

# An author box's link to the writer's other stories, with no name in it ("Alle Artikel",
# "View all posts"): the box's name is its other text, never the link's label. (The same
# phrases before "by"/"par"/"von" are byline markers in BYLINE_MARKERS: keep both in step.)
MORE_BY_LABELS: Final = (
    Term("en", r"(?:view |see |read )?(?:all|more) (?:posts|articles|stories)"),
    Term("de", r"(?:zeige |mehr |weitere )?(?:alle )?(?:artikel|beiträge|posts|texte)"),
    Term("fr", r"(?:voir )?tous (?:les|ses) articles"),
    Term("es", r"(?:ver )?(?:todos los|más) artículos"),
    Term("it", r"(?:vedi )?tutti gli articoli"),
    Term("nl", r"alle (?:artikelen|berichten)"),
)

# Agencies written out: removed from a byline wherever they stand.
AGENCY_PHRASES: Final = (
    Term("en", "associated press"), Term("fr", "agence france[- ]presse"),
    Term("en", "press association"), Term("en", "press trust of india"),
    Term("en", "united press international"),
)
# Places written out that a byline names after "of"/"for" ("Reporter for the White House").
BEAT_PHRASES: Final = (Term("en", "white house"), Term("en", "capitol hill"))

# --------------------------------------------------------------------------- name words

# Glue words: harmless in a byline ("Email the author"), never part of a name when
# lowercase; capitalised they may be initials or names ("A. J. Smith", "An Nguyen").
FILLER_WORDS: Final = terms(
    "en", "a an of for at in on to by from with via and or me all here there now just us")
# Determiners never start or sit inside a person's name ("The Guardian", "Our Reporter").
DETERMINERS: Final = terms("en", "the this that these those our your my his her their")
HONORIFICS: Final = terms("en", "dr mr mrs ms mx prof professor")
PARTICLES: Final = (
    *terms("nl", "van der den de ter ten te"), *terms("de", "von der den zu"),
    *terms("it", "del della delle dei degli di da"), *terms("pt", "da das dos do de"),
    *terms("fr", "du la le de"), *terms("it", "lo"), *terms("es", "del de la y"),
    *terms("ms", "bin binti bint"), *terms("ar", "ibn al el"), *terms("sv", "af av"),
)
"""Lower-case words inside names ("van", "de", "bin", "af")."""
ROMAN_NUMERALS: Final = frozenset({"II", "III", "IV", "V", "VI"})

# Content words that make a candidate a non-name wherever they appear: UI text, outlets.
NOT_NAMES: Final = (
    *terms("en", """
        agencies newsdesk wordpressadmin protected
        recipe recipes ideas course courses meal meals dishes cuisine
        more read view see click share print comment comments
        subscribe newsletter sign up login log register home menu search back top next
        previous admin administrator webmaster moderator user users anonymous unknown team
        newsroom editorial staff posts articles stories story updated published posted ago
        hour hours minute minutes min mins second seconds day days week weeks month months
        year years today yesterday times post journal daily herald tribune gazette media
        network agency service services magazine radio tv television wire press group
        company inc ltd llc corp ag gmbh plc corporation incorporated limited
        university department ministry government office council
        committee association foundation institute bank party police court photo photos
        image images video videos getty shutterstock copyright rights reserved
        advertisement sponsored content partner source sources about loading new"""),
    *terms("es", "agencia agencias"), *terms("fr", "agence agences"),
    *terms("de", "agentur agenturen mehr weitere beiträge artikel gesponsert gesponserte"),
    *terms("it", "agenzia agenzie"), *terms("fr", "média médias"),
    *terms("ru", """новости известия газета агентство служба пресс-служба ведомости
        коммерсантъ коммерсант сайт администратор редакции телеканал радио журнал"""),
    *terms("zh", "订阅 关注 分享"), *terms("ja", "購読 フォロー シェア"),
)
"""Words of cased scripts (and CJK UI words) that are never part of a person's name."""

# One-word values that are never a pseudonym or handle, though an author field or an
# author link may hold them: placeholders, labels and the words around a byline.
SINGLE_NOT_NAMES_TABLE: Final = (
    *terms("en", """guest anonymous unknown blog blogger editor uncategorized general
        profile avatar posts articles"""),
    *terms("de", """gast anonym unbekannt allgemein beitrag beiträge artikel autoren profil
        text texte foto fotos bild bilder"""),
    *terms("fr", "invité anonyme auteur auteurs"), *terms("es", "invitado anónimo autores"),
    *terms("it", "autore autori ospite"),
)

# Multi-word places that look like two capitalised names (compared casefolded).
PLACES: Final = (
    *(Term("en", place) for place in (
        "hong kong", "los angeles", "san francisco", "san diego", "las vegas", "buenos aires",
        "rio de janeiro", "sao paulo", "são paulo", "kuala lumpur", "abu dhabi", "tel aviv",
        "cape town", "new delhi", "mexico city", "sri lanka", "costa rica", "puerto rico",
        "saudi arabia", "south africa", "north korea", "south korea", "united states",
        "united kingdom", "united nations", "el salvador", "capitol hill", "wall street",
        "silicon valley")),
    *(Term("ru", place) for place in (
        "нижний новгород", "великий новгород", "нижний тагил", "новый уренгой", "старый оскол")),
)

# --------------------------------------------------------------------------- CJK

CJK_SURNAMES: Final = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温牛樊葛邢安乔伍庞颜倪庄聂章鲁岳翟殷詹申"
    "欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛翁冉骆蓝游辛靳管柴"
    "蒙鲍喻祁蒲房滕屈饶牟艾尤穆司卓吉缪麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "佟臧闵苟邬卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝鞠惠荆冀郁胥"
    "储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉伊仝郜阚帅屠朴盖廉禹井祖漆巴丰卿狄宣晋芮扈晁"
    "阙浦戈鹿薄邸雍辜裘亓邰赫杭况宿逯隆茹诸战慕危亢嵇湛宾戎茅揭尉冶檀阴昝衡尧"
    # traditional forms (Taiwan, Hong Kong) and a few missing simplified ones
    "萧华简赖張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇盧鍾鐘譚陸賈韋鄒龍賀顧龔錢湯喬顏聶"
    "魯歐蘭寧紀羅華簡賴蔣呂邱黎餘鄺劉侯藍傅饒閆閻倫"
)
"""Common Chinese surnames, one character each (simplified and traditional)."""
CJK_COMPOUND_SURNAMES: Final = words(terms(
    "zh", "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 夏侯 端木 独孤 南宫 "
          "西门 司徒 申屠 万俟 澹台 呼延 轩辕"))
# Japanese surnames that end in 部 like a desk does ("阿部", not a department).
JA_BU_SURNAMES: Final = words(terms("ja", """阿部 安部 服部 岡部 渡部 長谷部 日下部 矢部 磯部 南部
    卜部 占部 刑部 物部 建部 堀部 武部"""))

# Cities a CJK byline names beside the reporter ("新华社北京2月22日电").
CJK_PLACES: Final = (
    *terms("zh", """北京 上海 天津 重庆 广州 深圳 武汉 郑州 沈阳 石家庄 兰州 长沙 杭州 西安 成都
        合肥 福州 南宁 海口 太原 济南 昆明 银川 拉萨 西宁 乌鲁木齐 呼和浩特 哈尔滨 长春 南昌
        南京 厦门 青岛 大连 宁波 苏州 温州 香港 澳门 台北 雄安 贵阳 无锡 珠海 中国 美国 韩国
        台湾 臺灣 台灣 台中 臺中 臺北 台南 臺南 高雄 新北 桃園 基隆 新竹 嘉義 花蓮 宜蘭 屏東
        台東 苗栗 彰化 南投 雲林 澎湖 金門 东京 首尔 华盛顿 华府 纽约 伦敦 巴黎 莫斯科 柏林
        布鲁塞尔 日内瓦 新加坡 曼谷 華盛頓 華府 紐約 倫敦 首爾"""),
    *terms("ja", """日本 韓国 東京 大阪 京都 名古屋 横浜 札幌 福岡 神戸 那覇 仙台 広島 千葉 埼玉
        ワシントン ニューヨーク ロンドン パリ ソウル 東京都"""),
)
# CJK words that are never a person: staff, desks, anonymity, newspapers, roles.
CJK_NOT_NAMES: Final = (
    *terms("zh", """佚名 匿名 未知 小编 编辑 编辑部 本站 本报 网友 原创 转载 综合 记者 通讯员
        管理员 作者 来源 责编 实习生 不详 不詳 网络 網路 網絡 編輯 記者 本報 本报讯 本報訊
        聯合報 自由時報 発言人 发言人 特派员"""),
    *terms("ja", """編集 編集部 編輯部 朝日新聞 読売新聞 毎日新聞 産経新聞 日本経済新聞 日経
        東京新聞 中日新聞 北海道新聞 西日本新聞 報道官 特派員 編集委員 論説委員 カメラマン"""),
)
# Endings of outlets, agencies, desks and roles: a CJK string ending like this is not a
# person ("人民网", "共同通信社", "社会部", "本报评论员"); compared on the whole token.
CJK_NOT_NAME_ENDINGS: Final = terms("zh", """
    社 网 網 报 報 新闻 新聞 通信 电视台 電視台 编辑 編輯 編集 记者 記者 员 員 部 支社 支局 総局 局
    室 站 中心 频道 頻道 客户端 网络 網路 原创 原創 投稿 转载 轉載 发布 發布 综合 綜合 团队 團隊
    小组 小組 工作室 官方 报道 報導 報道 特派員 刊 评论 評論 时评 時評 杂志 雜誌""")

# Japanese newspaper desks and bureaus that head a byline ("社会部　佐藤健太",
# "東京支社　山田花子"): a place + a bureau word, or a desk's subject + 部/局.
JA_BUREAUS: Final = terms("ja", "支社 支局 総局 本社")
JA_DESKS: Final = terms("ja", """社会 政治 経済 国際 外信 外報 運動 文化 科学 生活 地方 写真 映像
    報道 編集 論説 整理 校閲 特報 調査 医療 環境 デジタル くらし スポーツ""")

# --------------------------------------------------------------------------- Korean

KO_NOT_NAMES: Final = terms("ko", """
    편집부 편집국 뉴스팀 관리자 운영자 익명 조선일보 중앙일보 동아일보 한겨레 경향신문
    한국일보 매일경제 한국경제 서울신문 국민일보 세계일보 서울 부산 인천 대구 대전 광주 울산
    세종 수원 제주 워싱턴 뉴욕 도쿄 베이징 런던 파리 정부 국회 청와대 대통령 사진 영상 외신
    종합 본지 본사 자사 온라인 디지털 구독 구독하기 공유 공유하기 팔로우 응원 응원하기 다른
    기사 보기 제보 댓글""")
KO_NOT_NAME_ENDINGS: Final = terms(
    "ko", "뉴스 일보 신문 방송 통신 편집국 기자 특파원 팀 부 센터 데스크")

# --------------------------------------------------------------------------- Arabic, Hebrew

CASELESS_NOT_NAMES: Final = (
    *terms("ar", """
        التحرير تحرير محرر محررة المحرر فريق هيئة مراسلو الموقع موقع
        وكالة وكالات الأنباء أنباء نيوز الجزيرة العربية برس فرانس
        اقرأ المزيد شارك مشاركة إدارة الإدارة المشرف مجهول خاص صحيفة جريدة قسم الأخبار أخبار
        القاهرة الرياض دبي بيروت بغداد دمشق عمان الدوحة غزة القدس الكويت المنامة مسقط الرباط
        تونس الجزائر طرابلس الخرطوم واشنطن لندن باريس موسكو
        في من على إلى الى عن أن إن التي الذي هذا هذه مع قال قالت الرئيس الحكومة اليوم أمس"""),
    *terms("he", """מערכת המערכת סוכנויות ירושלים תל אביב חיפה וואלה של את על עם כי הוא
        היא זה"""),
)

# --------------------------------------------------------------------------- compiled

def _of(table: tuple[Term, ...], langs: frozenset[str] | set[str]) -> tuple[Term, ...]:
    return tuple(row for row in table if row.lang in langs)


def _boundary(marker: Marker) -> str:
    """Latin and Cyrillic markers are whole words; Arabic and Hebrew ones too, though
    ``\\b`` does not see their letters' edges; Korean ones run into what follows."""
    if marker.lang in ("ar", "he"):
        return r"(?!\w)"
    return r"\b" if has_case(marker.text) else ""


def _marker_pattern(markers: list[Marker], separators: str = ":") -> str:
    """Markers alike in boundary and colon, then a colon (or one of ``separators``),
    optional unless they ask for it: ``(?:by|von)\\b\\s*[:]?``, ``(?:authors?)\\b\\s*[:]``."""
    first = markers[0]
    colon = "" if first.colon else "?"
    return rf"(?:{alternation(markers)}){_boundary(first)}\s*[{separators}]{colon}"


def _alike(markers: tuple[Marker, ...]) -> list[list[Marker]]:
    """``markers`` grouped by boundary and colon, in order of first appearance: one regex
    alternative per group, not per marker, is what keeps a line test cheap."""
    groups: dict[tuple[str, bool], list[Marker]] = {}
    for marker in markers:
        groups.setdefault((_boundary(marker), marker.colon), []).append(marker)
    return list(groups.values())


def _english(spellings: dict[str, tuple[str, ...]], *, full: bool) -> tuple[Term, ...]:
    return tuple(Term("en", name) for day in spellings["en"]
                 for name in (day.split()[:1] if full else day.split()))


MARKER_RES: Final = tuple(
    (re.compile(rf"^\s*{_marker_pattern([marker])}\s*", re.IGNORECASE), marker.lang)
    for marker in BYLINE_MARKERS
)
"""Each marker at the start of a byline, with its language (the order of trial)."""

CJK_MARKER: Final = alternation(CJK_MARKERS)
CJK_SUFFIX: Final = re.compile("|".join(f"(?:{row.text})$" for row in CJK_SUFFIXES))

BYLINE_START: Final = re.compile(
    "^(?:" + "|".join(_marker_pattern(group, ":：/／") for group in
                      _alike(tuple(m for m in BYLINE_MARKERS if m.opens_line)))
    + rf"|(?:{CJK_MARKER})\s*[:：/／]?)\s*\S",
    re.IGNORECASE,
)
"""A line that opens with a byline marker and goes on ("By Jane", "记者 王小明", "Автор: …")."""

BYLINE_CUT: Final = re.compile(
    rf"{BYLINE_DATE_LABEL.pattern}|{alternation(BYLINE_ENDS)}|{SOURCE_CREDIT}|{EDITOR_CREDIT}",
    re.IGNORECASE)
"""Where a byline's names end: "Updated …", "Photos by …", "Source:", "责任编辑"."""

_YEAR, _MONTH, _DAY = signs(YEAR_SIGNS), signs(MONTH_SIGNS), signs(DAY_SIGNS)
BYLINE_DATE: Final = re.compile(
    rf"\b(?:{alternation(_english(MONTH_NAMES, full=False), longest_first=True)})\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*\d{4})?"
    r"|\b\d{4}-\d{2}-\d{2}\S*|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    rf"|\d{{4}}{_YEAR}\d{{1,2}}{_MONTH}(?:\d{{1,2}}{_DAY})?|\d{{1,2}}{_MONTH}\d{{1,2}}{_DAY}",
    re.IGNORECASE,
)
"""A date inside a byline ("By Jane Doe March 5, 2024"): removed before names are read."""

ROLE_PHRASE: Final = re.compile(
    r"\b(?:(?:for|of)\s+)?(?:the\s+)?"
    rf"(?:{alternation((*AGENCY_PHRASES, *BEAT_PHRASES))})\b",
    re.IGNORECASE,
)
"""An agency or beat written out ("of the Associated Press", "for the White House")."""

ROLE_WORDS: Final = words((row for row in ROLES if has_case(row.text)),
                          _of(AGENCIES, {ANY_LANGUAGE}), CONTACT_WORDS)
"""Roles, agencies and links stripped at the edges of a Latin/Cyrillic name."""
NON_NAME_WORDS: Final = words(NOT_NAMES, _of(AGENCIES, {"ru"}))
WEEKDAYS: Final = words(_english(WEEKDAY_NAMES, full=True))
"""English weekday names: a dateline's "Tuesday" is no name."""
PLACE_NAMES: Final = words(PLACES)
DESK_WORDS: Final = words(DESKS)
SINGLE_NOT_NAMES: Final = (words(SINGLE_NOT_NAMES_TABLE) | frozenset(MONTHS)
                           | {w.casefold() for w in SKIP_WORDS})
"""One-word values that are no name however trusted the source: placeholders, labels,
month and weekday names."""

# Byline words the markup glues to the next name ("VonIrmela Schwab", "ParChokri GHARBI",
# "undPeter Meier"): a marker or a joiner of two letters or more, then a capitalised
# word. ("Di", "De", "Da" glue into real names: "DiCaprio", "DeSantis".)
_GLUE_WORDS: Final = (*terms("en", "by"), *terms("de", "von"), *terms("fr", "par"),
                      *terms("es", "por"), *terms("nl", "door"),
                      *(row for row in NAME_JOINERS if len(row.text) > 1 and has_case(row.text)))
UNGLUE: Final = re.compile(rf"(?<![^\W_])((?i:{alternation(_GLUE_WORDS)}))(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])")
"""A byline word glued to the capitalised name after it."""

CJK_NON_NAMES: Final = words(CJK_NOT_NAMES, CJK_PLACES, _of(AGENCIES, {"zh", "ja"}))
CJK_NON_NAME_END_RE: Final = re.compile(f"(?:{alternation(CJK_NOT_NAME_ENDINGS)})$")
JA_BUREAU_RE: Final = re.compile(
    rf"[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]{{1,8}}(?:{alternation(JA_BUREAUS)})"
    rf"|(?:[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]{{0,6}}(?:{alternation(JA_DESKS)})"
    r"|[\u3040-\u30ff]{1,6})(?:部|局)"
)
"""A Japanese desk or bureau ("社会部", "東京支社") heading a byline."""

KO_ROLE_WORDS: Final = words(_of(ROLES, {"ko"}))
KO_NON_NAMES: Final = words(KO_NOT_NAMES, _of(ROLES, {"ko"}), _of(AGENCIES, {"ko"}))
KO_NON_NAME_END_RE: Final = re.compile(f"(?:{alternation(KO_NOT_NAME_ENDINGS)})$")

CASELESS_EDGE_WORDS: Final = words(_of(ROLES, {"ar", "he"}))
CASELESS_NON_NAMES: Final = words(CASELESS_NOT_NAMES, _of(ROLES, {"ar", "he"}),
                                  _of(AGENCIES, {"ar"}))

FILLERS: Final = words(FILLER_WORDS)
DETERMINER_WORDS: Final = words(DETERMINERS)
HONORIFIC_WORDS: Final = words(HONORIFICS)
WRITER_CREDIT_WORDS: Final = words(WRITER_CREDITS)
WITH_WORD_SET: Final = words(WITH_WORDS)
MORE_BY_LABEL: Final = re.compile(rf"\s*(?:{alternation(MORE_BY_LABELS)})\s*[»›>→]?", re.IGNORECASE)
"""A "more by this writer" link label, matched whole (``fullmatch``)."""
WITH_WORD_OF: Final = {row.lang: row.text for row in WITH_WORDS}
"""Each language's with-word ("Con" opens a name on an English page, "Mit" none on a German one)."""
PARTICLE_WORDS: Final = words(PARTICLES)
