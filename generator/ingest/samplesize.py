"""How many people a study studied, read from the abstract with a small grammar of counts.

A sentence states a sample as a count followed by a noun phrase of people ("412 nurses attending
training days", "one hundred pharmacists"), in the active voice ("we interviewed 23 midwives"),
the passive voice ("27 interviews were conducted", "418 were randomised"), or as notation
("participants (n = 63)"). Each count found is read for:

* what it counts (people, interviews, or something else: sites, records, years, money ...),
* its stage in a recruitment funnel (screened/eligible/invited -> enrolled/responded -> completed),
* whether it is a part of another count ("11 of them", "including 9 pharmacists", "Of 910 ..."),
* how firmly it is stated (an enrolment verb or "a total of" is firmer than a bare mention).

Then the firmest people counts are compared. One value, or a total that the others add up to, is
the sample size. Two different counts of equal standing that are not a funnel or a sum are a
conflict: the sample size is left empty and a note names both, because a wrong number is worse
than none. Inexact counts ("more than 4,500"), planned ones ("will recruit") and year-like numbers
("Among 2017 respondents") are never taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from text_to_num import text2num

from ..model.sentences import split_sentences
from .numbers import NUMBER_WORDS, Count, find_counts

# --- vocabulary ---------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


# Nouns that name people (plural, as counts above one take them). A noun outside these lists still
# counts as people when a verb only people undergo governs it ("we interviewed 19 glassblowers").
_PEOPLE = _words("""
participants respondents subjects individuals people persons adults children adolescents teenagers teens youths
youth infants babies newborns neonates toddlers girls boys women men mothers fathers parents carers caregivers
caretakers families households couples dyads triads pairs patients inpatients outpatients clients users consumers
customers members residents citizens inhabitants villagers voters taxpayers tenants homeowners owners employees
workers staff personnel employers managers supervisors leaders administrators executives directors officers
officials policymakers stakeholders informants experts professionals practitioners clinicians physicians doctors
surgeons nurses midwives pharmacists dentists therapists psychologists psychiatrists counsellors counselors
paramedics gps consultants trainees interns fellows students pupils learners apprentices graduates teachers
lecturers faculty educators academics volunteers survivors veterans soldiers servicemembers recruits athletes
players drivers passengers commuters travellers travelers pilots farmers fishers fishermen miners labourers laborers
migrants immigrants refugees seekers prisoners inmates detainees offenders smokers drinkers gamblers beneficiaries
enrollees enrolees recipients attendees interviewees retirees pensioners widows widowers elders seniors caseworkers
interpreters chaplains receptionists assistants aides technicians firefighters porters cleaners cooks chefs
hairdressers principals headteachers coaches mentors mentees peers navigators coordinators specialists providers
prescribers registrants applicants entrants donors twins siblings spouses partners victims controls cases singletons
mums dads grandparents householders homemakers entrepreneurs vendors sellers traders shopkeepers landlords guests
visitors viewers listeners readers fans believers worshippers congregants pedestrians cyclists motorists riders
runners swimmers dancers musicians artists writers journalists sisters brothers daughters sons wives husbands nuns
monks priests clergy callers invitees claimants attenders childminders nannies tutors relatives kin clerks
captains crews sailors seafarers holders bakers butchers plumbers cashiers bartenders waiters waitresses guards
wardens stewards janitors dispatchers inspectors auditors proprietors representatives delegates
ministers pastors imams rabbis
""")
_SINGULAR_PEOPLE = _words("""
participant respondent subject individual person adult child adolescent infant baby girl boy woman man mother father
parent carer caregiver patient client user member resident employee worker staff manager leader nurse physician
doctor clinician student pupil teacher volunteer survivor veteran farmer household family couple dyad
""")
# Heads of closed compounds that name people whatever is glued before them ("townspeople", "dockworkers",
# "landowners", "chairpersons"). Only heads no common non-person compound ends in: not "guards" (safeguards),
# "drivers" (screwdrivers) or "holders" (placeholders).
_COMPOUND_PEOPLE = re.compile(r"[a-z]{3,}(?:children|people|workers|persons|women|members|patients|leaders|mothers|"
                              r"fathers|parents|students|teachers|keepers|owners)")
# Population words that describe who was in a sample rather than the sample itself ("Participants included
# 9 women"): firm only when an enrolment verb governs them.
_DEMOGRAPHIC = _words("women men girls boys females males mothers fathers")
# People counted in a study who are not its participants.
_RESEARCHERS = _words("""
authors researchers investigators coders interviewers raters reviewers assessors analysts moderators fieldworkers
enumerators observers
""")
_INTERVIEWS = _words("interviews conversations")
_GROUP_SESSIONS = _words("groups discussions workshops sessions meetings panels circles")
_RESPONSES = _words("questionnaires surveys responses forms returns")
# Units a study can observe instead of people: facilities (an audit or mystery-shopper study calls or
# visits them) and case records (a chart review or an audit reads them). They are the sample only when
# no people are counted and an observing verb governs them ("we audited 600 letters").
_FACILITY_UNITS = _words("""
sites clinics hospitals practices pharmacies dispensaries schools colleges universities nurseries kindergartens
wards departments centres centers facilities organisations organizations agencies services homes companies firms
businesses shops stores restaurants cafes bars outlets retailers farms laboratories labs gyms libraries trusts boards
systems authorities councils charities surgeries stations depots
""")
_CASE_UNITS = _words("""
records charts notes referrals admissions discharges readmissions prescriptions claims episodes encounters visits calls
letters handovers attendances consultations incidents orders transactions dispensings deliveries births procedures
operations files arrivals transfers journeys trips bookings injections screenings
""")
_NOT_PEOPLE = _words("""
studies articles papers trials reviews documents reports publications sources
databases datasets units states countries nations counties districts regions provinces cities towns villages
municipalities communities neighbourhoods neighborhoods areas zones types kinds categories classes clusters arms domains
items questions themes codes subthemes deaths events pregnancies tests samples specimens images scans tweets posts
videos apps websites policies laws beds vehicles buses messages rounds waves cycles teams networks schemes projects
initiatives interventions strategies outcomes variables factors measures indicators scales instruments tools tasks
steps stages phases levels grades courses modules lessons books pages words chapters transcripts texts
comments narratives emails photographs photos recordings logs entries guidelines curricula ships flights routes roads
mines programmes programs
""")
_UNITS = _words("""
years year months month weeks week days day hours hour minutes minute seconds times percent percentage points mg kg
ml km miles metres meters dollars euros pounds nights night shifts decades semesters terms cents yen rupees january
february march april may june july august september october november december jan feb mar apr jun jul aug sep sept
oct nov dec
""")
_STOP = _words("""
of with from in at on to for by who whom whose that which were was are is be been had have has and or but than as
per each across between during after before about into through within without among under over aged whereas while
when where if not no nor also all both either neither this these those it its their his her they we our the a an met
took had gave did saw left got came went made said told kept felt began ran lost paid chose found thought brought
held spoke wrote knew became rose fell grew sought every underwent undergo
""")

_SAMPLE_VERBS = (r"enrol+ed|recruited|included|randomi[sz]ed|allocated|assigned|interviewed|surveyed|studied|sampled|"
                 r"analy[sz]ed|followed|observed|involved|engaged|consulted|questioned|reached|retained|tracked|"
                 r"selected|examined")
_PEOPLE_VERBS = r"interviewed|surveyed|recruited|enrol+ed|consulted|questioned|engaged|replied|administered to"
_FILLER = (r"(?:a|an|the|all|total|sample|cohort|group|convenience|random|purposive|representative|national|final|"
           r"analytic|of|from|on|for|with|among|in|data|records|responses|information|each|every|overall|some)")
_LEAD_SAMPLE = re.compile(
    rf"(?:\b(?:{_SAMPLE_VERBS})|\bconsent (?:was |had been )?(?:obtained|received|given|gained) from|"
    rf"\bspoke (?:with|to)|\btalked (?:with|to)|\bmet with|\bheard from|"
    rf"\b(?:answered|completed|returned|filled (?:in|out)) by|\badministered to|\bdrew on|\bused)"
    rf"\s+(?:{_FILLER}\s+){{0,5}}$",
    re.IGNORECASE)
_LEAD_NOUN = re.compile(
    r"(?:\b(?:total|sample|cohort|population|panel|census|(?:case |consecutive )series)\s+of|"
    r"\b(?:interviews?|conversations?|discussions?|focus groups?)\s+(?:were|was)\s+(?:held|conducted|carried out|"
    r"undertaken|done)\s+with|"
    r"\b(?:held|conducted|carried out|undertook|had|ran)\s+(?:[\w-]+\s+){0,2}?(?:interviews|conversations|discussions|"
    r"focus groups|yarning circles|talking circles)\s+with|"
    r"\b(?:study|survey|audit|interviews?|focus groups?|discussions?|questionnaires?|consultations?|workshops?|"
    r"data|records|responses|information|analysis|review|evaluation|observations?)\s+(?:\w+\s+)?"
    r"(?:of|with|from|on|for|among)|"
    r"\b(?:sample|cohort|sample size|number of (?:participants|respondents|patients|people|interviewees)|"
    r"participants|respondents|sample)\s+(?:was|were|of|comprised|consisted of|included|includes|totall?ed|"
    r"numbered|is)|\bn\s*[=:])\s+(?:(?:the|all|each|of|a|an|total)\s+){0,3}$", re.IGNORECASE)
_LEAD_PRE = re.compile(
    r"(?:\b(?:screened|invited|approached|contacted|assessed|mailed to|sent to|distributed to|emailed|identified as)|"
    r"\b(?:mailed|posted|sent|e-?mailed|distributed|circulated|handed)\s+(?:[\w-]+\s+){0,5}?to|"
    r"\boffered\s+(?:(?:[\w-]+\s+){0,3}?(?:questionnaires?|surveys?|invitations?|participation|places?|"
    r"interviews?|enrol+ment|the (?:study|trial|research))\s+)?to)"
    r"\s+(?:(?:a|an|the|all|total|of|some|each|every)\s+){0,3}$", re.IGNORECASE)
# Between a noun phrase and its verb: an aside in brackets and a few words ("with type 2 diabetes"), never
# another count or a conjunction, so "72 patients started ... and 58 completed it" keeps two subjects apart.
_AFTER_GAP = (r"(?:\s*\([^)]*\))?(?:(?:(?!\b(?:or|but|while|whereas)\b|\band\s+(?:\d|[a-z]+(?:-[a-z]+)?\s+(?:of|were|"
              r"was|had|did|also|completed|took|responded)\b))[^,;:.()\d]){0,80}?\s)??\s*")
_AUX = (r"(?:(?:who|that|,?\s*(?:all|each|both) of (?:whom|them))\s+)?"
        r"(?:(?:were|was|had been|have been|are|being|had|have)\s+)?(?:\w+ly\s+|then\s+|also\s+|all\s+){0,2}")
# Filling in a form is what a respondent does: "86 cashiers filled out a questionnaire".
_FILLED_IN = (r"(?:filled (?:in|out)|answered) (?:the|a|an|our|their)\s+(?:[\w-]+\s+){0,2}?"
              r"(?:survey|questionnaire|form|diary|poll)s?")
_AFTER_SAMPLE = re.compile(
    rf"^{_AFTER_GAP}{_AUX}(?P<verb>{_SAMPLE_VERBS}|participated|took part|take part|consented|responded|replied|agreed|"
    rf"returned|"
    rf"started|began|entered|joined|(?:formed|made up|constituted) (?:the|our|a) (?:[\w-]+\s+){{0,2}}?(?:sample|"
    rf"cohort)|"
    rf"answered|completed (?:the|a|an|our|their)\s+(?:[\w-]+\s+){{0,2}}?(?:survey|questionnaire|interview|"
    rf"baseline|assessment)s?|{_FILLED_IN}|came back|(?:were|was) (?:received|obtained|collected)|"
    rf"underwent (?:random\w*\s+)?(?:randomi[sz]ation|allocation|enrol+ment|recruitment))\b", re.IGNORECASE)
# Screening or referral is a funnel stage only when it is for the study ("screened for eligibility",
# "referred to the trial"); "men screened for bowel cancer" or "adults referred to physiotherapy" by
# their clinicians describe who the people are, not how far they got into the study.
_STUDY_ENTRY = (r"(?:the |our |this |a )?(?:study|trial|research|eligibility|inclusion|participation|entry|enrol\w*|"
                r"recruitment)")
_SCREENED = rf"screened(?!\s+for\s+(?!{_STUDY_ENTRY}\b)\w)"
_REFERRED = rf"referred(?=\s+(?:to|into|for)\s+{_STUDY_ENTRY}\b)"
_AFTER_PRE = re.compile(
    rf"^{_AFTER_GAP}{_AUX}(?:(?:we|they|researchers|investigators)\s+)?(?P<verb>{_SCREENED}|invited|approached|"
    rf"contacted|assessed for eligibility|(?:potentially )?eligible|"
    rf"{_REFERRED}|sent|mailed|distributed|identified as)\b", re.IGNORECASE)
# Selection from a frame: "a random sample of 1,800 was drawn", "12,600 adults were selected at random". The
# count drawn is the sample unless a smaller count later says who responded (see _drop_funnel_ends).
_AFTER_DRAWN = re.compile(rf"^{_AFTER_GAP}{_AUX}(?P<verb>drawn|selected|sampled|chosen|picked)\b", re.IGNORECASE)
_AFTER_ANALYSED = re.compile(
    rf"^{_AFTER_GAP}{_AUX}(?P<verb>analy[sz]ed|retained|followed up|followed|tracked|examined|evaluated|assessed)\b",
    re.IGNORECASE)
_AFTER_POST = re.compile(
    rf"^{_AFTER_GAP}{_AUX}(?P<verb>completed|finished|withdrew|withdrawn|dropped out|lost to follow|excluded|declined|"
    rf"refused|died|did not|discontinued|remained)\b", re.IGNORECASE)
# Not "included" or "selected": a study "included 14 practices" whose patients it does not count.
_OBSERVING_VERBS = (r"audited|reviewed|analy[sz]ed|examined|extracted|abstracted|linked|sampled|called|telephoned|"
                    r"phoned|rang|visited|contacted|approached|surveyed|studied|assessed|evaluated|inspected|mapped")
_AUDIT_VERBS = r"audited|reviewed|analy[sz]ed|extracted|abstracted|inspected|visited|called|telephoned|phoned|rang"
# Units of an audit or a record review are observed: "we audited all 600 letters", "an audit of 95 clinics",
# "180 pharmacies were called", "the 140 pharmacies called by simulated patients".
_UNIT_LEAD = re.compile(
    rf"(?:\b(?:{_OBSERVING_VERBS})(?:\s+(?:how|whether|if))?|\b(?:audits?|reviews?|analys[ie]s|census|survey|sample|"
    rf"examination|inspection)\s+of|\b(?:analys[ie]s|audits?|reviews?|samples?|datasets?|data set)\s+(?:included|"
    rf"comprised|covered|contained|consisted of)|\b(?:data|information|claims)\s+(?:on|from|for|about))"
    rf"\s+(?:{_FILLER}\s+){{0,5}}$|\b[nN]\s*[=:]\s*$|"
    rf"\b(?:{_AUDIT_VERBS})\s+(?:the|their)\s+(?:[\w-]+\s+){{1,3}}?(?:of|from|at)\s+(?:(?:the|all)\s+)?$",
    re.IGNORECASE)
_AUDIT_LEAD = re.compile(
    rf"(?:\b(?:{_AUDIT_VERBS})|\b(?:audits?|reviews?|analys[ie]s)\s+of)\s+(?:{_FILLER}\s+){{0,5}}$|"
    rf"\b(?:{_AUDIT_VERBS})\s+(?:the|their)\s+(?:[\w-]+\s+){{1,3}}?(?:of|from|at)\s+(?:(?:the|all)\s+)?$",
    re.IGNORECASE)
_AUDIT_AFTER = re.compile(rf"^{_AFTER_GAP}{_AUX}(?:{_AUDIT_VERBS})\b", re.IGNORECASE)
_PERSON_SUFFIX = re.compile(r"(?:ers?|ors?|ists?|ians?|ees?|ents?|ants?)$", re.IGNORECASE)
_UNIT_AFTER = re.compile(rf"^{_AFTER_GAP}{_AUX}(?:{_OBSERVING_VERBS})\b", re.IGNORECASE)
_PART_OF_NAMED = re.compile(r"\s+of (?:the|these|those|all|our|their)\s+", re.IGNORECASE)
# "19 of the 75 midwives approached agreed": a bare participle after the whole's noun, then the part's own verb.
_WHOLE_PARTICIPLE = re.compile(r"\s+\w+ed\b(?=\s+(?:\w+ed|took|gave|went|were|was|had)\b)", re.IGNORECASE)
_WHOLE_CLAUSE = re.compile(r"\s+(?:(?:whom|who|that)\s+)?(?:we|they|researchers|investigators|were|had been)\s+\w+ed\b",
                           re.IGNORECASE)
# "first-year", "final-year", "second-trimester": an adjective before the noun, not a unit counted.
_ORDINAL_UNIT_ADJECTIVE = re.compile(r"(?:first|second|third|fourth|fifth|sixth|final|last|penultimate)-"
                                     r"(?:year|term|semester|trimester|month|week|day|time|cycle|wave)")
_GROUP_LEAD = re.compile(r"\b(?:group|arm)\s*$", re.IGNORECASE)
_UNREAL = _words("hypothetical simulated virtual synthetic notional imaginary modelled modeled")
_UNREAL_LEAD = re.compile(r"\b(?:hypothetical|simulated|virtual|synthetic|notional|imaginary|modell?ed)\s+"
                          r"(?:[\w-]+\s+)?(?:cohort|population|sample|group)\s+of\s+$", re.IGNORECASE)
_RECORD_NOUNS = _words("records charts notes files")
# Things that happen to people, possibly many times to one person: a count of them counts no one.
_EVENTS = ("admissions|attendances|visits|episodes|encounters|consultations|calls|contacts|presentations|stays|"
           "appointments|discharges|readmissions")
_OF_EVENTS_AFTER = re.compile(rf"^\s*(?:of|for)\s+(?:[\w-]+\s+){{0,2}}?(?:{_EVENTS})\b", re.IGNORECASE)
_PEOPLE_UNITS = _words("pairs dyads triads couples families households teams")
_RESPONDING_MODIFIERS = _words("returned completed submitted answered filled")
_PRE_MODIFIERS = _words("eligible invited screened approached contacted potential potentially identified")
_SAMPLE_MODIFIERS = _words("""
enrolled enroled included randomised randomized recruited participating responding consenting interviewed surveyed
""")
_PART_LEAD = re.compile(r"(?:,|\()\s*(?:including|of whom|of which|among them|among whom|incl\.)\s+$|"
                        r"\b(?:of whom|of which|among whom)\s+$", re.IGNORECASE)
_INEXACT_LEAD = re.compile(
    r"(?:\b(?:more|fewer|less|greater) than|\bover|\bunder|\bup to|\bnearly|\balmost|\bapproximately|\bapprox\.?|"
    r"\babout|\baround|\broughly|\bsome|\bat least|\bat most|\bupwards of|\bin excess of|\bestimated|[<>≤≥~±])\s*$",
    re.IGNORECASE)
_LABEL_LEAD = re.compile(
    r"\b(?:table|figure|fig\.?|phase|wave|step|stage|level|grade|type|version|section|chapter|cycle|round|day|week|"
    r"month|year|class|part|title|article|item|question|appendix|no\.?|number|ref\.?|references?|study|trial|group|"
    r"arm|site|visit|session|module|unit|ward|room|code|tier|category|region|district|lot|batch|model|hypothesis|"
    r"aim|objective|theme|domain|scale|score|covid|sars-cov|stratum|quintile|quartile|decile|tertile)"
    r"\s*$|#\s*$", re.IGNORECASE)
# ... and the denominator of a rate ("4.3 admissions per 1,000 people", "per 1,000 population").
_STAT_LEAD = re.compile(r"(?:\b(?:p|t|f|r|z|or|rr|hr|aor|df|ci|sd|se|iqr|mean|median|range|age[sd]?|aged|"
                        r"ages? of|x)\s*[=<>≤≥:]?\s*$|[=<>≤≥]\s*$|[$£€¥₹]\s*$|\b(?:per|every)\s*$|"
                        r"\b(?:us|usd|eur|gbp|cad|aud|inr|rs\.?)\s*$)", re.IGNORECASE)
_NOTATION_LEAD = re.compile(r"\b[nN]\s*[=:]\s*$")
# Either end of a range ("between 25 and 35 patients", "15 to 25 nurses", "from 40 to 60") is no one count.
_RANGE_START_BEFORE = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)
_RANGE_START_AFTER = re.compile(rf"^\s*(?:and|to|[-–])\s*(?:\d|(?:{NUMBER_WORDS}))", re.IGNORECASE)
_RANGE_END_BEFORE = re.compile(rf"(?:\bbetween\s+(?:\S+\s+){{1,3}}and|(?:\d|\b(?:{NUMBER_WORDS}))\s+to|\d\s*[-–])\s*$",
                               re.IGNORECASE)
_BAD_AFTER = re.compile(r"^(?:\s*(?:%|percent\b|per cent\b|pc\b|‰|times\b|x\b|×|fold\b)|[-‐‑–—/:]|\.\d|"
                        r"\s*(?:to|and|-|–)\s*\d[\d,.]*\s*(?:years?|months?|weeks?|days?|hours?|%|per ?cent))",
                        re.IGNORECASE)
# "one in six adults", "two out of every three tenants": a proportion, not a count of anyone.
_RATIO_AFTER = re.compile(rf"^\s+(?:in\s+(?:every\s+)?(?:{NUMBER_WORDS}|\d{{1,3}})\b(?!\s*[-–]?\s*(?:days?|weeks?|"
                          rf"months?|years?|hours?))|out\s+of\s+every\b)", re.IGNORECASE)
_RATIO_BEFORE = re.compile(rf"(?:\b(?:{NUMBER_WORDS})|(?<![.,])\b\d{{1,3}})\s+(?:in|out\s+of)\s+(?:every\s+)?$",
                           re.IGNORECASE)  # not "a sensitivity of 0.77 in 356 inpatients"
_SMALL_RATIO_AFTER = re.compile(r"^\s+out\s+of\s+(?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|10|100)\b",
                                re.IGNORECASE)
# A count in a prepositional phrase ("27 lay counsellors employed by two county clinics took part") is not the
# subject of the verb that follows it: that verb belongs to the count the phrase describes.
_PREPOSITION_LEAD = re.compile(r"\b(?:by|from|in|at|across|within|among|between|for|on|with|into|to|throughout|"
                               r"under|through|via|around|near|inside|outside|alongside|beyond|per)\s+"
                               r"(?:(?:the|all|a|an|each|every|some)\s+)?$", re.IGNORECASE)
# A later, smaller group of the same people interviewed ("11 trainees were later interviewed").
_INTERVIEWED_AFTER = re.compile(
    rf"^{_AFTER_GAP}{_AUX}(?:interviewed|took part in|participated in|joined|gave|completed)\b"
    r"(?:(?<=interviewed)|[^.;]{0,40}\b(?:interviews?|focus groups?|group discussions?))", re.IGNORECASE)
_INTERVIEWED_LEAD = re.compile(
    rf"\b(?:interviewed|interviews? (?:were |was )?(?:\w+ )?with)\s+(?:{_FILLER}\s+){{0,5}}$", re.IGNORECASE)
_GENERIC_PEOPLE = _words("participants respondents people individuals subjects interviewees")
# "187 (38.2%) reported ...", "45 patients (15%) died": a finding. A percentage after the verb is a
# response rate ("524 foster carers replied (37%)"), so no verb may stand before the bracket.
_OUTCOME_AFTER = re.compile(r"^\s*(?:(?!(?:\w+ed|took|gave|did|were|was|had|have|are|is|met|sent|went)\b)\w+\s+)"
                            r"{0,3}?\(\s*\d+(?:\.\d+)?\s*%", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"(?:\b(?:in total|in all|altogether|overall),?|\btotal of|\btotall?ing|\btotal sample of"
                           r"|\ba total of)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:in total|in all|altogether|overall)\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:will|shall|plan(?:s|ned)? to|intend(?:s|ed)? to|(?:planned|proposed|forthcoming|upcoming|"
                      r"future)\s+(?:[\w-]+\s+)"
                      r"{0,3}?(?:trial|study|survey|evaluation|experiment)|aims? to (?:recruit|enrol|include)|"
                      r"to be (?:recruited|"
                      r"enrolled|randomi[sz]ed|included)|are being|is being)\b", re.IGNORECASE)
_UNCOUNTED_COMPANIONS = re.compile(r"^[^,;.]{0,40}?\band (?:their|the|his|her) (?:\w+\s+)?(?:parents|carers|caregivers|"
                                   r"families|partners|children|mothers|fathers|spouses|teachers)\b", re.IGNORECASE)
# "3,460 dentists were registered in the state": a population a register lists, not a sample.
_POPULATION_AFTER = re.compile(rf"^{_AFTER_GAP}(?:were|are)\s+(?:registered|licensed|listed|resident|living|"
                               rf"practi[sc]ing|employed|working)\b", re.IGNORECASE)
# "surgeries serving 1.1 million patients", "a catchment of 80,000 people": who the sites serve, not who was studied.
_COVERED_LEAD = re.compile(r"\b(?:covering|serving|catering for|responsible for|with (?:a |an )?(?:combined |total )?"
                           r"(?:list size|catchment(?: population)?|population|registered list) of)\s+"
                           r"(?:(?:a total of|some|the|all|an estimated|over)\s+)?$", re.IGNORECASE)
# "Of the 430 eligible carers, 301 (70.0%) were assessed": the part's percentage is a participation rate, not a
# finding, when the whole it is taken from was only eligible, invited or approached.
_OF_PRE_WHOLE_LEAD = re.compile(
    rf"(?:^|[;:(]\s*|\.\s+)of\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:\d[\d,\u00a0\u2009\u202f ]*|{NUMBER_WORDS})\s+"
    r"(?:[\w-]+\s+){0,3}?(?:eligible|invited|approached|contacted|screened|identified|potential|sampled)\b"
    r"[^,;.()]{0,60},\s*$", re.IGNORECASE)
_ALSO_AFTER = re.compile(rf"^{_AFTER_GAP}(?:(?:were|was|had)\s+)?also\b", re.IGNORECASE)
_ARM_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:in|to) the (?:[\w-]+\s+){0,3}?(?:group|arm)\b", re.IGNORECASE)
_EACH_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:with|per|for) (?:each|every|per)\b", re.IGNORECASE)
_THEM_AFTER = re.compile(r"^\s*of (?:them|these|those|whom)\b", re.IGNORECASE)
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’]*(?:[-‐–][A-Za-z]+)*)")
# "173 of 460", "Forty of the 62": what lies between a part and the whole it is taken from.
_PART_OF_WHOLE = re.compile(r"\s*(?:out )?of (?:the |these |those |all )?", re.IGNORECASE)
_PEOPLE_VERB_LEAD = re.compile(rf"\b(?:{_PEOPLE_VERBS})\s+(?:{_FILLER}\s+){{0,5}}$", re.IGNORECASE)
_PEOPLE_VERB_AFTER = re.compile(rf"^{_AFTER_GAP}{_AUX}(?:{_PEOPLE_VERBS}|consented|participated|took part|responded|"
                                rf"agreed to (?:take part|participate|be interviewed)|{_FILLED_IN})\b",
                                re.IGNORECASE)
# "the nine households interviewed described ...": a participle right after the noun, then the clause's own
# verb; the participle is the noun's ("families [who were] interviewed"), not the verb of the noun phrase's head.
_REDUCED_RELATIVE = re.compile(r"^\s+(?:(?:who|whom|that)\s+)?(?:we|they|researchers|investigators)\s+\w+ed\b|"
                               r"^\s+\w+ed\b[^,;.]*?\b(?:\w+ed|were|was|had|did|took|gave|felt|told|said|saw|made|"
                               r"found)\b", re.IGNORECASE)
_RELATIVE_CLAUSE_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:who|that|whom)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;,](?!\d{3}(?!\d))")
_OF_WHOLE_LEAD = re.compile(r"(?:^|[;(]\s*)\bof (?:the |these |those |all |a total of )?$", re.IGNORECASE)
_VERB_BETWEEN = re.compile(r"\b(?:\w+ed|were|was|are|is|took|gave|had|did)\s", re.IGNORECASE)
# "... 104 pupils and the comparison group 97 pupils": a second subject whose verb is left out.
_GAPPED_BETWEEN = re.compile(r"\s+(?:[\w-]+\s+){0,4}?,?\s*(?P<conjunct>and\s+(?:the|a|an|their|its|our)\s+"
                             r"(?:[\w-]+\s+){1,3})", re.IGNORECASE)
_REPEATED_PREPOSITION = re.compile(r",?\s*and\s+(with|from|among|to|for)\s+(?:the\s+)?$", re.IGNORECASE)
_COMPARED_LEAD = re.compile(r"\bcompar(?:ed|ing|es|e)\s+(?:(?:the|all)\s+)?$", re.IGNORECASE)
_COMPARED_BETWEEN = re.compile(r"\b(?:with|to|versus|vs\.?|against|and)\s+(?:(?:the|those|all)\s+)?$", re.IGNORECASE)
_LIST_BETWEEN = re.compile(r"(?:\s+[A-Za-z][\w'’-]*){0,6}\s*(?:\([^)]*\))?\s*(?:,\s*and|,\s*or|,|and|or|;\s*and)\s*",
                           re.IGNORECASE)

STRONG, PLAIN, WEAK = 3, 2, 1


@dataclass(frozen=True)
class Candidate:
    """One count in the text, with what the grammar made of it."""

    value: int
    kind: str  # "people", "interviews", "groups", "responses", "units", "unknown", "other"
    noun: str
    standing: int
    stage: str  # "sample", "pre", "post", or "" when not stated
    sentence: str
    index: int  # position in the whole text, for "previous count" links
    end: int  # where the count ends in its sentence
    part_of: int | None = None  # index of the candidate this one is a part of
    total: bool = False
    arm: bool = False
    also: bool = False
    rejected: str = ""  # why the count cannot be the sample ("inexact", "planned", "year")
    group: int = -1  # coordination group ("140 nurses and 65 physicians")
    bare: bool = False  # no noun, but a verb or "sample of" says it counts whoever the sentence is about
    observed: bool = False  # units (facilities, records) an observing verb governs: "we audited 600 letters"
    phrase: str = ""  # the noun phrase after the count, modifiers included ("pregnant women")
    of_named: bool = False  # "14 of the respondents": a part of people counted elsewhere in the text
    start: int = 0  # where the count starts in its sentence


@dataclass(frozen=True)
class SampleSize:
    """The sample size found (or None), the sentence that states it, and notes on what was left out."""

    count: int | None
    sentence: str | None
    notes: tuple[str, ...] = field(default_factory=tuple)
    units: bool = False  # the count is of facilities or records, not people (an audit, a record review)


# --- reading one count ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    kind: str
    noun: str
    end: int
    modifiers: tuple[str, ...]


def _head(sentence: str, start: int, value: int) -> _Head:
    """The noun a count counts: the first known noun within a few words, else the last plain word."""
    position = start
    modifiers: list[str] = []
    last_word = ""
    for _ in range(6):
        match = _WORD.match(sentence, position)
        if not match:
            break
        word = match.group(1)
        lower = word.lower().replace("’", "'")
        if lower in _STOP:
            break
        position = match.end()
        kind = _noun_kind(lower, value, modifiers)
        if kind:
            return _Head(kind, word, position, tuple(modifiers))
        modifiers.append(lower)
        if not lower.endswith(("ed", "en")) and lower not in _PRE_MODIFIERS:
            last_word = word
    # No known noun: the count's own words after it are read for verbs ("77 responded").
    return _Head("unknown" if last_word else "none", last_word, start, tuple(modifiers))


def _noun_kind(word: str, value: int, modifiers: list[str]) -> str:
    """What a noun counts, or "" for a word that is not a head noun (an adjective, a modifier)."""
    last = word.split("-")[-1] if "-" in word else word
    if _ORDINAL_UNIT_ADJECTIVE.fullmatch(word):
        return ""  # "1,468 first-year students", "80 third-trimester women": the noun comes next
    if last in _RESEARCHERS:
        return "researchers"
    if last in _PEOPLE or (value == 1 and last in _SINGULAR_PEOPLE) or _COMPOUND_PEOPLE.fullmatch(last):
        return "people"
    if last in _INTERVIEWS:
        return "interviews"
    if last in _GROUP_SESSIONS:
        return "groups"
    if last in _RESPONSES:
        return "responses"
    if last in _FACILITY_UNITS or last in _CASE_UNITS:
        return "units"
    if last in _NOT_PEOPLE or last in _UNITS:
        return "other"
    if len(last) > 6 and last.endswith(("ists", "ians")) and not last.endswith("lists"):
        return "people"
    if value == 1:
        return "other"  # "in one district", "at one large hospital": one of anything but a person is no sample
    return ""


def _read_count(count: Count, sentence: str, clause_start: int, index: int, following: Count | None,
                subject_before: bool = False, whole_of_previous: bool = False) -> Candidate:
    """One count with its noun, stage, standing and any reason it cannot be the sample.

    ``subject_before``: an earlier count in the same clause is the subject the verbs after this one
    may belong to. ``whole_of_previous``: the count is Y in "X of Y volunteers", the head of that noun
    phrase is X, so the verbs after it ("..., all of whom were randomised") are X's, not Y's.
    """
    before = sentence[clause_start:count.start]
    notation = bool(_NOTATION_LEAD.search(before))
    head = _head(sentence, count.end, count.value)
    if notation and head.kind != "people":
        head = _notation_head(sentence, count)
    after = sentence[head.end:]
    verbs_belong_elsewhere = subject_before and _in_prepositional_phrase(before, after)
    part_of_following = bool(following and _PART_OF_WHOLE.fullmatch(sentence, count.end, following.start))
    if following and part_of_following:
        # "173 of 460 invited dentists completed ...": the verb after the whole's noun is the part's.
        whole_noun = _head(sentence, following.end, following.value)
        after = sentence[following.end if whole_noun.kind in ("unknown", "none") else whole_noun.end:]
        own_clause = _WHOLE_CLAUSE.match(after) or _WHOLE_PARTICIPLE.match(after)
        after = after[own_clause.end():] if own_clause else after  # "58 of the 90 tenants we invited completed"
    elif verbs_belong_elsewhere or (whole_of_previous and not _REDUCED_RELATIVE.match(after)):
        after = ""
    whole = _PART_OF_NAMED.match(sentence, count.end) if head.kind == "none" and not part_of_following else None
    whole_head = _head(sentence, whole.end(), 2) if whole else None
    if whole and whole_head and whole_head.kind == "unknown":
        # An unlisted noun ("ferrymen") followed by "we contacted" and a verb only people take.
        noun_end = sentence.find(whole_head.noun, whole.end()) + len(whole_head.noun)
        clause = _WHOLE_CLAUSE.match(sentence, noun_end)
        if clause and _PEOPLE_VERB_AFTER.match(sentence[clause.end():]):
            whole_head = _Head("people", whole_head.noun, noun_end, whole_head.modifiers)
    if whole_head and whole_head.kind == "people":
        # "Thirty-one of the bookbinders we invited agreed": the part counts the whole's people, and the
        # relative clause ("we invited") is the whole's, so the part's verb is the one after it.
        head = _Head("people", whole_head.noun, _clause_end(sentence, whole_head.end), head.modifiers)
        after = sentence[head.end:]
    kind = head.kind
    stage = _stage(before, after, head.modifiers, lead_first=part_of_following)
    if kind == "unknown" and _DATA_PROVIDED_AFTER.match(sentence, count.end):
        kind, stage = "none", "analysed"  # "903 provided complete data": people, the analysed end of a funnel
    elif stage == "sample" and _INCLUDED_IN_ANALYSIS_AFTER.match(sentence, head.end):
        stage = "analysed"  # "1,152 were included in the analysis": the analysed set, not another enrolment
    if kind == "unknown" and stage == "sample" and _PERSON_SUFFIX.search(head.noun) and _allocated(before, after):
        kind = "people"  # "randomised 96 walkers": people are what a trial allocates when no place is named
    declared = notation or bool(_LEAD_NOUN.search(before))
    if kind == "unknown" and following is not None and _involving_people(sentence, head.end, following):
        kind = "other"  # "58,210 callouts ..., involving 36,475 older people": events that happened to the people
    elif kind == "unknown" and ((declared and not _source_beside_people(before, head, sentence, following))
                                or _people_verb(before, after)):
        kind = "people"  # an unlisted noun that was interviewed, enrolled or declared the sample: people
    elif kind == "unknown" and (_AUDIT_LEAD.search(before) or _AUDIT_AFTER.match(after)) \
            and not _PERSON_SUFFIX.search(head.noun):
        kind = "units"  # "we audited 742 transfusion requests", "140 garages visited": what an audit observes
    if kind == "responses" and (stage in ("sample", "analysed") or notation):
        kind = "people"  # "611 questionnaires were analysed": one questionnaire per respondent
    elif kind == "responses" and _RESPONDING_MODIFIERS.intersection(head.modifiers):
        kind, stage = "people", "sample"  # "612 returned usable questionnaires": the count is of who returned them
    total = bool(_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after))
    # "1,176 ushers responded (39%)": a response rate; "187 (38.2%) reported ...": a finding.
    outcome = _OUTCOME_AFTER.match(sentence[count.end:]) and not notation and stage != "sample" \
        and not (stage == "analysed" and _OF_PRE_WHOLE_LEAD.search(sentence[:count.start]))
    return Candidate(
        value=count.value, kind=kind, noun=head.noun, standing=_standing(before, stage, declared or total, head),
        stage=stage, sentence=sentence, index=index, end=count.end, total=total,
        arm=bool(_ARM_AFTER.match(after)), also=bool(_ALSO_AFTER.match(after)),
        rejected=_rejection(count, before, sentence, notation, kind == "people") or _companion_rejection(after, head)
        or _unreal_rejection(before, head) or _event_record_rejection(kind, head, after)
        or ("population" if not stage and not declared and _POPULATION_AFTER.match(after) else "")
        or ("population served" if _COVERED_LEAD.search(before) else "")
        or ("service activity" if not declared and _PROGRAMME_REACH.search(before) else "")
        or ("service activity" if not declared and _DESCRIBING_LEAD.search(sentence[:count.start])
            and (not stage or _SERVICE_CLAUSE.search(before)) else "")
        or ("outcome count" if outcome else "") or _pooled_rejection(sentence, count.start)
        or _cited_rejection(before, sentence[count.end:]),
        bare=kind == "none" and (bool(stage) or declared),
        observed=kind == "units" and bool(_UNIT_LEAD.search(before) or (
            _UNIT_AFTER.match(after) and not _PREPOSITION_LEAD.search(before))),  # not "staff at 26 pharmacies"
        phrase=sentence[count.end:head.end].strip().lower() or head.noun.lower(),
        of_named=bool(whole_head and whole_head.kind == "people"), start=count.start)


# "Fourteen trials involving 3,118 participants", "7 studies (n = 11,840)": the people of the studies a review
# pooled, not a sample the review itself studied.
_POOLED_LEAD = re.compile(
    rf"(?:\d[\d,]*|\b(?:{NUMBER_WORDS})(?:[- ](?:{NUMBER_WORDS}))?)\s+(?:[\w-]+\s+){{0,3}}?(?:studies|trials|RCTs|"
    r"articles|papers|reports|publications|cohorts|datasets)\s*(?:\([^)]*\)\s*)?,?\s*(?:(?:involving|with|including|"
    r"enrol+ing|recruiting|comprising|covering|totall?ing|(?:that|which) (?:had )?(?:included|enrol+ed|involved|"
    r"recruited|studied))\s+(?:(?:a total of|a combined|a pooled|in total|altogether|overall)\s+)?|"
    r"\(\s*(?:n\s*=\s*)?)$", re.IGNORECASE)


# What a review does with the studies it counts, as against "we ran two trials with 300 patients".
_REVIEWED_STUDIES = re.compile(r"\b(?:met|eligible|eligibility|included|identified|retrieved|reviewed|review|"
                               r"meta-?analy\w*|pooled|synthesi[sz]\w*|selected for)\b", re.IGNORECASE)


def _pooled_rejection(sentence: str, start: int) -> str:
    """People counted inside a count of studies a review took in are the included studies' participants."""
    pooled = _POOLED_LEAD.search(sentence[:start]) and _REVIEWED_STUDIES.search(sentence)
    return "pooled from studies" if pooled else ""


_DATA_SOURCE_LEAD = re.compile(r"\b(?:data|records|information|figures)\s+(?:on|from|for|about)\s+"
                               r"(?:(?:the|all|each|every)\s+)?$", re.IGNORECASE)


def _source_beside_people(before: str, head: _Head, sentence: str, following: Count | None) -> bool:
    """"rota data from 58 depots and interviews with 13 supervisors": an unlisted noun that is only a data
    source, in a sentence that goes on to count people by a listed noun, is where data came from, not people."""
    if following is None or not _DATA_SOURCE_LEAD.search(before) or _PERSON_SUFFIX.search(head.noun):
        return False
    other = _head(sentence, following.end, following.value)
    return other.kind == "people" or (other.kind == "unknown" and bool(_PERSON_SUFFIX.search(other.noun)))


# "... callouts for breathing difficulty, involving 36,475 people", "... dispatches concerning 900 patients".
_INVOLVING_BETWEEN = re.compile(r"[^;.]{0,60}?\b(?:involving|concerning|affecting|relating to|made by|for|among)\s+"
                                r"(?:(?:a total of|the|all)\s+)?$", re.IGNORECASE)


def _involving_people(sentence: str, noun_end: int, following: Count) -> bool:
    """The next count is of people the events before it happened to or were made by."""
    if not _INVOLVING_BETWEEN.fullmatch(sentence, noun_end, following.start):
        return False
    return _head(sentence, following.end, following.value).kind == "people"


# "We report how a parish set up a clinic ..., which saw 1,390 patients": what a described service did, not
# a sample studied. Only a count with no stage of its own and no declaration is read this way.
_DESCRIBING_LEAD = re.compile(r"^\s*(?:we|this (?:paper|article|report|case study))\s+(?:describes?|outlines?|"
                              r"recounts?|reports? on)\s+(?:how|the (?:development|set-?up|launch|implementation|"
                              r"establishment))\b", re.IGNORECASE)
# "The helpline has supported 9,000 callers since 2015": how many a programme or service reached, a figure of
# its activity (often quoted from its own reports), not people a study sampled.
_PROGRAMME_REACH = re.compile(
    r"\b(?:programm?es?|programs?|services?|schemes?|initiatives?|campaigns?|projects?|charit(?:y|ies)|helplines?|"
    r"hotlines?|organi[sz]ations?|platforms?|websites?|apps?|networks?)\s+(?:(?:has|have|had)\s+)?"
    r"(?:(?:\w+ly|now|so far|since)\s+)?(?:reached|served|supported|helped|assisted|trained|seen|housed|fed|"
    r"registered|signed up)\s+(?:(?:a total of|some|the|an estimated)\s+)?$", re.IGNORECASE)
# "..., which assessed 760 clients": the described service's own clause, not the authors' sampling.
_SERVICE_CLAUSE = re.compile(r"\b(?:which|that)\s+(?:(?:has|had|have)\s+)?\w+\s+(?:(?:a total of|some|the)\s+)?$",
                             re.IGNORECASE)
_ALLOCATED = re.compile(r"\b(?:randomi[sz]ed|allocated|assigned)\b", re.IGNORECASE)


def _allocated(before: str, after: str) -> bool:
    """The count is governed by a verb of random allocation, before it or right after its noun."""
    return bool(_ALLOCATED.search(before[-40:]) or _ALLOCATED.search(after[:40]))


def _clause_end(sentence: str, position: int) -> int:
    """Where a relative clause after a noun ("we invited") ends, or ``position`` when there is none."""
    clause = _WHOLE_CLAUSE.match(sentence, position)
    return clause.end() if clause else position


def _in_prepositional_phrase(before: str, after: str) -> bool:
    """The count is the object of a preposition and no relative clause of its own follows it."""
    return bool(_PREPOSITION_LEAD.search(before)) and not _RELATIVE_CLAUSE_AFTER.match(after)


def _people_verb(before: str, after: str) -> bool:
    """A verb only people undergo governs the count ("we interviewed 19 glassblowers", "... were surveyed")."""
    return bool(_PEOPLE_VERB_LEAD.search(before) or _PEOPLE_VERB_AFTER.match(after))


def _notation_head(sentence: str, count: Count) -> _Head:
    """For "nurses (n = 11)", the noun before the notation; a bare "(n = 11)" counts people."""
    before = re.sub(r"\(?\s*[nN]\s*[=:]\s*$", "", sentence[:count.start])
    before = re.sub(r"\s(?:in|at|from|across|of)\s+\d[\d,]*\s+[\w-]+\s*$", " ", before)  # "Dentists in 3 towns"
    before = _MEASURE_TAIL.sub(" ", before)  # "Participants aged 19 to 27 years (n = 218)"
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", before)
    for word in reversed(words[-3:]):
        kind = _noun_kind(word.lower(), count.value, [])
        if kind:
            return _Head("people" if kind in ("responses", "interviews") else kind, word, count.end, ())
    return _Head("people", words[-1] if words else "", count.end, ())


# An age or a duration, or a range of them, between a noun and its "(n = ...)": "aged 19 to 27 years".
_MEASURE_TAIL = re.compile(r"\s(?:aged\s+)?\d[\d,.]*(?:\s*(?:to|[-–]|and)\s*\d[\d,.]*)?\s*(?:years?|yrs?|months?|"
                           r"weeks?|days?)(?:\s+old)?\s*(?:,\s*)?$", re.IGNORECASE)


def _rejection(count: Count, before: str, sentence: str, notation: bool, people: bool = False) -> str:
    """Why a count cannot be a sample size whatever it counts, or "" when it may be.

    ``people``: the count is followed by a noun of people, so "the comparison group 97 pupils" is a
    gapped clause ("[included] 131 pupils"), not a group labelled 131.
    """
    if _BAD_AFTER.match(sentence[count.end:]) or _is_ratio(count, before, sentence[count.end:]):
        return "not a count"
    if notation:
        return "planned" if _PLANNED.search(sentence) else ""
    if _INEXACT_LEAD.search(before) or _is_range_end(before, sentence[count.end:]):
        return "inexact"
    gapped = count.value >= 10 and bool(_GROUP_LEAD.search(before)) \
        and (people or bool(_GAPPED_END_AFTER.match(sentence, count.end)))
    if (_LABEL_LEAD.search(before) and not gapped) or _STAT_LEAD.search(before) or _inside_brackets(before):
        return "not a count"
    if not count.in_words and 1800 <= count.value <= 2100 and re.fullmatch(r"\d{4}", count.text):
        return "year"
    if _PLANNED.search(sentence):
        return "planned"
    return ""


# "... and the comparison group 109.": a gapped count that ends its clause, its noun left out.
_GAPPED_END_AFTER = re.compile(r"\s*(?:[.;]|$)")
_GROUP_SUBJECT_LEAD = re.compile(r"\b(?:group|arm)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)


def _is_range_end(before: str, after: str) -> bool:
    """The count opens or closes a range of values, so the text gives no single number."""
    opens = _RANGE_START_AFTER.match(after) and (_RANGE_START_BEFORE.search(before) or re.match(r"^\s*to\b", after))
    return bool(opens or _RANGE_END_BEFORE.search(before))


def _is_ratio(count: Count, before: str, after: str) -> bool:
    """Either term of "one in six", "two out of every three", "9 out of 10"."""
    if _RATIO_AFTER.match(after) or _RATIO_BEFORE.search(before):
        return not re.search(r"\bout\s+of\s+$", before, re.IGNORECASE) or count.value <= 10 or count.value == 100
    return bool(_SMALL_RATIO_AFTER.match(after)) and count.value < 10


def _unreal_rejection(before: str, head: _Head) -> str:
    """A modelled population ("a hypothetical cohort of 25,000", "250,000 simulated patients") is no one studied."""
    unreal = _UNREAL.intersection(head.modifiers) or _UNREAL_LEAD.search(before)
    return "hypothetical" if unreal else ""


def _event_record_rejection(kind: str, head: _Head, after: str) -> str:
    """Records of events ("1,560 case notes of admissions") count admissions, not distinct people or records
    of people, so they are no sample: one person can have many."""
    if kind == "units" and head.noun.lower() in _RECORD_NOUNS and _OF_EVENTS_AFTER.match(after):
        return "events"
    return ""


def _companion_rejection(after: str, head: _Head) -> str:
    """"63 adolescents and their parents": the people studied outnumber the count.

    A count of pairs or families ("436 dyads of patients and their spouses") already holds both members.
    """
    if head.noun.lower() in _PEOPLE_UNITS:
        return ""
    return "uncounted companions" if _UNCOUNTED_COMPANIONS.match(after) else ""


# Earlier work the text cites: "Previous surveys of 8 000 midwives [9] found ...", "an earlier trial in 800 women".
_PRIOR_WORK = (r"\b(?:previous|previously published|earlier|prior|past|published|former|existing)\s+(?:[\w-]+\s+){0,2}?"
               r"(?:stud(?:y|ies)|surveys?|trials?|research|work|reports?|reviews?|analys[ie]s|investigations?|"
               r"evaluations?|cohorts?|papers?|audits?)\b")
_PRIOR_WORK_LEAD = re.compile(rf"{_PRIOR_WORK}(?![^;]*\b(?:we|our|this|the present|the current)\b)[^;]*$",
                              re.IGNORECASE)
_REFERENCE = (r"(?:\[\d+(?:\s*[-–,]\s*\d+)*\]|\((?:[A-Z][\w'’-]+(?:\s+et al\.?|\s+(?:and|&)\s+[A-Z][\w'’-]+)?,?\s+"
              r"(?:19|20)\d\d[a-z]?(?:;[^)]*)?)\))")
# "8 000 midwives [9] found": a reference marker on the noun phrase, then a verb that reports a finding.
_CITED_FINDING_AFTER = re.compile(rf"^\s*(?:[\w'’-]+\s+){{0,4}}?{_REFERENCE}\s*(?:have\s+|has\s+)?"
                                  r"(?:found|showed|shown|reported|suggested|demonstrated|indicated|revealed|"
                                  r"observed|concluded)\b")


def _cited_rejection(before: str, after: str) -> str:
    """A count in earlier work the text cites is that work's sample, not this study's.

    Earlier work is named in the count's own clause ("Previous surveys of 8 000 midwives", with no "we" or
    "this study" after it), or the noun phrase carries a reference marker and a reported finding follows.
    """
    if _PRIOR_WORK_LEAD.search(before) or _CITED_FINDING_AFTER.match(after):
        return "cited"
    return ""


def _inside_brackets(before: str) -> bool:
    """A number inside square brackets is a reference ("[12, 14]")."""
    return before.rfind("[") > before.rfind("]")


def _stage(before: str, after: str, modifiers: tuple[str, ...], *, lead_first: bool = False) -> str:
    """Where in a recruitment funnel a count stands: "pre", "sample", "analysed", "post", or "" when not said.

    The count's own modifiers ("460 invited dentists") speak first, then the first verb after
    its noun ("418 were randomised"), then the verb it is the object of ("we screened 2,376"). For
    "264 of the 610 health visitors we contacted" the verb before ("returned by 264") is the part's own and
    the one after belongs to the whole, so the verb before speaks first.
    """
    if _PRE_MODIFIERS.intersection(modifiers):
        return "pre"
    if _SAMPLE_MODIFIERS.intersection(modifiers):
        return "sample"
    lead = "pre" if _LEAD_PRE.search(before) else "sample" if _LEAD_SAMPLE.search(before) else ""
    if lead_first and lead:
        return lead
    patterns = (("pre", _AFTER_PRE), ("sample", _AFTER_SAMPLE), ("post", _AFTER_POST), ("analysed", _AFTER_ANALYSED),
                ("drawn", _AFTER_DRAWN))
    verbs = [(match.start("verb"), -match.end(), stage)
             for stage, pattern in patterns if (match := pattern.match(after))
             and not (lead and _COORDINATED_VERB.search(after[:match.start("verb")]))]
    return min(verbs)[2] if verbs else lead


# "We screened 515 households ... and enrolled 172 of them": after a coordinating "and" the verb is the
# subject's second verb, not the object's own.
_COORDINATED_VERB = re.compile(r"\band\s+(?:(?:then|later|subsequently|finally)\s+)?$", re.IGNORECASE)


def _standing(before: str, stage: str, declared: bool, head: _Head) -> int:
    """How firmly the text states this count as its sample."""
    if head.noun.lower() in _DEMOGRAPHIC and stage != "sample":
        return WEAK  # "Participants included 9 women" describes the sample, it does not count it
    return STRONG if declared or stage in ("sample", "analysed", "drawn") else PLAIN


# --- reading a text -------------------------------------------------------------------------------


def read_candidates(text: str) -> list[Candidate]:
    """Every count in the text, read by the grammar, with part-of and coordination links."""
    candidates: list[Candidate] = []
    for sentence in split_sentences(text):
        candidates.extend(_sentence_candidates(sentence, len(candidates)))
    return _link_named_parts(candidates)


def _link_named_parts(candidates: list[Candidate]) -> list[Candidate]:
    """"Interviews with 14 of the respondents": the part belongs to the last larger count of people before it."""
    linked: list[Candidate] = []
    for candidate in candidates:
        if candidate.of_named and candidate.part_of is None:
            whole = next((c for c in reversed(linked) if c.kind == "people" and not c.rejected
                          and c.value > candidate.value and c.part_of is None), None)
            candidate = replace(candidate, part_of=whole.index) if whole else candidate
        linked.append(candidate)
    return linked


def _sentence_candidates(sentence: str, offset: int) -> list[Candidate]:
    counts = find_counts(sentence)
    found: list[Candidate] = []
    container: int | None = None
    for position, count in enumerate(counts):
        clause_start = _clause_start(sentence, count.start)
        following = counts[position + 1] if position + 1 < len(counts) else None
        subject_before = bool(found) and counts[position - 1].start >= clause_start and not found[-1].rejected \
            and found[-1].kind not in ("other", "none")
        previous_end = counts[position - 1].end if position else 0
        whole_of_previous = bool(found) and not found[-1].rejected \
            and bool(_PART_OF_WHOLE.fullmatch(sentence, previous_end, count.start))
        candidate = _read_count(count, sentence, clause_start, offset + position, following, subject_before,
                                whole_of_previous)
        candidate, container = _link_parts(candidate, count, sentence, found, container, clause_start, previous_end)
        candidate = _inherit_ellipsis(candidate, found, sentence[previous_end:count.start])
        if candidate.bare and candidate.kind == "none":
            candidate = replace(candidate, kind=_bare_kind(found))
        if candidate.kind == "responses" and candidate.stage == "sample":
            candidate = replace(candidate, kind="people")  # "1,812 (questionnaires) were returned": respondents
        found.append(candidate)
    return _coordinate(found, counts, sentence)


def _clause_start(sentence: str, position: int) -> int:
    """Where the clause holding ``position`` starts: after the last comma or semicolon that is not a
    thousands separator ("3,410")."""
    return max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, position)), default=0)


def _bare_kind(found: list[Candidate]) -> str:
    """What a count with no noun counts ("267 answered"): the audited units just named, else people."""
    named = next((c for c in reversed(found) if c.noun and not c.rejected and c.kind != "other"), None)
    return "units" if named is not None and named.kind == "units" and named.observed else "people"


def _inherit_ellipsis(candidate: Candidate, found: list[Candidate], between: str) -> Candidate:
    """A count whose noun is left out counts what the count before it counts.

    "57 patients in the intervention group and 55 in the control group", "8 managers in 2017 and 11
    in 2019": the second count is of the same people as the first, in another arm or round.
    """
    previous = next((c for c in reversed(found) if c.kind == "people" and not c.rejected), None)
    after = candidate.sentence[candidate.end:]
    if candidate.kind == "none" and not candidate.rejected and previous is not None \
            and _GROUP_LEAD.search(candidate.sentence[:candidate.start]) \
            and _GROUP_SUBJECT_LEAD.search(candidate.sentence[:previous.start]) \
            and _GAPPED_END_AFTER.match(after) and re.search(r"\band\s+(?:the|a|an|its|their)\s+", between):
        # "The intervention group had 133 participants and the comparison group 109": the other arm's count
        return replace(candidate, kind=previous.kind, noun=previous.noun, standing=previous.standing,
                       stage=previous.stage, bare=False)
    if candidate.kind == "none" and previous is not None \
            and _compared(candidate.sentence[:previous.start], between):
        # "compared 1,087 patients seen by pharmacists with 1,087 seen by GPs": the other side of the
        # comparison, at the same stage as the first side whatever its own relative clause says ("who did not")
        return replace(candidate, kind=previous.kind, noun=previous.noun, standing=previous.standing,
                       stage=previous.stage, bare=False)
    if candidate.kind != "none" or candidate.bare or previous is None or not re.search(r"(?:\band|,)\s*$", between) \
            or not re.match(r"\s+(?:in|at|from|to|for|during|on)\b", after):
        return candidate
    # "... at baseline, and 92 at nine months": a later wave of the same people, not another sample.
    later_wave = re.match(r"\s+at (?:the )?(?:[\w-]+\s+)?(?:months?|weeks?|years?|days?|follow-?up|end|discharge)\b",
                          after, re.IGNORECASE)
    return replace(candidate, kind=previous.kind, noun=previous.noun, standing=previous.standing,
                   stage="post" if later_wave else candidate.stage or previous.stage,
                   arm=candidate.arm and previous.arm)


def _link_parts(candidate: Candidate, count: Count, sentence: str, found: list[Candidate],
                container: int | None, clause_start: int, previous_end: int) -> tuple[Candidate, int | None]:
    """Mark "X of (the) Y", "Of Y ..., X", "including X" and "X of them" as parts of the whole they name.

    A part with no noun of its own counts what its whole counts ("Of 66 eligible surgeries, 29 agreed").
    """
    before = sentence[:count.start]
    if _OF_WHOLE_LEAD.search(before):
        return candidate, candidate.index  # "Of 910 screened, ..." heads the sentence's funnel
    previous = found[-1] if found else None
    if previous and _PART_OF_WHOLE.fullmatch(sentence, previous_end, count.start):
        if previous.stage == "sample" and candidate.stage in ("", "pre") and not previous.rejected:
            # "173 of 460 dentists completed the survey": the part took part, the whole is the pool.
            return replace(candidate, stage="pre"), container
        found[-1] = _as_part(previous, candidate)  # "Forty of the 62 nurses were women"
        return candidate, container
    if previous and _THEM_AFTER.match(sentence[count.end:]) and previous.kind != "people":
        # "ran three focus groups with 33 of them": "them" are the people counted before, not the groups
        people = next((c for c in reversed(found) if c.kind == "people" and not c.rejected
                       and c.value > candidate.value), None)
        if people is not None and candidate.kind == "none":
            return replace(_as_part(candidate, people), kind="people", noun=people.noun), container
    if previous and (_PART_LEAD.search(before) or _THEM_AFTER.match(sentence[count.end:])):
        return _as_part(candidate, previous), container
    if previous and _people_in_units(previous, candidate, sentence[previous_end:count.start]):
        # "9 nurse-chaplain pairs (18 participants)": the people the pairs are made of are the sample.
        found[-1] = _as_part(previous, candidate)
        return replace(candidate, stage=candidate.stage or previous.stage,
                       standing=max(candidate.standing, previous.standing)), container
    breakdown_of = _bracketed_total(found, sentence, count)
    if breakdown_of is not None:
        return _as_part(candidate, breakdown_of), container  # "1,318 patients were allocated (661 to ...)"
    host = next((c for c in found if c.index == container), None) if container is not None else None
    if host and clause_start > 0:
        return _as_part(candidate, host), container
    return candidate, container


def _people_in_units(units: Candidate, people: Candidate, between: str) -> bool:
    """A bracket right after a count of pairs or families gives how many people they hold."""
    grouped = units.noun.lower().split("-")[-1] in _PEOPLE_UNITS
    return grouped and people.kind == "people" and people.value > units.value and not people.rejected \
        and bool(re.fullmatch(r"(?:\s*[\w-]+){0,4}\s*\(\s*(?:n\s*=\s*)?", between, re.IGNORECASE))


def _bracketed_total(found: list[Candidate], sentence: str, count: Count) -> Candidate | None:
    """The count a bracket or a colon breaks down: the last people or units count before it.

    "1,318 patients were allocated (661 to ...)", "The trial randomised 300 patients: 150 to ... and
    150 to ...": what follows the bracket or colon splits the count before it into its parts.
    """
    for candidate in reversed(found):
        if candidate.kind in ("people", "units") and not candidate.rejected:
            between = sentence[candidate.end:count.start]
            opened = between.rfind("(")
            inside = opened >= 0 and ")" not in between[opened:] and not re.search(r"[,;)]", between[:opened])
            colon = between.find(":")
            after_colon = colon >= 0 and not re.search(r"[;()]", between) and not re.search(r"[,]", between[:colon])
            return candidate if (inside or after_colon) and count.value <= candidate.value else None
    return None


def _as_part(part: Candidate, whole: Candidate) -> Candidate:
    kind = whole.kind if part.bare else part.kind
    return replace(part, part_of=whole.index, kind=kind, noun=part.noun or whole.noun if part.bare else part.noun)


def _coordinate(found: list[Candidate], counts: list[Count], sentence: str) -> list[Candidate]:
    """Counts joined by "and"/commas ("11 women and 4 men") share one stage and standing, as one group."""
    result: list[Candidate] = []
    for position, candidate in enumerate(found):
        earlier = _previous_listable(found, position)
        if earlier is not None and _listed(found[earlier]) and _listed(candidate) \
                and (_joined(sentence, counts[earlier], counts[position])
                     or _parallel(sentence, found[earlier], candidate, counts[earlier], counts[position])):
            group_id = result[earlier].group
        else:
            group_id = candidate.index  # a group is named by its first member, unique across the text
        result.append(replace(candidate, group=group_id))
    by_group: dict[int, list[Candidate]] = {}
    for candidate in result:
        by_group.setdefault(candidate.group, []).append(candidate)
    merged: list[Candidate] = []
    for candidate in result:
        members = by_group[candidate.group]
        if len(members) > 1:
            stage = next((m.stage for m in reversed(members) if m.stage), "")
            standing = max(m.standing for m in members)
            kind = "people" if any(m.kind == "people" for m in members) else candidate.kind
            candidate = replace(candidate, stage=candidate.stage or stage, standing=max(candidate.standing, standing),
                                kind=kind)
        merged.append(candidate)
    return merged


def _parallel(sentence: str, first: Candidate, second: Candidate, first_count: Count, second_count: Count) -> bool:
    """Two counts in parallel parts of one clause, so neither is the whole sample on its own.

    A gapped clause ("the intervention group included 104 pupils and the comparison group 97 pupils"),
    a repeated preposition ("interviews with 23 carers who ..., and with 8 managers") or the two sides of
    a comparison ("compared 1,087 patients ... with 1,087 ...") name two groups.
    """
    between = sentence[first_count.end:second_count.start]
    lead = sentence[:first_count.start]
    gapped = _GAPPED_BETWEEN.fullmatch(between)
    if gapped and not _VERB_BETWEEN.search(between[:gapped.start("conjunct")]) \
            and not _VERB_BETWEEN.search(between.split()[-1] + " ") and first.noun.lower() == second.noun.lower():
        return True
    repeated = _REPEATED_PREPOSITION.search(between)
    if repeated and re.search(rf"\b{repeated.group(1)}\s+(?:the\s+)?$", lead, re.IGNORECASE):
        return True
    return _compared(lead, between)


def _compared(lead: str, between: str) -> bool:
    """Two sides of a comparison: "compared X with Y", "compared mortality between X ... and Y"."""
    if _COMPARED_LEAD.search(lead) and _COMPARED_BETWEEN.search(between):
        return True
    return bool(_BETWEEN_SIDES_LEAD.search(lead) and _SECOND_SIDE_BETWEEN.search(between))


_SECOND_SIDE_BETWEEN = re.compile(r"\band\s+(?:(?:the|those)\s+)?$", re.IGNORECASE)
_BETWEEN_SIDES_LEAD = re.compile(r"\bcompar(?:ed|ing|es|e|ison of)\b[^;.]{0,60}?\b(?:between|among)\s+(?:the\s+)?$",
                                 re.IGNORECASE)


def _previous_listable(found: list[Candidate], position: int) -> int | None:
    """The count before this one, skipping counts of other things inside a member's noun phrase.

    In "140 nurses in one district and 65 physicians in another", "one district" belongs to the first
    member and does not break the list.
    """
    earlier = position - 1
    while earlier >= 0 and found[earlier].kind == "other":
        earlier -= 1
    return earlier if earlier >= 0 else None


def _listed(candidate: Candidate) -> bool:
    """Only counts with a noun of their own form lists ("11 women and 4 men"), not "612 ... and 95 also"."""
    return candidate.kind in ("people", "unknown") and bool(candidate.noun) and not candidate.bare


def _joined(sentence: str, first: Count, second: Count) -> bool:
    """Two counts in one list: only a noun phrase, "(n = ..)" and "and"/"or"/a comma lie between."""
    between = sentence[first.end:second.start]
    if _VERB_BETWEEN.search(between):
        return False  # a verb between: two clauses ("... completed a questionnaire, and nine were interviewed")
    return bool(_LIST_BETWEEN.fullmatch(between))


# --- choosing ----------------------------------------------------------------------------------------


def choose_sample_size(text: str, context: str = "") -> SampleSize:
    """The sample size a text states (or None with a note saying why not).

    ``context`` is the rest of the abstract when ``text`` is its methods: an abbreviation defined there
    ("community health workers (CHWs)") tells what a count in the methods counts.
    """
    # "0 lodgers" counts nobody: a sample is at least one person (or unit)
    candidates = [c for c in _expand_abbreviations(read_candidates(text), f"{context} {text}") if c.value >= 1]
    disagreement = _sources_disagree(candidates)
    if disagreement:
        return SampleSize(None, None, (disagreement,))
    notes: list[str] = []
    people = [c for c in candidates if c.kind == "people"]
    for candidate in people:
        if candidate.rejected in ("inexact", "planned", "uncounted companions", "population served"):
            notes.append(_rejection_note(candidate))
    people = [c for c in people if not c.rejected]
    chosen = _resolve(people, notes)
    if chosen is not None and (_interviews_of_other_people(chosen, candidates, notes)
                               or _groups_of_uncounted_people(chosen, candidates, notes)
                               or _interviewed_beside_a_cohort_of_events(chosen, candidates, notes)):
        chosen = None
    if chosen is None and not any(c.kind == "people" and not c.rejected for c in candidates) and not notes:
        chosen = _from_interviews(candidates)
        if chosen is None:
            chosen = _from_units(candidates, notes)
    if chosen is None and not notes:
        other = _other_language_sample_size(text)
        if other is not None and (other.count is None or other.count >= 1):
            return other
    if chosen is None:
        return SampleSize(None, None, tuple(dict.fromkeys(notes)))
    return SampleSize(chosen.value, chosen.sentence, (), units=chosen.kind == "units")


# A count a part of the report itself gives: "the abstract reports 315", "Table 3 lists 309", "the flow chart shows".
_ATTRIBUTED_LEAD = re.compile(
    r"\b(?:abstract|summary|table|text|figure|fig\.|flow[- ]?(?:chart|diagram)|methods|results|discussion|paper|"
    r"article|report|manuscript|protocol|registration|registry|register|appendix|supplement(?:ary (?:file|material))?)"
    r"\s+(?:\d+\s+)?(?:[\w-]+\s+){0,2}?(?:reports?|reported|lists?|listed|states?|stated|gives?|gave|shows?|showed|"
    r"mentions?|mentioned|cites?|cited|quotes?|quoted|records?|recorded|says|said|describes?|described)\s+"
    r"(?:(?:a total of|only|just|the)\s+)?$", re.IGNORECASE)


def _sources_disagree(candidates: list[Candidate]) -> str:
    """A note when two parts of the report give different counts of the study's people ("the summary
    gives 150 nurses, while the appendix table counts 147"): which is right cannot be told
    from the text, so neither is taken. "" when no two attributed counts differ."""
    attributed = [c for c in candidates if c.kind in ("people", "none") and not c.rejected
                  and _ATTRIBUTED_LEAD.search(c.sentence[max(0, c.start - 80):c.start])]
    values = list(dict.fromkeys(c.value for c in attributed))
    if len(values) < 2:
        return ""
    listed = " and ".join(str(value) for value in values)
    return f"sample size left empty: parts of the report give different counts ({listed})"


_INTERVIEWS_AFTER = re.compile(r"\s*(?P<modifiers>(?:[\w'’-]+\s+){0,3}?)(?:interviews?|conversations?)\b"
                               r"(?:\s+(?:with|of|among)\s+(?P<with>[\w'’-]+(?:\s+[\w'’-]+){0,3}))?", re.IGNORECASE)


_ABBREVIATION = re.compile(r"([A-Za-z][\w'’-]*)\s*\(\s*([A-Z][A-Za-z]{1,9})\s*\)")


def _abbreviations_of_people(text: str) -> frozenset[str]:
    """Abbreviations the text defines for people ("accredited social health activists (ASHAs)")."""
    found: set[str] = set()
    for match in _ABBREVIATION.finditer(text):
        word, abbreviation = match.group(1).lower(), match.group(2)
        if _noun_kind(word, 2, []) == "people" and sum(ch.isupper() for ch in abbreviation) >= 2:
            found.update({abbreviation, abbreviation.rstrip("s"), f"{abbreviation.rstrip('s')}s"})
    return frozenset(found)


def _expand_abbreviations(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A count whose noun is an abbreviation the text defined for people counts people."""
    people = _abbreviations_of_people(text) if any(c.kind == "unknown" for c in candidates) else frozenset()
    return [replace(c, kind="people") if c.kind == "unknown" and c.noun in people else c for c in candidates]


def _interviews_of_other_people(chosen: Candidate, candidates: list[Candidate], notes: list[str]) -> bool:
    """A count of interviews with people other than the sample's is a second sample ("a staff survey
    (n = 356) ... 14 key-informant interviews"): with no total, neither count is the study's.

    Interviews that name no one ("13 follow-up interviews") or name the sample's own people are
    taken to be with some of them, and leave the sample as it is.
    """
    if _interviewed(chosen):
        return False
    for candidate in candidates:
        if candidate.kind != "interviews" or candidate.rejected or candidate.index == chosen.index:
            continue
        interviewees = _interviewees(candidate)
        if interviewees and not _same_people(chosen.phrase, interviewees) \
                and not _same_people(chosen.noun.lower(), interviewees):
            notes.append(f"sample size left empty: the abstract gives {chosen.value} {chosen.noun} and "
                         f"{candidate.value} interviews with {interviewees} as separate samples and no total")
            return True
    return False


_GROUPS_WITH_AFTER = re.compile(r"\s*(?:[\w'’-]+\s+){0,3}?(?:groups?|discussions?|workshops?)\s+(?:with|among)\s+"
                                r"(?:(?:the|local|other)\s+)?(?P<with>[\w'’-]+(?:\s+[\w'’-]+)?)", re.IGNORECASE)


def _groups_of_uncounted_people(chosen: Candidate, candidates: list[Candidate], notes: list[str]) -> bool:
    """"interviews with 18 stewards and four focus group discussions with parish members": the group
    members are other people, studied too but not counted, so the count of interviewees is not the sample."""
    for candidate in candidates:
        match = _GROUPS_WITH_AFTER.match(candidate.sentence, candidate.end)
        if candidate.kind != "groups" or candidate.rejected or candidate.index == chosen.index or not match:
            continue
        named = match.group("with").lower()
        if re.search(r"\d|\b(?:them|these|those|whom|some|each|all|subset|sub-?sample|selection|part)\b", named):
            continue  # "focus groups with a subset of 33 of them": members drawn from people already counted
        # "focus groups with tenants and wardens": any group named as the counted people may be drawn from them
        groups = [g.split() for g in re.split(r",|\band\b|\bor\b", named) if g.split()]
        if not _same_people(chosen.phrase, named) and not any(_same_people(chosen.noun.lower(), words[-1])
                                                              for words in groups):
            notes.append(f"sample size left empty: the abstract gives {chosen.value} {chosen.noun} and "
                         f"{candidate.value} groups with {named}, whose members are not counted")
            return True
    return False


_COHORT_OF_LEAD = re.compile(r"\b(?:cohort|panel)\s+(?:(?:analysis|study|data)\s+)?of\s+(?:the\s+|all\s+)?$",
                             re.IGNORECASE)


def _interviewed_beside_a_cohort_of_events(chosen: Candidate, candidates: list[Candidate], notes: list[str]) -> bool:
    """People interviewed next to a cohort counted in events ("a cohort analysis of 2,904 visits with interviews
    with 15 paramedics") or next to case records analysed ("an analysis of 2,045 birth records with interviews
    with 15 midwives"): the people behind the events or records are not counted, so the interviewees are one of
    two samples and not the study's."""
    if not _interviewed(chosen):
        return False
    for candidate in candidates:
        if candidate.kind not in ("units", "other") or candidate.rejected or candidate.index == chosen.index:
            continue
        cohort = re.fullmatch(_EVENTS, candidate.noun, re.IGNORECASE) \
            and _COHORT_OF_LEAD.search(candidate.sentence[:candidate.start])
        records = candidate.observed and candidate.noun.lower() in _RECORD_NOUNS and candidate.value != chosen.value
        if cohort or records:
            described = "a cohort of " if cohort else ""
            notes.append(f"sample size left empty: the abstract gives {described}{candidate.value} {candidate.noun} "
                         f"and {chosen.value} {chosen.noun} interviewed as separate samples and no total")
            return True
    return False


def _interviewees(interviews: Candidate) -> str:
    """Who a count of interviews was held with, when its words name people ("key-informant interviews",
    "interviews with harbour pilots"); "" when they do not, or when a count of them is given."""
    match = _INTERVIEWS_AFTER.match(interviews.sentence, interviews.end)
    if not match or re.search(r"\d|\b(?:them|these|those|whom|each|some|all)\b|follow-?up|sub-?(?:sample|set)|"
                              r"\b(?:survey|questionnaire|study|trial|cohort)\s+(?:respondents|participants|"
                              r"completers|members)\b", match.group(0), re.IGNORECASE):
        return ""
    words = re.split(r"[\s-]+", f"{match.group('modifiers')} {match.group('with') or ''}".strip().lower())
    for position, word in enumerate(words):
        if _noun_kind(word, 2, []) == "people" or _noun_kind(f"{word}s", 2, []) == "people":
            return " ".join(words[max(0, position - 1):position + 1]) if position and match.group("with") else word
    return ""


def _rejection_note(candidate: Candidate) -> str:
    reasons = {"inexact": "is approximate", "planned": "is a planned number, not one studied",
               "uncounted companions": "leaves out people studied with them",
               "population served": "is the population the sites serve, not people studied"}
    counted = f"{candidate.value} {candidate.noun}".strip()
    return f"sample size left empty: {counted} {reasons[candidate.rejected]}"


def _resolve(people: list[Candidate], notes: list[str]) -> Candidate | None:
    """The one people count that is the sample, after funnels, parts and sums; None on conflict."""
    if not people:
        return None
    people = [c for c in people if not _also_a_part(c, people)]
    kept = _drop_funnel_ends(_drop_pools(people))
    indexes = {c.index for c in kept}
    kept = [c for c in kept if not _is_part(c, indexes, kept)]
    kept = [c for c in kept if not _interviewed_subsample(c, kept)]
    if not kept:
        return None
    top = max(c.standing for c in kept)
    tier = [c for c in kept if c.standing == top]
    groups = _groups(tier)
    if all(len(group) == 1 for group in groups) and len({c.value for c in tier}) == 1:
        return tier[0]
    return _settle_conflict(tier, kept, notes)


def _drop_pools(people: list[Candidate]) -> list[Candidate]:
    """A whole whose part is at a later funnel stage is the pool the sample was drawn from.

    "Of 1,744 callers ..., 1,302 consented", "1,930 assessed ..., of whom 742 underwent randomisation",
    "screened 515 households ... and enrolled 172 of them": the whole states no stage of its own (or an
    earlier one) and the part says it took part, so the part is the sample and the whole gives way.
    """
    by_index = {c.index: c for c in people}
    pools = {c.part_of for c in people if c.part_of in by_index and not c.arm and c.value < by_index[c.part_of].value
             and ((c.stage == "sample" and _earlier_stage(by_index[c.part_of], c))
                  or _named_only_as_source(by_index[c.part_of], c))}
    return [c for c in people if c.index not in pools]


def _named_only_as_source(whole: Candidate, part: Candidate) -> bool:
    """"interviews with 13 of the 285 trial participants": the whole is named only inside the part's noun
    phrase, as the pool the part was taken from; the part is declared the data ("interviews with"), the
    whole has no stage or declaration of its own, so the part is the sample."""
    return whole.index == part.index + 1 and part.standing == STRONG and not part.stage \
        and whole.standing < STRONG and not whole.stage


def _earlier_stage(whole: Candidate, part: Candidate) -> bool:
    """The whole stands before the part in the funnel: screened or invited, or merely mentioned.

    A whole declared as the sample ("a survey (n = 96); 11 of them were interviewed") keeps its place, and
    a part that was interviewed is a nested sub-sample of people already counted, not the pool's sample.
    """
    if whole.stage == "pre":
        return True
    return whole.stage == "" and whole.standing < STRONG and not _interviewed(part)


def _drop_funnel_ends(people: list[Candidate]) -> list[Candidate]:
    """Screened/invited counts give way to enrolled ones, and completers to the enrolled.

    When only an invited or screened number is given, it is the sample only if the text calls it
    one ("a random sample of 1,350 voters was contacted"); "we invited 500 nurses" is not. A screened count
    gives way only to a count the text places in the study (enrolled, analysed, completed, or declared): a bare
    mention of other people ("we trained 48 coaches; they screened 2,310 children") is no later funnel stage.
    """
    people = _drop_drawn_pools(people)
    if all(c.stage == "pre" for c in people):
        return [c for c in people if c.standing == STRONG or _screened_with_a_test(c)]
    if not any(c.stage or c.standing == STRONG for c in people if c.stage != "pre"):
        return people  # nothing after the screening: the counts stand side by side
    people = [c for c in people if c.stage != "pre"]
    if _analytic_end(people):
        people = [c for c in people if c.stage != "sample"]
    elif any(c.stage == "sample" for c in people):
        people = [c for c in people if c.stage != "analysed"]  # "640 were randomised and 597 were analysed"
    if any(c.stage != "post" for c in people):
        people = [c for c in people if c.stage != "post"]
    return people


# The analysed set named as such, not a follow-up wave: "903 were analysed", "provided complete data".
_DATA_PROVIDED = (r"(?:\w+ly\s+)?(?:provided|contributed|gave|supplied|had|returned)\s+(?:complete|completed|usable|"
                  r"valid|full|sufficient|analy[sz]able|adequate)\s+(?:[\w-]+\s+)?data\b")
_DATA_PROVIDED_AFTER = re.compile(rf"\s*{_DATA_PROVIDED}", re.IGNORECASE)
_ANALYTIC_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:(?:were|was)\s+(?:\w+ly\s+)?(?:analy[sz]ed|included in "
                             rf"(?:the |our )?(?:final )?analys[ie]s)\b|{_DATA_PROVIDED})", re.IGNORECASE)
_INCLUDED_IN_ANALYSIS_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:were|was)\s+(?:\w+ly\s+)?included in "
                                         r"(?:the |our )?(?:final |main |primary )?analys[ie]s\b", re.IGNORECASE)


def _analytic_end(people: list[Candidate]) -> bool:
    """The funnel ends in the analysed set of a study that allocated no one: "1,014 consented and 988
    provided complete data" makes 988 the sample; a trial keeps everyone it randomised (intention to treat)."""
    sample = [c for c in people if c.stage == "sample"]
    analysed = [c for c in people if c.stage == "analysed" and _ANALYTIC_AFTER.match(c.sentence, c.end)]
    return bool(sample and analysed) and not any(_ALLOCATED.search(c.sentence) for c in people) \
        and all(a.sentence == s.sentence and a.index > s.index and a.value < s.value for a in analysed for s in sample)


_SCREENED_LEAD = re.compile(r"\bscreened\s+(?:(?:all|the|a total of)\s+)*$", re.IGNORECASE)
_WITH_A_TEST_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:with|using)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
                                r"(?:test|tool|instrument|scale|device|app|assay|checklist|questionnaire)s?\b",
                                re.IGNORECASE)


def _screened_with_a_test(candidate: Candidate) -> bool:
    """"Nurses screened 488 pupils with a hearing test" and no one enrolled after: the screening is the
    study's measurement, so the screened are its sample, not a pool."""
    sentence = candidate.sentence
    return bool(_SCREENED_LEAD.search(sentence[:candidate.start]) and _WITH_A_TEST_AFTER.match(sentence, candidate.end))


def _drop_drawn_pools(people: list[Candidate]) -> list[Candidate]:
    """A count drawn from a frame gives way to a later, smaller count that responded or took part.

    "a random sample of 1,800 was drawn; 1,144 returned questionnaires": the 1,021 are the sample. With
    no such later count the drawn count is the sample itself. People interviewed later are a nested
    sub-sample, not responders, and leave the drawn count in place.
    """
    responders = [c for c in people if c.stage == "sample" and not _interviewed(c)]
    kept = [c for c in people if not (c.stage == "drawn" and any(
        r.index > c.index and r.value < c.value for r in responders))]
    return [replace(c, stage="sample") if c.stage == "drawn" else c for c in kept]


def _interviewed_subsample(candidate: Candidate, kept: list[Candidate]) -> bool:
    """A smaller group of the same people interviewed after a larger one took part ("15 of them" unsaid).

    "Eighty-two trainees completed a questionnaire, and 11 trainees were later interviewed":
    the 15 are drawn from the 94, so the study's sample is the 94.
    """
    if not _interviewed(candidate):
        return False
    return any(other.index < candidate.index and other.value > candidate.value and not _interviewed(other)
               and _same_people(other.phrase, candidate.phrase) for other in kept)


def _interviewed(candidate: Candidate) -> bool:
    """The count is of people interviewed (or in focus groups): "17 nurses were interviewed", "we interviewed 17"."""
    sentence = candidate.sentence
    start = sentence.rfind(candidate.phrase, 0, candidate.end + len(candidate.phrase) + 2) \
        if candidate.phrase else -1
    after = sentence[start + len(candidate.phrase):] if start >= candidate.end else sentence[candidate.end:]
    lead = sentence[:candidate.end]
    lead = lead[:len(lead) - len(lead.split()[-1])] if lead.split() else lead
    return bool(_INTERVIEWED_AFTER.match(after) or _INTERVIEWED_LEAD.search(lead))


def _same_people(larger: str, smaller: str) -> bool:
    """The smaller group is named as the larger one, or more generally ("women" of "pregnant women")."""
    larger_words, smaller_words = larger.split(), smaller.split()
    if not larger_words or not smaller_words or smaller in _GENERIC_PEOPLE or larger in _GENERIC_PEOPLE:
        return True
    return larger_words[-len(smaller_words):] == smaller_words


def _also_a_part(candidate: Candidate, people: list[Candidate]) -> bool:
    """"19 pharmacists used the app ...; seven of them were also interviewed": a part that
    *also* did something is a subset of a sample counted before, whatever stage that count stands at."""
    return candidate.also and candidate.part_of is not None and any(
        c.index == candidate.part_of and not c.rejected and c.value > candidate.value for c in people)


def _is_part(candidate: Candidate, indexes: set[int], kept: list[Candidate]) -> bool:
    """A part ("11 of them", "including 9") is dropped when the whole it belongs to is still in play."""
    if candidate.part_of is not None and candidate.part_of in indexes:
        return True
    if candidate.also:
        return any(c.index < candidate.index and c.value > candidate.value for c in kept)
    return False


def _settle_conflict(tier: list[Candidate], kept: list[Candidate], notes: list[str]) -> Candidate | None:
    """Several counts of equal standing: a stated total, a sum, or trial arms decide; else a note."""
    totals = {c.value: c for c in tier if c.total}
    if len(totals) == 1:
        return next(iter(totals.values()))
    by_value = {c.value: c for c in kept}
    for group in _groups(tier):
        group_sum = sum(c.value for c in group)
        if len(group) > 1 and group_sum in by_value and all(c.group != by_value[group_sum].group for c in group):
            return by_value[group_sum]
    largest = max(tier, key=lambda c: c.value)
    others = [c for c in tier if c is not largest]
    if others and sum(c.value for c in others) == largest.value and largest.group not in {c.group for c in others}:
        return largest
    arms = [c for c in tier if c.arm]
    if len(arms) >= 2 and len(arms) == len(tier):
        return replace(arms[0], value=sum(c.value for c in arms))
    described = ", ".join(f"{c.value} {c.noun}".strip() for c in _distinct(tier))
    notes.append(f"sample size left empty: the abstract gives {described} as separate counts and no total")
    return None


def _groups(tier: list[Candidate]) -> list[list[Candidate]]:
    groups: dict[int, list[Candidate]] = {}
    for candidate in tier:
        groups.setdefault(candidate.group, []).append(candidate)
    return list(groups.values())


def _distinct(tier: list[Candidate]) -> list[Candidate]:
    seen: dict[tuple[int, str], Candidate] = {}
    for candidate in tier:
        seen.setdefault((candidate.value, candidate.noun.lower()), candidate)
    return list(seen.values())


def _from_units(candidates: list[Candidate], notes: list[str]) -> Candidate | None:
    """With no count of people, the facilities or records an audit or a review observed.

    The first observed count is the sample ("rang a random sample of 280 surgeries"); later,
    smaller counts of the same units are findings ("267 answered"). A later, larger count or a
    list of counts ("300 letters from A and 250 from B") has no single total: left empty.
    """
    units = [c for c in candidates if c.kind == "units" and not c.rejected]
    indexes = {c.index for c in units}
    observed = [c for c in units if c.observed and c.part_of not in indexes]
    if not observed:
        return None
    first = observed[0]
    listed = [c for c in units if c.group == first.group and c is not first]
    larger = [c for c in candidates if c.index > first.index and c.value > first.value and not c.rejected
              and c.part_of != first.index and (c in observed or c.noun.lower() == first.noun.lower())]
    if listed or larger:
        described = ", ".join(f"{c.value} {c.noun}".strip() for c in _distinct([first, *listed, *larger]))
        notes.append(f"sample size left empty: the abstract gives {described} as separate counts and no total")
        return None
    return first


_OBSERVATION_OF = re.compile(r"\b(?:observ(?:ation|ations|ing|ed)|attend(?:ance at|ed|ing))\s+(?:of\s+|at\s+)?"
                             r"(?:the\s+|all\s+)?$", re.IGNORECASE)


def _observed_events(candidate: Candidate) -> bool:
    """"observation of 12 review meetings": meetings watched as events are a data source, not groups of
    participants interviewed together, so they leave a count of interviews standing."""
    return bool(_OBSERVATION_OF.search(candidate.sentence[:candidate.start]))


def _from_interviews(candidates: list[Candidate]) -> Candidate | None:
    """With no count of people, a count of interviews stands for the people interviewed ("38 interviews")."""
    if any(c.kind == "groups" and not c.rejected and not _observed_events(c) for c in candidates):
        return None  # focus groups took part too, and their members are not counted
    interviews = [c for c in candidates if c.kind == "interviews" and not c.rejected
                  and not _EACH_AFTER.match(c.sentence[c.sentence.find(c.noun) + len(c.noun):])]
    values = {c.value for c in interviews}
    return interviews[0] if len(values) == 1 else None


# --- abstracts in other languages -------------------------------------------------------------------
# Outside English a smaller grammar reads the same facts. A count of people is digits with a people
# classifier (Chinese 名/例/位/人, Korean 명), in French digits before a people noun, and in Spanish, German, Italian
# and Russian digits before a word that names no unit, place or thing (see below). A count is firm
# when its clause names a sampling or data-collection verb; words for "of whom", "each" or an arm mark
# a part; words for "about", "more than" or "-odd" mark an approximate count; planned ones are left out.
# One firm value, or one stated as a total, is the sample; several are a conflict, left empty with a note.


@dataclass(frozen=True)
class _LanguageGrammar:
    """The words one language uses for the parts of a stated sample."""

    count: re.Pattern[str]  # group 1: the digits; group 2: an "-odd" marker (approximate)
    firm: re.Pattern[str]
    part_before: re.Pattern[str]
    inexact_before: re.Pattern[str]
    inexact_after: re.Pattern[str]
    total_before: re.Pattern[str]
    planned: re.Pattern[str]
    clause_break: str = r"[，,]"
    # A count in a phrase of place ("aus 38 Kliniken", "в 5 поликлиниках") is not the sample.
    place_before: re.Pattern[str] = re.compile(r"(?!)")
    # The language's tag for text2num when its count pattern also takes number words ("trente-quatre"), else "".
    number_words: str = ""


_CJK = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_DIGIT_GROUPS = r"(\d{1,3}(?:[ ,\u00a0\u2009\u202f]\d{3})+|\d+)"
_CHINESE = _LanguageGrammar(
    count=re.compile(rf"(?<![\d.,第]){_DIGIT_GROUPS}\s*(余)?\s*(?:名|例|位|人(?!次|均|口|民币))"),
    firm=re.compile(r"纳入|调查|访谈|招募|选取|抽取|入选|收集|参与|参加|完成|随机|研究对象|样本|入组|问卷|选择|募集|共有"),
    part_before=re.compile(r"(?:其中|包括|各|每组|每个|男性?|女性?|干预组|对照组|试验组|观察组)[^，。；,;]{0,12}$"),
    inexact_before=re.compile(r"(?:约|近|超过|逾|大约|将近|不足|少于|多于)\s*$"),
    inexact_after=re.compile(r"^\s*(?:余|多|以上|左右)"),
    total_before=re.compile(r"(?:共|共计|合计|总计|累计)[^，。；,;\d]{0,6}$"),
    planned=re.compile(r"拟|计划|将要|预计"),
)
# Korean: "간호사 187명을 대상으로" (187 nurses as subjects), "9명과 심층면담" (in-depth interviews with 9).
_KOREAN = _LanguageGrammar(
    count=re.compile(rf"(?<![\d.,]){_DIGIT_GROUPS}\s*(여)?\s*명"),
    firm=re.compile(r"대상|설문|면담|인터뷰|모집|참여|참가|선정|표집|수집|조사|등록|포함|무작위|배정|응답|분석"),
    part_before=re.compile(r"(?:중|그중|이 중|각|남성|여성|남자|여자|실험군|대조군|중재군)\s*$"),
    inexact_before=re.compile(r"(?:약|대략|거의)\s*$"),
    inexact_after=re.compile(r"^\s*(?:이상|이하|내외|정도|가량|미만|초과)"),
    total_before=re.compile(r"(?:총|전체|모두|합계)\s*$"),
    planned=re.compile(r"예정|계획"),
)
# Japanese: "368名から有効回答を得た" (valid answers from 368), "看護師15人にインタビュー" (interviews with 15 nurses);
# "うち女性30名" (of whom 30 women) is a part, "約200名" or "200名以上" is approximate.
_JAPANESE = _LanguageGrammar(
    count=re.compile(rf"(?<![\d.,第]){_DIGIT_GROUPS}\s*(余)?\s*(?:名|例|人(?!あたり|当たり|につき|[日月年]))"),
    firm=re.compile(r"対象|回答|質問紙|アンケート|調査|インタビュー|面接|参加|協力|募集|選定|抽出|登録|無作為|"
                    r"割り付|配布|収集|分析|同意"),
    part_before=re.compile(r"(?:うち|内訳|そのうち|男性|女性|介入群|対照群|各群?|それぞれ)[^、。，,；]{0,12}$"),
    inexact_before=re.compile(r"(?:約|およそ|ほぼ|概ね|延べ)\s*$"),
    inexact_after=re.compile(r"^\s*(?:以上|程度|余|あまり|前後|未満|弱|強)"),
    total_before=re.compile(r"(?:計|合計|総計|全|総数)[^、。，,\d]{0,6}$"),
    planned=re.compile(r"予定|計画"),
    clause_break=r"[、，,]",
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_FRENCH_PEOPLE = (r"participant(?:e)?s|patient(?:e)?s|personnes|répondant(?:e)?s|infirmi(?:è|e)re?s|infirmiers|"
                  r"médecins|étudiant(?:e)?s|élèves|enseignant(?:e)?s|parents|mères|pères|femmes|hommes|enfants|"
                  r"adolescent(?:e)?s|adultes|jeunes|aidant(?:e)?s|soignant(?:e)?s|professionnel(?:le)?s|"
                  r"pharmacien(?:ne)?s|sages-femmes|résident(?:e)?s|usag(?:er|ère)s|bénévoles|travailleu(?:r|se)s|"
                  r"employé(?:e)?s|salarié(?:e)?s|gestionnaires|cadres|intervenant(?:e)?s|internes|psychologues|"
                  r"kinésithérapeutes|dentistes|sujets|volontaires|individus|ménages|familles|couples|détenu(?:e)?s|"
                  r"migrant(?:e)?s|réfugié(?:e)?s|agricult(?:eur|rice)s|habitant(?:e)?s|citoyen(?:ne)?s|"
                  r"utilisat(?:eur|rice)s|bénéficiaires|survivant(?:e)?s|personnels|directeurs|directrices|"
                  r"praticien(?:ne)?s|généralistes|spécialistes|chirurgiens|ambulanciers|puéricultrices|"
                  r"aides-soignant(?:e)?s|stagiaires|internes")
# French number words ("trente-quatre", "trois cent six"); "un"/"une" only inside a compound ("vingt et un"), since
# alone they are mostly articles.
_FRENCH_NUMBER_WORD = (r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
                       r"vingts?|trente|quarante|cinquante|soixante|cents?|mille)")
_FRENCH_NUMBER_WORDS = rf"\b{_FRENCH_NUMBER_WORD}(?:[- ](?:et[- ])?(?:{_FRENCH_NUMBER_WORD}|une?)\b)*"
# Individual interviews stand for the people interviewed, as in English ("27 entretiens semi-directifs").
_FRENCH_INTERVIEWS = r"entretiens(?!\s+(?:collectifs|de groupe))"
# French: "auprès de 14 ergothérapeutes", "Au total, 1 172 étudiants ont répondu". "dont 12 femmes" is a part.
_FRENCH = _LanguageGrammar(
    count=re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:[ ,\u00a0\u2009\u202f]\d{{3}})+|\d+|{_FRENCH_NUMBER_WORDS})()\s+"
                     rf"(?:{_FRENCH_PEOPLE}|{_FRENCH_INTERVIEWS})\b", re.IGNORECASE),
    firm=re.compile(r"auprès d|interrog|recrut|inclu|ont répondu|répondant|ont participé|participants|ont rempli|"
                    r"ont complété|questionnaire|enquête|entretien|échantillon|a porté sur|ont porté sur|randomis|"
                    r"tirés? au sort|étude|cohorte|au total|un total de|suivi", re.IGNORECASE),
    part_before=re.compile(r"(?:\bdont|\bparmi (?:eux|elles|lesquels|lesquelles|ces)|\bchacun\w*|\bdans chaque|"
                           r"\bpar groupe|\bgroupe (?:témoin|contrôle|intervention|expérimental))[^,;.]{0,20}$",
                           re.IGNORECASE),
    inexact_before=re.compile(r"(?:\benviron|\bprès de|\bplus de|\bmoins de|\bau moins|\bquelque|\bpresque|"
                              r"\bjusqu'à|\bd'environ)\s*$", re.IGNORECASE),
    inexact_after=re.compile(r"^$"),
    total_before=re.compile(r"(?:\bau total|\bun total de|\ben tout|\bsoit)\s*,?\s*$", re.IGNORECASE),
    planned=re.compile(r"\bseront\b|\bsera\b|\bprévoi\w*|\bprévu\w*|\bdevraient\b", re.IGNORECASE),
    clause_break=r"[;]|,(?!\d)",
    number_words="fr",
)
# Spanish, German and Russian: digits (grouped by a point or a space: "1.527", "2 309") before a word that
# is not a unit, a place or a thing counted ("años", "Schulen", "больниц"), in a clause with a sampling verb.
# The grammar does not list the people nouns (an inflected language has too many forms); it rules out the
# other things a count can name and requires the clause to say that people were sampled.
_GROUPED_DIGITS = r"(?<![\d.,])(\d{1,3}(?:[.\u00a0\u2009\u202f ]\d{3})+|\d+)(?![.,]?\d)()"
_SPANISH = _LanguageGrammar(
    count=re.compile(rf"{_GROUPED_DIGITS}\s+(?!(?:años|meses|semanas|días|horas|minutos|veces|por|hospitales|centros|"
                     r"clínicas|escuelas|colegios|universidades|municipios|regiones|provincias|países|ciudades|"
                     r"comunidades|estudios|artículos|ensayos|preguntas|ítems|entrevistas|grupos|sesiones|"
                     r"instituciones|servicios|unidades|establecimientos|cuestionarios|encuestas)\b)(?=[^\W\d_])",
                     re.IGNORECASE),
    firm=re.compile(r"entrevist|encuest|particip|inclu[iy]|reclut|seleccion|respondi|contest|complet|cuestionario|"
                    r"muestra|total de|aleatori", re.IGNORECASE),
    part_before=re.compile(r"(?:\bde (?:ellos|ellas|los cuales|las cuales|estos|estas)|\bentre (?:ellos|ellas)|"
                           r"\bincluyendo|\bcada|\bpor grupo|\bgrupo (?:control|de intervención|experimental))"
                           r"[^,;.]{0,20}$", re.IGNORECASE),
    inexact_before=re.compile(r"(?:\baproximadamente|\bcerca de|\balrededor de|\bmás de|\bmenos de|\bcasi|\bunos|"
                              r"\bunas|\bhasta|\bal menos)\s*$", re.IGNORECASE),
    inexact_after=re.compile(r"^$"),
    total_before=re.compile(r"(?:\bun total de|\ben total|\ben conjunto)\s*,?\s*$", re.IGNORECASE),
    planned=re.compile(r"\b\w+rán\b|\bserá\b|\bse prevé\b|\bprevist\w*", re.IGNORECASE),
    clause_break=r"[;]|,(?!\d)",
    place_before=re.compile(r"\b(?:en|desde)\s*$", re.IGNORECASE),
)
_GERMAN = _LanguageGrammar(
    # German compounds put the head last ("Pflegeheime", "Kinderkliniken"), so the exclusions are endings.
    count=re.compile(rf"{_GROUPED_DIGITS}\s+(?![^\W\d_]*(?:jahre?n?|monate?n?|wochen|tage?n?|stunden|minuten|prozent|"
                     r"mal|häuser[n]?|heime?n?|kliniken|schulen|praxen|einrichtungen|stationen|zentren|standorte?n?|"
                     r"regionen|länder[n]?|städte[n]?|gemeinden|studien|artikel|items|fragen|interviews|gruppen|"
                     r"sitzungen|euro|fragebögen|betriebe[n]?|unternehmen|dienste[n]?)\b)(?=[^\W\d_])",
                     re.IGNORECASE),
    firm=re.compile(r"befrag|\bteil\b|teilgenommen|teilnehm|eingeschlossen|rekrutiert|beantwort|fragebogen|interview|"
                    r"stichprobe|insgesamt|randomisiert|untersucht|ausgefüllt", re.IGNORECASE),
    part_before=re.compile(r"(?:\bdavon|\bdarunter|\bje|\bjeweils|\bpro Gruppe|\b(?:Interventions|Kontroll)gruppe)"
                           r"[^,;.]{0,20}$", re.IGNORECASE),
    inexact_before=re.compile(r"(?:\betwa|\bca\.|\bcirca|\brund|\büber|\bmehr als|\bweniger als|\bfast|\bknapp|"
                              r"\bbis zu|\bmindestens)\s*$", re.IGNORECASE),
    inexact_after=re.compile(r"^$"),
    total_before=re.compile(r"(?:\binsgesamt|\bgesamt|\bin Summe)\s*,?\s*$", re.IGNORECASE),
    planned=re.compile(r"\bgeplant\w*|\bsollen\b|\bwird\b[^.]*\bwerden\b", re.IGNORECASE),
    clause_break=r"[;]|,(?!\d)",
    place_before=re.compile(r"\b(?:aus|in|an|auf|bei|nach)\s*$", re.IGNORECASE),
)
_RUSSIAN = _LanguageGrammar(
    count=re.compile(rf"{_GROUPED_DIGITS}\s+(?!(?:лет|года?|годы|месяц\w*|недел\w*|дн\w*|час\w*|минут\w*|раз|"
                     r"процент\w*|больниц\w*|поликлиник\w*|клиник\w*|школ\w*|регион\w*|город\w*|стран\w*|"
                     r"исследовани\w*|стат\w+|вопрос\w*|интервью|групп\w*|учреждени\w*|центр\w*|вуз\w*|анкет\w*)"
                     r"(?![^\W\d_]))(?=[^\W\d_])", re.IGNORECASE),
    firm=re.compile(r"опрош|опрос|включ|интервью|анкет|участ|обследова|рандомиз|набран|отобран|выборк|исследовани",
                    re.IGNORECASE),
    part_before=re.compile(r"(?:\bиз них|\bв том числе|\bкаждо\w*|\bпо)[^,;.]{0,20}$", re.IGNORECASE),
    inexact_before=re.compile(r"(?:\bоколо|\bпримерно|\bболее|\bменее|\bсвыше|\bпочти|\bприблизительно|\bдо)\s*$",
                              re.IGNORECASE),
    inexact_after=re.compile(r"^$"),
    total_before=re.compile(r"(?:\bвсего|\bв целом|\bитого)\s*,?\s*$", re.IGNORECASE),
    planned=re.compile(r"\bбуд(?:ут|ет)\b|\bпланиру\w*", re.IGNORECASE),
    clause_break=r"[;]|,(?!\d)",
    place_before=re.compile(r"\b(?:в|во|из|на)\s*$", re.IGNORECASE),
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Italian: "216.735 residenti", "Sono stati intervistati 32 infermieri"; "di cui 12 donne" is a part.
_ITALIAN = _LanguageGrammar(
    count=re.compile(rf"{_GROUPED_DIGITS}\s+(?!(?:anni|mesi|settimane|giorni|ore|minuti|volte|per|ospedali|centri|"
                     r"cliniche|scuole|università|comuni|regioni|province|paesi|città|aziende|studi|articoli|domande|"
                     r"item|interviste|gruppi|sessioni|strutture|servizi|unità|farmacie|questionari|euro)\b)"
                     r"(?=[^\W\d_])", re.IGNORECASE),
    firm=re.compile(r"partecipant|intervist|arruolat|reclutat|inclus|selezionat|campione|questionario|indagine|"
                    r"coorte|rispost|hanno risposto|randomizzat|totale di|studio", re.IGNORECASE),
    part_before=re.compile(r"(?:\bdi cui|\btra (?:questi|queste|loro)|\bciascun\w*|\bper gruppo|"
                           r"\bgruppo (?:di controllo|di intervento|sperimentale))[^,;.]{0,20}$", re.IGNORECASE),
    inexact_before=re.compile(r"(?:\bcirca|\bquasi|\boltre|\bpiù di|\bmeno di|\balmeno|\bfino a|"
                              r"\bintorno a)\s*$", re.IGNORECASE),
    inexact_after=re.compile(r"^(?:e|ed|a)\s+\d"),  # "tra 25 e 60 anni": a range
    total_before=re.compile(r"(?:\bin totale|\bun totale di|\bcomplessivamente)\s*,?\s*$", re.IGNORECASE),
    planned=re.compile(r"\b\w+(?:rà|ranno)(?!\w)|\bsarà\b|\bprevist\w*", re.IGNORECASE),
    clause_break=r"[;]|,(?!\d)",
    place_before=re.compile(r"\b(?:in|da|presso|nei|negli|nelle)\s*$", re.IGNORECASE),
)
_ITALIAN_FUNCTION_WORDS = _words("""
il lo gli di del della dei delle degli e è in con per su tra da al nel nella nei sono stato stata stati che un una
ha hanno si non
""")
_SPANISH_FUNCTION_WORDS = _words("""
el la los las del al y en se un una con por para que de es fueron fue son este esta estos estas como entre su sus
""")
_GERMAN_FUNCTION_WORDS = _words("""
der die das den dem des und mit von wurden wurde nahmen ein eine einer eines einem im zu es ist sind auf für bei aus
insgesamt wir haben nicht
""")
_FRENCH_FUNCTION_WORDS = _words("""
le la les des du de d l et un une nous avons ont été sont pour dans auprès avec sur au aux qui que par est cette ces ce
lors en il elle ils elles
""")


#: The grammars of the other languages, by language tag ("zh": "共纳入1862名居民", "ja": "368名から有効回答を得た",
#: "ko": "간호사 187명을 대상으로", "fr": "Nous avons interrogé 19 infirmières", "it": "216.735 residenti",
#: "es": "Se entrevistó a 16 cuidadoras", "de": "1.527 Pflegekräfte beantworteten",
#: "ru": "Было опрошено 1 362 студента").
LANGUAGE_GRAMMARS: dict[str, _LanguageGrammar] = {
    "zh": _CHINESE, "ja": _JAPANESE, "ko": _KOREAN, "fr": _FRENCH, "it": _ITALIAN, "es": _SPANISH, "de": _GERMAN,
    "ru": _RUSSIAN,
}


def sample_size_in(language: str, text: str) -> SampleSize:
    """The sample an abstract in ``language`` (a key of ``LANGUAGE_GRAMMARS``) states, by the same
    standards as the English grammar."""
    return _language_sample_size(text, LANGUAGE_GRAMMARS[language])


def _other_language_sample_size(text: str) -> SampleSize | None:
    """The grammar of the language the text is written in, when it is one of those above."""
    if _KANA.search(text):
        return sample_size_in("ja", text)  # Japanese writes with kana beside the characters it shares with Chinese
    if _CJK.search(text):
        return sample_size_in("zh", text)
    if _HANGUL.search(text):
        return sample_size_in("ko", text)
    if _CYRILLIC.search(text):
        return sample_size_in("ru", text)
    words = re.findall(r"[^\W\d_]+", text.lower())
    shares = [(_language_share(words, vocabulary, letters), grammar) for vocabulary, letters, grammar in (
        (_FRENCH_FUNCTION_WORDS, "èêçàùûœëï", _FRENCH), (_SPANISH_FUNCTION_WORDS, "ñáíóú", _SPANISH),
        (_GERMAN_FUNCTION_WORDS, "äöüß", _GERMAN), (_ITALIAN_FUNCTION_WORDS, "àèéìòù", _ITALIAN))]
    (function_words, spelled), grammar = max(shares, key=lambda pair: pair[0])  # the first listed wins a tie
    if words and function_words >= max(2, 0.15 * len(words)):
        return _language_sample_size(text, grammar)
    return None


def _language_share(words: list[str], vocabulary: frozenset[str], letters: str) -> tuple[int, int]:
    """How many of the words are the language's function words, then how many use its own letters.

    The letters break ties between languages that share short words ("un", "de", "en").
    """
    return (sum(word in vocabulary for word in words),
            sum(any(letter in word for letter in letters) for word in words))


def _language_sample_size(text: str, grammar: _LanguageGrammar) -> SampleSize:
    firm: list[tuple[int, bool, str]] = []  # value, stated as a total, the sentence
    for sentence in re.split(r"(?<=[。；;！？])|(?<=[.!?])\s+", text):
        for clause in re.split(grammar.clause_break, sentence):
            firm.extend(_language_counts(clause, sentence, grammar))
    values = {value for value, _, _ in firm}
    if len(values) == 1:
        return SampleSize(firm[0][0], firm[0][2])
    totals = {value: sentence for value, total, sentence in firm if total}
    if len(totals) == 1:
        value, sentence = next(iter(totals.items()))
        return SampleSize(value, sentence)
    if not values:
        return SampleSize(None, None)
    described = ", ".join(str(value) for value in sorted(values))
    return SampleSize(None, None, (f"sample size left empty: the abstract gives {described} as separate counts "
                                   f"and no total",))


def _language_number(written: str, language: str) -> int | None:
    """Digits with any grouping, or (for a grammar that takes them) number words read by text2num."""
    digits = re.sub(r"\D", "", written)
    if digits:
        return int(digits)
    if not language:
        return None
    try:
        value = text2num(written.lower(), language)
    except ValueError:
        return None
    return value if isinstance(value, int) and value > 1 else None


def _language_counts(clause: str, sentence: str, grammar: _LanguageGrammar) -> list[tuple[int, bool, str]]:
    """Firm, exact, whole counts of people in one clause."""
    if not grammar.firm.search(clause) or grammar.planned.search(clause):
        return []
    found: list[tuple[int, bool, str]] = []
    for match in grammar.count.finditer(clause):
        before = clause[:match.start()]
        if match.group(2) or grammar.inexact_before.search(before) or grammar.inexact_after.match(clause[match.end():]):
            continue
        if grammar.part_before.search(before) or grammar.place_before.search(before):
            continue
        value = _language_number(match.group(1), grammar.number_words)
        if value is None:
            continue
        found.append((value, bool(grammar.total_before.search(before)), sentence.strip()))
    return found
