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
