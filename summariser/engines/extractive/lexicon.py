"""The words that say who speaks: speech and reporting verbs, and the patterns for a speaker's name, title,
role noun or organisation that the attribution rules are built from."""

from __future__ import annotations

import re

from ...core.patterns import grouped_alternation
from ...core.text import CAPITALS, MONTHS, WEEKDAYS

SPEECH_VERBS = grouped_alternation(
    "said|says|say|added|adds|told|tells|stated|states|explained|explains|noted|notes|argued|argues|warned|warns|"
    "claimed|claims|insisted|insists|wrote|writes|asked|asks|announced|declared|commented|remarked|"
    "replied|responded|tweeted|posted|urged|urges|acknowledged|acknowledges|admitted|suggested|suggests|"
    "continued|concluded|predicted|cautioned|stressed|emphasised|emphasized|maintained|contended|"
    "believes|believed|thinks|accused|vowed|pledged|promised|demanded|called|described|boasted|quipped|"
    "joked|scolded|lamented|conceded|concedes|complained|countered|asserted|asserts|alleged|alleges|charged|"
    "reiterated|recalled|recalls|testified|confirmed|denied|denies|observed|mused|shouted|recounted|echoed|"
    "pointed out|points out|went on|wondered|reported|reports|estimated|contends|maintains|predicts|spoke|speaks|"
    "reacted|as saying"
)
# verbs that pass judgement; a quote right after "X criticized the decision." is X's
JUDGING_VERBS = grouped_alternation(
    r"criticized|criticised|praised|welcomed|condemned|slammed|blasted|defended|attacked|questioned|rejected|"
    r"dismissed|applauded|hailed|decried|denounced|lambasted|opposed|supported|backed|endorsed"
)
# a vote's count ("66 to 27", "12-3"), in "voted 66 to 27 to legalize"
VOTE_COUNT = r"\d+(?:\s*(?:to|-|\u2013)\s*)\d+"
# verbs that take a side on their object ("opposed the raid"), and phrases that do ("was critical of"); past
# tense only: "who supports" mostly describes. Some are also JUDGING_VERBS, which serve another pattern
POSITION_VERBS = grouped_alternation(
    r"opposed|supported|backed(?! (?:away|down|off|out)\b)|defended|objected to|favou?red|championed|applauded|"
    r"slammed|decried|pushed for|campaigned (?:for|against)|lobbied (?:for|against)|argued against|"
    r"spoke (?:out )?(?:for|against|in favou?r of)|protested against|came out (?:for|against|in favou?r of)|"
    r"(?:is|are|was|were|(?:has|have|had) been) (?:critical of|opposed to|in favou?r of|supportive of|against)|"
    r"took issue with|sided with|threw (?:his|her|its|their) (?:full )?(?:support|weight) behind|"
    r"ruled (?:against|in favou?r of)|(?:dis)?agreed with|warned (?:of|against)"
)
# whom a speaker told, when a clause without "that" follows: an outlet or person by name, or reporters
_LISTENER = r"(?:[A-Z][\w.'\u2019-]*\s){0,3}[A-Z][\w.'\u2019-]*|reporters|journalists"
# a clause opening with a determiner or a count, its verb within six words ("the towns damaged were"); no comma
# or relative word before the verb: "told CNN the story of her escape, which was ..." is an object, not a clause
# (a subject's further words hold a determiner only after a preposition: "the names of the victims would", not
# "a decade the company had")
SUBJECT_WORD = (
    r"(?:(?:of|in|on|at|for|to|from|with)\s(?:the|a|an|his|her|its|their)\s|(?!(?:which|that|who|whom|whose|where|"
    r"when|the|a|an|his|her|its|their|this|these|those)\b)[\w'\u2019-]+\s)"
)
CLAUSE_AHEAD = (
    r"(?:the|a|an|his|her|its|their|this|these|those|some|many|all|most|\d[\d,.]*|two|three|four|five|six|seven|"
    rf"eight|nine|ten)\s{SUBJECT_WORD}{{0,5}}?"
    r"(?:is|was|were|are|had|has|have|would|will|could|should|must|can|may|might|did|does)\b"
)
# verbs whose object is the reported content ("X noted that ...", "X called for ..."), and the position verbs
REPORT_VERBS = grouped_alternation(
    r"said|says|say|argued|argues|warned|warns|insisted|insists|believes|suggested|suggests|stressed|claimed|claims|"
    r"noted|notes|added|adds|explained|explains|acknowledged|acknowledges|admitted|cautioned|contended|contends|"
    r"maintained|predicted|predicts|wrote|writes|tweeted|announced|declared|conceded|concedes|"
    r"complained|asserted|asserts|alleged|alleges|charged|countered|reiterated|recalled|emphasi[sz]ed|"
    r"confirmed|denied|denies|testified|estimated|vowed|pledged|promised|pointed out|points out|reported|"
    # "Initial reports said ...": the noun, not the verb
    r"reports(?!\s+(?:said|say|says|stated|states|claimed|claim|claims|suggested|suggest|suggests|showed|show|shows|"
    r"indicated|indicate|indicates|added|noted|revealed)\b)|"
    r"called for|calls for|argued for|argues for|urged|urges|estimates|(?:was|were|is|are) quoted as saying|as saying|"
    r"hinted(?! at)|"
    # a study's or a court's finding: "The researchers found that ...", "the panel concluded that ..."
    r"found(?= that\s)|concluded(?= that\s)|"
    # a fear is a claim: "the charity fears that ..." (not "Security fears the summit ... have led to closures")
    r"fears(?=\sthat\s)|feared(?=\sthat\s)|"
    # "issued a statement saying ...", "released a statement that ..."
    r"(?:issued|released|put out|published|posted) (?:a|an) (?:joint |brief |written )?(?:statement|message|letter) "
    r"(?:saying|stating|which said)|(?:issued|released|put out) (?:a|an) (?:joint |brief |written )?statement"
    r"(?= that\s+(?:the|a|an|he|she|they|it|we|his|her|its|their|this|there)\s)|"  # a clause, not "that was withdrawn"
    # "told Agence France-Presse the male victim is ...": a listener named, then a clause with no "that"
    rf"(?:told|tells) (?:the )?(?:{_LISTENER})(?=\s{CLAUSE_AHEAD})|"
    r"told [\w\u00c0-\u024f'\u2019\u201c\u201d\". -]{1,40}?(?=\s(?:that|he|she|they|we|I|it|on|in|at|during|after|last|this|"
    rf"earlier|{WEEKDAYS})\b)|told [\w\u00c0-\u024f'\u2019. -]{{1,40}}? to(?=\s)|"
    # the present "tells" only to a named listener or reporters: "he tells her that ..." is a story's narration
    r"tells (?:the )?(?:[A-Z][\w\u00c0-\u024f'\u2019.-]*\s){1,4}?(?:[\w\u00c0-\u024f'\u2019\u201c\u201d\". -]{0,30}?)"
    rf"(?=\s(?:that|on|in|at|during|after|last|this|earlier|{WEEKDAYS})\b)|tells (?:reporters|journalists)(?=\s)|"
    # "is once again questioning": an adverb inside the progressive
    # ("He's claiming": the contraction after a pronoun only, not a possessive: "Japan's warning system")
    r"(?:is|are|was|were|has been|have been|(?:(?<=\b[Hh]e)|(?<=\b[Ss]he)|(?<=\b[Ii]t))['\u2019]s)"
    r"(?: (?:once again|again|also|now|still|already|repeatedly|publicly|openly))? "
    r"(?:saying|claiming|arguing|warning|insisting|promising|stressing|urging|"
    r"calling for|calling on|questioning|demanding|defending|describing|confirming|denying|accusing|charging|"
    r"suggesting|asking|complaining|predicting|pushing for|criticizing|criticising|blaming|vowing|pledging|"
    r"touting|floating|raising questions about|telling [\w\u00c0-\u024f'\u2019. ]{1,40}?)|"
    r"criticised|criticized|condemned|rejected|welcomed|praised|denounced|dismissed|characteri[sz]ed|described|"
    r"cited|cites|mentioned|mentions|questioned|questions|called on|calls on|demanded|demands|complained that|"
    r"accused|accuses|blamed|blames|charges|insisted|signal(?:l)?ed|indicated|indicates|concluded|concludes|"
    r"recommended|recommends|proposed|proposes|disputed|disputes|expressed|expresses|voiced|"
    r"argue|acknowledge|warn|insist|claim|suggest|contend|maintain|complain|predict|question|"
    r"threatened|threatens|refused|urged|pointed to|points to|called|calls|"
    r"hailed|hails|underlined|underlines|underscored|underscores|seconded|lauded|likened|believe|"
    # a name for someone or something ("branded the decision a disgrace", "labelled him 'a liar'"), not a brand or a
    # label stuck on ("branded the products with a logo", "labelled an 'enemy of the people' by one newspaper")
    r"(?:branded|labell?ed)(?=\s(?!an?\s)(?:(?!(?:with|by|in|on|at|for|from|to|of|and|as)\s)[\w'\u2019-]+\s){1,4}"
    r"(?:(?:an?|the|as)\s|[\u201c\"\u2018']))|"
    r"responded|responds|replied|replies|ruled|determined|stated|advised|"
    r"(?:accepted|took|claimed|denied) responsibility for|declined(?= (?:the|an?|his|her|their|its) )|"
    r"(?:wrote|writes|appealed|turned) to [\w\u00c0-\u024f'\u2019. ]{1,60}?,? (?:asking|urging|requesting|calling on)|"
    r"agreed that|revealed that|reveals that|disclosed that|thinks(?= (?:that|he|she|they|it|we|I|there)\b)|"
    r"(?:spoke|speaks|talked|talks)(?:\s+\w+ly)?\s+(?:of|about)|asked (?:whether|if|why|how)|asks (?:whether|if|why|how)|"
    rf"{POSITION_VERBS}|"
    r"(?:has|have|had) (?:long )?(?:said|argued|claimed|called for|warned|insisted|suggested|maintained|"
    r"acknowledged|admitted|denied|promised|pledged|vowed)"
)
# a manner adverb ("sharply criticised", "strongly denied"); not the -ly words that are nouns or adjectives
_MANNER = (
    r"(?!(?:ally|rally|supply|family|only|early|daily|weekly|monthly|yearly|reply|apply|assembly|holy|bully|"
    r"likely|lonely|elderly|friendly|costly|deadly|ugly|silly|jolly|belly|italy|july)\s)[a-z]{3,}ly"
)
ADV = (
    r"(?:(?:has|have|had|would|also|later|then|previously|often|repeatedly|again|recently|once|publicly|"
    r"privately|further|earlier|first|long|flatly|quickly|simply|never|always|frequently|now|just|reportedly|"
    r"allegedly|separately|subsequently|initially|immediately|explicitly|openly|bluntly|angrily|"
    rf"repeatedly|even|too|however|still|already|so far|(?:on\s+)?(?:{WEEKDAYS})|{_MANNER})\s+){{0,3}}"
)
UPPER = f"[{CAPITALS}]"
DASH = r"\s(?:[\u2013\u2014\u2015]|--)\s"  # a dash between words (an en or em dash, a horizontal bar or two hyphens)
ABBR = "(?:" + grouped_alternation("Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Cmdr|Prof|Rev|Hon|St|Jr|Sr|Pres|Atty|Supt|Cpl") + r")\."
NAME_WORD = (
    rf"(?:{ABBR}|(?:{UPPER}\.){{1,3}}|{UPPER}[\w\u00c0-\u024f'\u2019-]*|"
    rf"(?:al|bin|de|del|der|van|von|da|di|le|la|i|y)(?=\s{UPPER})|(?:al|el|ad|as|ash|at|az|bin|ibn)-{UPPER}[\w\u00c0-\u024f'\u2019-]*)"
)
NAME = rf"(?<![\w\u00c0-\u024f'\u2019-]){NAME_WORD}(?:\s{NAME_WORD}){{0,6}}"
# callings named before a name ("Ecologist Ryan Norris", "broadcaster Piers Morgan"): title nouns and title words
OCCUPATIONS = (
    "scientist", "ecologist", "biologist", "physicist", "chemist", "geologist", "epidemiologist", "virologist",
    "immunologist", "astronomer", "psychologist", "sociologist", "broadcaster", "presenter", "journalist",
    "columnist", "commentator", "novelist", "writer", "poet", "playwright", "actor", "actress", "singer", "rapper",
    "musician", "comedian", "filmmaker", "producer", "entrepreneur", "businessman", "businesswoman", "engineer",
    "surgeon", "physician", "coach", "astronaut", "detective", "inspector", "superintendent", "sheriff", "prosecutor",
    "photographer", "artist", "designer", "architect",
    "boss",  # "Liverpool boss Brendan Rodgers", "Bega Cheese boss Maurice Van Ryn"
)
TITLE_NOUN = "(?:" + grouped_alternation(
    r"campaign|manager|spokes(?:man|woman|person)|press|secretary|leader|chair(?:man|woman)?|president|vice|"
    r"prime|minister|director|chief|executive|adviser|advisor|aide|senator|governor|candidate|nominee|official|"
    r"economist|analyst|professor|lawyer|attorney|general|deputy|former|senior|union|party|state|foreign|finance|"
    r"defen[cs]e|interior|trade|communications|policy|political|national|security|host|anchor|reporter|"
    r"correspondent|editor|founder|strategist|pollster|consultant|surrogate|mayor|ambassador|envoy|commander|"
    r"representative|congressman|congresswoman|assembly(?:man|woman|member)|council(?:man|woman|lor|or)|judge|justice|chancellor|head|coordinator|organi[sz]er|activist|"
    r"expert|researcher|historian|author|economic|running mate|retired|acting|interim|top|longtime|veteran|"
    r"legislator|lawmaker|delegate|commissioner|treasurer|officer|general counsel|counsel|pastor|rabbi|bishop|"
    rf"archbishop|cardinal|imam|cleric|priest|{'|'.join(OCCUPATIONS)}"
) + ")"
# a name with lower-case titles before it: "Japan's finance minister Katsunobu Kato", "union leader Mara Quint"
TITLED = rf"(?:{NAME}(?:\s(?:of|for|on)\s(?:the\s)?{NAME})?\s+)?(?:{TITLE_NOUN}\s+){{1,4}}{NAME}"
PEOPLE = "(?:" + grouped_alternation(
    r"official|spokesman|spokeswoman|spokesperson|source|diplomat|analyst|aide|officer|adviser|advisor|"
    r"expert|lawmaker|minister|economist|strategist|insider|staffer|lawyer|attorney|witness|resident|"
    r"protester|protestor|demonstrator|student|worker|farmer|voter|supporter|villager|survivor|doctor|nurse|"
    r"teacher|soldier|refugee|migrant|eyewitness|scientist|researcher|member|critic|journalist|employee|parent|"
    r"citizen|observer|advocate|opponent|politician|physician|speechwriter|historian|prosecutor|investigator|"
    r"person familiar with the matter|people familiar with the matter"
) + ")"
# more people who speak: after a determiner ("the businessman", "a friend"), or in the plural alone ("Relatives said")
PEOPLE_AFTER_DETERMINER = "(?:" + grouped_alternation(
    rf"{PEOPLE}|businessman|businesswoman|announcer|narrator|commentator|columnist|blogger|pundit|victim|"
    r"relative|woman|man|widow|friend|neighbou?r|owner|group|father|mother|son|daughter|wife|husband|brother|sister|"
    r"grandfather|grandmother|uncle|aunt|cousin|partner|girlfriend|boyfriend|fianc[e\u00e9]e?|child|dad|mum|mom|"
    r"passenger|driver|patient|customer|tourist|spectator|fan|legal team|defen[cs]e team|jury|court|tribunal|clerk"
) + ")"
# plurals "s" cannot make ("One of the children", "witnesses"), and documents that speak in the plural
# ("Initial reports said")
_IRREGULAR_PLURAL = r"children|women|men|witnesses|eyewitnesses|reports|studies|polls|surveys"
# lower-case words that may stand before a title noun in an unnamed speaker ("the Republican presidential nominee")
ADJ = "(?:" + grouped_alternation(
    r"presidential|vice|deputy|chief|junior|local|federal|national|regional|military|foreign|economic|political|"
    r"legal|longtime|veteran|prominent|leading|independent|conservative|liberal|progressive|retired|rival|"
    r"outgoing|incoming|new|current|opposition|government|party|state|white house|police|army|defen[cs]e|"
    r"health|security|intelligence|ministry|embassy|company|campaign|city|county|union|rebel|militant|"
    r"[a-z]+(?:ian|ese|ish|ic)"
) + ")"
# words that follow a noun phrase rather than end it ("a spokesman for the company later said")
_NOT_NOUN = (
    r"(?:later|also|now|then|again|earlier|previously|recently|first|last|has|have|had|is|are|was|were|will|would|"
    r"could|can|may|might|did|does|do|on|in|at|by|to|of|for|with|and|or|but|who|which|that|said|says|told|added)"
)
# a noun phrase's words before its head are adjectives and nouns, not prepositions, possessives or verbs: "a
# statement posted to his official Twitter account" is no "official"
_NOT_PREMODIFIER = (
    r"(?:to|of|in|on|at|for|with|from|by|into|his|her|their|its|our|my|your|and|or|but|that|who|which|"
    r"is|are|was|were|has|had|have|be|been|posted|said|told|wrote)"
)
# why a source is unnamed ("who asked not to be named", "who spoke on condition of anonymity"): its verb and word
ANONYMITY_VERB = r"(?:asked|spoke|requested|declined|was not authori[sz]ed|were not authori[sz]ed)"
ANONYMITY_WORD = r"(?:named|identified|anonymity|publicly|record|media)"
NOMINAL = (
    rf"(?:(?:[Tt]he(?:\s+[a-z]+['\u2019]s)?|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|{UPPER}[\w.-]*['\u2019]s)\s+"
    rf"(?:(?:senior|top|former|unnamed|anonymous|{ADJ}|[A-Z][\w.'\u2019-]+|(?!{_NOT_PREMODIFIER}\s)[a-z-]+)\s+){{0,4}}"
    rf"(?:{PEOPLE_AFTER_DETERMINER}|{TITLE_NOUN})\b|(?:(?:[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther|[Mm]ost)\s+)?"
    rf"(?:(?:{UPPER}[\w.-]+\s+){{1,2}}and\s+|[A-Za-z][a-z]+\s+and\s+)?"  # "Legal and religious groups"
    rf"(?:(?:senior|top|former|[A-Z][\w.-]+|[a-z]+)\s+){{0,2}}(?:(?:{PEOPLE_AFTER_DETERMINER}|{TITLE_NOUN})s|{_IRREGULAR_PLURAL})\b|"
    rf"(?:[Oo]ne|[Ss]ome|[Mm]any|[Ss]everal|[Tt]wo|[Tt]hree|[Mm]ost) of (?:the|his|her|their|{NAME}'s|{NAME}\u2019s)\s+"
    rf"(?:[\w'\u2019-]+\s+){{0,2}}(?:(?:{PEOPLE_AFTER_DETERMINER}|{TITLE_NOUN})s|{_IRREGULAR_PLURAL})\b|"  # "One of the study's authors"
    rf"(?:[Aa]nother\s+)?(?:\d[\d.,]*|[A-Z][a-z]+(?:-[a-z]+)?)\s+(?:percent|per cent)\b)"
    rf"(?:\s+(?:for|at|with|of|in|to|close to)\s+(?:(?:the\s+)?{NAME}|(?:the|his|her|their)\s+[a-z]+(?:\s+(?!{_NOT_NOUN}\b)[a-z]+)?)"
    rf"|\s+(?:within|inside)\s+(?:the\s+)?(?:[a-z]+\s+)?{NAME}"
    rf"|\s+(?:involved in|briefed on|with knowledge of)\s+(?:the|these|those)\s+[a-z]+)?"
    # "An official who asked not to be named said": anonymity is no part of who it is
    rf"(?:,?\s+who\s+{ANONYMITY_VERB}\b[^,.;\u201c\"]{{0,60}}?\b{ANONYMITY_WORD}\b,?)?"
)
ORG_NOUN = "(?:" + grouped_alternation(
    r"campaign|committee|company|ministry|government|administration|department|agency|report|statement|poll|"
    r"survey|study|group|party|police|military|army|foundation|commission|court|tribunal|lawsuit|letter|complaint|memo|"
    r"indictment|filing|website|newspaper|network|firm|union|council|board|embassy|office|book|article|ad|video|"
    r"editorial|analysis|paper|magazine|station|channel|database|memoir|lawsuit|petition|resolution|bank|consulate|"
    r"university|school|hospital|church|league|association|center|centre|institute|service|team|club|coalition|"
    r"caucus|bureau|organi[sz]ation|nonprofit|charity|county|city|state media|state television|state news agency|state|network|panel|regime|alliance|movement|"
    r"senate|parliament|congress|legislature|cabinet|assembly|junta"
) + ")"
# the head words of a body's proper name ("Center", "Fund", "Union"), capitalised
ORG_NOUN_CAP = "(?:" + "|".join(
    "Center Centre Fund Union Committee Council Foundation Institute Association Agency Commission Party League "
    "Coalition Alliance Network Project Society Federation Board Bureau Service Organization Organisation Ministry "
    "Department".split()
) + ")"
ACTOR_NOUNS = rf"{PEOPLE}|{TITLE_NOUN}|{ORG_NOUN}"  # head nouns of someone who can hold a position
# "the Trump campaign", "the ministry": organisations and documents that speak
# a body's lower-case words before its head: "the foreign ministry", "Japan's defence ministry", "the state news agency"
_BODY_MODIFIER = (
    r"(?:appeals|district|circuit|high|supreme|federal|state|city|county|foreign|interior|defen[cs]e|health|finance|"
    r"justice|education|environment|home|economy|trade|transport|agriculture|energy|labou?r|culture|information|"
    r"emergency|emergencies|military|national|regional|provincial|municipal|local|presidential)"
)
# the first word of a two-word country's name or demonym ("North Korea's", "South African", "Sri Lankan")
PLACE_PREFIX = r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|New|Saudi|Sri|Hong|United|Costa|El|Puerto|Sierra|Burkina|Cape|San|Papua)"
ORG = (
    rf"[Tt]he\s+(?:{NAME}\s+|{_BODY_MODIFIER}\s+)?{ORG_NOUN}\b"
    rf"|[Tt]he\s+[a-z]+['\u2019]s\s+{ORG_NOUN}\b"  # "the minister's office"; a document speaks for its owner
    rf"|(?:{PLACE_PREFIX}\s)?{UPPER}[\w.-]*['\u2019]s\s+(?:{_BODY_MODIFIER}\s+)?{ORG_NOUN}\b"  # "North Korea's foreign ministry"
)
# "..., the IMF said": a named body after the words (not searched for elsewhere: "the United Nations Ines Park")
THE_NAMED = rf"the\s+{NAME}"
# "according to Iraqi police": a name and a body, no article
BARE_ORG = rf"{NAME}\s+{ORG_NOUN}\b"
BARE_ORG_RE = re.compile(BARE_ORG)
PRONOUN_RE = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)\b"
LB = r"(?<![\w\u00c0-\u024f'\u2019-])"  # a speaker starts a word
# "(D-N.Y.)", ", R-Wis.,", "(SDF)" after a name
PARTY = r"(?:\s\([A-Z][\w.]{0,5}-[A-Z][\w.]{0,5}\)|,\s[A-Z]-[A-Z][\w.]{0,5},|\s\([A-Z][A-Z.-]{0,9}\))?"
# "Rosa Vidal of Estrelia", "the Ministry of Transport", "the Commission on Civil Rights": a place or body after
# the name (not a day or month: "Ruiz on Monday said"), itself a body's whole name ("Tomas Berg of the Institute
# for Coastal Research", "Rosa Lind of the Halvern assembly") and where it is ("of the University of Guelph in Ontario")
WHEN_NAMES = f"{WEEKDAYS}|{MONTHS}"
_BODY_NAME = rf"(?:the\s)?{NAME}(?:\s(?:of|for|on|and)\s(?:the\s)?{NAME}){{0,2}}(?:\s{ORG_NOUN}\b)?"
_TO_AFTER_ENVOY = r"(?:(?<=Ambassador)|(?<=ambassador)|(?<=Envoy)|(?<=envoy))\sto"  # "Ambassador to Germany Richard Grenell"
# "the Committee to Protect Journalists", "the Campaign to Stop Killer Robots": a body named for its aim
AIM_BODIES = ("Committee", "Campaign", "Coalition", "Alliance", "Fund", "Society", "Foundation")
_TO_AFTER_BODY = "(?:" + "|".join(f"(?<={body})" for body in AIM_BODIES) + r")\sto"
# "..., Australia": a country or state named after a body ("the Parliament of New South Wales, Australia")
COUNTRY_AFTER = rf",\s{UPPER}[a-z]+(?:\s{UPPER}[a-z]+){{0,2}}"
# "the Parliament of New South Wales (NSW), Australia voted": after the body's name and its abbreviation
_COUNTRY_AFTER = rf"\s\([A-Z][A-Z.]{{1,8}}\){COUNTRY_AFTER}(?=\s+[a-z])"
OF = rf"(?:(?:\s(?:of|from|for|on)|{_TO_AFTER_ENVOY}|{_TO_AFTER_BODY})\s(?!(?:{WHEN_NAMES})\b){_BODY_NAME}(?:\s(?:in|at)\s{NAME}|{_COUNTRY_AFTER})?|\s(?:in|at)\s(?!(?:{WHEN_NAMES})\b){NAME}(?=,?\s+(?:{SPEECH_VERBS})\b))?"  # "Rosa Lind in Velden said"
# "researchers from the University of Halden (UH) and Varro State University": people of a body, not the body;
# one or two bodies, each with its abbreviation or the place it is in
_ABBREVIATION = r"\s\([A-Z][\w.]{0,9}(?:\s[A-Z][\w.]{0,9})?\)"
_GROUP_BODY = (  # one body ("and" only between two of them)
    rf"(?:{UPPER}[\w.-]*['\u2019]s\s)?(?:the\s)?{NAME}(?:\s(?:of|for|on)\s(?:the\s)?{NAME}){{0,2}}(?:\s{ORG_NOUN}\b)?"
    rf"(?:\s(?:in|at)\s{NAME}|{_ABBREVIATION}){{0,3}}"
)
_PERSONAL_TITLE = r"(?:Professor|Prof\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame|Dean|Director|President)"
RESEARCH_GROUP = (
    r"(?:[Rr]esearchers|[Ss]cientists|[Aa]stronomers|[Aa]\s(?:research\steam|team\sof\s(?:researchers|scientists|astronomers)))"
    rf"\s(?:from|at)\s{_GROUP_BODY}(?:\sand\s(?!{_PERSONAL_TITLE}\s){_GROUP_BODY})?"  # not "and Professor John Ioannidis"
)
RESEARCH_GROUP_RE = re.compile(RESEARCH_GROUP)
# "Iraqi police said", "Saudi government said", "Iranian state media reported": a nation's body, no article
_NATION_BODY = r"(?:(?:military|state|federal|local)\s)?(?:police|government|military|army|navy|forces|authorities|media|television|coast guard)\b"
DEMONYM_BODY = (  # (the lookahead first: it fails at once at most capitalised words)
    rf"(?={UPPER}[\w.]*\s(?:[A-Z][a-z]+\s)?{_NATION_BODY})"
    rf"(?:(?:{PLACE_PREFIX}\s)?{UPPER}[a-z]+(?:an|ian|ean|ese|ish|i|ic)|US|UK|EU|UN|U\.S\.)\s{_NATION_BODY}"
)
DEMONYM_BODY_RE = re.compile(DEMONYM_BODY)
# bodies named with a verb and "the" ("Save the Children", "Stop the War Coalition"): no capitalised run holds them
IMPERATIVE_BODY_NAME = r"(?:Save|Stop|Keep|Feed|Free|Heal|Protect) the(?: [A-Z][\w-]+)+"
IMPERATIVE_BODY = rf"{IMPERATIVE_BODY_NAME}(?![\w'\u2019-]| [A-Z])"  # the whole name ("Save the Children's": not it)
IMPERATIVE_BODY_RE = re.compile(IMPERATIVE_BODY)
WHO = rf"{LB}(?:{IMPERATIVE_BODY}|{RESEARCH_GROUP}|{DEMONYM_BODY}|(?:{TITLED}|{NAME}){OF}{PARTY}|{NOMINAL}|(?:{ORG}){OF}|{PRONOUN_RE})"
NAME_RE = re.compile(NAME)
NOMINAL_RE = re.compile(NOMINAL)
PARTY_RE = re.compile(PARTY)
TITLE_HEAD = re.compile(TITLE_NOUN)
ORG_RE = re.compile(ORG)
POSSESSIVE = re.compile(r"[\u2019']s$|(?<=s)[\u2019']$")  # "Lind's", "Protesters'"
PRONOUNS = {"he", "she", "they", "it", "we"}
NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "This", "That", "These", "Those", "He", "She",
    "They", "We", "I", "You", "His", "Her", "Their", "Our", "As", "If", "When", "While", "After", "Before",
    "However", "Meanwhile", "Also", "Then", "Still", "Yet", "So", "Some", "Many", "According", "Late", "Earlier",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Speaking", "Asked",
    "Said", "Says", "Added", "Adds", "Wrote", "Writes", "Explained", "Warned", "Update", "Correction", "Clarification",
    "Last", "Next", "Weeks", "Days", "Months", "Years", "US", "UK", "EU", "What", "Why", "How", "Who", "Where",
    "Here", "There", "Now", "Even", "Only", "Just", "Because", "Although", "Though", "Since", "Instead", "Indeed",
    "Thus", "Nor", "Or", "For", "With", "From", "By", "To", "Of", "Yes", "No", "Not", "My", "Your", "Its",
    "Democratic", "Republican", "Democrat", "GOP", "American", "Federal", "National", "Conservative", "Liberal",
    "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
    "December", "Everything", "Nothing", "Everyone", "Nobody", "Today", "Tonight", "Yesterday", "Tomorrow",
    "Sources", "Officials", "Experts", "Critics",
    *(f"{p}{q}{c}" for p in ("I", "You", "We", "They", "He", "She", "It", "That", "There", "Let")
      for q in ("'", "\u2019") for c in ("ve", "m", "re", "d", "ll", "s")),  # "You've said that ..."
    "Without", "Despite", "Unlike", "Like", "Under", "Amid", "Among", "During", "Following", "Except", "Besides",
    "Within", "Across", "Against", "Through", "Toward", "Towards", "Upon", "Over", "Between", "Behind", "Beyond",
    "Further", "Furthermore", "Moreover", "Additionally", "Currently", "Previously", "Initially", "Recently", "Later",
    "Finally", "Overall", "Separately", "Similarly", "Likewise", "Nonetheless", "Nevertheless", "Ultimately",
    "Reportedly", "Allegedly", "Subsequently", "Consequently",
    # words that open a sentence before its subject or instead of one ("Well I mentioned", "Had I said",
    # "Let's say", "Nearly all experts consider", "Does Rubenwardy ...", "Maybe the neighbours told")
    "Well", "Had", "Let", "Does", "Did", "Nearly", "Almost", "Maybe", "Perhaps", "Probably", "Regarding",
    "Concerning", "Both", "Citing",
}

TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "general", "gen", "senator", "sen", "governor", "gov",
    "mayor", "ambassador", "king", "queen", "chancellor", "representative", "rep", "speaker", "premier",
    "dr", "professor", "prof", "judge", "justice", "commissioner", "chairman", "chairwoman", "director",
    "foreign", "defence", "defense", "finance", "interior", "deputy", "vice", "former", "state", "attorney",
    "colonel", "col", "lieutenant", "lt", "captain", "capt", "sergeant", "admiral", "bishop", "pope", "sheikh",
    "crown", "prince", "princess", "lord", "lady", "sir", "mr", "mrs", "ms", "us", "u.s.",
    "economist", "analyst", "spokesman", "spokeswoman", "spokesperson", "lawyer", "activist", "port",
    "union", "leader", "chief", "executive", "ceo", "founder", "researcher", "historian", "author",
    "retired", "interim", "acting", "rev", "adm", "maj", "sgt", "mp", "mep", "mla", "msp", "congressman",
    "congresswoman", "assemblyman", "assemblywoman", "assemblymember", "councilman", "councilwoman", "councillor",
    "councilor", *OCCUPATIONS,
}
# title words that only qualify an office ("Former", "Deputy", "Foreign", "Prime"): no office on their own
OFFICE_QUALIFIERS = frozenset(
    "former acting interim retired deputy vice state foreign defence defense finance interior us u.s. crown union "
    "port prime".split()
)
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}

ORG_WORDS = {
    "nations", "states", "kingdom", "union", "party", "forces", "council", "house", "department", "ministry",
    "organization", "organisation", "institute", "office", "agency", "assembly", "parliament", "congress",
    "senate", "court", "army", "navy", "committee", "commission", "bank", "group", "university", "times", "post",
    "campaign", "center", "centre", "foundation", "news", "journal", "press", "network", "administration",
    "government", "police", "caucus", "board", "bureau", "coalition", "association", "corporation", "company",
    "college", "academy", "school", "hospital", "museum", "library", "society", "federation", "league", "trust",
    "fund", "alliance", "front", "movement", "rally", "bloc", "forum", "partnership", "authority", "presidency",
    "service", "secretariat", "directorate", "tribunal", "institution", "initiative",
    "force", "conference", "survey", "observatory", "laboratory", "corps",
}
