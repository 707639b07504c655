"""Words of page furniture, per language: comments, teasers, trails, tag lists, sources,
copyright and contact lines.

Each table is rows with their language; the recognisers at the end are compiled from
them once. The extractors use them to tell a line or a block of page furniture from
the article's text; ``normalize.sections`` uses the home words to drop a trail's root.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from newsscrape.lexicon.terms import ANY_LANGUAGE, Term, alternation, terms, words

# --------------------------------------------------------------------------- comments


class CommentWord(NamedTuple):
    """A language's word for the comments under an article."""

    lang: str
    text: str
    """As shown on the page, a regex ("kommentare?")."""
    section: str = ""
    """The class or id of a comment section in that language ("kommentare"); not a word
    that also names other things ("Kommentar" is an opinion piece in German)."""
    stem: str | None = None
    """What marks comment markup inside longer class names ("kommentar" in
    "kommentarbereich"); ``section`` when None."""


COMMENT_WORDS: Final = (
    CommentWord("en", "comments?", stem="comment"),
    CommentWord("de", "kommentare?", "kommentare", "kommentar"),
    CommentWord("fr", "commentaires?", "commentaires", "commentaire"),
    CommentWord("es", "comentarios?", "comentarios", "comentario"),
    CommentWord("pt", "coment[aá]rios?"),
    CommentWord("it", "commenti", "commenti"),
    CommentWord("id", "komentar", "komentar"),
    CommentWord("pl", "komentarz[ey]?", "komentarze"),
    CommentWord("tr", "yorumlar", "yorumlar"),
    CommentWord("nl", "reacties", "reacties"),
    CommentWord("da", "kommentarer"),  # also Norwegian, Swedish
    CommentWord("fi", "kommentit"),
    CommentWord("ru", "комментарии", "kommentarii"),
    CommentWord("uk", "коментарі"),
    CommentWord("zh", "发表评论"),
    CommentWord("zh", "评论"),
    CommentWord("zh", "評論"),
    CommentWord("zh", "留言"),
    CommentWord("ja", "コメント"),
    CommentWord("ko", "댓글"),
    CommentWord("ar", "التعليقات"),
    CommentWord("he", "תגובות"),
)

# Whole notices of a comment box ("Leave a Reply", "Comments are closed"), regexes.
COMMENT_NOTICES: Final = (
    Term("en", "leave a (?:comment|reply)"), Term("en", "post a comment"),
    Term("en", "add a comment"), Term("en", r"\d+\s+comments?"),
    Term("en", r"comments?\s*(?:\(\d+\))?"),
    Term("en", "this site uses akismet to reduce spam.*"),
    Term("en", "you must be logged in to post a comment.*"),
    Term("en", "your email address will not be published.*"),
    Term("en", "join the conversation"), Term("en", r"comments are closed\.?"),
)

# --------------------------------------------------------------------------- teasers


class Teaser(NamedTuple):
    """Words that point to other stories ("Read more", "Lesen Sie auch", "相关阅读")."""

    lang: str
    text: str
    """A regex."""
    opens_line: bool = True
    """Also a teaser when it opens a longer line ("Read more: …"); else only alone
    ("More", "Recommended": a line may start with these words and be prose)."""


TEASERS: Final = (
    Teaser("en", "read more"), Teaser("en", "read also"), Teaser("en", "also read"),
    Teaser("en", "see also"), Teaser("en", "related"), Teaser("en", "more:"),
    Teaser("en", "watch:"), Teaser("en", "listen:"),
    Teaser("en", "related (?:stories|articles?|content|posts?|coverage|news|reading)", False),
    Teaser("en", "read next", False), Teaser("en", "see more", False),
    Teaser("en", "more(?: on this(?: story)?)?", False), Teaser("en", "don'?t miss", False),
    Teaser("en", "you (?:may|might) also like", False),
    Teaser("en", "recommended(?: for you)?", False), Teaser("en", "further reading", False),
    Teaser("en", r"more from [\w .&'-]{1,40}", False),
    Teaser("en", "most (?:read|popular)", False), Teaser("en", "trending(?: now)?", False),
    Teaser("de", "lesen sie auch"), Teaser("de", "lesen sie mehr"),
    Teaser("de", "mehr zum thema"),
    Teaser("fr", "à lire aussi"), Teaser("fr", "lire aussi"), Teaser("fr", "voir aussi"),
    Teaser("es", "te puede interesar"), Teaser("es", "lee también"), Teaser("es", "leer más"),
    Teaser("pt", "leia também"), Teaser("it", "leggi anche"), Teaser("ru", "читайте также"),
    Teaser("zh", "相关阅读"), Teaser("zh", "相关新闻"), Teaser("zh", "延伸閱讀"),
    Teaser("zh", "相關新聞"), Teaser("ja", "関連記事"), Teaser("ko", "관련기사"),
    # headings of story lists and pointers, alone on their line
    Teaser("en", "(?:previous|next) (?:article|post|story)", False),
    Teaser("de", r"(?:das|dies|das thema) könnte (?:sie|dich|euch) (?:auch )?interessieren", False),
    Teaser("de", r"weitere (?:aktuelle )?(?:artikel|beiträge|themen|nachrichten|meldungen"
                 r"|pressemitteilungen|news|videos|links)\b.{0,60}", False),
    Teaser("de", r"weitere infos? (?:unter|auf|bei)\b.{0,60}", False),
    Teaser("de", "(?:meist)?(?:kommentierte|gelesene|empfohlene|ähnliche|verwandte) artikel",
           False),
    Teaser("de", r"(?:nächster|vorheriger) artikel", False),
    Teaser("es", "noticias relacionadas|artículos relacionados", False),
    Teaser("fr", "articles similaires|à lire également|dans la même rubrique", False),
    Teaser("it", "potrebbe interessarti|articoli correlati", False),
    Teaser("pt", "leia mais|veja também|notícias relacionadas", False),
    Teaser("nl", "lees ook|zie ook|gerelateerde artikelen", False),
    Teaser("pl", "czytaj (?:także|też|również)|zobacz (?:także|też|również)", False),
)

# --------------------------------------------------------------------------- trails

HOME_WORDS: Final = words((
    *terms("en", "home homepage start index frontpage main"),
    Term("en", "home page"), Term("en", "front page"), Term("en", "news home"),
    *terms("de", "startseite"), *terms("fr", "accueil"), *terms("es", "inicio portada"),
    *terms("pt", "início"), *terms("zh", "首页 首頁 主页 网站首页"), *terms("ja", "ホーム トップ"),
    *terms("ru", "главная"), *terms("ko", "홈"), *terms("ar", "الرئيسية"),
    *terms("tr", "anasayfa"), Term("tr", "ana sayfa"), Term("pl", "strona główna"),
    *terms("id", "beranda"), *terms("nl", "voorpagina"), *terms("da", "forside"),
    *terms("fi", "etusivu"), *terms("cs", "úvod"), Term("cs", "hlavní stránka"),
    Term("it", "pagina iniziale"), Term("it", "prima pagina"), *terms("uk", "головна"),
    *terms("el", "αρχική"), Term("vi", "trang chủ"), *terms("th", "หน้าแรก"),
))
"""A breadcrumb trail's root ("Home", "Startseite", "首页"), compared casefolded."""

PLACEHOLDERS: Final = words((
    *terms("en", "article story post"), Term("en", "current page"),
    *terms("zh", "正文 内容 详情"), *terms("ja", "本文"),
))
"""A trail's last item standing for the page itself ("Article", "正文")."""

# --------------------------------------------------------------------------- tag lists

# "Related" before a tag label ("Temas relacionados", "相关标签"), in either order.
_RELATED_BEFORE: Final = (Term("en", "related[ ]"), *terms("zh", "关联 相关 相關"),
                          *terms("ja", "関連"), Term("ko", "관련 ?"))
_RELATED_AFTER: Final = (Term("es", "relacionad[oa]s"), Term("fr", "associés"),
                         Term("it", "correlati"), Term("de", "verwandte"))
TAG_LABELS: Final = (
    *terms("en", "tags? tagged topics? keywords"), *terms("es", "temas etiquetas"),
    *terms("de", "schlagwörter schlagworte? themen stichwörter stichworte"),
    Term("fr", "mots-clés"), Term("fr", "mots clés"), *terms("fr", "sujets thèmes"),
    Term("it", "argomenti"), Term("it", "tag correlati"), *terms("nl", "onderwerpen trefwoorden"),
    *terms("pl", "tagi etykiety"), Term("pl", "słowa kluczowe"), *terms("pt", "tópicos assuntos"),
    Term("tr", "etiketler"), Term("tr", "anahtar kelimeler"), *terms("id", "topik label"),
    *terms("no", "emneord"), *terms("fi", "avainsanat"), *terms("cs", "štítky"),
    *terms("ru", "теги метки темы"), *terms("zh", "标签 標籤 关键词 關鍵字 关键字"),
    *terms("ja", "タグ キーワード"), *terms("ko", "키워드 태그"), Term("ar", "الوسوم"),
    Term("ar", "كلمات مفتاحية"),
)
"""The label before an article's tag links ("Tags:", "Schlagwörter", "标签：")."""

# --------------------------------------------------------------------------- closing lines

SOURCE_LABELS: Final = (
    *terms("en", "source"), *terms("de", "quelle"), Term("fr", "source de l'article"),
    *terms("zh", "来源 出处"), *terms("es", "fuente"), *terms("pt", "fonte"),
)
"""The label of a line naming where the story comes from ("Source: Xinhua")."""

RIGHTS_RESERVED: Final = (
    Term(ANY_LANGUAGE, "©"), Term(ANY_LANGUAGE, r"\(c\)\s*\d{4}"), Term("en", "copyright"),
    Term("en", "all rights reserved"), Term("it", "riproduzione riservata"),
    Term("fr", "tous droits réservés"), Term("de", "alle rechte vorbehalten"),
    Term("es", "todos los derechos reservados"), Term("zh", "版权所有"), Term("zh", "版權所有"),
    Term("ja", "無断転載"), Term("ko", "저작권자"), Term("ko", "무단 전재"),
)
"""Copyright notices closing a text."""


class EditorLabel(NamedTuple):
    """The label of the editor's credit under a Chinese or Japanese story ("责任编辑：")."""

    lang: str
    text: str
    alone: bool = False
    """Says "the editor" without a colon after it (编辑 alone is also a role word)."""


EDITOR_LABELS: Final = (
    EditorLabel("zh", "责任编辑", alone=True), EditorLabel("zh", "責任編輯", alone=True),
    EditorLabel("zh", "编辑"), EditorLabel("zh", "編輯"), EditorLabel("ja", "編集"),
    EditorLabel("zh", "责编", alone=True),
)

CONTACT_HEADINGS: Final = (
    Term("en", r"(?:(?:media|press|investor|news)\s+)?(?:contacts?|inquiries|enquiries)"),
    Term("de", "pressekontakt"), Term("de", "medienkontakt"), Term("fr", "contact presse"),
    Term("fr", "contacts presse"), Term("es", "contacto de prensa"),
    Term("es", "contacto para medios"), Term("it", "contatti stampa"),
    Term("it", "ufficio stampa"), Term("nl", "perskontakt"), Term("pt", "contato para imprensa"),
)
"""The heading of a press release's contact block."""

SOCIAL_NETWORKS: Final = terms(ANY_LANGUAGE, "twitter facebook instagram linkedin youtube")

# Calls to action closing a body: to subscribe, follow, share, download, or a disclosure.
CALLS_TO_ACTION: Final = (
    Term("en", "sign(?:ing)? up"), Term("en", "subscribe"), Term("en", "subscription"),
    Term("en", "newsletters?"), Term("en", "in your inbox"),
    Term("en", rf"follow (?:us|him|her|them|[@\w.'’-]+(?: [@\w.'’-]+){{0,4}}) on "
               rf"(?:{alternation(SOCIAL_NETWORKS)})"),
    Term("en", "share (?:it|this)(?: story| article)? with"), Term("en", "click here"),
    Term("en", "download (?:the|our) app"),
    Term("en", "(?:may|might) (?:get|earn|receive) a (?:share|commission)"),
)

# --------------------------------------------------------------------------- in-body furniture

CREDIT_LABELS: Final = (
    *terms("en", "photo photos photograph image images picture credit credits"),
    Term("en", "photo credits?"), Term("en", "image credits?"),
    Term("en", "(?:fig\\.|figure) ?\\d+"),
    *terms("de", "foto fotos fotografie bild bilder bildquelle titelbild beitragsbild"),
    Term("de", "(?:abb\\.|abbildung) ?\\d+"), Term("de", "quelle bild"),
    Term("fr", "crédits? photos?"), Term("fr", "image illustrative"), *terms("fr", "illustration"),
    *terms("es", "foto fotografía imagen"), Term("it", "foto di"), *terms("pt", "foto imagem"),
    *terms("nl", "foto beeld"), Term("pl", "fot\\."), *terms("pl", "zdjęcie"),
)
"""The label of a picture's caption or credit kept among the paragraphs ("Foto: dpa",
"Crédits photos : Bestimage", "Abbildung 3: ...")."""

AD_LABELS: Final = (
    *terms("en", "advertisement advertising sponsored ad"), Term("en", "sponsored content"),
    *terms("de", "anzeige werbung"), *terms("fr", "publicité"), *terms("es", "publicidad"),
    *terms("it", "pubblicità"), *terms("pl", "reklama"), *terms("nl", "advertentie"),
    *terms("pt", "publicidade"), *terms("ru", "реклама"), *terms("zh", "广告 廣告"),
    *terms("ja", "広告"), *terms("ko", "광고"),
)
"""An ad slot's label ("Anzeige", "REKLAMA"), or a disclosure opening with it ("*Werbung.")."""

PROMOTIONS: Final = (
    Term("en", "please subscribe"), Term("en", r"subscribe (?:now|today|to (?:our|the))"),
    Term("en", "already a subscriber"), Term("en", r"subscribers (?:also )?(?:receive|get)"),
    Term("en", r"become a (?:member|subscriber|patron)"),
    Term("en", r"log ?in (?:for|to get) (?:immediate |full )?access"),
    Term("en", r"get (?:the|our) (?:free )?app"), Term("en", r"download (?:the|our) (?:free )?app"),
    Term("en", r"straight to your (?:phone|inbox)"),
    Term("en", r"submit your (?:letter|story|news|tip)"),
    Term("en", r"support (?:our|independent) journalism"),
    Term("en", "affiliate links?"),
    Term("de", "abonnieren"), Term("de", r"werden sie (?:mitglied|abonnent)"),
    Term("de", r"exklusive (?:angebote|vorteile)"), Term("de", "nicht eingeloggt"),
    Term("de", r"jetzt (?:kostenlos )?(?:registrieren|anmelden|testen)"),
    Term("de", r"unterstützen sie (?:uns|unseren|unsere)"),
    Term("de", r"enthält (?:werbung|affiliate)"),
    Term("es", r"hazte (?:miembro|socio)"), Term("es", "suscríbete"), Term("es", "síguenos en"),
    Term("es", "beneficios exclusivos"),
    Term("fr", "abonnez-vous"), Term("fr", "accéder en illimité"), Term("fr", "déjà abonné"),
    Term("fr", "suivez-nous"),
    Term("it", "abbonati"), Term("it", "iscriviti"), Term("it", "seguici su"),
    Term("pt", "assine"), Term("pt", "inscreva-se"), Term("pt", "siga-nos"),
    Term("nl", "abonneer"), Term("nl", "word lid"), Term("nl", "volg ons"),
    Term("pl", "wesprzyj nas"), Term("pl", "zaprenumeruj"),
)
"""Invitations a page puts among the paragraphs: to subscribe, join, log in, get the app,
write in; affiliate disclosures. A short line holding one is not the article's."""

INTERFACE_LINES: Final = (
    Term("en", "table of contents"), Term("en", r"share this (?:article|page|story|post)"),
    Term("en", "no ratings yet"),
    Term("en", r"search (?:for )?(?:articles|topics|stories)\b.{0,40}"),
    Term("en", r"back to (?:top|overview|the list)"),
    Term("de", "inhaltsverzeichnis"), Term("de", r"(?:diese seite|artikel|beitrag) teilen"),
    Term("de", r"\(?noch keine bewertungen\)?"),
    Term("de", r"zurück zur (?:listenansicht|übersicht|startseite)"), Term("de", "nach oben"),
    Term("de", "empfohlener redaktioneller inhalt"), Term("de", "originalpublikation"),
    Term("fr", "sommaire"), Term("fr", r"partager (?:cet article|cette page)"),
    Term("es", "índice de contenidos"), Term("es", r"compartir (?:este artículo|esta página)"),
)
"""Controls and labels of the page's interface read as a line of text ("Diese Seite
teilen", "(Noch keine Bewertungen)", "Inhaltsverzeichnis")."""

# --------------------------------------------------------------------------- no article

NOT_FOUND: Final = (
    Term("en", "page not found"), Term(ANY_LANGUAGE, r"^\W*404\b"),
    Term("en", r"error 404|404 error"), Term("de", "fehler 404"), Term("fr", "erreur 404"),
    Term("en", r"page (?:can ?not|can['’]t|could ?not|couldn['’]t) be found"),
    Term("en", "page does not exist"),
    Term("de", r"seite (?:wurde )?nicht gefunden"), Term("de", "seite existiert nicht"),
    Term("fr", "page introuvable"), Term("fr", "page non trouvée"),
    Term("es", "página no encontrada"), Term("it", "pagina non trovata"),
    Term("pt", "página não encontrada"), Term("nl", "pagina niet gevonden"),
    Term("pl", "nie znaleziono strony"), Term("pl", "strona nie istnieje"),
    Term("ru", "страница не найдена"), Term("zh", "页面不存在"), Term("zh", "找不到页面"),
    Term("zh", "页面未找到"), Term("ja", "ページが見つかりません"),
)
"""What the title or headline of an error page served with status 200 says."""

BOT_WALLS: Final = (
    Term("en", "request unsuccessful"), Term("en", "incapsula incident"),
    Term("en", "checking your browser"), Term("en", "checking if the site connection is secure"),
    Term("en", r"enable (?:javascript|cookies)(?: and cookies)? to continue"),
    Term("en", r"verify (?:that )?you are (?:a )?human"), Term("en", "are you a robot"),
    Term("en", "pardon our interruption"),
    Term("en", r"you will be connected to .{1,80} in just a moment"),
    Term("en", "access to this page has been denied"), Term("en", "ddos protection by"),
    Term("en", "attention required"),
    Term("de", "zugriff verweigert"), Term("fr", "accès refusé"), Term("es", "acceso denegado"),
)
"""What a bot check or an access refusal shows instead of the page."""

CONSENT_WALLS: Final = (
    Term("en", r"we(?: and our (?:partners|vendors))? use cookies"),
    Term("en", r"accept (?:all|cookies)"),
    Term("en", r"(?:cookie|privacy) (?:settings|preferences)"),
    Term("en", "consent"),
    Term("de", r"(?:wir|wir und unsere partner) verwenden cookies"),
    Term("de", "alle akzeptieren"), Term("de", r"zustimm(?:en|ung)"), Term("de", "einwilligung"),
    Term("de", "datenschutzeinstellungen"),
    Term("fr", "nous utilisons des cookies"), Term("fr", "tout accepter"),
    Term("fr", "consentement"),
    Term("es", "utilizamos cookies"), Term("es", "aceptar todo"), Term("es", "consentimiento"),
    Term("it", r"utilizziamo (?:i )?cookie"), Term("it", "accetta tutto"),
    Term("it", "consenso"), Term("nl", "wij gebruiken cookies"), Term("nl", "alles accepteren"),
    Term("pl", "używamy plików cookie"), Term("pl", "akceptuję"),
)
"""What a consent dialog says; a page whose text is only that is a consent wall."""

# --------------------------------------------------------------------------- compiled

COMMENT_TEXT: Final = re.compile(
    rf"^(?:{alternation(COMMENT_NOTICES)}|{alternation(COMMENT_WORDS)})"
    r"\s*(?:\(\d+\)|\d+)?$",
    re.IGNORECASE,
)
"""Visible text that marks a comment box or spam notice."""

COMMENT_SECTIONS: Final = tuple(w.section for w in COMMENT_WORDS if w.section)
"""Class and id names of comment sections in languages other than English."""
COMMENT_STEMS: Final = tuple(dict.fromkeys(
    w.stem if w.stem is not None else w.section for w in COMMENT_WORDS
    if w.stem is not None or w.section))
"""Parts of class and id names that mark comment markup."""

TEASER_LABEL: Final = re.compile(
    rf"^[\[(]?(?:{alternation(TEASERS)})\W*$", re.IGNORECASE)
"""A block that only announces links to other stories ("Related", "You may also like")."""
TEASER_LINE: Final = re.compile(
    rf"^(?:{alternation(t for t in TEASERS if t.opens_line)})\b.*",
    re.IGNORECASE)
"""A line that points away from the article ("READ MORE: …", "Lesen Sie auch …")."""

BREADCRUMB_LINE: Final = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(HOME_WORDS, key=len, reverse=True)) + r")"
    r"\s*(?:»|›|>|→|＞|\s/)\s*.+",
    re.IGNORECASE,
)
"""A visible trail: a home-like root, then items ("Home » News » World").

"|" is left out on purpose: site menus ("Startseite | Lokales | Region") use it far
more often than trails do."""

TAG_LABEL: Final = re.compile(
    rf"^(?:{alternation(_RELATED_BEFORE)})?"
    rf"(?:{alternation(TAG_LABELS)})(?: (?:{alternation(_RELATED_AFTER)}))?\s*[:：]?$",
    re.IGNORECASE,
)
"""A short element that labels the tag links after it ("Temas:", "Schlagwörter", "标签：")."""

SOURCE_LINE: Final = re.compile(
    rf"^(?:{alternation(SOURCE_LABELS)})\s*[:：]\s*(?P<name>.{{2,80}})$", re.IGNORECASE)
"""A line naming where the story comes from ("Source: Xinhua", "来源：新华社")."""

CLOSING_LINE: Final = re.compile(
    rf"(?:{alternation(RIGHTS_RESERVED)}|"
    rf"^[（(]?\s*(?:{alternation(EDITOR_LABELS)})\s*[:：]|"
    # editors' or agencies' initials closing a story: "(rk/bms)", "(dpa/AFP)", "(jpn)"
    r"^\(\s*[^\W\d_]{1,6}(?:\s*[/,]\s*[^\W\d_]{1,6})*\s*\)$)",
    re.IGNORECASE,
)
"""Closing boilerplate: copyright, the editor's credit, initials."""

CONTACT_HEADING: Final = re.compile(
    rf"^(?:{alternation(CONTACT_HEADINGS)})\s*[:：]?$", re.IGNORECASE)

EDITOR_CREDIT: Final = (
    rf"{alternation(e for e in EDITOR_LABELS if e.alone)}|(?:{alternation(EDITOR_LABELS)})\s*:"
)
"""The editor's credit inside a byline: where the reporters' names end (a regex piece)."""
SOURCE_CREDIT: Final = (
    rf"\b(?:{alternation(t for t in SOURCE_LABELS if t.text.isascii())})s?\s*:"
    rf"|(?:{alternation(t for t in SOURCE_LABELS if not t.text.isascii())})\s*:"
)
"""A source's label inside a byline ("Source: AP", "来源："): the names end there."""

PROMO_LINE: Final = re.compile(rf"\b(?:{alternation(CALLS_TO_ACTION)})\b", re.IGNORECASE)
"""A closing line that asks the reader to do something other than read the story."""

_LABEL_START: Final = re.compile(
    rf"^\W{{0,3}}(?:(?:{alternation(CREDIT_LABELS)})\s*[:：]"
    rf"|(?:{alternation(AD_LABELS)})(?:\W*$|\s*[.:]\s))",
    re.IGNORECASE,
)
_INTERFACE_LINE: Final = re.compile(
    rf"^\W{{0,3}}(?:{alternation(INTERFACE_LINES)})\W*$", re.IGNORECASE)
# Cheap tests before the patterns (they run on every short line of every body): a label
# ends within this many characters with a colon or a full stop, or is all the line; an
# interface string is a line this short.
_LABEL_END = 40
_LABEL_ALONE = 30
_INTERFACE_MAX = 120
_PROMOTION: Final = re.compile(rf"\b(?:{alternation(PROMOTIONS)})\b", re.IGNORECASE)


def _literal_head(pattern: str) -> str:
    """The literal text a regex starts with, up to its first operator (a quantifier's
    character left out: "links?" -> "link")."""
    match = re.search(r"[\\()\[\]|.]|.[?*+{]", pattern)
    return (pattern[:match.start()] if match else pattern).strip()


_PROMOTION_KEYS: Final = tuple(dict.fromkeys(_literal_head(t.text) for t in PROMOTIONS))
"""The literal words each invitation starts with: a line holding none of them is not
searched with the whole pattern (it runs on every short line of every body)."""


def is_furniture_line(line: str) -> bool:
    """A short line among the paragraphs that is not the article's: a picture credit or
    caption label, an ad label or disclosure, an invitation to subscribe, join or follow,
    an interface string."""
    if "©" in line:
        return True
    head = line[:_LABEL_END]
    if (len(line) <= _LABEL_ALONE or ":" in head or "：" in head or "." in head) \
            and _LABEL_START.match(line):
        return True
    if len(line) <= _INTERFACE_MAX and _INTERFACE_LINE.match(line):
        return True
    folded = line.lower()
    for key in _PROMOTION_KEYS:  # (a loop: twice as fast as any() over a generator)
        if key in folded:
            return _PROMOTION.search(line) is not None
    return False


NOT_FOUND_TITLE: Final = re.compile(rf"(?:{alternation(NOT_FOUND)})", re.IGNORECASE)
"""An error page's title or headline ("Page not found", "404", "Seite nicht gefunden")."""
BOT_WALL: Final = re.compile(rf"(?:{alternation(BOT_WALLS)})", re.IGNORECASE)
"""A bot check or an access refusal ("Request unsuccessful. Incapsula incident ID")."""
CONSENT_WALL: Final = re.compile(rf"(?:{alternation(CONSENT_WALLS)})", re.IGNORECASE)
"""A consent dialog's wording ("Wir und unsere Partner verwenden Cookies")."""
