"""The general vocabulary of scholarly web pages: what site chrome and metadata labels look like.

None of this belongs to one site. Publishers, literature databases, preprint servers, catalogues and
aggregators share a small language of buttons ("Cite this article", "Download PDF"), panels
("Similar articles", "Cited by"), banners (cookies, licences) and labels ("Keywords", "作者",
"Palabras clave"). A line is recognised as chrome or as a labelled field by this vocabulary and by
its shape; everything the reader keeps comes from the structure around the title.
"""

from __future__ import annotations

import re

# Whole lines that are controls, menus, counters or banners, in several UI languages.
_CHROME_PHRASES = (
    # navigation and accounts
    r"(skip|jump) to (the )?(main |page |article )?(content|article|navigation|information|search|menu)",
    r"(main )?menu",
    r"home",
    r"search( \w+){0,3}",
    r"search (for )?(more )?(articles|papers|publications|works|items) by (this|the|these) authors?.*",
    r"advanced( search)?",
    r"browse( \w+){0,2}",
    r"(log|sign) ?(in|up|out)( to your account)?",
    r"register",
    r"my (account|library)",
    r"cart",
    r"help",
    r"contact( us)?",
    r"about( us| the journal)?",
    r"feedback",
    r"submit( a| an| your)?( manuscript| paper| article| research)?",
    r"claim( this)?( article| paper| record)?",
    r"journal (information|info|home|metrics)",
    r"latest (research|articles|issue)",
    r"journals?( & books)?",
    r"explore journals",
    r"get published",
    r"subscribe( to alerts)?",
    r"alerts?",
    r"clipboard",
    r"user guide",
    r"display options",
    r"send to",
    r"recent history",
    r"saved searches",
    r"filters?",
    r"all( [\w-]+){1,2}",  # the default of a search form's drop-down ("All Journals", "All Article Types")
    r"sort by.*",
    r"order by.*",
    r"select\.*",
    r"next",
    r"previous",
    r"back",
    r"more",
    r"less",
    r"show (more|less|all)",
    r"see (all|more).*",
    # article tools
    r"cite( this( article| paper)?)?",
    r"citation tools",
    r"export( citation)?",
    r"share( this (article|story))?",
    r"share:?",
    r"e-?mail",
    r"print",
    r"save( record)?",
    r"download( this paper| pdf| full issue| item)?.*",
    r"(view|preview|open) pdf.*",
    r"pdf",
    r"full text( links)?",
    r"free (full text|pmc article)",
    r"view full text",
    r"full text provider logo",
    r"get rights and content",
    r"author links open overlay panel",
    r"expand",
    r"collapse",
    # a machine-translation button over an abstract ("Translate", "Show original")
    r"translate( this (page|article|abstract|text))?",
    r"(show|view) (original|translation)",
    r"affiliations?",
    r"author information",
    # article-tool tabs run together on one line ("Author Affiliations Article Information")
    r"((author|article)s?( (affiliations?|information|info|notes|details|metrics|history|contributions))+\s*){1,3}",
    r"view orcid profile",
    r"add (paper )?to .*",
    r"place hold",
    r"staff view",
    r"marc view",
    r"normal view",
    r"detail view",
    r"holdings.*",
    r"(list of|past|back|previous|all) issues?",
    r"(issue )?table of contents",
    r"description",
    r"comments?( on this paper)?",
    r"metrics( details)?",
    r"(article )?info(rmation)?( (&|and) metrics)?",
    r"e-?letters",
    r"(figures|tables)( (&|and) (data|tables|media))?",
    r"related content",
    r"responses",
    r"info/history",
    r"supplementary material",
    r"version \d+",
    r"status:?",
    r"under review",
    r"posted",
    r"you are reading .*",
    # a language switch: "Available in" / "Also available in:" and language names written in their own language
    r"(also )?(available|read( this)?( article)?) in( other languages)?",
    r"english|español|français|deutsch|português|italiano|nederlands|polski|türkçe|русский|中文|日本語|한국어",
    # a language tag alone over an abstract or keywords ("Résumé" / "En" / text): ISO 639 codes
    r"en|eng|fr|fra|fre|de|deu|ger|es|spa|pt|por|it|ita|nl|nld|tr|tur|ja|jpn|zh|zho|ko|kor|ru|rus|pl|pol|sv|swe",
    r"permissions",
    # banners, legal and footers
    r"advertisement",
    r"privacy( policy)?",
    r"terms( and conditions| of use)?",
    r"cookie (settings|preferences)",
    r"manage preferences",
    r"accept( all)?( cookies)?",
    r"impressum",
    r"datenschutz",
    r"mentions légales",
    r"aviso legal",
    r"an official website of .*",
    r"here's how you know",
    # other UI languages
    r"zum hauptinhalt springen",
    r"suche",
    r"anmelden",
    r"warenkorb",
    r"zitieren",
    r"teilen",
    r"pdf herunterladen",
    r"cookie-einstellungen",
    r"alle akzeptieren",
    r"aller au contenu( principal)?",
    r"accueil",
    r"rechercher",
    r"partager",
    r"citer( cet article)?",
    r"télécharger( le pdf)?",
    r"numéros",
    r"condividi",
    r"scarica( (il )?pdf)?",
    r"stampa",
    r"paramétrer les cookies",
    r"tout accepter",
    r"saltar al contenido( principal)?",
    r"inicio",
    r"buscar",
    r"compartir",
    r"citar",
    r"descargar( pdf)?",
    r"configurar cookies",
    r"aceptar( todas)?",
    r"números anteriores",
    r"envío de manuscritos",
    r"首页",
    r"登录",
    r"注册",
    r"检索",
    r"高级检索",
    r"期刊导航",
    r"下载(pdf)?",
    r"在线阅读",
    r"收藏",
    r"分享",
    r"引用",
    r"导出",
    r"打印",
    r"复制",
    r"关闭",
    r"确定",
    r"取消",
)
_CHROME_LINE = re.compile(r"^[\s|·•>»›/\-–]*(?:" + "|".join(_CHROME_PHRASES) + r")[\s|·•:]*$", re.IGNORECASE)

# Fragments that make a whole line chrome wherever they occur (banners, licences, counters).
_CHROME_FRAGMENT = re.compile(
    r"\bwe use cookies\b|"
    # a cookie banner's own heading ("Cookies on this website", "Your cookie choices", "About cookies")
    r"^\W*cookies? on (this|our|the) [\w\s'’-]{0,30}\b(site|website|service|portal)\W*$|"
    r"^\W*((your|our|about|manage|managing|using) )?cookies?( (policy|notice|consent|banner|choices|preferences|"
    r"settings|statement))\W*$|^\W*(about|our|your|using) cookies\W*$|"
    r"^\W*(accept|reject|allow|deny|decline|refuse|view|set|change)\b[\w\s-]{0,30}\bcookies\W*$|"
    r"\b(we|we'd|we’d|we would|we may)\b.{0,40}\b(use|set|store|place)\b.{0,30}\bcookies\b|"
    r"\bthis (site|website) uses cookies\b|\bcookies?\b.{0,60}\b(accept|agree|consent)|"
    r"wir verwenden cookies|nous utilisons des cookies|utilizamos cookies|使用cookie|"
    r"creative commons|\bcc[ -]by\b|\blicen[cs]ed under\b|\bopen access (article|this article)\b|"
    r"©|\bcopyright\b|all rights reserved|版权所有|powered by\b|"
    r"^\s*[\d,.]+\s*(k\s*)?(total\s+)?(accesses|views|downloads|citations|altmetric|reads|saves|shares)\s*$|"
    r"^\s*((total|all[- ]time|monthly)\s+)?(views|downloads|citations|saves|reads|accesses|altmetric)"
    r"\s*[:：]?\s*[\d,.]+\s*$|"
    r"^\s*cited by\s*\(?\d*\)?\s*$|"
    r"^[^\d\s:：]{1,8}\s*[:：]\s*[\d,]+\s*$|"  # "浏览:42", "被引次数：3", "Saves: 3"
    # journal metrics boxes: impact factor, CiteScore, quartiles, Chinese journal-directory figures
    r"^\s*IF\s+\d|\bimpact factor\b|\bcitescore\b|\bJCR\b|\bh-index\b|影响因子|自引率|发文量|审稿时长|"
    r"^\s*Q[1-4]\s*$|"
    # the journal section an article appears in ("Sec. Health Workforce", "Specialty section: ...")
    r"^\s*(sec\.|section\s*[:：]|specialty section\s*[:：])\s*[^.!?]{2,80}$|"
    # a search box or banner boasting the size of the collection ("Search 2,345,678 papers", "(44,907 articles)")
    r"^\W*(search|browse|explore|discover|find|across|over)\b.{0,60}\b\d{1,3}(?:[,. ]\d{3})+\+?\s*"
    r"(articles|papers|records|publications|documents|items|works|titles|abstracts|preprints|citations)\b|"
    r"^\s*showing \d+\s*(-|–|to|through)\s*\d+ of \d+\b|"
    # a search box's placeholder naming what it finds ("Search for papers, people, and interests")
    r"^\W*(search|find)\b(\s+(for|by|in))?[\w\s]{0,20}\b(papers|articles|people|authors|journals|topics|"
    r"interests|publications|researchers|keywords)\s*,[\w\s,]{0,40}\b(and|or)\s+\w+\s*\W*$|"
    # a placeholder for the photo of a person ("Photo of author", "Profile picture")
    r"^\s*(photo|picture|image|avatar) of (the )?(author|user)s?\s*$|^\s*profile (photo|picture|image)\s*$|"
    # a control label: a UI verb opening a short line ("Sign up to set email alerts", "View all 12 authors")
    r"^\s*(sign (up|in)|log ?in|subscribe|download|view|share|save|print|export|add to|get (access|rights)|"
    r"show|see( all)?|click|manage|go to|back to|return to|follow|request|buy|purchase|rent)\b(\s+\S+){0,7}\s*$",
    re.IGNORECASE,
)

# Breadcrumbs: short items joined by ">" or "/" ("Home > Journals > ...", "Home / Archive / Vol 11").
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(\s[>›»/]\s[^.!?]{1,60}){1,8}$")

# Headings after which nothing describes this article any more (back matter and side panels).
_STOP_HEADING = re.compile(
    r"^\s*(\d+(\.\d+)*\.?\s+)?(references?( \d+ publications)?|bibliography|literatur(e)?( cited)?|bibliografía|"
    r"références|参考文献|引证文献|相关文献|similar (articles|preprints)|related (articles|papers|information|"
    r"stories|ejournals)|recommended articles|cited by( \(\d+\))?|citing articles|figures?( and tables)?|tables|"
    r"supplementary (material|information|data)|comments|conflicts? of interest( statement)?|"
    r"competing interests?( statement)?|funding( statement)?|acknowledge?ments?|ethics declarations|"
    r"rights and permissions|about this article|publication types|mesh terms|substances|grants and funding|"
    r"linkout.*|paper statistics|suggested citation:?|main|discussion|materials and methods|"
    r"tags from this library.*|"
    # related works and citing works in the other UI languages of article pages
    r"art[ií]culos (relacionados|similares)|articles (similaires|connexes)|(ähnliche|verwandte) artikel|"
    r"articoli (correlati|simili)|artigos (relacionados|semelhantes)|gerelateerde artikelen|"
    r"citado por|cité par|zitiert von|citato da)\s*$",
    re.IGNORECASE,
)
_NUMBERED_SECTION = re.compile(r"^\s*\d+(\.\d+)*\.?\s+[A-Z][a-z]+(\s+\w+){0,4}\s*$")

# Blocks that cite the article itself, where a DOI absent from the header may be found.
SELF_CITATION = re.compile(
    r"^\s*(cite this (article|as)|suggested citation|how to cite( this article)?|citation|"
    r"pour citer (cet article|ce document)|"
    r"cite as|cite|citer|citar|citare|zitieren|kaynak göster|atıf|引用|引用する|인용|"
    r"zitierweise|citer cet article|c[oó]mo citar(?: este art[ií]culo| este artigo)?|引用本文|"
    r"(?:så här )?citera(?:r du)?(?: artikeln)?|citeer(?: dit artikel| als)?|come citare(?: questo articolo)?|"
    r"jak cytować(?: ten artykuł)?|zitieren sie diesen artikel|lähdeviite|sådan citerer du|slik siterer du|"
    r"cara (?:mengutip|sitasi)(?: artikel ini)?|hoe te citeren|zitiervorschlag|zitierempfehlung|"
    r"como citar este artigo|bu makaleye atıf için|atıf için|cách trích dẫn|วิธีการอ้างอิง)\s*:?\s*$",
    re.IGNORECASE,
)

# Side-panels before the abstract that are not the abstract ("Highlights", "Graphical abstract").
ASIDE_HEADING = re.compile(
    r"^\s*(highlights|graphical abstract|key points|research in context|"
    r"plain language summary|tl;?dr|what is already known.*)\s*:?\s*$",
    re.IGNORECASE,
)

# Statements of disclaimers by the site (not the study).
DISCLAIMER = re.compile(
    r"(特别声明|免责声明|版权声明|^\s*disclaimer\b|本站|本页面|haftungsausschluss|"
    r"descargo de responsabilidad|avertissement)",
    re.IGNORECASE,
)

# Labels of metadata fields -> the field they give. Matched case-insensitively on the whole label.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("title", "название", "题名", "篇名", "标题", "titel", "título", "titre"),
    "authors": (
        "authors?",
        "main authors?",
        "other authors?",
        "by",
        "creators?",
        "作者",
        "著者",
        "autor(en|es)?",
        "auteurs?",
        "autori",
        "авторы?",
    ),
    "affiliations": ("affiliations?", "institutions?", "机构", "作者单位", "单位"),
    "abstract": (
        "abstract",
        "summary",
        "description",
        "摘要",
        "中文摘要",
        "英文摘要",
        "english abstract",
        "초록",
        "국문 ?초록",
        "영문 ?초록",
        "요약",
        "抄録",
        "要旨",
        "zusammenfassung",
        "resumen",
        "résumé",
        "resumo",
        "riassunto",
        "samenvatting",
        "аннотация",
        "резюме",
        "öz",
        "özet",
        "streszczenie",
        "abstrak",
        "abstrakt",
        "sammanfattning",
        "sammendrag",
        "samandrag",
        "resumé",
        "souhrn",
        "súhrn",
        "kurzfassung",
        "tiivistelmä",
        "περίληψη",
        "tóm tắt",
    ),
    "keywords": (
        "keywords?",
        "key ?words",
        "(?:uncontrolled|author|free|indexing) key ?words?",
        "subjects?",
        "subject\\(s\\)",
        "subject terms",
        "index terms",
        "tags",
        "关键词",
        "关键字",
        "キーワード",
        "키워드",
        "주제어",
        "schlüsselwörter",
        "stichwörter",
        "palabras clave",
        "mots[- ]clés",
        "parole chiave",
        "palavras[- ]chave",
        "trefwoorden",
        "ключевые слова",
        "anahtar kelimeler",
        "anahtar sözcükler",
        "słowa kluczowe",
        "kata kunci",
        "klíčová slova",
        "nyckelord",
        "ämnesord",
        "nøkkelord",
        "emneord",
        "stikkord",
        "nøgleord",
        "sleutelwoorden",
        "schlagwörter",
        "schlagworte",
        "kľúčové slová",
        "asiasanat",
        "avainsanat",
        "λέξεις-κλειδιά",
        "từ khóa",
    ),
    "doi": ("doi", "(?:preprint|article|paper|this version's) doi", "doi (?:identifier|number|link)"),
    "journal": (
        "journal",
        "source",
        "published in",
        "publication",
        "is part of",
        "part of",
        "in",
        "appeared in",
        "publication details",
        "刊名",
        "期刊",
        "来源",
        "来源期刊",
        "zeitschrift",
        "revista",
        "revue",
        "журнал",
        "収録刊行物",
        "掲載誌",
        "雑誌名",
        "誌名",
        "학술지",
        "학술지명",
        "dergi",
        "dergi adı",
    ),
    "volume_issue": ("年[,，]\\s*卷\\s*[（(]期[)）]", "year, volume \\(issue\\)"),
    "pages": ("pages?", "页码"),
    "url": (
        "record permalink",
        "permalink",
        "permanent link",
        "persistent link",
        "stable url",
        "online access",
        "url",
        "link",
        "handle",
    ),
    "language": ("language", "язык", "语种", "sprache", "idioma", "langue"),
    "funding": ("funding", "fund", "grants?", "基金", "资助"),
}

# The language a label is written in, where a page labels two versions ("Palabras clave" / "Keywords").
LABEL_LANGUAGE = {
    "摘要": "zh",
    "中文摘要": "zh",
    "英文摘要": "en",
    "english abstract": "en",
    "초록": "ko",
    "국문 초록": "ko",
    "국문초록": "ko",
    "영문 초록": "en",
    "영문초록": "en",
    "요약": "ko",
    "키워드": "ko",
    "주제어": "ko",
    "抄録": "ja",
    "要旨": "ja",
    "关键词": "zh",
    "关键字": "zh",
    "キーワード": "ja",
    "zusammenfassung": "de",
    "schlüsselwörter": "de",
    "stichwörter": "de",
    "resumen": "es",
    "palabras clave": "es",
    "résumé": "fr",
    "mots-clés": "fr",
    "mots clés": "fr",
    "resumo": "pt",
    "palavras-chave": "pt",
    "palavras chave": "pt",
    "riassunto": "it",
    "parole chiave": "it",
    "samenvatting": "nl",
    "trefwoorden": "nl",
    "аннотация": "ru",
    "резюме": "ru",
    "ключевые слова": "ru",
    "öz": "tr",
    "özet": "tr",
    "anahtar kelimeler": "tr",
    "anahtar sözcükler": "tr",
    "streszczenie": "pl",
    "słowa kluczowe": "pl",
    "abstrak": "id",
    "kata kunci": "id",
    "abstrakt": "cs",
    "klíčová slova": "cs",
    "sammanfattning": "sv",
    "nyckelord": "sv",
    "ämnesord": "sv",
    "sammendrag": "no",
    "samandrag": "no",
    "nøkkelord": "no",
    "stikkord": "no",
    "resumé": "da",
    "nøgleord": "da",
    "tiivistelmä": "fi",
    "asiasanat": "fi",
    "avainsanat": "fi",
    "sleutelwoorden": "nl",
    "kurzfassung": "de",
    "schlagwörter": "de",
    "schlagworte": "de",
    "souhrn": "cs",
    "súhrn": "sk",
    "kľúčové slová": "sk",
    "abstract": "en",
    "keywords": "en",
    "keyword": "en",
    "key words": "en",
    "keywords:": "en",
}

# Labels of catalogue or repository record numbers ("Document No", "Item No", "Accession number").
RECORD_NUMBER_LABEL = re.compile(
    r"^(document|item|record|accession|call|control)\s*(no\.?|number|#|id)$", re.IGNORECASE
)

# Kinds of dated events on article pages, in every UI language we know.
DATE_LABELS: tuple[tuple[str, str], ...] = (
    (
        "published online|first published( online)?|online veröffentlicht|publié en ligne|publicado en línea|"
        "online publication date|网络出版|在线发表",
        "online",
    ),
    ("epub( date)?|e-?published|epub ahead of print", "epub"),
    ("posted( date)?|preprint posted|posted online", "posted"),
    (
        "published|publication date|pub(lished)? date|date published|issue date|date issued|"
        "veröffentlicht|publié( le)?|"
        "publicado|publicación|publicerad|publiceret|publisert|udgivet|utgitt|utgiven|gepubliceerd|pubblicato|"
        "opublikowano|julkaistu|"
        "publikováno|diterbitkan|dipublikasikan|tanggal terbit|"
        "发表日期|出版日期|发布日期|刊出日期|year|publication year|year of publication|"
        "year published|発行年|발행년도|발행연도|出版年|yıl|année|año|ano|jahr|anno|jaar|år|rok|год|vuosi|év|tahun",
        "published",
    ),
    ("received|eingegangen|reçu|recibido|ricevuto|ontvangen|mottagen|otrzymano|收稿日期", "received"),
    ("accepted(?: for publication)?|angenommen|(?:zur publikation )?angenommen|accepté(?: pour publication)?|"
     "aceptado(?: para (?:su )?publicación)?|accettato|geaccepteerd|accepterad|zaakceptowano|diterima|"
     "录用日期|接受日期", "accepted"),
    ("received(?: for (?:publication|review))?|submitted|diajukan|dikirim", "received"),
    ("revised|überarbeitet|révisé|revisado|修回日期", "revised"),
    ("date written|written", "written"),
)

# A page's own statement that this article is a preprint or has not been peer reviewed.
NOT_PEER_REVIEWED = re.compile(
    r"\b(has|have) not (yet )?been (peer[- ]reviewed|certified by peer review)|\bnot (yet )?peer[- ]reviewed\b|"
    r"\bnon[- ]peer[- ]reviewed\b|\bwithout peer review\b|\bhas not been published in a peer[- ]reviewed\b|"
    r"\bnot been peer reviewed\b|未经同行评议|未经同行评审",
    re.IGNORECASE,
)
PEER_REVIEWED_ARTICLE = re.compile(
    r"\bthis (article|paper|study|manuscript) (has been|was|is) peer[- ]reviewed\b|"
    r"^\s*peer[- ]reviewed\s*[:：]\s*(yes|true)\s*$",
    re.IGNORECASE,
)

# Degrees, credentials and titles written after (or before) a person's name.
DEGREES = frozenset(
    "md mph phd ms msc ma mba ba bsc bs rn bsn msn dnp np pa pa-c pharmd drph do mbbs mbchb frcp frcpc facp "
    "faafp fracp lcsw licsw msw mhs mspH cph dphil scd dsc edd psyd jd llm mres mpp mpa frcs frcpsych mrcp "
    "mrcgp dds dmd bds dr prof professor ccrp cadc ladc lpc facog faap faan fnp-bc aprn crnp mscn bscn "
    "rgn".lower().split()
)

# Words that never name a person: UI labels and article-type words that slip into author positions.
NOT_NAME_WORDS = frozenset(
    [
        # the words of notices' type labels ("Retraction Notice", "Erratum", "Expression of Concern")
        "retraction",
        "retracted",
        "notice",
        "erratum",
        "errata",
        "corrigendum",
        "correction",
        "addendum",
        "withdrawal",
        "concern",
        "masthead",
        "abstract",
        "access",
        "affiliations",
        "affiliation",
        "article",
        "articles",
        "author",
        "authors",
        "information",
        "expand",
        "collapse",
        "research",
        "original",
        "review",
        "open",
        "journal",
        "journals",
        "full",
        "text",
        "view",
        "download",
        "cite",
        "share",
        "home",
        "search",
        "menu",
        "university",
        "department",
        "school",
        "hospital",
        "centre",
        "center",
        "institute",
        "college",
        "faculty",
        "health",
        "medicine",
        "policy",
        "study",
        "studies",
        "report",
        "reports",
        "results",
        "methods",
        "background",
        "conclusions",
        "introduction",
        "keywords",
        "references",
        "similar",
        "cited",
        "metrics",
        "pdf",
        "email",
        "print",
        "save",
        "export",
        "alerts",
        "library",
        "catalogue",
        "database",
        "online",
        "published",
        "posted",
        "received",
        "accepted",
        "volume",
        "issue",
        "pages",
        "abstracts",
        "editorial",
        "commentary",
        "letter",
        "case",
        "clinical",
        "the",
        "of",
        "and",
        "for",
        "in",
        "on",
        "at",
        "to",
        "with",
        "from",
        "by",
        "preprint",
        "preprints",
        "version",
        "status",
        "english",
        "language",
        "format",
        "subjects",
        "summary",
    ]
)

# Article-level UI phrases that may sit inside an author line and are removed before parsing names.
# Links, ORCID iDs and e-mail addresses printed after a name (tried only on lines with "@", "/" or an iD).
INLINE_AUTHOR_LINKS = re.compile(
    r"https?://\S+|(?:www\.)?orcid\.org/\S+|\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
INLINE_AUTHOR_CHROME = re.compile(
    r"view orcid profile|orcid( icon)?|\(corresponding author\)|corresponding author|"
    r"[\[(]?\s*(?:opens?|links?|link opens) in (?:a )?new (?:window|tab)\s*[\])]?|"
    r"\bauthors?\s+info(rmation)?(\s*(&|and)\s*affiliations?)?\s*$|"
    r"show (more|less)|\+\s*\d+\s+(?:more(?:\s+authors?)?|authors?)\b|"
    r"(?:…|\.\.\.)?\s*(?:and\s+)?\d+\s+more\s+authors?\b|"
    r"et al\.?",
    re.IGNORECASE,
)

# Trailing site or journal names in browser titles ("Title - PubMed", "Title | Journal").
SITE_WORDS = re.compile(
    r"\b(pubmed|pmc|europe pmc|ncbi|sciencedirect|scopus|researchgate|semantic scholar|google scholar|"
    r"medrxiv|biorxiv|arxiv|ssrn|research square|preprints|wiley|springer(link)?|elsevier|sage|taylor & francis|"
    r"oxford academic|cambridge|jstor|frontiers|plos|bmc|mdpi|jama network|the lancet|bmj|nature|"
    r"online library|journals?|review|revue|revista|zeitschrift|press|library|database|repository|archive|"
    r"catalogue|catalog|publishing|publications?|online|quarterly|annals|bulletin|proceedings|"
    r"cnki|wanfang|万方|知网|期刊|杂志|学报)\b",
    re.IGNORECASE,
)


#: Lines on the journal's editorial process, not the article's content: the handling editor, the
#: reviewers, the kind of peer review, a plagiarism check ("Academic Editor: ...", "Reviewed by: ...").
_EDITORIAL_PROCESS = re.compile(
    r"^\W*(?:(?:(?:academic|handling|section|associate|guest|responsible|managing)\s+editors?"
    r"|editors?\s+who\s+(?:approved|accepted|handled)\b[^:]{0,30}"
    r"|(?:peer[\s-]+)?review(?:ed)?\s+by|edited\s+by|checked\s+for\s+plagiarism"
    r"|(?:editor|éditeur|rédacteur)\s+(?:responsable|en\s+charge|académico|de\s+sección))\s*(?::|\s(?=\S))"
    r"|(?:peer[\s-]+review(?:er)?s?(?:\s+(?:comments|reports?|history|process|type|model))?"
    r"|review\s+(?:comments|reports?|history|process|type|model))"
    r"\s*(?::.*|\d+|yes|no)?\s*$)",
    re.IGNORECASE)


def is_chrome_line(text: str) -> bool:
    """A menu entry, button, banner, counter, breadcrumb or footer line."""
    stripped = text.strip()
    if not stripped:
        return True
    return bool(
        _CHROME_LINE.match(stripped)
        or _EDITORIAL_PROCESS.match(stripped)
        or _CHROME_FRAGMENT.search(stripped)
        or (_BREADCRUMB.match(stripped) and len(stripped) < 160)
    )


def is_stop_heading(text: str) -> bool:
    """A heading of back matter or a side panel: the article's head and abstract end before it."""
    return bool(_STOP_HEADING.match(text) or _NUMBERED_SECTION.match(text))


# One pattern per field and per date kind, compiled once: pages ask for the field of nearly every line.
_FIELD_LABEL_PATTERNS = tuple((name, re.compile("|".join(f"(?:{p})" for p in patterns)))
                              for name, patterns in FIELD_LABELS.items())
_DATE_LABEL_PATTERNS = tuple((re.compile(f"(?:{pattern})"), kind) for pattern, kind in DATE_LABELS)


def field_of_label(label: str) -> str | None:
    """The metadata field a label names ("Palabras clave" -> "keywords"), or None."""
    key = " ".join(label.strip().strip("【】[]").split()).lower()
    return next((name for name, pattern in _FIELD_LABEL_PATTERNS if pattern.fullmatch(key)), None)


def date_kind(label: str) -> str | None:
    """The kind of dated event a label names ("Online veröffentlicht" -> "online"), or None."""
    key = " ".join(label.strip().split()).lower()
    # "Article first published"; but "Issue date" is a label of its own, not "date" of an issue
    key = re.sub(r"^(?:this |the )?(?:article|paper|version|issue|record) (?!dates?$)(?=\w)", "", key)
    # "Published online by X Press": the publisher named after the label is no part of it
    key = re.sub(r"^((?:first )?(?:published|posted)(?: online)?) (?:by|on) [^\W\d][^:：\d]{0,60}$", r"\1", key)
    if re.fullmatch(r"(?:latest|last|most recently|current version) (?:published|posted|updated|revised)|"
                    r"(?:last )?updated", key):
        return "revised"  # a later version's date, not the first publication
    return next((kind for pattern, kind in _DATE_LABEL_PATTERNS if pattern.fullmatch(key)), None)


# Words of article-type and section labels printed near the title ("Original Investigation",
# "Brief Research Report", "Open Access Article"): a line made only of them is a label, not a title.
_ARTICLE_TYPE_WORDS = frozenset(
    [
        "original", "research", "article", "articles", "paper", "report", "reports", "brief", "short", "communication",
        "communications", "review", "reviews", "investigation", "investigations", "letter", "letters", "editorial",
        "editorials", "commentary", "perspective", "perspectives", "study", "protocol", "case", "full", "open",
        "access", "clinical", "viewpoint", "opinion", "essay", "correspondence", "news", "feature", "features",
        "analysis", "special", "issue", "invited", "rapid", "methods", "method", "focus", "in",
    ]
)


def is_article_type(text: str) -> bool:
    """A label of the article's type or section, written alone on a line."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return 1 <= len(words) <= 4 and all(word in _ARTICLE_TYPE_WORDS for word in words)


# --------------------------------------------------------------------------- labels as whole values
# The same vocabulary seen from the other side: values a reader may have taken for a title, an author or
# an abstract. The plausibility checks (:mod:`generator.ingest.plausibility`) test every record against
# these, whichever reader wrote it.

#: Labels of scholarly websites that are never a title, an author or an abstract, by kind. Entries
#: are lower case; matching ignores case, surrounding punctuation and a trailing count ("Cited by (12)").
UI_LABELS: dict[str, frozenset[str]] = {
    "a navigation or page label": frozenset({
        # English
        "skip to main content", "skip to content", "skip to navigation", "main menu", "menu", "search",
        "advanced search", "sign in", "log in", "login", "register", "create account", "my account",
        "expand", "collapse", "expand all", "collapse all", "show more", "show less", "view more",
        "read more", "see more", "more", "less", "back to top", "next article", "previous article",
        "full text", "full text links", "view full text", "pdf", "download pdf", "download", "view pdf",
        "cite", "cite this article", "how to cite", "export citation", "download citation", "share",
        "share this article", "email", "print", "save", "add to favorites", "bookmark", "metrics",
        "article metrics", "altmetric", "similar articles", "related articles", "recommended articles",
        "cited by", "citing articles", "get access", "access through your institution", "buy article",
        "purchase pdf", "open access", "free access", "permissions", "rights and permissions",
        "reprints and permissions", "request permissions", "accept cookies", "accept all cookies",
        "reject all", "cookie settings", "manage cookies", "cookie policy", "privacy policy",
        "terms of use", "terms and conditions", "contact us", "about us", "home", "help", "feedback",
        "table of contents", "figures", "tables", "figures and tables", "supplementary material",
        "supplementary data", "references", "loading", "close", "open in a new tab", "view article",
        "view abstract", "abstract view", "full-text", "submit manuscript", "subscribe",
        "publish with us", "journals", "books", "browse", "browse journals", "current issue",
        "all issues", "latest articles", "article", "articles", "actions", "tools", "info",
        # Spanish
        "ir al contenido principal", "saltar al contenido principal", "buscar", "búsqueda", "inicio",
        "iniciar sesión", "mostrar más", "ver más", "leer más", "texto completo", "descargar pdf",
        "descargar", "cómo citar", "citar este artículo", "compartir", "artículos relacionados",
        "artículos similares", "citado por", "aceptar cookies", "aceptar todas las cookies", "métricas",
        # French
        "aller au contenu principal", "passer au contenu principal", "rechercher", "recherche",
        "accueil", "se connecter", "connexion", "afficher plus", "voir plus", "lire la suite",
        "texte intégral", "télécharger le pdf", "télécharger", "citer cet article", "comment citer",
        "partager", "articles similaires", "articles connexes", "cité par", "accepter les cookies",
        "tout accepter", "métriques",
        # German
        "zum hauptinhalt springen", "zum inhalt springen", "suche", "startseite", "anmelden",
        "mehr anzeigen", "weniger anzeigen", "weiterlesen", "volltext", "pdf herunterladen",
        "herunterladen", "artikel zitieren", "zitieren", "teilen", "ähnliche artikel",
        "verwandte artikel", "zitiert von", "cookies akzeptieren", "alle akzeptieren",
        # Chinese
        "首页", "登录", "注册", "检索", "高级检索", "搜索", "下载", "全文", "全文下载", "下载全文",
        "pdf下载", "引用本文", "引用", "导出引用", "分享", "收藏", "打印", "显示更多", "更多",
        "相似文献", "相关文献", "被引", "被引次数", "引证文献", "返回顶部", "接受cookies",
    }),
    "an article-type label": frozenset({
        "original research", "original article", "research article", "research", "review",
        "review article", "systematic review", "brief report", "short communication", "case report",
        "commentary", "editorial", "letter", "letter to the editor", "perspective", "viewpoint",
        "news", "erratum", "correction", "corrigendum", "retraction", "preprint", "journal article",
        "conference abstract", "meeting abstract",
        "artículo original", "artículo de investigación", "artículo de revisión", "revisión",
        "article original", "article de recherche", "article de synthèse", "revue",
        "originalarbeit", "originalartikel", "originalie", "übersichtsarbeit", "forschungsartikel",
        "论著", "原创论文", "研究论文", "综述", "述评", "短篇论著", "研究报告",
    }),
    "a section heading": frozenset({
        "abstract", "summary", "background", "introduction", "objective", "objectives", "aim", "aims",
        "purpose", "methods", "method", "materials and methods", "design", "setting", "participants",
        "results", "findings", "conclusion", "conclusions", "discussion", "limitations",
        "implications", "keywords", "key words", "acknowledgements", "acknowledgments", "funding",
        "conflict of interest", "conflicts of interest", "declaration of interest", "author contributions",
        "data availability", "ethics statement", "highlights", "graphical abstract", "key points",
        "resumen", "antecedentes", "introducción", "objetivo", "objetivos", "métodos", "resultados",
        "conclusión", "conclusiones", "discusión", "palabras clave", "referencias", "bibliografía",
        "résumé", "contexte", "objectif", "méthodes", "résultats", "conclusion générale",
        "mots-clés", "mots clés", "références",
        "zusammenfassung", "hintergrund", "einleitung", "ziel", "ziele", "methoden", "methodik",
        "ergebnisse", "schlussfolgerung", "schlussfolgerungen", "diskussion", "schlüsselwörter",
        "schlagwörter", "literatur", "literaturverzeichnis",
        "摘要", "中文摘要", "英文摘要", "背景", "目的", "方法", "结果", "结论", "讨论", "关键词",
        "关键字", "参考文献", "引言", "前言",
    }),
    "a metadata label": frozenset({
        "author information", "author info", "authors", "author", "affiliations", "affiliation",
        "author affiliations", "corresponding author", "correspondence", "article information",
        "article info", "article history", "publication history", "received", "accepted", "revised",
        "published", "published online", "first published", "issue date", "copyright", "license",
        "licence", "citation", "doi", "pmid", "pmcid", "issn", "eissn", "isbn", "volume", "issue",
        "pages", "journal", "publisher", "editor", "editors", "academic editor", "keywords plus",
        "mesh terms", "publication types", "grants and funding", "linkout", "comment in",
        "erratum in", "substances", "related information", "et al", "and others",
        # the column and field names of exports and catalogue records
        "year", "publication year", "pub year", "date", "publication date", "date of publication", "title",
        "article title", "document title", "source", "source title", "journal title", "publication title",
        "journal name", "document type", "publication type", "accession number",
        "autores", "afiliaciones", "autor", "recibido", "aceptado", "publicado", "revista",
        "año", "fecha", "título", "fuente",
        "auteurs", "auteur", "affiliations des auteurs", "reçu", "accepté", "publié",
        "année", "titre",
        "autoren", "autor und affiliationen", "eingegangen", "angenommen", "veröffentlicht",
        "zeitschrift", "jahr", "datum", "titel", "quelle",
        "作者", "作者单位", "单位", "通讯作者", "基金项目", "基金", "中图分类号", "文献标识码",
        "文章编号", "收稿日期", "修回日期", "发表日期", "出版日期", "期刊", "刊名", "卷", "期",
        "等", "年", "年份", "题名", "标题", "来源", "出处",
    }),
    "the name of a website or database": frozenset({
        "pubmed", "pubmed central", "pmc", "europe pmc", "medline", "google scholar",
        "semantic scholar", "researchgate", "academia.edu", "sciencedirect", "springerlink",
        "wiley online library", "taylor & francis online", "sage journals", "jstor", "scopus",
        "web of science", "ovid", "ebsco", "ebscohost", "proquest", "medrxiv", "biorxiv", "arxiv",
        "psyarxiv", "socarxiv", "ssrn", "osf", "osf preprints", "research square", "preprints.org",
        "zenodo", "figshare", "crossref", "doaj", "scielo", "redalyc", "dialnet", "cairn",
        "cairn.info", "persée", "hal", "hal open science", "érudit", "cnki", "中国知网",
        "万方数据", "万方", "维普", "维普网", "百度学术", "cochrane library", "epistemonikos",
        "the lancet", "nature", "science", "bmj", "jama network", "plos", "mdpi", "frontiers",
        "oxford academic", "cambridge core", "ieee xplore", "acm digital library",
    }),
}

#: Phrases of cookie and consent banners (checked inside abstracts, where a label list would miss them).
CONSENT_PHRASES: tuple[str, ...] = (
    "we use cookies", "this site uses cookies", "this website uses cookies", "by continuing to use",
    "utilizamos cookies", "usamos cookies", "este sitio utiliza cookies", "nous utilisons des cookies",
    "ce site utilise des cookies", "wir verwenden cookies", "diese website verwendet cookies",
    "本网站使用cookie", "我们使用cookie",
)

#: Words of the metrics, sharing and profile widgets beside an article's byline ("Total Downloads 2,418",
#: "Citations 12", "ORCID Icon", "Share"), which a reader may split into "Family, Given". Measured against
#: 56,000 given and family names of many countries (the person lists of the Faker package) and the
#: 3,300 authors of the test corpora: none of these words is a name part, so one of them anywhere in a
#: personal name is enough.
METRIC_WORDS: frozenset[str] = frozenset({
    "downloads", "download", "citations", "citation", "cited", "views", "pageviews", "metrics", "metric",
    "altmetric", "altmetrics", "orcid", "icon", "email", "e-mail", "accesses", "mentions", "tweets",
    "readers", "plumx", "mendeley",
    "descargas", "citas", "visualizaciones", "métricas", "téléchargements", "consultations", "métriques",
    "zitierungen", "zitationen", "aufrufe", "zugriffe", "downloadzahlen", "citações", "visualizações",
    "acessos", "visualizzazioni", "citazioni",
    "下载", "下载量", "下载次数", "被引", "被引量", "被引次数", "浏览", "浏览量", "阅读", "阅读量",
})

#: Widget words that are also someone's name somewhere ("Share", "Total", "Print", "Score"): they count
#: only when the whole name is made of such words ("Total, Share"; "Downloads, Total" has a sure one).
WEAK_METRIC_WORDS: frozenset[str] = frozenset({
    "total", "share", "print", "save", "score", "view", "count", "counts", "mail", "export", "impact",
    "stats", "cite", "pdf", "vues", "gesamt", "vistas", "visitas", "compartir", "partager", "teilen",
    "correo", "courriel", "compartilhar", "totale", "insgesamt", "总", "总计", "分享", "收藏",
})

#: Labels that, followed by a colon, introduce a record's metadata ("Publication: Journal of ...",
#: "Source: ...", "Fuente: ..."): a title that starts with one is a field read together with its label.
#: The metadata labels of ``UI_LABELS`` count too, except those a real title may open with.
TITLE_PREFIX_LABELS: frozenset[str] = frozenset({
    "publication", "published in", "publication details", "source publication", "in", "cite as",
    "cited as", "citation information", "cite this article", "how to cite", "publicado en", "publicación",
    "publié dans", "publication dans", "erschienen in", "publikation", "publicado em", "publicação",
    "pubblicato in", "citar como", "cómo citar", "citer comme", "comment citer", "zitierweise", "引用本文",
    "引用格式", "发表于",
})

#: Labels of a journal's own announcements ("Special Issue: Digital health ..."): a page headed by one
#: is a call for papers or an issue's contents, never a study.
ISSUE_LABELS: frozenset[str] = frozenset({
    "special issue", "themed issue", "thematic issue", "theme issue", "special collection", "call for papers",
    "call for submissions", "supplement", "número especial", "numéro spécial", "numéro thématique",
    "sonderheft", "themenheft", "numero speciale", "edição especial", "专刊", "特刊", "征稿",
})

#: Publisher notices that stand where an abstract is missing; sentences holding them do not count as prose.
NOTICE_PHRASES: tuple[str, ...] = (
    "all rights reserved", "protected by copyright", "no abstract available", "abstract not available",
    "abstract unavailable", "no abstract", "todos los derechos reservados", "resumen no disponible",
    "tous droits réservés", "résumé non disponible", "alle rechte vorbehalten", "版权所有", "暂无摘要",
)


# --------------------------------------------------------------------------- notices that are no study
# Journals publish pages that look like articles (a title, a DOI, a page number, even names and counts)
# but report no study: corrections, retractions, expressions of concern, thank-you lists of reviewers,
# editorial boards and mastheads. Their article-type labels and the openings of their titles are part
# of every journal's vocabulary, in many languages; a record of one is held for a person to judge.

#: Article-type labels of notices, written alone on a line near the title (lower case, whole line).
NOTICE_TYPE_LABELS: frozenset[str] = frozenset({
    "erratum", "errata", "correction", "corrections", "corrigendum", "corrigenda", "author correction",
    "publisher correction", "publisher's correction", "correction notice", "retraction", "retraction notice",
    "notice of retraction", "retraction note", "retracted article", "expression of concern",
    "editorial expression of concern", "withdrawal", "withdrawal notice", "addendum", "publisher's note",
    "reviewer acknowledgement", "reviewer acknowledgment", "acknowledgement to reviewers",
    "acknowledgment to reviewers", "editorial board", "masthead", "issue information", "front matter",
    "back matter", "table of contents",
    "fe de erratas", "fe de errores", "corrección", "retractación", "nota de retractación",
    "rectificatif", "rétractation", "avis de rétractation", "berichtigung", "korrektur", "erratum notice",
    "errata corrige", "rettifica", "ritrattazione", "retratação", "correção",
    "勘误", "更正", "撤稿", "撤稿声明", "正誤", "訂正",
    # obituaries, book reviews and programmes: pages of a journal that report no study
    "obituary", "obituaries", "in memoriam", "in memory", "nachruf", "nécrologie", "necrología", "necrologio",
    "obituario", "necrologia", "in memoriam:", "讣告", "追悼", "book review", "book reviews", "review of books",
    "buchbesprechung", "rezension", "buchrezension", "compte rendu", "comptes rendus", "compte rendu de lecture",
    "reseña", "reseña de libro", "recensione", "resenha", "boekbespreking", "recensie", "书评", "書評",
    "conference programme", "conference program", "congress programme", "congress program",
    "meeting programme", "meeting program", "scientific programme", "scientific program",
    "programme of the conference", "tagungsprogramm", "kongressprogramm", "programme du congrès",
    "programa del congreso", "programma del congresso", "会议日程",
})

#: Openings of notice titles ("Correction to: ...", "Retraction of ...", "Thank you to our reviewers").
NOTICE_TITLE = re.compile(
    r"^\W*(?:(?:author|publisher)(?:'s|’s)?\s+)?(?:correction|erratum|errata|corrigendum|corrigenda|addendum)"
    r"(?:\s+(?:to|notice)\b|\s+(?:of|for|on|in)\s*:|\s*[:\-–—])"
    r"|^\W*(?:notice\s+of\s+)?(?:retraction|withdrawal)(?:\s+(?:note|notice|statement)\b|\s+(?:of|for|to)\s*:|\s*[:\-–—])"
    r"|^\W*retracted\s*[:\-–—]"
    r"|^\W*(?:editorial\s+)?expression\s+of\s+concern\b"
    r"|^\W*(?:fe\s+de\s+errat\w*|corrección\s+(?:a|de)|rectificatif|berichtigung|korrektur\s+zu)\b"
    r"|^\W*(?:[^\W\d_]+\s+){0,2}(?:thank\w*|acknowledg\w*|recogni[sz]\w*|appreciation|gratitude|grateful)\b"
    r".{0,40}\b(?:reviewers?|referees?)\b"
    r"|^\W*(?:our\s+)?(?:reviewers?|referees?)\b.{0,20}\b(?:thank\w*|acknowledg\w*|appreciation|gratitude)\b"
    r"|^\W*(?:list\s+of\s+)?(?:our\s+)?(?:reviewers|referees)\s+(?:of|for|in)\s+(?:the\s+year\s+)?(?:1[89]|20)\d{2}\W*$"
    r"|^\W*(?:editorial\s+board|masthead|issue\s+information|front\s+matter|back\s+matter)\b"
    r"|^\W*(?:instructions|guidelines|guide|information)\s+(?:for|to)\s+(?:authors|contributors|reviewers)\W*$"
    r"|^\W*(?:author|submission)\s+guidelines\W*$|^\W*aims\s+(?:and|&)\s+scope\W*$"
    r"|^\W*about\s+(?:the|this)\s+journal\W*$"
    r"|^\W*(?:in\s+memoriam|obituary|obituaries|nachruf|nécrologie|necrolog[íi]a|necrologio|obituario)\b"
    r"|^\W*(?:book\s+review|review\s+of\s+the\s+book|buchbesprechung|rezension|compte\s+rendu|reseña|recensione"
    r"|resenha|boekbespreking)\s*(?:of\s*)?[:\-–—]"
    r"|^\W*(?:(?:annual|scientific|final)\s+)?(?:conference|congress|meeting|symposium|workshop)\s+programm?e\W*"
    r"(?:[:\-–—]|$)",
    re.IGNORECASE)


#: The kind of notice named by the first word of a notice's title that says it.
_NOTICE_KINDS = (
    ("correction", ("correct", "errat", "corrig", "addend", "fe de", "rectif", "bericht", "korrektur")),
    ("retraction", ("retract", "withdraw")),
    ("expression of concern", ("express", "editorial expression")),
    ("obituary", ("in memoriam", "obituar", "nachruf", "nécrolog", "necrolog", "in memory", "讣告", "追悼")),
    ("book review", ("book review", "review of", "buchbesprechung", "rezension", "buchrezension", "compte",
                     "reseña", "recensione", "resenha", "boekbespreking", "recensie", "书评", "書評")),
    ("conference programme", ("conference", "congress", "meeting", "symposium", "workshop", "scientific",
                              "annual", "final", "programme", "program", "tagungs", "kongress", "会议")),
    ("list of reviewers", ("thank", "acknowledg", "recogni", "apprec", "gratitude", "grateful", "review",
                           "referee", "list", "our", "with")),
    ("journal front matter", ("editorial board", "masthead", "issue information", "front", "back")),
    ("journal information page", ("instructions", "guide", "information", "author", "submission", "aims",
                                  "about")),
)


def notice_kind(text: str) -> str | None:
    """Which kind of notice (no study) a title or an article-type line announces, or None."""
    folded = " ".join(text.casefold().split()).strip(" .:|·•")
    if folded in NOTICE_TYPE_LABELS:
        return folded
    match = NOTICE_TITLE.search(text.strip())
    if match is None:
        return None
    opening = match.group(0).casefold().lstrip(" \"'“‘([")
    opening = re.sub(r"^(?:author|publisher)\S*\s+|^notice\s+of\s+", "", opening)
    return next((kind for kind, starts in _NOTICE_KINDS if opening.startswith(starts)), "notice")


#: Every word of the navigation labels ("current", "issues", "submit", "about"): a line made only of
#: them is a menu run together.
MENU_WORDS: frozenset[str] = frozenset(
    word for label in UI_LABELS["a navigation or page label"] for word in label.split()) | frozenset({
        "about", "submit", "submission", "submissions", "contact", "issues", "archive", "archives", "news",
        "events", "subscribe", "accessibility", "announcements", "for", "and", "the", "us", "authors", "readers",
        "librarians", "latest", "login", "logout", "sign", "in", "out", "up", "register", "my",
    })
#: A run of menu words shorter than this may be a real title ("Open access").
MIN_MENU_WORDS = 3


def is_menu_run(text: str) -> bool:
    """"Current issue All issues Submit About": a menu's items run together on one line."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return len(words) >= MIN_MENU_WORDS and all(w in MENU_WORDS for w in words)


# --------------------------------------------------------------------------- words of a citation's parts
# The words journals print before a volume, an issue and pages, in the languages of the pages met
# (regular-expression alternatives, matched without case): "Vol. 9", "Cilt 6", "Jaargang 100", "Sayı 2",
# "Heft 3", "Nomor 1", "pages 45 à 63", "ss. 12-20", "Seiten 4-9".
VOLUME_WORDS: tuple[str, ...] = (
    r"volume", r"vol\.?", r"volumen", r"volum", r"bd\.?", r"band", r"tome", r"t\.", r"том",
    r"årg(?:ång|ang)?\.?", r"jaargang", r"jahrgang", r"jg\.", r"rocznik", r"ročník", r"roč\.", r"svazek",
    r"ann(?:o|ata)(?!\s*(?:1[89]|20)\d\d)", r"vuosikerta", r"vsk\.", r"évfolyam", r"évf\.", r"cilt", r"jilid", r"deel",
)
ISSUE_WORDS: tuple[str, ...] = (
    r"issue", r"iss\.?", r"no\.?", r"nr\.?", r"nro\.?", r"number", r"heft", r"núm\.?", r"n°", r"nº", r"numéro",
    r"número", r"numero", r"fasc\.?", r"номер", r"выпуск", r"вып\.", r"sayı", r"sayi", r"nomor", r"číslo",
    r"zeszyt", r"broj", r"szám", r"numer", r"aflevering", r"afl\.",
)
PAGES_WORDS: tuple[str, ...] = (
    r"pages?\s*[:：]?", r"pp?\.", r"s\.", r"ss\.", r"sid\.", r"str\.", r"стр\.", r"pagina['’]s\s*[:：]?",
    r"pagine\s*[:：]?",
    r"páginas?\s*[:：]?", r"págs?\.", r"pag\.", r"seiten?\s*[:：]?", r"sayfa(?:lar)?\s*[:：]?", r"halaman\s*[:：]?",
    r"hal\.", r"strony\s*[:：]?", r"oldal(?:ak)?\s*[:：]?", r"sidor\s*[:：]?", r"sider\s*[:：]?",
    r"article (?:number|no\.?)\s*:?", r"e-?location\s*:?", r"страницы\s*[:：]?", r"с\.", r"页码\s*[:：]?",
)
#: Words joining the ends of a page range in words ("45 à 63", "4 bis 9", "12 to 20", "3 do 9").
PAGE_RANGE_WORDS: tuple[str, ...] = ("à", "a", "bis", "to", "till", "til", "do", "до", "al", "tot")

#: Words that put a citation's container after them ("In: Journal ...", "Dans Revue ...", "Em Revista ...").
CONTAINER_PREFIXES: tuple[str, ...] = ("in", "dans", "en", "em", "im", "nel", "nella", "w", "в", "u")

#: The first crumb of a breadcrumb trail ("Home  Journals  ...", "Accueil  Revues  ...").
HOME_LABELS: frozenset[str] = frozenset({
    "home", "home page", "homepage", "start", "accueil", "inicio", "início", "startseite", "anasayfa",
    "ana sayfa", "beranda", "strona główna", "úvod", "etusivu", "главная", "首页", "主页", "トップ", "ホーム", "홈",
})
#: Crumbs that name a section of a site, not a work ("Journals", "Revues", "Article").
SECTION_CRUMBS: frozenset[str] = frozenset({
    "journals", "journal", "revues", "revue", "revistas", "zeitschriften", "dergiler", "articles", "article",
    "issues", "all issues", "archive", "archives", "arsip", "archiv", "archivo", "arquivo", "archivio", "arşiv",
    "arkisto", "archief", "архив", "browse", "books", "ouvrages", "numéros", "números", "hefte",
    "research", "publications", "collections", "subjects", "magazines",
})
#: A "back to" link opening a trail ("Back to Journals", "Zurück zur Übersicht", "Retour aux revues").
_BACK_CRUMB = re.compile(
    r"^(?:back to|return to|zurück zu[rm]?|retour (?:à|aux?)|volver a|torna a|terug naar|kembali ke)\s", re.IGNORECASE)
_CRUMB_BREAK = re.compile(r"\s{2,}|\s*[>›»]\s*|\s+/\s+|\t")


def breadcrumb_rest(text: str) -> str | None:
    """The crumbs after the site's own ones in a breadcrumb trail ("Accueil  Revues  Revue X  2021/3 (Vol. 9)"
    -> "Revue X, 2021/3 (Vol. 9)"), or None when ``text`` is no trail opening with a home crumb."""
    parts = [part.strip() for part in _CRUMB_BREAK.split(text) if part.strip()]
    if len(parts) < 2 or parts[0].casefold() not in HOME_LABELS and not _BACK_CRUMB.match(parts[0]):
        return None
    rest = [part for part in parts[1:] if part.casefold() not in SECTION_CRUMBS]
    return ", ".join(rest) if rest else None

#: Labels of a record's publisher ("Publisher" / "Zenodo"): the name after one is no journal.
PUBLISHER_LABELS: frozenset[str] = frozenset({
    "publisher", "published by", "éditeur", "editeur", "editorial", "editora", "verlag", "uitgever", "yayıncı",
    "wydawca", "издатель", "出版者", "出版社", "发行者", "출판사", "발행기관",
})
#: General-purpose repositories that host deposits of any kind: they publish, but are never a journal.
#: Databases, indexes and full-text platforms that show records of other publishers' works: the site's name
#: heading such a page is never the work's journal (lower case; matched on the whole name).
AGGREGATOR_NAMES: frozenset[str] = frozenset({
    "pubmed", "pubmed central", "pmc", "europe pmc", "europepmc", "medline", "embase", "cinahl", "psycinfo",
    "google scholar", "semantic scholar", "researchgate", "academia.edu", "scopus", "web of science", "ovid",
    "ebsco", "ebscohost", "proquest", "dimensions", "the lens", "lens.org", "core", "base", "openalex", "crossref",
    "doaj", "scite", "epistemonikos", "cochrane library", "jstor", "sciencedirect", "springerlink", "scielo",
    "redalyc", "dialnet", "cairn", "cairn.info", "persée", "érudit", "cnki", "中国知网", "万方数据", "维普",
    "百度学术", "j-stage", "cinii", "kci", "dbpia", "elibrary.ru", "cyberleninka",
})


def is_aggregator_name(text: str) -> bool:
    """Whether ``text`` names a database or platform that indexes other publishers' works ("Europe PMC")."""
    return " ".join(text.casefold().split()).strip(" .:|") in AGGREGATOR_NAMES


REPOSITORY_NAMES: frozenset[str] = frozenset({
    "zenodo", "figshare", "dryad", "hal", "hal open science", "dataverse", "harvard dataverse", "mendeley data",
    "open science framework",
})
