"""A study's design read from its method wording: trial, review, qualitative, quantitative, mixed, other.

Each cue is wording any paper of that design uses to say what it did: allocation at random for a
trial; a database search or "systematic review" for a review; interviews, focus groups and thematic
analysis for qualitative work; surveys, cohorts, registries, audits and regression models for
quantitative work; a commentary, protocol or programme description for "other". Strong cues name
the design or its defining method; weak cues (a percentage, "enrolled 340 patients") only add up.
Nothing stated gives None: a design is never guessed from the topic.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
from dataclasses import dataclass

DESIGNS = ("review", "trial", "mixed-methods", "qualitative", "quantitative", "other")

_STRONG, _MEDIUM, _WEAK = 5, 3, 1
# A French "enquête" is a survey unless it is made of interviews or fieldwork ("enquête par entretiens").
_FRENCH_SURVEY = r"\benquête\b(?!\s+(?:par (?:entretiens?|observations?)|qualitative|ethnographique|"\
                 r"de terrain))"
_R = r"randomi[sz]"
# Wording any quantitative result uses but that alone does not make a design: "58%", "mean", "rose by".
_WEAK_QUANTITATIVE_WORDING = (
    r"\d\s?%|\bper ?cent\b|\b(?:mean|median|rate|rates|proportion)\b|\bIQR\b|\bresponse rates?\b|"
    r"\b(?:rose|fell|increased|decreased|declined|dropped)\s+(?:by|from)\b|"
    r"\b(?:enrol+ed|recruited|included)\s+(?:a total of\s+)?\d[\d,]*\s+(?:\w+\s+)?(?:patients|"
    r"participants|people|adults|children|women|men)\b")
_CUES: tuple[tuple[str, str, int], ...] = (
    # reviews: what the authors searched and synthesised
    ("review", r"\b(?:systematic|scoping|narrative|rapid|umbrella|integrative|literature|realist|critical|mapping|"
               r"evidence) (?:literature )?reviews?\b|\bmeta-?analy[sz]\w*|\bmeta-?synthes\w+|\bmeta-?regression\b|"
               r"\bevidence (?:synthesis|map)\b|\b(?:thematic|qualitative evidence|qualitative|framework|realist|"
               r"narrative|interpretive|critical interpretive|configurative|best[- ]evidence|research) synthes[ie]s\b|"
               r"\bindividual[- ](?:participant|patient)[- ]data\b|\bmeta-?ethnograph\w*|"
               r"\bsynthesi[sz](?:ed|ing|es)\s+(?:the\s+)?(?:(?:findings|results|evidence) (?:of|from)\s+)?"
               r"(?:\d[\d,]*\s+)?(?:[\w-]+\s+){0,2}?(?:studies|articles|papers|trials|reviews|publications)\b|"
               r"\b(?:mapped|charted|scoped)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:literature|evidence|research)\b",
     _STRONG),
    ("review", r"\bsearch(?:ed|ing|es)\b[^.;]{0,60}\b(?:(?:bibliographic|electronic|literature) databases?|"
               r"databases|medline|pubmed|embase|cinahl|psycinfo|scopus|web of science|cochrane library)\b|"
               r"\b(?:studies|articles|papers|trials|reports|publications)\s+(?:[\w,-]+\s+){0,4}?met (?:the |our )?"
               r"(?:\w+ )?criteria\b", _STRONG),
    ("review", r"\b(?:we |were )?search(?:ed|ing)\b[^.;]{0,60}\b(?:databases?|medline|pubmed|embase|cinahl|psycinfo|"
               r"scopus|web of science|cochrane|google scholar|grey literature)\b|"
               r"\b(?:studies|articles|papers|trials|reports|publications|records)\s+(?:[\w,-]+\s+){0,5}?"
               r"(?:met (?:the |our )?(?:inclusion|eligibility) criteria|were (?:included|eligible|identified|"
               r"screened|retrieved|synthesi[sz]ed|reviewed))\b|"
               r"\b(?:eligible|included) (?:studies|articles|papers|trials|reports|publications)\b|"
               r"\bin the review\b|\bPRISMA\b|\bthis review\b|\bArksey\b|"
               r"\b(?:sources|studies|articles|papers|reports|publications|documents|records)\s+were\s+"
               r"(?:charted|mapped|appraised)\b|\bcharted\s+(?:\d[\d,]*\s+)?(?:[\w-]+\s+)?(?:studies|articles|"
               r"papers|sources|reports|publications|records|documents)\b", _MEDIUM),
    ("review", r"\breview of (?:the )?\d[\d,]* (?:\w+ )?(?:studies|articles|papers|trials|guidelines|reviews|reports|"
               r"policies|documents|publications|apps|websites)\b", _STRONG),
    # trials: allocation by chance, or a trial named as such
    ("trial", rf"\b{_R}ed (?:\w+[ -]){{0,3}}(?:controlled )?trials?\b|\bcontrolled trials?\b|\bRCTs?\b|"
              rf"\bcluster[- ]{_R}\w*|\bstepped[- ]wedge\b|\bcross-?over trial\b|\b(?:pilot|feasibility|"
              rf"pragmatic|clinical|phase (?:i|ii|iii|iv|[1-4])) trials?\b|\bplacebo[- ]controlled\b|"
              rf"\b(?:double|single|triple)[- ]blind\w*", _STRONG),
    ("trial", rf"\b{_R}ed\s+(?:\d[\d,]*\s+)?(?:\w+\s+){{0,4}}?(?:to|into|between|1:1|2:1|in a)\b|\b(?:were|was|we)\s+"
              rf"{_R}ed\b|\b{_R}(?:ation|ed)\b[^.;]{{0,40}}\b(?:arm|group|condition)s?\b|"
              rf"\b(?:randomly|at random|by lottery|by chance)\s+(?:\w+\s+){{0,2}}?(?:assign|allocat)\w*|"
              rf"\b(?:assign|allocat)\w*\s+(?:\w+\s+){{0,3}}?(?:at random|randomly|by lottery|by chance)\b|"
              rf"\b(?:allocated|assigned) to (?:(?:the|an?|one of (?:the )?\w+|either)\s+)?(?:\w+[ -]){{0,4}}?"
              rf"(?:arms?|groups?|conditions?|usual care|control|placebo|waitlist|wait-list|waiting list)\b|"
              rf"\b(?:intervention|treatment|experimental) (?:arm|group) (?:or|and|versus|vs\.?) "
              rf"(?:\w+\s+)?(?:control|comparison|usual care)", _STRONG),
    # allocation by a concealed or generated sequence is what only a trial does, whatever it is called
    ("trial", rf"(?<!non-)(?<!non)(?<!not )(?<!quasi-)\b{_R}ed (?:[\w-]+ ){{0,2}}?(?:evaluation|comparison|study|"
              rf"experiment|design)\b|"
              rf"\b(?:allocated|assigned)\b[^.;]{{0,40}}?\b(?:by|using|with|via)\s+(?:an?\s+)?(?:computer-generated|"
              rf"computeri[sz]ed|random|sealed|opaque|sequentially numbered|block|stratified|minimi[sz]ation|"
              rf"lottery|coin)|"
              rf"\b(?:sealed|opaque|sequentially numbered)(?:,?\s+[\w-]+){{0,2}}\s+envelopes\b|"
              rf"\bcomputer-generated (?:random )?(?:sequence|list|allocation|randomi[sz]ation|schedule)\b|"
              rf"\b(?:allocated|assigned)\s+(?:\d[\d,]*\s+)?(?:[\w-]+\s+){{0,3}}?to either\b|"
              rf"\b(?:allocated|assigned|randomi[sz]ed)\s*\(\s*(?:n\s*=\s*)?\d[\d,]*\s+(?:to|in(?:to)?)\b|"
              rf"(?<!non-){_R}ation\b[^.]{{0,80}}?\b(?:assign|allocat)\w*|\b(?:assign|allocat)\w*\b[^.]{{0,80}}?"
              rf"(?<!non-){_R}ation\b|"
              rf"\b(?:randomly|at random)\s+(?:[\w-]+\s+){{0,2}}?(?:ordered|sequenced|scheduled|timed)\s+to\b|"
              rf"\b(?:randomly|at random)\b[^.;]{{0,60}}\bcross(?:ed)?[- ]?over\b|"
              rf"\b(?:underwent|undergo(?:ing|es)?|had)\s+(?:[\w-]+\s+)?"
              rf"(?:{_R}ation|random (?:allocation|assignment))\b",
     _STRONG),
    ("trial", rf"(?<!non-)\b\d[\d,]*\s+{_R}ed\s+(?:[\w-]+\s+)?(?:participants|patients|people|adults|children|"
              rf"women|men|subjects|individuals|[\w-]+s)\b", _STRONG),
    # not the parent trial a nested study drew its people from ("carers enrolled in the trial")
    ("trial", r"(?<!target )(?<!enrolled in the )(?<!participating in the )(?<!recruited to the )"
              r"(?<!recruited into the )\btrial\b(?! emulation)", _MEDIUM),
    # Chinese abstracts: the same method words in Chinese
    ("trial", r"随机对照|随机分[为组成配]|随机数字表|随机化分组|整群随机|(?:双|单)盲", _STRONG),
    ("review", r"系统评价|系统综述|[Mm]eta分析|荟萃分析|范围综述|文献综述", _STRONG),
    ("mixed-methods", r"混合(?:研究)?方法", _STRONG + 1),
    ("qualitative", r"质性研究|定性研究|(?:半结构式?|深度|深入)访谈|焦点小组|现象学|扎根理论|(?:内容|主题|类属)分析法?|"
                    r"Colaizzi", _MEDIUM),
    ("quantitative", r"问卷调查|横断面|队列研究|回顾性|前瞻性|[Ll]ogistic回归|多因素|抽样调查|病例对照|调查研究|"
                     r"进行调查|共调查", _MEDIUM),
    # Japanese abstracts (no spaces between words; katakana for borrowed method names)
    ("trial", r"無作為化|ランダム化|無作為に(?:割り付|割付|配分)|二重盲検|比較試験", _STRONG),
    ("review", r"システマティック[・\s]?レビュー|系統的(?:文献)?レビュー|スコーピング[・\s]?レビュー|"
               r"メタ[・\s]?アナリシス|文献(?:検討|レビュー)|統合的レビュー", _STRONG),
    ("mixed-methods", r"混合研究法|ミックス(?:ト|ド)[・\s]?メソッド", _STRONG + 1),
    ("qualitative", r"質的(?:研究|記述|分析|帰納)|(?:半構造化|半構成的|個別|グループ)?インタビュー|"
                    r"面接調査|フォーカス[・\s]?グループ|グラウンデッド[・\s]?セオリー|現象学|"
                    r"(?:内容|主題|テーマ)分析|KJ法", _MEDIUM),
    ("quantitative", r"質問紙|アンケート|横断(?:調査|研究|的)|縦断|コホート|後ろ向き|前向き|"
                     r"(?:重|ロジスティック)?回帰分析|相関分析|有意(?:に|差)|実態調査", _MEDIUM),
    ("quantitative", r"(?<!インタビュー)(?<!面接)(?<!聞き取り)(?<!フィールド)調査", 2),
    # Korean abstracts (no word boundaries: particles attach to the noun)
    ("trial", r"무작위\s?(?:배정|할당|대조|통제|임상|배치)|이중\s?맹검", _STRONG),
    ("review", r"체계적\s?문헌\s?고찰|메타\s?분석|주제\s?범위\s?문헌\s?고찰|통합적\s?문헌\s?고찰", _STRONG),
    ("mixed-methods", r"혼합\s?(?:연구|방법)", _STRONG + 1),
    ("qualitative", r"질적\s?연구|심층\s?면담|(?:반\s?구조화된?|개별|집단)\s?면담|포커스\s?그룹|초점\s?집단|"
                    r"(?:내용|주제)\s?분석|현상학|근거\s?이론", _MEDIUM),
    ("quantitative", r"설문\s?조사|설문지|횡단(?:적|\s?연구)|코호트|후향적|전향적|회귀\s?분석|상관관계|서술적\s?조사",
     _MEDIUM),
    # French abstracts
    ("trial", r"\bessai (?:(?:contrôlé|clinique|pragmatique) )?randomisé|\brandomis(?:é|ée|és|ées)\b|"
              r"\btirée?s? au sort\b|\bessais? (?:contrôlés?|cliniques?|pragmatiques?)\b", _STRONG),
    ("review", r"\brevue (?:systématique|de (?:la )?portée|de la littérature|intégrative|rapide)\b|"
               r"\bméta-?analyse\b|\bsynthèse (?:systématique|des connaissances)\b", _STRONG),
    ("mixed-methods", r"\bméthodes? mixtes?\b|\bdevis mixte\b", _STRONG + 1),
    ("qualitative", r"\b(?:étude|recherche|approche|démarche) qualitative\b|\bentretiens? (?:semi-?(?:directifs?|"
                    r"dirigés?|structurés?)|individuels?|approfondis?|compréhensifs?)|\bgroupes? de discussion\b|"
                    r"\banalyse (?:thématique|de contenu)\b|\bthéorisation ancrée\b", _MEDIUM),
    ("qualitative", r"\bentretiens?\b|\benquête (?:par entretiens?|qualitative|ethnographique)\b", 2),
    ("quantitative", r"\bétude (?:transversale|de cohorte|rétrospective|prospective|observationnelle)\b|"
                     + _FRENCH_SURVEY + r"|\bcohorte\b|\brégression\b", _MEDIUM),
    # Spanish abstracts
    ("trial", r"\bensayo (?:clínico )?(?:controlado )?aleatori[sz]\w*|\baleatori[sz]ad[oa]s?\b|"
              r"\basignad[oa]s? al azar\b", _STRONG),
    ("review", r"\brevisión (?:sistemática|de alcance|exploratoria|integradora|de la literatura)\b|"
               r"\bmeta-?análisis\b", _STRONG),
    ("mixed-methods", r"\bmétodos? mixtos?\b", _STRONG + 1),
    ("qualitative", r"\bentrevist\w+|\bgrupos? focal(?:es)?\b|\banáli[sz]is (?:temático|de contenido)\b|"
                    r"\btemáticamente\b|\bcualitativ[oa]s?\b|\bfenomenológic\w+|\bteoría fundamentada\b", _MEDIUM),
    ("quantitative", r"\bencuest\w+|\bcuestionarios?\b|\btransversal\b|\bcohortes?\b|\bregresión\b|"
                     r"\bretrospectiv[oa]\b", _MEDIUM),
    # German abstracts
    ("trial", r"\brandomisiert\w*|\brandomi[sz]ierte\w*", _STRONG),
    ("review", r"\bsystematische\w* (?:Übersicht\w*|Review\w*|Literaturrecherche)|\bMetaanalyse\w*|"
               r"\bScoping[- ]Review\b", _STRONG),
    ("mixed-methods", r"\bMixed[- ]Methods?[- ]Studie\b|\bmethodenkombin\w+", _STRONG + 1),
    ("qualitative", r"\bleitfaden\w*|\bqualitativ\w*|\bFokusgruppe\w*|\bInhaltsanalyse\b|\bExperteninterview\w*",
     _MEDIUM),
    ("quantitative", r"\bBefragung\b|\b(?:Online-)?Fragebog\w*|\bQuerschnitt\w*|\bKohorte\w*|\bRegression\w*|"
                     r"\bUmfrage\b|\bretrospektiv\w*", _MEDIUM),
    # Russian abstracts
    ("trial", r"\bрандомизир\w+", _STRONG),
    ("review", r"\bсистематическ\w+ обзор\w*|\bметаанализ\w*|\bмета-анализ\w*", _STRONG),
    ("mixed-methods", r"\bсмешанн\w+ метод\w*", _STRONG + 1),
    ("qualitative", r"\bинтервью\b|\bфокус-групп\w*|\bкачественн\w+|\bконтент-анализ\w*", _MEDIUM),
    ("quantitative", r"\bопрос\w*|\bопрошен\w*|\bанкет\w*|\bкогорт\w*|\bрегресси\w*|\bпоперечн\w*|"
                     r"\bретроспективн\w*|\bнаблюдени\w*|\bнаблюдавш\w*", _MEDIUM),
    # mixed methods, named
    ("mixed-methods", r"\bmixed[- ]methods?\b|\bmulti-?methods?\b|\bconvergent (?:parallel )?design\b|"
                      r"\bexplanatory sequential\b|\bexploratory sequential\b|\bconvergent\b[^.]{0,30}\bdesign\b",
     _STRONG + 1),
    # qualitative: how data were collected and analysed
    ("qualitative", r"\bqualitative\b(?! and quantitative)|\bsemi-?structured\b|\bin-?depth interviews?\b|"
                    r"\bfocus[- ]groups?\b|\bthematic(?:ally)?\b|"
                    r"\bthemes? (?:emerged|were identified|were developed)\b|"
                    r"\bgrounded theory\b|\bethnograph\w+|\bphenomenolog\w+|\b(?:content|framework|narrative|"
                    r"discourse|interpretative|interpretive) analysis\b|\bparticipant observation\b|\bphotovoice\b|"
                    r"\bparticipatory (?:mapping|action research|workshops?|video|photography|ranking)\b|"
                    r"\bkey informants?\b|\blived experiences?\b|\bwalking interviews?\b|\bgroup discussions?\b|"
                    r"\btranscri(?:pts|bed)\b|\bcoded (?:inductively|deductively)\b|"
                    r"\banaly[sz]ed (?:\w+ )?(?:narratively|thematically|qualitatively|inductively|interpretatively|"
                    r"interpretively|hermeneutically)\b", _MEDIUM),
    ("qualitative", r"\b(?:spoke|spoken|talked) (?:to|with)\b|\bconversations? (?:with|were held)\b|"
                    r"\b(?:informal|unstructured|in-depth|one-to-one|individual) discussions?\b", 2),
    ("qualitative", r"\binterview(?:s|ed|ing|ees?)?\b|\bobserv(?:ed|ation)s?\b(?! (?:study|studies|"
                    r"cohort|data))|\bopen-ended\b", 2),
    ("quantitative", r"\b(?:analy[sz]ed|used|linked|extracted|obtained)\s+(?:\w+\s+){0,2}data\s+(?:from|on|for)\b|"
                     r"\bdata (?:on|from|for) (?:the )?(?!(?:19|20)\d\d\b)\d[\d,.]*|\b(?:analy[sz]ed|examined|"
                     r"used|linked)\s+(?:\w+\s+)?"
                     r"\d[\d,. ]*(?:million\s+)?(?:[\w-]+\s+)?(?:records|prescriptions|admissions|claims|visits|"
                     r"encounters|transactions|calls|episodes|arrivals|attendances|presentations|dispatches)\b|\brecords\b|\bcensus\b|\bweighted\b|"
                     r"\bposing as\b|\bpretending to be\b|"
                     r"\b(?:random|representative|probability|stratified|national) samples?\b|\bmatched controls?\b|"
                     r"\b(?:age|sex)-matched\b", 2),
    # quantitative: measurement, samples and statistical models
    ("quantitative", r"\bsurvey(?:s|ed)?\b|\bquestionnaires?\b|\bcross-?sectional\b|\bcohorts?\b|\bretrospective\b|"
                     r"\bprospective\b|\blongitudinal\b|\bregistry\b|\bregister data\b|\bclaims\b|"
                     r"\badministrative data\b|\b(?:electronic )?(?:health|medical|patient) records\b|\bcharts?\b|"
                     r"\bcase (?:notes|records|files)\b|\b(?:record|chart|notes) reviews?\b|"
                     r"\baudit(?:s|ed)?\b|\b(?:secret|mystery|simulated)[- ](?:shoppers?|clients?|patients?|"
                     r"customers?|callers?)\b|\bregression\b|\blogistic\b|\bcox\b|\bhazard ratios?\b|"
                     r"\bodds ratios?\b|\b(?:relative|risk) ratios?\b|\bincidence\b|\bprevalence\b|"
                     r"\b95\s?%\s*(?:CI|confidence)|\bconfidence intervals?\b|\bp\s*[<=>≤]\s*0?\.\d|"
                     r"\bstatistically significant\b|\bchi-?square\b|\bt-tests?\b|\banova\b|\bmultivariable\b|"
                     r"\bmultivariate\b|\bmultilevel\b|\btime[- ]series\b|\bdifference-in-differences?\b|"
                     r"\bquasi-?experimental\b|\bpre-?post\b|\bbefore[- ](?:and[- ])?after\b|\btarget trial\b|"
                     r"\bcase-control\b|"
                     r"\bobservational\b|\b(?:measured|assessed|estimated) (?:with|using|by)\b|\bscales?\b|"
                     r"\b(?:during|at|of|after)\s+follow-?up\b|\bcompleted (?:the |"
                     r"their )?(?:[\w-]+\s+)?follow-?up\b|"
                     r"\bfollow-?up (?:period|visits?|at|assessments?)\b|\bfollowed (?:\w+ ){0,2}for\b|"
                     r"\bpanel\b|\bsecondary analysis\b|"
                     r"\b(?:primary care|claims|clinical|national|administrative|insurance|health|hospital|"
                     r"prescribing|population) databases?\b(?<!search)|\bat baseline\b|"
                     r"\bexclud\w+\s+\d[\d,]*\s+(?:[\w-]+\s+)?(?:responses|questionnaires|records|cases)\b|"
                     r"\bfollowed\b[^.;]{0,80}?\bfor (?:a (?:median|mean) of |up to |at least )?"
                     r"(?:\d[\d.]*|[a-z]+) (?:days|weeks|months|years)\b|"
                     r"\bto detect an? (?:difference|change|reduction|increase)\b|\bsample size calculation\b|"
                     r"\bpowered to\b|\ballowing for \d+\s?% (?:attrition|drop-?out|loss)\b|"
                     r"\bdescriptive statistics\b|\bpolled\b|\bpolls?\b|\bpropensity[- ]scores?\b|"
                     r"\b(?:activity-based |micro-?)?costing\b|\bestimated the costs?\b|\beconomic evaluation\b|"
                     r"\bjoinpoint\b|\bsimulation model\w*|\bcost-effectiveness\b|"
                     r"\bgenerali[sz]ed (?:estimating equations|linear|additive)\b|\bGEEs?\b|"
                     r"\b(?:mixed|random|fixed)[- ]effects?\b|\b(?:poisson|negative binomial|linear|hierarchical|"
                     r"multinomial|probit|tobit) (?:regression|models?)\b|\bstructural equation\b|"
                     r"\bfactor analysis\b|\bsurvival analysis\b|\bkaplan-meier\b|\brepeated[- ]measures?\b|"
                     r"\bdiscrete[- ]choice\b|\bconjoint\b|\bcontingent valuation\b|\bwillingness to pay\b",
     _MEDIUM),
    ("quantitative", _WEAK_QUANTITATIVE_WORDING, _WEAK),
    # quantitative: measuring people with instruments and devices, rating, a register, a comparison group
    ("quantitative", r"\b(?:had|have|having)\s+(?:their|his|her)\s+(?:[\w-]+\s+){1,4}?(?:measured|recorded|tested|"
                     r"weighed|checked|taken|screened|assessed|examined)\b|"
                     r"\bconsecutive (?:series|cases|patients)\b|\binventor(?:y|ies)\b|\bchecklists?\b|"
                     r"\bpsychometric\b|"
                     r"\bvalidated\s+(?:[\w-]+\s+){0,2}(?:measures?|instruments?|tools?|scales?|questionnaires?)\b|"
                     r"\b(?:wore|wear|wearing|worn)\s+(?:[\w-]+\s+){0,3}?(?:accelerometers?|actigraphs?|monitors?|"
                     r"devices?|trackers?|sensors?|pedometers?|watches|wristbands?)\b|\baccelerometr\w*|"
                     r"\bactigraph\w*|\bpedometers?\b|\bwearables?\b|"
                     r"\b(?:data|records|samples?|cohorts?)\b[^.;]{0,60}\b(?:drawn|obtained|extracted|taken|linked|"
                     r"came) from (?:the |a |an )?(?:[\w-]+\s+){0,3}register\b|"
                     r"\bresponses (?:were |was )?(?:received|returned|obtained|collected)\b|"
                     r"\binvitations? (?:were |was )?(?:sent|e-?mailed|mailed|posted)\b|"
                     r"\bcomparison (?:group|arm|cohort)s?\b|\btime[- ](?:and[- ])?motion\b|"
                     # a test checked against a reference: a diagnostic accuracy study
                     r"\bdiagnostic accuracy\b|\breference standard\b|\bsensitivity and specificity\b|"
                     r"\bsensitivity of (?:0?\.\d+|\d+(?:\.\d+)?\s*%)|\b(?:positive|negative) predictive values?\b|"
                     r"\barea under the (?:[\w-]+\s+){0,3}?curve\b|"
                     # a group measured again at later time points: "all 173 were assessed at 4 and 12 months"
                     r"\b\d[\d,]*\s+(?:[a-z-]+\s+){0,2}?(?:were|had been)\s+(?:(?:all|each|then|again)\s+)?"
                     r"(?:assessed|measured|re-?assessed|tested|re-?tested|weighed|examined|followed up)\s+"
                     r"(?:again\s+)?at\s+(?:baseline\s+and\s+(?:at\s+)?)?(?:\d+|[a-z]+)(?:\s*(?:,|and|to)\s*(?:\d+|[a-z]+))*"
                     r"\s+(?:weeks?|months?|years?)\b|"
                     r"\bstructured observations?\b|\b(?:\w+[- ])?minute intervals\b|"
                     r"\busing (?:(?:national|population|health|administrative|routine|linked)\s+)*registers?\b|"
                     r"\bfollowed\s+(?:up\s+)?(?:\d[\d,]*\s+)?(?:[\w-]+\s+){0,3}?(?:from|until|through|between)\s+"
                     r"(?:19|20)\d\d\b", _MEDIUM),
    # measurement implied by what was measured: a test or score taken twice, documents of N people analysed,
    # counts logged by a device, what a visit recorded
    ("quantitative", r"\b(?:tests?|quiz(?:zes)?|scores?|assessments?|measures?)\b[^.;]{0,40}\bbefore and after\b|"
                     r"\bcompar(?:ed|ing)\s+(?:[\w-]+\s+){1,3}?(?:between|among|across)\s+(?:the\s+)?\d[\d,]*\s|"
                     r"\b(?:analy[sz]ed|audited|reviewed|examined|extracted|abstracted|coded)\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?"
                     r"(?:of|from|for)\s+"
                     r"(?:all\s+)?\d[\d,]*\s|"
                     r"\b(?:recruited|enrol+ed|asked|invited|trained)\b[^.;]{0,80}\bto (?:log|record|track|count)\s+"
                     r"(?:their|the|each|daily|every)\s+(?:[\w-]+\s+){0,2}?"
                     r"(?:steps?|step counts|counts|intake|weights?|readings?|times?|minutes|hours|heart rates?)\b|"
                     r"\brecorded how (?:long|many|much|often)\b|\bstructured instrument\b|"
                     r"\b(?:tasks?|activities|steps|procedures)\s+(?:were|was)\s+timed\b|"
                     r"\b(?:completed|sat|took|passed|failed)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:quiz(?:zes)?|tests?)\b|"
                     r"\d\s?%\s+of\s+(?:the|all|our)\s+\d[\d,]*\s|"
                     r"\banalys[ie]s\s+(?:covered|spanned)\s+(?:[\w-]+\s+)?\d|"
                     r"\b(?:examined|analy[sz]ed|tracked|followed)\s+(?:their|these|the)\s+(?:[\w-]+\s+)?"
                     r"(?:re-?admissions|admissions|falls|outcomes|attendances|visits|prescriptions|records|deaths)\b",
     _MEDIUM),
    ("quantitative", r"\brated (?:their|the|its|how|each)\b|\bratings?\b", 2),
    # something measured in a counted group: "vision was screened in 4,300 pupils", "tested among 358 workers"
    ("quantitative", r"\b(?:screened|measured|tested|assessed|examined|weighed)\s+(?:in|among|across)\s+"
                     r"(?:(?:all|the|a total of)\s+)?\d[\d,\u00a0\u2009\u202f ]*\s+[a-z]",
     _MEDIUM),
    # routine records read by the researchers: "2,310 admissions ... were reviewed", "shifts were extracted
    # from the rosters"
    ("quantitative", r"\b\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:records|charts|notes|files|admissions|discharges|"
                     r"deliveries|births|prescriptions|referrals|encounters|episodes|attendances|procedures|"
                     r"operations|incidents|claims|consultations)\b[^.;]{0,60}?\b(?:were|was)\s+(?:\w+ly\s+)?"
                     r"(?:reviewed|audited|abstracted|extracted|screened|examined|analy[sz]ed)\b|"
                     r"\b(?:were|was)\s+(?:\w+ly\s+)?(?:extracted|abstracted|retrieved|downloaded|exported)\s+from\s+"
                     r"(?:the\s+|their\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:rosters?|rotas?|logs?|registers?|registries|"
                     r"databases?|records|timesheets|payroll|dashboards?|spreadsheets?|information systems?|"
                     r"billing systems?)\b", _MEDIUM),
    # the authors measuring something themselves: "we measured RNA concentrations", "we counted"
    ("quantitative", r"\bwe (?:\w+ly\s+)?(?:measured|quantified|counted|weighed|timed)\b", _MEDIUM),
    ("quantitative", r"\b(?:at|across|over)\s+(?:both|two|three|four|five|several|multiple|all|each|the)\s+"
                     r"(?:[\w-]+\s+)?time[- ]?points?\b", 2),
    # groups compared by how much ("reported lower strain than", "more likely than coastal residents to"):
    # measured amounts set against each other, which a percentage alone is not
    ("quantitative", r"\b(?:higher|lower|greater|smaller)\s+(?:[\w-]+\s+){0,3}?than\b|"
                     r"\b(?:more|less) likely (?:than\b|to\b[^.;]{0,60}\bthan\b)", 2),
    # routine records kept in a database or register: "deaths recorded in the cancer registry"
    ("quantitative", r"\b(?:registered|recorded|notified|logged|captured|entered|held)\s+(?:in|on|to)\s+(?:the|a|an)\s+"
                     r"(?:[\w-]+\s+){0,3}?(?:database|register|registry|surveillance system|information system)\b",
     _MEDIUM),
    # routinely filed reports analysed over a span of years are data
    ("quantitative", r"\b(?:analy[sz]ed|extracted|reviewed|examined|audited)\s+(?:all\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
                     r"(?:reports|notifications|returns|submissions|logs)\b[^.;]{0,80}?\b(?:between|from)\s+"
                     r"(?:19|20)\d\d\s+(?:and|to)\s+(?:19|20)\d\d\b", _MEDIUM),
    # qualitative: written reflection, and workshops that explore
    ("qualitative", r"\breflective (?:logs?|journals?|diar(?:y|ies)|accounts?|writing|essays?|notes)\b", _MEDIUM),
    ("qualitative", r"\bworkshops?\b[^.;]{0,60}\b(?:explored|discussed)\b|\bexplored (?:how|why|what|whether)\b", 2),
    # a modelled population is not a study of people: an economic or simulation model
    # (not simulated patients who visit or call services: actors in an audit, see the quantitative cues)
    ("other", r"(?<!trained )\b(?:hypothetical|simulated|virtual|synthetic)\s+(?:cohorts?|populations?|patients|"
              r"individuals|people)\b(?!\s+(?:\w+\s+)?(?:visited|called|telephoned|phoned|rang|presented|asked|"
              r"requested|approached|attended|contacted|posed|made|went))|\bmodell?ing stud(?:y|ies)\b", _STRONG + 3),
    ("other", r"\b(?:economic|markov|decision[- ]analytic|decision[- ]tree|microsimulation|agent-based|"
              r"transmission) models?\b|\bmicrosimulation\b", _MEDIUM),
    # planned data collection, a study yet to be done: it makes a stated method "other" (see _decide)
    ("planned", r"\b(?:we|this study|the study)\s+(?:will|shall|intends? to|plans? to|aim to|propose to)"
                r"\s+(?:recruit|enrol|enroll|interview|survey|sample|include|invite|randomi[sz]e|allocate|"
                r"assign)\b", 1),
    # other: not a study with its own data
    ("other", r"\b(?:this|our|the present|in this) (?:commentary|editorial|viewpoint|perspective|essay|"
              r"opinion piece|position (?:paper|statement)|letter|debate)\b|\bcommentary\b|\beditorial\b|"
              r"\bviewpoint\b|\bcase report\b|\bwe (?:report|present|describe) (?:a|the) case\b|"
              r"\b(?:study|trial|research|review|evaluation) protocol\b|\bthis protocol\b|"
              r"\bprotocol (?:for|of) (?:a|an|the|our)\b|"
              r"\bwe argue\b|\bthis (?:paper|article) argues\b|"
              r"\b(?:planned|proposed|forthcoming|upcoming)\s+(?:[\w-]+\s+){0,3}?(?:trial|study|evaluation)\b|"
              r"\b(?:will|shall|(?:is|are) to) be (?:randomi[sz]ed|allocated|assigned|recruited|enrolled)\b|"
              r"\b(?:we|investigators|the (?:trial|study) team)\s+(?:will|shall|intend to|plan to|propose to)\s+"
              r"(?:[\w,-]+\s+){0,6}?(?:randomi[sz]e|randomly (?:allocate|assign)|allocate|assign)\b",
     _STRONG + 3),
    ("other", r"\bwe describe (?:the|a|an|how|our)\b|\b(?:this|the) (?:paper|article|report|chapter) describes\b|"
              r"\b(?:is|are) described\b|\blessons learn(?:ed|t)\b|\b(?:programme|program|service|model|initiative) "
              r"description\b|\beffort(?:s)? to (?:establish|develop|implement|create|launch|build)\b|"
              r"\b(?:steps|process) taken to\b|\bdevelopment of (?:a|an|the) (?:new )?(?:programme|program|service|"
              r"model|initiative|curriculum|tool)\b", 2),
)
# Data collection of each kind: both in one study make it mixed-methods even when it does not say so.
_QUALITATIVE_DATA = re.compile(r"\binterview(?:s|ed|ing)?\b|\bfocus[- ]groups?\b|\bgroup discussions?\b|"
                               r"\bparticipant observation\b|"
                               r"\bdiar(?:y|ies)\b(?!\s+(?:questionnaires?|surveys?|scales?|cards?|logs?|apps?))|"
                               r"\bphotovoice\b|访谈|焦点小组|면담|インタビュー|"
                               r"\bentretiens?\b|\bgroupes? de discussion\b|"
                               r"\b(?:free|open)[- ]text (?:answers|responses|comments)\b",
                               re.IGNORECASE)
_QUANTITATIVE_DATA = re.compile(r"\bsurvey(?:s|ed)?\b|\bquestionnaires?\b|\baudit(?:s|ed)?\b|\bregistry\b|\bclaims\b|"
                                r"\b(?:health|medical|patient) records\b|\badministrative data\b|"
                                r"\broutine(?:ly collected)? "
                                r"(?:[\w-]+\s+)?data\b|\bclosed[- ]questions?\b|"
                                r"\b(?:analy[sz]ed|audited|reviewed|extracted|"
                                r"linked|analys[ie]s of|audit of|review of)\s+(?:\w+\s+){0,2}\d[\d,.]*\s+"
                                r"(?:million\s+)?"
                                r"(?:[\w-]+\s+)?(?:records|admissions|claims|prescriptions|charts|referrals|visits|"
                                r"encounters|episodes|discharges|letters|notes|files)\b|问卷|설문|質問紙|アンケート|"
                                + _FRENCH_SURVEY + r"|"
                                r"\bcohort (?:analysis|study|data)\b|"
                                r"\bdata (?:from|on|for) (?:(?:all|the|each)\s+)?(?!(?:19|20)\d\d\b)\d[\d,.]*\s+"
                                r"(?![\w-]*\s*(?:interview|focus|group|discussion|conversation|transcript|participant|"
                                r"informant|interviewee))|"
                                r"\b(?:attendance|usage|activity|routine|monitoring)\s+"
                                r"(?:logs?|records|data|registers?|figures)\b|"
                                # measuring instruments people filled in: "completed a workload inventory"
                                r"\b(?:completed|filled (?:in|out))\s+(?:a|an|the|their|two|three)\s+"
                                r"(?:[\w-]+\s+){0,2}?"
                                r"(?:scales?|inventor(?:y|ies)|checklists?|rating forms?|measures?|instruments?)\b|"
                                # "analysed clinic appointment records": routine records worked on as data
                                r"\b(?:linked|analy[sz]ed|extracted|abstracted)\s+(?:[\w-]+\s+){0,3}"
                                r"(?:logs|records|registers|databases)\b", re.IGNORECASE)
_ENROLMENT = re.compile(r"\b(?:enrol+ed|recruited|included)\b", re.IGNORECASE)
_WEAK_QUANTITATIVE = re.compile(_WEAK_QUANTITATIVE_WORDING, re.IGNORECASE)


# --- speed: a pattern is run only when the text holds a word it cannot match without ----------------
# Most cues are absent from most abstracts, and a regex scan costs the same whether it finds anything or
# not; a substring test on the lower-cased text is far cheaper. The words each pattern needs are read
# from the pattern itself (below), so a gate never says more than the pattern does: counts are unchanged.

# Characters outside ASCII that an IGNORECASE regex matches to an ASCII letter ("ſ" to "s", the Kelvin
# sign to "k") although lower() does not turn them into it: a text holding one is always scanned in full.
_FOLDS_INTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
# Scripts without letter case (CJK ideographs, kana, Hangul): nothing but the character itself matches it.
_CASELESS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class _Gated:
    """A compiled pattern and the strings (lower case) at least one of which every match contains."""

    pattern: re.Pattern[str]
    needs: frozenset[str] | None  # None: no such strings could be read from the pattern; always scanned

    def count(self, text: str, lowered: str | None) -> int:
        """Non-overlapping matches in ``text``, as ``len(findall)``; ``lowered`` is ``text.lower()``, or None
        when the text must be scanned in full."""
        if lowered is not None and self.needs is not None and not any(need in lowered for need in self.needs):
            return 0
        return len(self.pattern.findall(text))


def _gated(pattern: str | re.Pattern[str]) -> _Gated:
    compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.IGNORECASE)
    return _Gated(compiled, _required_strings(sre_parse.parse(compiled.pattern, compiled.flags)))


def _gate_safe(code: int) -> bool:
    """A literal character whose case-insensitive matches lower() finds: ASCII, or a caseless script."""
    char = chr(code)
    return char.isascii() or bool(_CASELESS.fullmatch(char))


def _required_strings(sequence: sre_parse.SubPattern | list[tuple[object, object]]) -> frozenset[str] | None:
    """Strings at least one of which occurs in every match of the parsed ``sequence``; None when unknown.

    Of the parts every match must pass through (a run of literal characters, a group, an alternation
    whose branches all have such strings, a repeat taken at least once), the most telling one is kept.
    """
    options: list[frozenset[str]] = []
    run = ""
    for op, value in list(sequence) + [(None, None)]:
        if op is sre_constants.LITERAL and _gate_safe(value):  # type: ignore[arg-type]
            run += chr(value).lower()  # type: ignore[arg-type]
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        option = _required_of_part(op, value)
        if option:
            options.append(option)
    if not options:
        return None
    return max(options, key=lambda strings: (min(len(s) for s in strings), -len(strings)))


def _required_of_part(op: object, value: object) -> frozenset[str] | None:
    """The required strings of one non-literal element of a parsed pattern (see ``_required_strings``)."""
    if op is sre_constants.SUBPATTERN:
        return _required_strings(value[-1])  # type: ignore[index]
    if op is sre_constants.ATOMIC_GROUP:
        return _required_strings(value)  # type: ignore[arg-type]
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        low: int = value[0]  # type: ignore[index]
        return _required_strings(value[2]) if low >= 1 else None  # type: ignore[index]
    if op is sre_constants.BRANCH:
        branches = [_required_strings(branch) for branch in value[1]]  # type: ignore[index]
        if any(branch is None for branch in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None


def _lowered_for_gates(text: str) -> str | None:
    """``text.lower()`` for the gates, or None when a character in it makes lower() an unsafe guide."""
    return None if _FOLDS_INTO_ASCII.search(text) else text.lower()


_COMPILED = tuple((design, _gated(pattern), weight) for design, pattern, weight in _CUES)
# Interviews done to fill in a structured questionnaire are a survey, not qualitative interviews.
_SURVEY_INTERVIEWS = re.compile(r"\binterview(?:s|ed|ers?)?\b[^.;]{0,60}\b(?:(?:structured|fixed|standardi[sz]ed|"
                                r"closed(?:[- ]ended)?|pre-?coded) questionnaire|interviewer-administered)|"
                                r"\bstructured interviews?\b(?<!semi-structured interviews)"
                                r"(?<!semi-structured interview)|\btelephone interviews? using\b", re.IGNORECASE)
_PUBLICATION_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("other", re.compile(r"\b(?:editorial|comment|commentary|letter|news|opinion|erratum|case reports?|protocol)\b",
                         re.IGNORECASE)),
    ("review", re.compile(r"\b(?:review|meta-analysis|systematic review)\b", re.IGNORECASE)),
    ("trial", re.compile(r"\b(?:trial|randomi[sz]ed)\b", re.IGNORECASE)),
)
_MIN_SCORE = 2
# A clause reporting a cited finding ("A national survey of optometrists [4] reported ..."): another study's methods.
_CITED_FINDING = re.compile(r"[^.;]*?(?:\[\d+(?:\s*[-–,]\s*\d+)*\]|"
                            r"\([A-Z][\w'’-]+(?:\s+et al\.?)?,?\s+(?:19|20)\d\d[a-z]?\))"
                            r"\s*(?:have\s+|has\s+)?(?:found|showed|shown|reported|suggested|demonstrated|indicated|"
                            r"revealed|concluded)\b[^.;]*")
_COMPARISON_GROUP = re.compile(r"\bcomparison (?:group|arm|cohort)s?\b", re.IGNORECASE)
# Earlier work the text cites ("Previous surveys of nurses found ..."): its methods are not this study's.
_PRIOR_WORK = re.compile(r"\b(?:previous|previously published|earlier|prior|past|published|former|existing)\s+"
                         r"(?:[\w-]+\s+){0,2}?(?:stud(?:y|ies)|surveys?|trials?|research|work|reports?|reviews?|"
                         r"analys[ie]s|investigations?|evaluations?|cohorts?|papers?|audits?|interviews?|"
                         r"questionnaires?|focus groups?)\b", re.IGNORECASE)
# Any cited finding names its source: a numbered reference or an author and year in brackets.
_CITATION_MARK = re.compile(r"\[\d|\([A-Z]")
_GATED_PRIOR_WORK, _GATED_SURVEY_INTERVIEWS, _GATED_WEAK_QUANTITATIVE, _GATED_COMPARISON_GROUP, _GATED_ENROLMENT, \
    _GATED_QUALITATIVE_DATA, _GATED_QUANTITATIVE_DATA = map(_gated, (
        _PRIOR_WORK, _SURVEY_INTERVIEWS, _WEAK_QUANTITATIVE, _COMPARISON_GROUP, _ENROLMENT, _QUALITATIVE_DATA,
        _QUANTITATIVE_DATA))


def classify_design(title: str, abstract: str, publication_type: str | None,
                    keywords: tuple[str, ...] = ()) -> str | None:
    """One of qualitative, quantitative, mixed-methods, trial, review, other; None if nothing says.

    A stated publication type decides first. Otherwise each design scores its cues; qualitative
    and quantitative data collected together make mixed-methods; a programme description that
    also reports enrolment and outcomes is an evaluation, not ``other``.
    """
    from_type = _design_from_publication_type(publication_type)
    if from_type:
        return from_type
    scores = design_scores(" ".join((title, abstract, " ".join(keywords))))
    return _decide(scores)


def design_scores(text: str) -> dict[str, int]:
    """Each design's cue total over the text, plus the two kinds of data collection seen."""
    scores = dict.fromkeys((*DESIGNS, "planned"), 0)
    text = _without_cited_work(text)
    lowered = _lowered_for_gates(text)
    for design, cue, weight in _COMPILED:
        scores[design] += weight * cue.count(text, lowered)
    survey_interviews = _GATED_SURVEY_INTERVIEWS.count(text, lowered)
    if survey_interviews:
        scores["qualitative"] = max(0, scores["qualitative"] - 2 * survey_interviews)
        scores["quantitative"] += _MEDIUM * survey_interviews
    scores["quantitative firm"] = scores["quantitative"] - _WEAK * _GATED_WEAK_QUANTITATIVE.count(text, lowered) \
        - _MEDIUM * _GATED_COMPARISON_GROUP.count(text, lowered)  # arms alone say no design unless people were enrolled
    # weak wording about people enrolled, not just a percentage
    scores["enrolment"] = _GATED_ENROLMENT.count(text, lowered)
    scores["qualitative data"] = _GATED_QUALITATIVE_DATA.count(text, lowered) - survey_interviews
    scores["quantitative data"] = _GATED_QUANTITATIVE_DATA.count(text, lowered) + survey_interviews
    return scores


def _without_cited_work(text: str) -> str:
    """The text with earlier work and cited findings blanked out, since their methods are not this study's."""
    lowered = _lowered_for_gates(text)
    if lowered is None or _GATED_PRIOR_WORK.needs is None or any(n in lowered for n in _GATED_PRIOR_WORK.needs):
        text = _PRIOR_WORK.sub(" ", text)
    if _CITATION_MARK.search(text):  # the slow scan only where a citation could be
        text = _CITED_FINDING.sub(" ", text)
    return text


def _design_from_publication_type(publication_type: str | None) -> str | None:
    if not publication_type:
        return None
    return next((design for design, pattern in _PUBLICATION_TYPES if pattern.search(publication_type)), None)


def _decide(scores: dict[str, int]) -> str | None:
    """The design the cues support, by precedence among those that reach their threshold."""
    if scores["other"] >= _STRONG + 3:
        return "other"
    if scores["planned"] and max(scores["trial"], scores["review"], scores["qualitative"],
                                 scores["quantitative"]) >= _MIN_SCORE:
        return "other"  # "we aim to recruit 24 grandparents for interviews": a method planned, no data yet
    for design in ("review", "trial", "mixed-methods"):
        if scores[design] >= _STRONG:
            return design
    if scores["qualitative data"] > 0 and scores["quantitative data"] > 0:
        return "mixed-methods"
    if scores["quantitative firm"] == 0 and (scores["quantitative"] < _MEDIUM or not scores["enrolment"]):
        scores = {**scores, "quantitative": 0}  # a percentage or two is not a design
    empirical = {d: scores[d] for d in ("review", "trial", "qualitative", "quantitative")}
    best = max(empirical, key=lambda d: empirical[d])
    if empirical[best] >= _MIN_SCORE and empirical[best] >= scores["other"]:
        return best
    if scores["other"] >= _MIN_SCORE:
        return "other"
    return None
