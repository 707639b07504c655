"""Byline and author-name normalisation.

Normal form of an author name:

* NFKC-normalised, whitespace collapsed, no surrounding punctuation or quotes;
* a person's name only: byline markers ("By", "Par", "Von", "Por", "Di", "Door",
  "Автор:", "Reporter", "记者", "文/"...), roles ("Staff Writer", "Senior
  Correspondent"), agencies ("Reuters", "Associated Press"), e-mail addresses, URLs,
  handles, dates, times and "Updated ..." / "Published ..." tails are removed;
* Latin/Cyrillic names have 2-5 capitalised words (particles such as "van", "de",
  "bin" allowed inside); names written entirely in capitals are title-cased
  ("JANE DOE" -> "Jane Doe"), other spellings are kept as given;
* Chinese names are 2-4 Han characters starting with a common (simplified or
  traditional) surname, or minority/transliterated names joined with "·";
* names in other scripts are accepted where the context vouches for them: after a
  Japanese desk/bureau ("社会部　佐藤健太": 2-6 kanji/kana), before a Korean role
  ("김민지 기자": 2-4 Hangul), after an Arabic/Hebrew marker ("بقلم: أحمد خالد": 2-4
  words); structured metadata (``clean_author``) is trusted more than free text and
  takes such a string without the context, unless it is a known non-name (role,
  outlet/agency, department, city) or ends like one ("...社", "...部", "...뉴스");
* lists are deduplicated case-insensitively, keeping the first spelling and order.

When in doubt a candidate is dropped: fewer names rather than wrong ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["clean_author", "leading_byline", "parse_byline"]

# --- word lists (compared casefolded, surrounding punctuation stripped) -------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ROLE_WORDS: frozenset[str] = _words(
    """
    staff writer writers reporter reporters correspondent correspondents senior chief
    editor editors contributor contributors contributing columnist journalist
    photographer photojournalist producer analyst intern freelance freelancer special
    deputy managing executive associate assistant political foreign business sports
    science technology health investigative national international economics culture
    entertainment opinion guest weekend digital web online news bureau desk author
    reuters ap afp upi dpa ansa efe tass kyodo yonhap pti ians aap xinhua bloomberg cnn
    bbc cctv cgtn npr email e-mail twitter facebook linkedin instagram share follow
    contact profile bio
    rédaction rédacteur rédactrice journaliste correspondant correspondante envoyé
    envoyée spécial spéciale redaktion redakteur redakteurin korrespondent
    korrespondentin reporterin journalistin redacción redactor redactora periodista
    corresponsal enviado enviada especial redação repórter jornalista correspondente
    redazione giornalista corrispondente inviato inviata redactie verslaggever
    редакция корреспондент журналист обозреватель специальный
    """
)
# Glue words: harmless in a byline ("Email the author"), never part of a name when
# lowercase; capitalised they may be initials or names ("A. J. Smith", "An Nguyen").
FILLER_WORDS: frozenset[str] = _words(
    """
    a an of for at in on to by from with via and or me all here there now just us
    """
)
# Determiners never start or sit inside a person's name ("The Guardian", "Our Reporter").
DETERMINERS: frozenset[str] = _words("the this that these those our your my his her their")
# Content words that make a candidate a non-name wherever they appear.
NON_NAME_WORDS: frozenset[str] = _words(
    """
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
    advertisement sponsored content partner source sources about loading new
    новости известия газета агентство служба пресс-служба интерфакс тасс риа ведомости
    коммерсантъ коммерсант сайт администратор редакции телеканал радио журнал
    订阅 关注 分享 購読 フォロー シェア
    """
)
HONORIFICS: frozenset[str] = _words("dr mr mrs ms mx prof professor")
# Multi-word places that look like two capitalised names (compared casefolded).
PLACE_NAMES: frozenset[str] = frozenset(
    (
        "hong kong",
        "los angeles",
        "san francisco",
        "san diego",
        "las vegas",
        "buenos aires",
        "rio de janeiro",
        "sao paulo",
        "são paulo",
        "kuala lumpur",
        "abu dhabi",
        "tel aviv",
        "cape town",
        "new delhi",
        "mexico city",
        "sri lanka",
        "costa rica",
        "puerto rico",
        "saudi arabia",
        "south africa",
        "north korea",
        "south korea",
        "united states",
        "united kingdom",
        "united nations",
        "el salvador",
        "capitol hill",
        "wall street",
        "silicon valley",
        "нижний новгород",
        "великий новгород",
        "нижний тагил",
        "новый уренгой",
        "старый оскол",
    )
)
WEEKDAYS: frozenset[str] = _words("monday tuesday wednesday thursday friday saturday sunday")
PARTICLES: frozenset[str] = _words(
    """
    van von der den de del della delle dei degli di da das dos do du la le lo ter ten
    te bin binti bint ibn al el y zu af av
    """
)
ROMAN_NUMERALS: frozenset[str] = frozenset({"II", "III", "IV", "V", "VI"})
_EDGE_WORDS = ROLE_WORDS | HONORIFICS | WEEKDAYS
_IGNORABLE_WORDS = ROLE_WORDS | NON_NAME_WORDS | FILLER_WORDS | DETERMINERS | HONORIFICS | WEEKDAYS
_REJECT_WORDS = NON_NAME_WORDS | DETERMINERS

# Conjunctions joining names, by byline language ("and" and "&" always apply).
CONJUNCTIONS: dict[str, tuple[str, ...]] = {
    "en": (),
    "fr": ("et",),
    "de": ("und",),
    "es": ("y", "e"),
    "it": ("e", "ed"),
    "nl": ("en",),
    "ru": ("и",),
    "ar": ("و",),
    "multi": ("et", "und", "y", "e"),
    "": ("et", "und", "и"),
}

# Byline markers at the start of a byline, by language.
START_MARKERS: tuple[tuple[str, str], ...] = (
    (
        r"(?:(?:written|story|words|text|reported|reporting|posted|report|article|"
        r"analysis|commentary)\s+)?by\b\s*:?",
        "en",
    ),
    (r"(?:reporters?|correspondents?)\b\s*:?", "en"),
    (r"(?:authors?|writers?)\s*:", "en"),
    (r"(?:par|écrit par)\b\s*:?", "fr"),
    (r"von\b\s*:?", "de"),
    (r"(?:autor(?:in|en|a|es)?|autore|auteur|texto|text|testo|tekst)\s*:", "multi"),
    (r"por\b\s*:?", "es"),
    (r"(?:a cura di|di)\b\s*:?", "it"),
    (r"door\b\s*:?", "nl"),
    (r"(?:автор(?:ы)?|текст|корреспондент)\b\s*:?", "ru"),
    (r"(?:بقلم|كتبت?|كتبه|إعداد|اعداد|تحرير)(?!\w)\s*:?", "ar"),
    (r"(?:מאת|כתבת?)(?!\w)\s*:?", "he"),
)

# Languages whose marker word also starts names ("Di Wang", "Von der Leyen"): when the
# marker reading finds nobody, the whole string is tried as names.
NAME_LIKE_MARKER_LANGS: frozenset[str] = frozenset({"it", "de"})

# Chinese.
CJK_MARKER = (
    r"(?:特约|特約|实习|實習|见习|見習|首席|本报|本報|本台|总台|總台|驻[^\s记]{1,4}"
    r"|駐[^\s記]{1,4})?(?:记者|記者)|通讯员|通訊員|实习生|實習生|撰稿人?|撰文|作者"
    r"|[文图圖]\s*[/|]"
)
CJK_SUFFIXES = (
    r"(?:综合|綜合)?(?:报道|報導|報道|报导)$|[摄攝]影?$|整理$|编译$|編譯$|供稿$"
    r"|[发發]自\S*$"
)
CJK_SURNAMES: frozenset[str] = frozenset(
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
CJK_COMPOUND_SURNAMES: frozenset[str] = _words(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 夏侯 端木 独孤 南宫 "
    "西门 司徒 申屠 万俟 澹台 呼延 轩辕"
)
CJK_NON_NAMES: frozenset[str] = _words(
    """
    佚名 匿名 未知 小编 编辑 编辑部 本站 本报 网友 原创 转载 综合 记者 通讯员 管理员 作者
    来源 责编 实习生 新华社 新华网 人民网 央视网 中新网 中新社 北京 上海 天津 重庆 广州
    深圳 武汉 郑州 沈阳 石家庄 兰州 长沙 杭州 西安 成都 合肥 福州 南宁 海口 太原 济南 昆明
    银川 拉萨 西宁 乌鲁木齐 呼和浩特 哈尔滨 长春 南昌 南京 厦门 青岛 大连 宁波 苏州 温州
    香港 澳门 台北 雄安 贵阳 无锡 珠海
    不详 不詳 网络 網路 網絡 編輯 編集 編集部 編輯部 記者 本報 本报讯 本報訊
    共同 共同通信 時事 時事通信 新華社 中央社 中新社 路透社 路透 法新社 美联社 美聯社
    韩联社 韓聯社 联合 聯合 聯合報 自由時報 朝日新聞 読売新聞 毎日新聞 産経新聞 日本経済新聞
    日経 東京新聞 中日新聞 北海道新聞 西日本新聞 発言人 发言人 報道官 特派員 特派员 編集委員
    論説委員 カメラマン 中国 日本 韩国 韓国 美国 台湾 臺灣 台灣
    台中 臺中 臺北 台南 臺南 高雄 新北 桃園 基隆 新竹 嘉義 花蓮 宜蘭 屏東 台東 苗栗 彰化
    南投 雲林 澎湖 金門 東京 大阪 京都 名古屋 横浜 札幌 福岡 神戸 那覇 仙台 広島 千葉 埼玉
    ワシントン ニューヨーク ロンドン パリ ソウル 北京 上海 東京都
    东京 首尔 华盛顿 华府 纽约 伦敦 巴黎 莫斯科 柏林 布鲁塞尔 日内瓦 新加坡 曼谷 華盛頓
    華府 紐約 倫敦 首爾
    """
)
# Endings of outlets, agencies, desks and roles: a CJK string ending like this is not a
# person ("人民网", "共同通信社", "社会部", "本报评论员"); compared on the whole token.
CJK_NON_NAME_END_RE = re.compile(
    r"(?:社|网|網|报|報|新闻|新聞|通信|电视台|電視台|编辑|編輯|編集|记者|記者|员|員"
    r"|部|支社|支局|総局|局|室|站|中心|频道|頻道|客户端|网络|網路|原创|原創|投稿|转载"
    r"|轉載|发布|發布|综合|綜合|团队|團隊|小组|小組|工作室|官方|报道|報導|報道|特派員|刊"
    r"|评论|評論|时评|時評|杂志|雜誌)$"
)
# Japanese surnames that end in 部 like a desk does ("阿部", not a department).
JA_BU_SURNAMES: frozenset[str] = _words(
    "阿部 安部 服部 岡部 渡部 長谷部 日下部 矢部 磯部 南部 卜部 占部 刑部 物部 建部 堀部 武部"
)
# Japanese newspaper desks and bureaus that head a byline ("社会部　佐藤健太",
# "東京支社　山田花子"): a place + 支社/支局/総局/本社, or a desk stem + 部/局.
JA_BUREAU_RE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]{1,8}(?:支社|支局|総局|本社)"
    r"|(?:[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]{0,6}"
    r"(?:社会|政治|経済|国際|外信|外報|運動|文化|科学|生活|地方|写真|映像|報道|編集|論説"
    r"|整理|校閲|特報|調査|医療|環境|デジタル|くらし|スポーツ)|[\u3040-\u30ff]{1,6})(?:部|局)"
)

# Korean: roles after the name ("김민지 기자"), non-names and their endings.
KO_ROLE_WORDS: frozenset[str] = _words(
    """
    기자 특파원 선임기자 수석기자 객원기자 인턴기자 전문기자 사진기자 취재기자 영상기자
    논설위원 편집위원 논설실장 칼럼니스트 에디터 앵커
    """
)
KO_NON_NAMES: frozenset[str] = _words(
    """
    기자 특파원 편집부 편집국 뉴스팀 관리자 운영자 익명 연합뉴스 뉴시스 뉴스1 조선일보
    중앙일보 동아일보 한겨레 경향신문 한국일보 매일경제 한국경제 서울신문 국민일보 세계일보
    서울 부산 인천 대구 대전 광주 울산 세종 수원 제주 워싱턴 뉴욕 도쿄 베이징 런던 파리
    정부 국회 청와대 대통령 사진 영상 외신 종합 본지 본사 자사 온라인 디지털
    구독 구독하기 공유 공유하기 팔로우 응원 응원하기 다른 기사 보기 제보 댓글
    """
)
KO_NON_NAME_END_RE = re.compile(
    r"(?:뉴스|일보|신문|방송|통신|편집국|기자|특파원|팀|부|센터|데스크)$"
)

# Arabic and Hebrew (no letter case): roles stripped at the edges, words that make a
# candidate a non-name (roles, outlets, agencies, cities, UI text).
CASELESS_EDGE_WORDS: frozenset[str] = _words(
    """
    د الدكتور الدكتورة الكاتب الكاتبة الصحفي الصحفية الصحافي الصحافية الزميل الزميلة
    المحرر المحررة مراسل مراسلة مراسلنا ד"ר כתב כתבת הכתב הכתבת
    """
)
CASELESS_NON_NAMES: frozenset[str] = _words(
    """
    التحرير تحرير محرر محررة المحرر فريق هيئة مراسل مراسلة مراسلنا مراسلو الموقع موقع
    وكالة وكالات الأنباء أنباء نيوز الجزيرة العربية رويترز برس فرانس سبوتنيك الأناضول
    اقرأ المزيد شارك مشاركة إدارة الإدارة المشرف مجهول خاص صحيفة جريدة قسم الأخبار أخبار
    القاهرة الرياض دبي بيروت بغداد دمشق عمان الدوحة غزة القدس الكويت المنامة مسقط الرباط
    تونس الجزائر طرابلس الخرطوم واشنطن لندن باريس موسكو
    في من على إلى الى عن أن إن التي الذي هذا هذه مع قال قالت الرئيس الحكومة اليوم أمس
    מערכת המערכת כתב כתבת סוכנויות ירושלים תל אביב חיפה וואלה של את על עם כי הוא היא זה
    """
)

# --- compiled regexes ---------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
_HAN_RE = re.compile(f"[{_HAN}]")
_CJK_RE = re.compile(f"[{_HAN}{_KANA}]")
_KANA_RE = re.compile(f"[{_KANA}]")
_HIRAGANA_RE = re.compile("[\u3040-\u309f]")
_NAME_DOT_RE = re.compile("[·・]")
_HAN_RUN_RE = re.compile(f"[{_HAN}{_KANA}]{{9,}}")
_HANGUL_RE = re.compile("[\uac00-\ud7a3]")
_HANGUL_NAME_RE = re.compile("[\uac00-\ud7a3]{2,4}")
_KO_SPLIT_RE = re.compile(r"[\s·,]+")
# Korean wire dateline: "(서울=연합뉴스) 김민지 기자 = 정부는 ..."
_KO_LEAD_RE = re.compile(
    r"^(?:[(\[][^()\[\]\n]{1,30}[)\]])?\s*(?P<body>[^=\n]{2,60}?(?:기자|특파원))\s*(?:=|\n|$)"
)
_CASELESS_RE = re.compile("[\u0620-\u064a\u066e-\u06d3\u0750-\u077f\u05d0-\u05ea]")
_CASELESS_WORD_RE = re.compile(
    "[\u0620-\u065f\u0670-\u06d3\u06d5\u0750-\u077f]+"  # Arabic letters, harakat
    "|[\u05d0-\u05ea\u0591-\u05c7][\u05d0-\u05ea\u0591-\u05c7\u05f3'\"-]*"  # Hebrew
)
_JA_BUREAU_LEAD_RE = re.compile(rf"^(?P<bureau>{JA_BUREAU_RE.pattern})\s+")
_SPACE_RE = re.compile(r"[ \t\r\f\v]+")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE_RE = re.compile(r"(?<![\w.])@\w+")
_URL_RE = re.compile(
    r"(?<!\S)(?:\S*(?:://|www\.)\S*"
    r"|\S+\.(?:com|org|net|edu|gov|io|co|uk|de|fr|cn|ru|info|tv)\b\S*)",
    re.IGNORECASE,
)
_MARKER_RES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^\s*{pattern}\s*", re.IGNORECASE), lang) for pattern, lang in START_MARKERS
)
_CJK_MARKER_RE = re.compile(CJK_MARKER)
_CJK_SUFFIX_RE = re.compile(CJK_SUFFIXES)
_CJK_SPLIT_RE = re.compile(rf"\s+|{CJK_MARKER}")
_CJK_CONJ_RE = re.compile("[和及与]")
_PAREN_RE = re.compile(
    r"\(\s*(?P<marker>(?:reporters?|correspondents?)(?![a-z])|"
    r"(?:特约|实习|见习|首席|本报)?记者|通讯员)\s*:?\s*(?P<body>[^()]{1,80})\)",
    re.IGNORECASE,
)
_LEAD_PAREN_RE = re.compile(rf"^[^()\n]{{0,40}}?{_PAREN_RE.pattern}", re.IGNORECASE)
_CUT_RE = re.compile(
    r"\b(?:last\s+)?(?:updated|modified)\b|\b(?:first\s+)?published\b|\bposted\b(?!\s+by)"
    r"|\bcontributed\b"
    r"|\b(?:photos?|photographs?|photography|illustrations?|graphics?|video|edited)\s+by\b"
    r"|\bsources?\s*:|\bpublié|\bmis à jour|\baktualisiert|\bveröffentlicht|\bactualizado"
    r"|\bpublicado|\baggiornato|\bpubblicato|\bbijgewerkt|\bgepubliceerd|обновлено"
    r"|опубликовано|更新时间|发布时间|来源\s*:|责任编辑|编辑\s*:|责编",
    re.IGNORECASE,
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|"
    "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_DATE_RE = re.compile(
    rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s*\d{{4}})?"
    r"|\b\d{4}-\d{2}-\d{2}\S*|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日",
    re.IGNORECASE,
)
_OTHERS_RE = re.compile(r"(?:,\s*)?(?:\band\b|&|\+)\s*\d+\s+(?:others?|more)\b", re.I)
_ROLE_PHRASE_RE = re.compile(
    r"\b(?:(?:for|of)\s+)?(?:the\s+)?(?:associated press|agence france[- ]presse"
    r"|press association|press trust of india|united press international|white house"
    r"|capitol hill)\b",
    re.IGNORECASE,
)
_SUFFIX_COMMA_RE = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV)(?=$|[\s,;|])")
_GLUE_TAIL_RE = re.compile(r"\s+(?:in|for|at|from|with|on|via)\s.*$")
_NAME_TOKEN_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019.-](?=[^\W\d_]))*\.?")
_LOWER_PREFIX_RE = re.compile(r"(?:al|el|ad|ar|as|at|az|d|l)['\u2019-]")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:[,;|•\u2013—/،]|\s-\s)\s*")
_LEAD_END_RE = re.compile(r"[:—\u2013()]|\s-\s")
_LEAD_END_CJK_RE = re.compile(r"[:,、。;()\d]")
# Longer strings are page text, not bylines (and not worth scanning per page).
MAX_BYLINE_CHARS = 600
_EDGE_PUNCT = " \t\n\"'“”\u2018\u2019„«»「」『』()[]{}<>,;:!?*~|"
_TRIM = " \t\n\"'“”\u2018\u2019„«»「」『』{}<>,;:!?*~|-\u2013—·•"
_DIGIT_RE = re.compile(r"\d")
_BRACKETS_RE = re.compile(r"[()\[\]]")


def _splitters(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    forms = sorted({f for w in ("and", *words) for f in (w, w.capitalize(), w.upper())})
    alts = "|".join(map(re.escape, forms))
    split = re.compile(rf"\s*(?:[,;|、،/•\u2013—&\n]|\s[-·]\s|\s(?:{alts})\s)\s*")
    return split, re.compile(rf"^(?:{alts}|&)\s+")


_SPLIT_RES = {lang: _splitters(words) for lang, words in CONJUNCTIONS.items()}

# --- helpers --------------------------------------------------------------------------


def _key(token: str) -> str:
    return token.strip(_EDGE_PUNCT + ".").casefold()


def _prepare(text: str) -> str:
    """NFKC, drop e-mails/URLs/handles, collapse spaces, trim punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = _URL_RE.sub(" ", _EMAIL_RE.sub(" ", text))
    text = _HANDLE_RE.sub(" ", text)
    lines = (_SPACE_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line).strip(_TRIM)


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def _clean_segment(segment: str) -> str:
    """Cut "Updated ..." tails and remove dates, agencies, "and N others", parentheses."""
    cut = _CUT_RE.search(segment)
    if cut:
        segment = segment[: cut.start()]
    segment = _ROLE_PHRASE_RE.sub(",", segment)
    segment = _OTHERS_RE.sub("", _DATE_RE.sub(" ", segment))
    segment = _SUFFIX_COMMA_RE.sub(r" \1", segment)
    return _BRACKETS_RE.sub(",", segment)


def _is_name_token(token: str) -> bool:
    if token.casefold() in PARTICLES and token.islower():
        return True
    if _NAME_TOKEN_RE.fullmatch(token) is None:
        return False
    if token[0].isupper():
        return True
    prefix = _LOWER_PREFIX_RE.match(token)
    return prefix is not None and token[prefix.end() :][:1].isupper()


def _strip_edges(tokens: list[str]) -> list[str]:
    start, end = 0, len(tokens)
    while start < end and _key(tokens[start]) in _EDGE_WORDS:
        start += 1
    while end > start and _key(tokens[end - 1]) in _EDGE_WORDS:
        end -= 1
    return tokens[start:end]


def _drop_dateline(tokens: list[str]) -> list[str]:
    """Drop trailing all-caps words after a mixed-case name ("John Smith WASHINGTON")."""
    while (
        len(tokens) > 2
        and tokens[-1].isupper()
        and len(tokens[-1]) >= 3
        and tokens[-1] not in ROMAN_NUMERALS
        and sum(not t.isupper() for t in tokens[:-1]) >= 2
    ):
        tokens = tokens[:-1]
    return tokens


def _finish_name(tokens: list[str]) -> str:
    if " ".join(tokens).isupper() and any(len(t) > 2 for t in tokens):
        tokens = [t if t in ROMAN_NUMERALS else t.title() for t in tokens]
    last = tokens[-1]
    if last.endswith(".") and len(last.rstrip(".")) > 2:
        tokens = [*tokens[:-1], last.rstrip(".")]
    return " ".join(tokens)


def _latin_name(tokens: list[str]) -> str | None:
    """Validate a Latin/Cyrillic name; return it in normal form or None."""
    tokens = _drop_dateline(tokens)
    proper = [t for t in tokens if not (t.islower() and t in PARTICLES)]
    if not 2 <= len(proper) <= 5 or len(tokens) > 7:
        return None
    if tokens[0] not in proper or tokens[-1] not in proper:
        return None
    if any(_key(t) in _REJECT_WORDS or not _is_name_token(t) for t in tokens):
        return None
    name = _finish_name(tokens)
    return None if name.casefold() in PLACE_NAMES else name


def _latin_piece(piece: str) -> list[str] | None:
    words = _GLUE_TAIL_RE.sub("", piece).split()
    label = max((i + 1 for i, w in enumerate(words[:-1]) if w.endswith(":")), default=0)
    words = words[label:]  # drop a label such as "Texto:"
    tokens = [t for t in (w.strip(_EDGE_PUNCT) for w in words) if t]
    digit = next((i for i, t in enumerate(tokens) if any(c.isdigit() for c in t)), None)
    tokens = _strip_edges(tokens[:digit])
    if all(_key(t) in _IGNORABLE_WORDS for t in tokens):
        return []
    name = _latin_name(tokens)
    return None if name is None else [name]


def _is_cjk_non_name(token: str) -> bool:
    if token in CJK_NON_NAMES:
        return True
    if token in JA_BU_SURNAMES:  # "阿部" ends like a desk but is a surname
        return False
    return CJK_NON_NAME_END_RE.search(token) is not None


def _loose_cjk_name(token: str, trusted: bool) -> str | None:
    """2-6 kanji/kana; in free text (after a Japanese desk) 3-6, not opening in hiragana."""
    if not all(_CJK_RE.match(c) for c in token):
        return None
    if not trusted and (len(token) < 3 or _HIRAGANA_RE.match(token)):
        return None  # "文化部 召开 会议", "社会部 によると"
    return token if 2 <= len(token) <= 6 else None


def _cjk_name(token: str, lang: str = "", trusted: bool = False) -> str | None:
    token = _CJK_SUFFIX_RE.sub("", token.strip(_EDGE_PUNCT)).replace("•", "·")
    if not _KANA_RE.search(token):  # katakana names keep "・" ("ドナルド・トランプ")
        token = token.replace("・", "·")
    if _is_cjk_non_name(token) or not _CJK_RE.match(token):
        return None
    parts = _NAME_DOT_RE.split(token)
    if len(parts) > 1:
        ok = all(1 <= len(p) <= 8 and all(_CJK_RE.match(c) for c in p) for p in parts)
        return token if ok else None
    if trusted or lang == "ja":
        return _loose_cjk_name(token, trusted)
    if not 2 <= len(token) <= 4 or not all(_HAN_RE.match(c) for c in token):
        return None
    if token[:2] in CJK_COMPOUND_SURNAMES and len(token) >= 3:
        return token
    return token if token[0] in CJK_SURNAMES and len(token) <= 3 else None


def _strip_place_tail(token: str) -> str:
    """Cut a place glued after a name: "陳小明台北" -> "陳小明" (before "22日電")."""
    for size in (3, 2):
        if len(token) - size >= 2 and token[-size:] in CJK_NON_NAMES:
            return token[:-size]
    return token


def _is_full_chinese_name(token: str) -> bool:
    return _cjk_name(token) is not None


def _joinable(first: str, second: str) -> bool:
    pair = first + second
    if not first or not second or len(pair) > 6 or not all(_CJK_RE.match(c) for c in pair):
        return False
    if _is_cjk_non_name(first) or _is_cjk_non_name(second):
        return False
    return not (_is_full_chinese_name(first) and _is_full_chinese_name(second))


def _join_split_names(tokens: list[str]) -> list[str]:
    """Japanese "山田 花子" -> "山田花子", unless both halves are Chinese full names."""
    joined: list[str] = []
    index = 0
    while index < len(tokens):
        pair = tokens[index : index + 2]
        if len(pair) == 2 and _joinable(*pair):
            joined.append("".join(pair))
            index += 2
        else:
            joined.append(tokens[index])
            index += 1
    return joined


def _cjk_piece(piece: str, lang: str, trusted: bool) -> list[str] | None:
    tokens: list[str] = []
    for token in _CJK_SPLIT_RE.split(piece):
        token = _DIGIT_RE.split(token, maxsplit=1)[0] if token else ""
        token = _strip_place_tail(_CJK_SUFFIX_RE.sub("", token))
        tokens.extend(_CJK_CONJ_RE.split(token) if len(token) > 4 else [token])
    if trusted:  # in free text "文化部 召开 会议" would join into a "name"
        tokens = _join_split_names(tokens)
    names = [name for t in tokens if (name := _cjk_name(t, lang, trusted))]
    if not names and any(_HAN_RUN_RE.search(t) for t in tokens):
        return None
    return names


def _is_ko_non_name(token: str) -> bool:
    return token in KO_NON_NAMES or KO_NON_NAME_END_RE.search(token) is not None


def _hangul_name(token: str) -> str | None:
    if _is_ko_non_name(token):
        return None
    return token if _HANGUL_NAME_RE.fullmatch(token) else None


def _hangul_piece(piece: str, trusted: bool) -> list[str] | None:
    """Korean names: "김민지 기자"; without a role word only from metadata."""
    words = _KO_SPLIT_RE.split(piece)
    tokens = [t for t in (w.strip(_EDGE_PUNCT + ".=") for w in words) if t]
    names = [t for t in tokens if t not in KO_ROLE_WORDS]
    if len(names) < len(tokens):  # "연합뉴스 김민지 기자": outlets/desks beside a role
        names = [t for t in names if not _is_ko_non_name(t)]
    elif not trusted:
        return None
    if not names:
        return []
    checked = [_hangul_name(t) for t in names]
    return [n for n in checked if n] if all(checked) else None


def _caseless_piece(piece: str, lang: str, trusted: bool) -> list[str] | None:
    """Arabic/Hebrew names: 2-4 words after a marker ("بقلم:"), or from metadata."""
    words = [t for t in (w.strip(_EDGE_PUNCT + ".") for w in piece.split()) if t]
    digit = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w)), None)
    words = words[:digit]
    while words and words[0] in CASELESS_EDGE_WORDS:
        words = words[1:]
    while words and words[-1] in CASELESS_EDGE_WORDS:
        words = words[:-1]
    if not words:
        return []
    if not (trusted or lang in ("ar", "he")) or not 2 <= len(words) <= 4:
        return None
    if any(w in CASELESS_NON_NAMES or not _CASELESS_WORD_RE.fullmatch(w) for w in words):
        return None
    return [" ".join(words)]


def _piece_names(piece: str, lang: str = "", trusted: bool = False) -> list[str] | None:
    """Names in one piece: [] if it is only roles/noise, None if it is not a name."""
    if _HANGUL_RE.search(piece):
        return _hangul_piece(piece, trusted)
    if _CASELESS_RE.search(piece):
        return _caseless_piece(piece, lang, trusted)
    if _CJK_RE.search(piece):
        return _cjk_piece(piece, lang, trusted)
    return _latin_piece(piece)


def _is_sentence_like(piece: str) -> bool:
    words = piece.split()
    if len(words) > 8 or _HAN_RUN_RE.search(piece):
        return True
    return any(
        w[:1].islower() and w.isalpha() and w not in PARTICLES and _key(w) not in _IGNORABLE_WORDS
        for w in words
    )


def _segment_names(segment: str, lang: str, strict: bool) -> list[str]:
    """Names in a byline segment; in strict mode a sentence-like piece voids it all."""
    split_re, lead_conj_re = _SPLIT_RES.get(lang, _SPLIT_RES[""])
    names: list[str] = []
    for raw in split_re.split(_clean_segment(segment)):
        piece = lead_conj_re.sub("", raw.strip(_EDGE_PUNCT))
        found = _piece_names(piece, lang) if piece else []
        if found is None:
            if strict and _is_sentence_like(piece):
                return []
            continue
        names.extend(found)
    return names


def _start_marker(text: str) -> tuple[str, str] | None:
    """(text after a byline marker, language) when text starts with a marker."""
    for marker_re, lang in _MARKER_RES:
        match = marker_re.match(text)
        if match and match.end() < len(text):
            return text[match.end() :], lang
    match = _JA_BUREAU_LEAD_RE.match(text)
    if match and match.group("bureau") not in JA_BU_SURNAMES:
        return text[match.end() :], "ja"
    match = _CJK_MARKER_RE.search(text[:16])
    if match:
        return text[match.end() :], "zh"
    return None


def _paren_segments(text: str) -> list[tuple[str, str]]:
    segments = []
    for match in _PAREN_RE.finditer(text):
        lang = "zh" if _HAN_RE.search(match.group("marker")) else "en"
        segments.append((match.group("body"), lang))
    return segments


# --- public API -----------------------------------------------------------------------


def parse_byline(text: str) -> list[str]:
    """Return the person names in a byline string, deduplicated, in normal form."""
    text = _prepare(text) if len(text) <= MAX_BYLINE_CHARS else ""
    if not text:
        return []
    segments = _paren_segments(text)
    if segments:
        return _dedupe(n for seg, lang in segments for n in _segment_names(seg, lang, False))
    marked = _start_marker(text)
    if marked is None:
        return _dedupe(_segment_names(text, "", True)) if len(text) <= 160 else []
    names = _segment_names(*marked, strict=False)
    if not names and marked[1] in NAME_LIKE_MARKER_LANGS:
        names = _segment_names(text, "", True)  # "Di Wang", "Von der Leyen"
    return _dedupe(names)


def clean_author(name: str) -> str | None:
    """Return one author name from structured metadata in normal form, or None."""
    text = _prepare(name) if len(name) <= MAX_BYLINE_CHARS else ""
    marked = _start_marker(text) if text else None
    candidates = [text] if marked is None else [marked[0]]
    if marked is not None and marked[1] in NAME_LIKE_MARKER_LANGS:
        candidates.append(text)
    for candidate in candidates:
        for part in _AUTHOR_SPLIT_RE.split(_clean_segment(candidate)):
            found = _piece_names(part.strip(_EDGE_PUNCT), trusted=True)
            if found:
                return found[0]
    return None


def _lead_segment(head: str) -> tuple[str, str] | None:
    """The byline part of a paragraph that starts with a byline marker."""
    line, newline, _ = head.partition("\n")
    marked = _start_marker(line)
    if marked is None:
        return None
    rest, lang = marked
    end = (_LEAD_END_CJK_RE if lang in ("zh", "ja") else _LEAD_END_RE).search(rest[:80])
    if end:
        return rest[: end.start()], lang
    if len(line) <= 100 and (newline or len(line) == len(head)):
        return rest, lang  # the byline is a line (or the whole paragraph) of its own
    return None


def leading_byline(paragraph: str) -> list[str]:
    """Return names from a byline/dateline at the very start of a paragraph."""
    head = unicodedata.normalize("NFKC", paragraph[:240]).lstrip()
    paren = _LEAD_PAREN_RE.match(head)
    if paren:
        lang = "zh" if _HAN_RE.search(paren.group("marker")) else "en"
        return _dedupe(_segment_names(paren.group("body"), lang, strict=True))
    korean = _KO_LEAD_RE.match(head)
    if korean:
        return _dedupe(_segment_names(korean.group("body"), "ko", strict=True))
    segment = _lead_segment(head)
    if segment is None:
        return []
    return _dedupe(_segment_names(_prepare(segment[0]), segment[1], strict=True))
