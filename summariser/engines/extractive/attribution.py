"""Who said what: direct quotes and reported speech with their speakers, by rule.

Used by the offline extractive engine. It finds quoted spans (curly, straight or doubled
single quotes; a quote left open at a paragraph's end and taken up again by the next paragraph
counts as one speaker's) and reported speech: "X said Japan should ...", "..., the source said.",
"Too often, Mr. Clarke said, the debate ...", "..., according to the poll." Each is attributed
to a speaker from the speech verb next to it ("said Christopher Johnstone, a former ...",
"said union leader Mara Quint", "Kato told", "according to ..."). Speakers are people, titled
people ("Japan's finance minister Katsunobu Kato"), organisations ("the Kremlin", "the Trump
campaign") and unnamed sources ("a spokesman for the ministry", "officials"); "he" and "she"
resolve to the last person named, surnames and "Mr. X" to the full name, and the speaker's role
comes from the title before the name or the apposition after it.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...core.text import MONTHS, WEEKDAYS, Layout, Span, paragraphs

SPEECH_VERBS = (
    "said|says|say|added|adds|told|tells|stated|states|explained|explains|noted|notes|argued|argues|warned|warns|"
    "claimed|claims|insisted|insists|wrote|writes|asked|asks|announced|declared|commented|remarked|"
    "replied|responded|tweeted|posted|urged|urges|acknowledged|acknowledges|admitted|suggested|suggests|"
    "continued|concluded|predicted|cautioned|stressed|emphasised|emphasized|maintained|contended|"
    "believes|believed|thinks|accused|vowed|pledged|promised|demanded|called|described|boasted|quipped|"
    "joked|scolded|lamented|conceded|concedes|complained|countered|asserted|asserts|alleged|alleges|charged|"
    "reiterated|recalled|recalls|testified|confirmed|denied|denies|observed|mused|shouted|recounted|echoed|"
    "pointed out|points out|went on|wondered|reported|reports|estimated|contends|maintains|predicts|spoke|speaks"
)
# verbs that pass judgement; a quote right after "X criticized the decision." is X's
_JUDGING_VERBS = (
    r"criticized|criticised|praised|welcomed|condemned|slammed|blasted|defended|attacked|questioned|rejected|"
    r"dismissed|applauded|hailed|decried|denounced|lambasted|opposed|supported|backed|endorsed"
)
# verbs whose object is the reported content ("X noted that ...", "X called for ...")
_REPORT_VERBS = (
    r"said|says|say|argued|argues|warned|warns|insisted|insists|believes|suggested|suggests|stressed|claimed|claims|"
    r"noted|notes|added|adds|explained|explains|acknowledged|acknowledges|admitted|cautioned|contended|contends|"
    r"maintained|predicted|predicts|wrote|writes|tweeted|announced|declared|conceded|concedes|"
    r"complained|asserted|asserts|alleged|alleges|charged|countered|reiterated|recalled|emphasi[sz]ed|"
    r"confirmed|denied|denies|testified|estimated|vowed|pledged|promised|pointed out|points out|reported|reports|"
    r"called for|calls for|urged|urges|estimates|"
    r"told [\w\u00c0-\u024f'\u2019\u201c\u201d\". -]{1,40}?(?=\s(?:that|he|she|they|we|I|it|on|in|at|during|after|last|this|"
    rf"earlier|{WEEKDAYS})\b)|told [\w\u00c0-\u024f'\u2019. -]{{1,40}}? to(?=\s)|"
    r"(?:is|are|was|were|has been|have been) (?:saying|claiming|arguing|warning|insisting|promising|stressing|urging|"
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
    r"responded|responds|replied|replies|"
    r"(?:accepted|took|claimed|denied) responsibility for|declined(?= (?:the|an?|his|her|their|its) )|"
    r"(?:wrote|writes|appealed|turned) to [\w\u00c0-\u024f'\u2019. ]{1,60}?,? (?:asking|urging|requesting|calling on)|"
    r"(?:spoke|speaks|talked|talks)(?:\s+\w+ly)?\s+(?:of|about)|asked (?:whether|if|why|how)|asks (?:whether|if|why|how)|"
    r"(?:has|have|had) (?:long )?(?:said|argued|claimed|called for|warned|insisted|suggested|maintained|"
    r"acknowledged|admitted|denied|promised|pledged|vowed)"
)
_ADV = (
    r"(?:(?:has|have|had|would|also|later|then|previously|often|repeatedly|again|recently|once|publicly|"
    r"privately|further|earlier|first|long|flatly|quickly|simply|never|always|frequently|now|just|reportedly|"
    r"allegedly|separately|subsequently|initially|immediately|explicitly|openly|bluntly|angrily|"
    rf"repeatedly|even|too|however|still|(?:on\s+)?(?:{WEEKDAYS}))\s+){{0,3}}"
)
_UPPER = r"[A-Z\u00c0-\u00de]"
_ABBR = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Cmdr|Prof|Rev|Hon|St|Jr|Sr|Pres|Atty|Supt|Cpl)\."
_NAME_WORD = (
    rf"(?:{_ABBR}|(?:{_UPPER}\.){{1,3}}|{_UPPER}[\w\u00c0-\u024f'\u2019-]*|"
    rf"(?:al|bin|de|del|der|van|von|da|di|le|la|i|y)(?=\s{_UPPER})|(?:al|el|ad|as|ash|at|az|bin|ibn)-{_UPPER}[\w\u00c0-\u024f'\u2019-]*)"
)
NAME = rf"(?<![\w\u00c0-\u024f'\u2019-]){_NAME_WORD}(?:\s{_NAME_WORD}){{0,6}}"
_TITLE_NOUN = (
    r"(?:campaign|manager|spokes(?:man|woman|person)|press|secretary|leader|chair(?:man|woman)?|president|vice|"
    r"prime|minister|director|chief|executive|adviser|advisor|aide|senator|governor|candidate|nominee|official|"
    r"economist|analyst|professor|lawyer|attorney|general|deputy|former|senior|union|party|state|foreign|finance|"
    r"defen[cs]e|interior|trade|communications|policy|political|national|security|host|anchor|reporter|"
    r"correspondent|editor|founder|strategist|pollster|consultant|surrogate|mayor|ambassador|envoy|commander|"
    r"representative|congressman|congresswoman|judge|justice|chancellor|head|coordinator|organi[sz]er|activist|"
    r"expert|researcher|historian|author|economic|running mate|retired|acting|interim|top|longtime|veteran|"
    r"legislator|lawmaker|delegate|commissioner|treasurer|officer|general counsel|counsel|pastor|rabbi|bishop|"
    r"archbishop|cardinal|imam|cleric|priest)"
)
# a name with lower-case titles before it: "Japan's finance minister Katsunobu Kato", "union leader Mara Quint"
TITLED = rf"(?:{NAME}\s+)?(?:{_TITLE_NOUN}\s+){{1,4}}{NAME}"
_PEOPLE = (
    r"(?:official|spokesman|spokeswoman|spokesperson|source|diplomat|analyst|aide|officer|adviser|advisor|"
    r"expert|lawmaker|minister|economist|strategist|insider|staffer|lawyer|attorney|witness|resident|"
    r"protester|protestor|demonstrator|student|worker|farmer|voter|supporter|villager|survivor|doctor|nurse|"
    r"teacher|soldier|refugee|migrant|eyewitness|scientist|researcher|member|critic|journalist|employee|parent|"
    r"citizen|observer|advocate|opponent|politician|physician|speechwriter|historian|prosecutor|investigator|"
    r"person familiar with the matter|people familiar with the matter)"
)
# more people who speak: after a determiner ("the businessman", "a friend"), or in the plural alone ("Relatives said")
_PEOPLE_AFTER_DETERMINER = (
    rf"(?:{_PEOPLE}|businessman|businesswoman|announcer|narrator|commentator|columnist|blogger|pundit|victim|"
    r"relative|woman|man|widow|friend|neighbou?r|owner|group)"
)
# lower-case words that may stand before a title noun in an unnamed speaker ("the Republican presidential nominee")
_ADJ = (
    r"(?:presidential|vice|deputy|chief|junior|local|federal|national|regional|military|foreign|economic|political|"
    r"legal|longtime|veteran|prominent|leading|independent|conservative|liberal|progressive|retired|rival|"
    r"outgoing|incoming|new|current|opposition|government|party|state|white house|police|army|defen[cs]e|"
    r"health|security|intelligence|ministry|embassy|company|campaign|city|county|union|rebel|militant|"
    r"[a-z]+(?:ian|ese|ish|ic))"
)
_NOMINAL = (
    rf"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|{_UPPER}[\w.-]*['\u2019]s)\s+"
    rf"(?:(?:senior|top|former|unnamed|anonymous|{_ADJ}|[A-Z][\w.'\u2019-]+|[a-z-]+)\s+){{0,4}}"
    rf"(?:{_PEOPLE_AFTER_DETERMINER}|{_TITLE_NOUN})\b|(?:(?:[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther|[Mm]ost)\s+)?"
    rf"(?:(?:senior|top|former|[A-Z][\w.-]+|[a-z]+)\s+){{0,2}}(?:{_PEOPLE_AFTER_DETERMINER}|{_TITLE_NOUN})s\b|"
    rf"(?:[Oo]ne|[Ss]ome|[Mm]any|[Ss]everal|[Tt]wo|[Tt]hree|[Mm]ost) of (?:the|his|her|their|{NAME}'s|{NAME}\u2019s)\s+"
    rf"(?:[\w-]+\s+){{0,2}}(?:{_PEOPLE_AFTER_DETERMINER}|{_TITLE_NOUN})s\b|"
    rf"(?:[Aa]nother\s+)?(?:\d[\d.,]*|[A-Z][a-z]+(?:-[a-z]+)?)\s+(?:percent|per cent)\b)"
    rf"(?:\s+(?:for|at|with|of|in|to|close to)\s+(?:(?:the\s+)?{NAME}|(?:the|his|her|their)\s+[a-z]+)"
    rf"|\s+(?:within|inside)\s+(?:the\s+)?(?:[a-z]+\s+)?{NAME}"
    rf"|\s+(?:involved in|briefed on|with knowledge of)\s+(?:the|these|those)\s+[a-z]+)?"
)
_ORG_NOUN = (
    r"(?:campaign|committee|company|ministry|government|administration|department|agency|report|statement|poll|"
    r"survey|study|group|party|police|military|army|foundation|commission|court|lawsuit|letter|complaint|memo|"
    r"indictment|filing|website|newspaper|network|firm|union|council|board|embassy|office|book|article|ad|video|"
    r"editorial|analysis|paper|magazine|station|channel|database|memoir|lawsuit|petition|resolution|bank|consulate|"
    r"university|school|hospital|church|league|association|center|centre|institute|service|team|club|coalition|"
    r"caucus|bureau|organi[sz]ation|nonprofit|charity|county|city|state|network|panel|regime|alliance|movement|"
    r"senate|parliament|congress|legislature|cabinet|assembly|junta)"
)
ACTOR_NOUNS = rf"{_PEOPLE}|{_TITLE_NOUN}|{_ORG_NOUN}"  # head nouns of someone who can hold a position
# "the Trump campaign", "the ministry": organisations and documents that speak
_ORG = rf"[Tt]he\s+(?:{NAME}\s+)?{_ORG_NOUN}\b|{_UPPER}[\w.-]*['\u2019]s\s+{_ORG_NOUN}\b"
# "..., the IMF said": a named body after the words (not searched for elsewhere: "the United Nations Ines Park")
_THE_NAMED = rf"the\s+{NAME}"
# "according to Iraqi police": a name and a body, no article
_BARE_ORG = rf"{NAME}\s+{_ORG_NOUN}\b"
_BARE_ORG_RE = re.compile(_BARE_ORG)
# "the Turkish statement", "the US statement": a government's document (the article does not name who holds it)
_STATE_DOCUMENT = re.compile(r"(?P<state>[A-Z][a-z]+(?:ian|ese|ish|an|i)|[A-Z]{2,3}) (?:statement|communiqu[eé]|note)")
_PRONOUN_RE = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)\b"
_LB = r"(?<![\w\u00c0-\u024f'\u2019-])"  # a speaker starts a word
# "(D-N.Y.)", ", R-Wis.,", "(SDF)" after a name
_PARTY = r"(?:\s\([A-Z][\w.]{0,5}-[A-Z][\w.]{0,5}\)|,\s[A-Z]-[A-Z][\w.]{0,5},|\s\([A-Z][A-Z.-]{0,9}\))?"
# "Rosa Vidal of Estrelia", "the Ministry of Transport", "the Commission on Civil Rights": a place or body after
# the name (not a day or month: "Ruiz on Monday said")
_WHEN_NAMES = f"{WEEKDAYS}|{MONTHS}"
_OF = rf"(?:\s(?:of|from|for|on)\s(?!(?:{_WHEN_NAMES})\b)(?:the\s)?{NAME})?"
_AGE = r"(?:,\s\d{1,3}(?=,))?"  # "Donna Ruiz, 59, of Ashton, said"
WHO = rf"{_LB}(?:(?:{TITLED}|{NAME}){_OF}{_PARTY}|{_NOMINAL}|(?:{_ORG}){_OF}|{_PRONOUN_RE})"
_NAME_RE = re.compile(NAME)
_NOMINAL_RE = re.compile(_NOMINAL)
_PARTY_RE = re.compile(_PARTY)
_TITLE_HEAD = re.compile(_TITLE_NOUN)
_ORG_RE = re.compile(_ORG)
_PHRASE_WHO = re.compile(rf"{_NOMINAL}|{_ORG}|{TITLED}")
_SUBJECT_NAME = re.compile(rf"{TITLED}|{NAME}")
_POSSESSIVE = re.compile(r"[\u2019']s$")
_PRONOUNS = {"he", "she", "they", "it", "we"}
# curly, straight, doubled single quotes; and a line that opens with a closing mark by mistake (”...”)
_QUOTE = re.compile(
    r"\u201c([^\u201c\u201d]{8,}?)\u201d|\"([^\"\n]{8,}?)\"|''([^\n]{8,}?)''"
    r"|(?:^|(?<=\n))\u201d([^\u201c\u201d\n]{8,}?)\u201d"
)
_NOT_NAMES = {
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
    "Without", "Despite", "Unlike", "Like", "Under", "Amid", "Among", "During", "Following", "Except", "Besides",
    "Within", "Across", "Against", "Through", "Toward", "Towards", "Upon", "Over", "Between", "Behind", "Beyond",
}
_TAIL = (
    r"(?:\s+(?:on|in|at|to|during|after|before|last|this|earlier|later|late|from|via|of|recently|yesterday|today|"
    rf"{WEEKDAYS})\b[^.,;:!?\u201c\"]{{0,60}})?"
)
# what may follow "Clinton said" after a quote that closed its sentence ("said," before a quote opens the next one)
_TAIL_END = re.compile(rf"{_TAIL}\s*(?:[.;!?\u2014]|[,:](?!\s*(?:[\u201c\"]|'')))|{_TAIL}\s*$")

_PARTY_AFTER = r"\s\([A-Z][\w.]{0,5}-[A-Z][\w.]{0,5}\)|,\s[A-Z]-[A-Z][\w.]{0,5},"  # "(D-Wis.)", ", R-Tenn.,"
# words that are no description of the speaker: "said on Monday", "said in a statement"
_NOT_DESC = (
    r"(?:on|in|at|to|of|by|for|with|from|that|the|a|an|this|last|and|but|as|when|while|after|before|during|via|"
    r"one|two|three|another|some|several|many|most|his|her|their|its)"
)
_AFTER_VERB_NAME = re.compile(
    rf"^\s*[,\u2014\u2013-]*\s*(?:{SPEECH_VERBS})\s+(?P<desc>(?:(?!{_NOT_DESC}\s)[a-z\d][\w/'\u2019-]*\s+){{1,3}}(?={_UPPER}))?"
    rf"(?P<who>{TITLED}|{NAME}|{_NOMINAL}|{_ORG})"
)
_AFTER_NAME_VERB = re.compile(
    rf"^\s*[,\u2014\u2013-]*\s*(?:(?P<desc>[a-z][\w'\u2019-]*(?:\s[a-z][\w'\u2019-]*){{0,3}})\s(?={_UPPER}))?"
    rf"(?P<who>{_LB}(?:(?:{TITLED}|{NAME}){_OF}|{_NOMINAL}|{_ORG}|{_THE_NAMED}|{_PRONOUN_RE}))(?:{_PARTY_AFTER})?(?:,\s[^,\u201c\"]{{3,120}},)?"
    rf"\s+{_ADV}(?:{SPEECH_VERBS})\b"
)
# "... ― Pamela Padilla" closing a paragraph: a dash and a name, no verb
_AFTER_DASH = re.compile(
    rf"^[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*(?P<who>{TITLED}|{NAME})(?=[ \t\u00a0]*(?:,|\.?[ \t\u00a0]*(?:\n|$)))"
)
# "..., adding later that", "..., going on to say": the speaker goes on
_GOING_ON = (
    r"(?:,\s+(?:and\s+)?(?:adding|saying|noting|arguing|insisting|warning|explaining|writing|asking|continuing|"
    r"suggesting|stressing|declaring|concluding|going on to (?:say|add|note|ask|argue)|before (?:adding|saying|asking))"
    r"(?:\s+(?:later|also|then))?(?:\s+(?:that|of|to)\b[\w\u00c0-\u024f' .-]{0,60}?)?)"
)
_BEFORE = re.compile(
    rf"(?P<who>{WHO}){_AGE}(?P<appos>(?:,\s[^,\u201c\"]{{2,120}}){{1,3}},)?"
    rf",?\s+{_ADV}(?:{SPEECH_VERBS})(?:\s+(?:(?:the|a|an)\s+)?[\w\u00c0-\u024f' .-]{{0,60}}?)?{_GOING_ON}?"
    rf"(?:\s+that)?\s*[:,]?\s*$"
)
_ACCORDING = re.compile(rf"[Aa]ccording to (?P<who>{_BARE_ORG}|{TITLED}|{NAME}|{_NOMINAL}|{_ORG})")
# "said in an interview", "reported from Hawaii": circumstances, not what was said
_ADJUNCT = (
    r"(?:(?:in|at|on|during|after|before|to|from|of|last|as|when|while|then|with|about|via|through|"
    rf"{WEEKDAYS}|yesterday|today|recently|earlier|later)\b|"
    r"this(?= (?:week|weekend|month|year|morning|afternoon|evening|spring|summer|fall|autumn|winter|time)\b))"
)
_WHEN = (
    rf"(?:on\s+)?(?:{WEEKDAYS}|yesterday|today|recently|earlier|later|"
    r"(?:last|this|earlier this|late last)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter))"
)
# "vowed to ...", "promised to ...": here "to" opens what was said
_TO_CONTENT = "|".join(
    rf"(?<={verb}\s)" for verb in ("vowed", "vows", "pledged", "pledges", "promised", "promises", "promising",
                                   "vowing", "pledging", "threatened", "threatens", "urged", "urges", "refused",
                                   "asking", "urging", "requesting")
)
_REPORTED = re.compile(
    rf"(?P<who>{WHO}){_AGE}(?P<appos>(?:,\s[^,;\u201c\"]{{2,140}}){{1,3}},)?,?\s+{_ADV}(?:{_REPORT_VERBS})"
    rf"(?:,\s(?:as of|in|on|at|during|according to)\s[^,;\u201c\"]{{2,50}},)?\s+"
    rf"(?:{_WHEN}\s+)?(?:{_ADJUNCT}[^;\u201c\"]{{0,80}}?,?\s+that\s+|that\s+|"
    rf"{_ADJUNCT}[^;,\u201c\"]{{0,60}}?\s+(?=(?:he|she|they|we|I)\s))?"
    rf"(?:{_TO_CONTENT}|(?!{_ADJUNCT}))(?P<claim>[^;]{{15,}})"
)
_REPORT_HINT = re.compile(rf"\s(?:{_REPORT_VERBS})[\s,]")
_WORD_START = re.compile(r"(?<![\w'\u2019.-])[\w\u00c0-\u024f]")
# words a speaker can start with: a capital, a determiner, a pronoun, a title or an unnamed source
_STARTER = re.compile(
    rf"{_UPPER}|\d|(?:the|a|an|one|another|two|three|several|some|many|most|other|he|she|they|it|we|senior|top|former|his|her|their|"
    rf"{_TITLE_NOUN}|{_PEOPLE}s?)\b"
)
# "..., the source said." / "..., said Mr. Burman." (content first, speaker last)
# what may stand between "said" and the end of the sentence: whom it was told to, when and where, and a
# clause about the speaker ("..., top lawmakers said Friday, as they bristled at ...")
_TOLD_WHOM = rf"(?:\s+(?:reporters|journalists|me|us|him|her|them|(?:the\s+)?{NAME}(?:['\u2019]s\s+(?:[\w\u201c\u201d\"-]+\s?){{1,4}})?))?"
_AS_CLAUSE = r"(?:,\s+(?:as|while|when|after|before|because|although|though|adding|noting|citing|but)\b[^\u201c\"]*)?"
_REPORTED_AFTER = re.compile(
    rf"^(?P<claim>[^\u201c\"]{{15,}}?),\s+(?:(?P<who>{WHO}|{_THE_NAMED})(?P<appos>(?:,\s[^,]{{2,140}}){{1,2}},?)?\s+{_ADV}"
    rf"(?:{SPEECH_VERBS})|(?:{SPEECH_VERBS})\s+(?P<who2>{TITLED}|{NAME}|{_NOMINAL}|{_ORG})(?:,\s[^,]{{2,140}})?)"
    rf"{_TOLD_WHOM}{_TAIL}{_AS_CLAUSE}\s*[.!?]?$"
)
# "As Ana Ruiz pointed out, ...", "..., as a ministry memo put it."
_AS_SAID = (
    r"(?:said|says|noted|notes|pointed out|points out|put it|puts it|has said|have said|has noted|have noted|"
    r"has pointed out|have pointed out|wrote|writes|argued|argues|observed|explained|reported|reports|warned)"
)
_AS_BEFORE = re.compile(
    rf"^(?:But |And |Yet )?[Aa]s\s+(?P<who>{WHO})(?P<appos>,\s[^,\u201c\"]{{3,80}},)?\s+{_AS_SAID}"
    rf"(?:\s+[^,\u201c\"]{{0,60}})?,\s+(?P<claim>[^\u201c\"]{{15,}})$"
)
_AS_AFTER = re.compile(rf"^(?P<claim>[^\u201c\"]{{15,}}?),\s+as\s+(?P<who>{WHO})\s+{_AS_SAID}\b[^,]{{0,60}}[.!?]?$")
# "Too often, Mr. Clarke said, the debate ..." (speaker in a parenthesis)
_REPORTED_INSIDE = re.compile(
    rf"^(?P<pre>[^\u201c\"]{{2,}}?),\s+(?:(?:as\s+)?(?P<who>{WHO})\s+{_ADV}(?:said|says|added|argued|argues|noted|"
    rf"notes|explained|insisted|warned|wrote|writes|pointed out|points out|acknowledged|acknowledges|predicted)|"
    rf"(?:said|says)\s+(?P<who2>{TITLED}|{NAME}|{_NOMINAL}))\s*,\s+"
    rf"(?P<claim>[^\u201c\";]{{15,}})(?:;\s[^\u201c\"]*)?$"
)
_INSIDE_VERB = re.compile(
    r"\s(?:said|says|added|argued|argues|noted|notes|explained|insisted|warned|wrote|writes|pointed out|points out|"
    r"acknowledged|acknowledges|predicted)\b[^,]*,"
)


def _may_be_inside(text: str) -> bool:
    """Whether _REPORTED_INSIDE can match: no quotation marks, a verb and then a comma ("Mr. Ruiz said, ...")."""
    return "\u201c" not in text and '"' not in text and bool(_INSIDE_VERB.search(text))


_ACCORDING_AFTER = re.compile(r"^(?P<claim>[^\u201c\"]{15,}?),?\s+according to (?P<who>[^,.;]{2,90}?)(?:,[^\u201c\"]*)?[.!?]?$")
_ACCORDING_BEFORE = re.compile(r"^(?:But |And |Yet )?[Aa]ccording to (?P<who>[^,;]{2,90}),\s+(?P<claim>[^\u201c\"]{15,})$")
_SUBJECT_VERB = re.compile(
    rf"(?:^|[.!?]\s+|,\s+)(?:the\s+)?(?P<who>{WHO})(?P<appos>,\s[^,]{{3,140}},)?"
    rf"(?:,?\s+[a-z]+ed\b[^.!?,\u201c\"]{{0,60}}?\s+and)?\s+{_ADV}(?:{SPEECH_VERBS}|{_JUDGING_VERBS})\b[^.!?\u201c\"]*"
    r"(?:[.!?]\s*)?$"
)
_TITLE_BEFORE = re.compile(
    r"((?:[A-Z][\w\u00c0-\u024f'\u2019-]*'s\s+|[A-Z][\w\u00c0-\u024f'\u2019-]*\u2019s\s+)?(?:(?<![\w-])(?:former|deputy|acting|chief|senior|then|vice|prime|foreign|defence|defense|finance|interior|trade|foreign affairs|under-secretary|secretary|minister|president|prime minister|spokesman|spokeswoman|spokesperson|chairman|chair|leader|commander|general|ambassador|senator|governor|mayor|director|head|king|queen|emperor|chancellor|envoy|adviser|advisor|official|representative|congressman|congresswoman|speaker|premier|dr\.?|professor)\s+)+)$",
    re.IGNORECASE,
)
_MODAL_CLAIM = re.compile(
    r"(?:^|(?<=that )|(?<=, )|(?<=; )|(?<=admit )|(?<=said ))(?P<claim>(?:[A-Z][\w\u00c0-\u024f-]*(?:\s[A-Z][\w\u00c0-\u024f-]*)*|[Tt]he [a-z]+(?: [a-z]+)?)"
    r"(?:\s(?:also|now|still|really|urgently))?\s(?:should|must|needs? to|ought to)\s(?:not\s)?[^.,;:!?\u201d\"]{5,120})"
)


@dataclass
class Attribution:
    """One quote or reported statement and who said it."""

    speaker: str
    role: str
    quote: Span
    direct: bool
    cue: str = ""
    context: str = ""
    lead: str = ""  # the reported clause's words before a quoted fragment: "Tokyo would" in 'said Tokyo would "..."'


def _fold(word: str) -> str:
    """Diacritics dropped ("Erdoğan" -> "Erdogan")."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


# adjectives that open a body's name: "the National Weather Center", "the Federal Reserve Board"
_BODY_ADJECTIVES = {"National", "Federal", "American", "Democratic", "Republican", "Conservative", "Liberal"}


def _clean_name(name: str) -> str:
    name = _POSSESSIVE.sub("", " ".join(name.split()).strip(" ,"))
    words = name.split()
    body = _is_body(words)
    while words and words[0] in _NOT_NAMES and not (body and words[0] in _BODY_ADJECTIVES):
        words = words[1:]
    return " ".join(words).rstrip(",") if len(words) != 1 else words[0].rstrip(".,")


def _is_body(words: list[str]) -> bool:
    """Whether a name is an organisation's: it ends in "Center", "Party", ... or has "of/for/on" inside."""
    return bool(words) and (words[-1].lower() in _ORG_WORDS or any(w in {"of", "for", "on"} for w in words[1:-1]))


# "an official involved in the talks": what the source took part in is no part of who it is
_INVOLVED = re.compile(r"\s+(?:involved in|briefed on|with knowledge of)\s+\w+\s+[a-z]+$")


def _nominal_actor(phrase: str) -> str:
    words = _INVOLVED.sub("", phrase).split()
    core = " ".join(words[1:]) if words and words[0].lower() in {"the", "a", "an", "one", "another"} else phrase
    return f"{core} (unnamed)" if not core.endswith("(unnamed)") else core


def _split_titled(who: str) -> tuple[str, str]:
    """('Katsunobu Kato', "Japan's finance minister") from "Japan's finance minister Katsunobu Kato"."""
    last = None
    for last in _NAME_RE.finditer(who):  # noqa: B007 - the last name in the phrase
        pass
    if last is None or last.start() == 0:
        return who, ""
    return who[last.start():], who[: last.start()].strip()


class SpeakerTracker:
    """Resolves pronouns, surnames and repeated nominals ("the official") to earlier speakers."""

    def __init__(self, text: str) -> None:
        self.full_names: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.last_speaker = ""
        self.people: list[str] = []  # persons in order of their latest mention or quote
        self.nominals: list[str] = []
        headings = _headline_spans(text)
        mentions = [m for m in _NAME_RE.finditer(text) if not _inside(headings, m.start())]
        for raw in dict.fromkeys(m.group(0) for m in mentions):
            name, _ = split_title(_clean_name(raw))
            words = name.split()
            words = words[:-1] if len(words) > 2 and words[-1].lower().strip(".,") in _SUFFIXES else words
            if (len(words) >= 2 and not name.isupper() and not any(w in _NOT_NAMES for w in words)
                    and words[-1].lower() not in _ORG_WORDS):
                self.full_names.setdefault(words[-1], name)
                self.full_names.setdefault(_fold(words[-1]), name)  # "Erdogan" for "Erdoğan"
        self.genders = {**_genders_by_pronouns(text, mentions, self.full_names), **_genders(text, self.full_names)}

    @property
    def last_person(self) -> str:
        return self.people[-1] if self.people else ""

    def mention(self, person: str) -> None:
        """``person`` is now the most recent one (what a following 'he' or 'she' may refer to)."""
        if person in self.people:
            self.people.remove(person)
        self.people.append(person)

    def _pronoun_person(self, pronoun: str) -> str:
        """The latest person whose gender fits 'he' or 'she' (or is not known)."""
        wanted = "m" if pronoun == "he" else "f"
        fits = (p for p in reversed(self.people) if self.genders.get(p, wanted) == wanted)
        return next(fits, self.last_person)

    def resolve(self, who: str) -> tuple[str, bool, str]:
        """(actor, is_person, title). 'he' and 'she' map to the last person, 'it' and 'they' to the last speaker."""
        who = _PARTY_RE.sub("", " ".join(who.split())).strip(" ,")
        if who.lower() in _PRONOUNS:
            last = self._pronoun_person(who.lower()) if who.lower() in {"he", "she"} else self.last_speaker
            return (last or "unclear speaker"), True, ""
        if _ORG_RE.fullmatch(who) or _BARE_ORG_RE.fullmatch(who):
            return self._organisation(who), False, ""
        if _NOMINAL_RE.fullmatch(who) or (who[:1].isupper() and _NOMINAL_RE.fullmatch(who[:1].lower() + who[1:])):
            known = self._by_role(who)
            return (known, True, "") if known else (self._nominal(_nominal_actor(who)), False, "")
        who = who[4:] if who.startswith("the ") and who[4:5].isupper() else who  # "..., the IMF said"
        of = re.match(r"^(.+?)\s(?:of|from|for|on)\s(?:the\s)?(.+)$", who)
        if of and not _ORG_RE.fullmatch(who):
            head = _clean_name(of.group(1)).split()
            if head and head[-1].lower() in _ORG_WORDS | _TITLE_WORDS | {"academy", "ministry", "chamber"}:
                return _clean_name(who), False, ""  # the Ministry of Transport, the Academy of Sciences
            who = of.group(1)  # Rosa Vidal (of Estrelia)
        who, titled = _split_titled(who)
        name, title = split_title(_clean_name(who))
        if not name:
            return "", False, ""
        if title and name.lower() in _ORG_WORDS:  # "the Defence Ministry": not a bare "Ministry"
            name, title = f"{title} {name}", ""
        if len(name.split()) == 1 and (name in self.full_names or _fold(name) in self.full_names):
            name = self.full_names.get(name) or self.full_names[_fold(name)]
        title = " ".join(filter(None, [titled, title]))
        if _personal_title(title, name) and not any(n.startswith(name + " ") for n in self.full_names.values()):
            self.full_names.setdefault(name, name)  # "Mr. Obama": a person, whom a later "he" may mean
        return name, self.is_person(name), title

    def is_person(self, name: str) -> bool:
        words = name.split()
        if not words or words[-1].lower() in _ORG_WORDS or name.isupper():
            return False
        return len(words) >= 2 or name in self.full_names.values()

    def _by_role(self, phrase: str) -> str:
        """'the former president' -> the last speaker whose role has 'president' in it, if any."""
        words = phrase.lower().split()
        if len(words) < 2 or words[0] != "the" or not _TITLE_HEAD.fullmatch(words[-1]):
            return ""
        return next((a for a, r in reversed(self.roles.items()) if words[-1] in r.lower()), "")

    def _nominal(self, actor: str) -> str:
        core = actor.replace(" (unnamed)", "").lower()
        for earlier in reversed(self.nominals):
            if earlier.replace(" (unnamed)", "").lower().endswith(core):
                return earlier
        self.nominals.append(actor)
        return actor

    def _organisation(self, phrase: str) -> str:
        """'Trump campaign' from 'the Trump campaign'; a later bare 'the campaign' is that campaign."""
        core = re.sub(r"^[Tt]he\s+", "", phrase)
        if " " not in core:
            for earlier in reversed(self.nominals):
                if earlier.lower().endswith(" " + core.lower()):
                    return earlier
        self.nominals.append(core)
        return core

    def remember(self, actor: str, role: str) -> None:
        if actor and actor != "unclear speaker":
            self.last_speaker = actor
            if self.is_person(actor):
                self.mention(actor)
                gender = _gender_of_role(role)
                if gender:
                    self.genders.setdefault(actor, gender)
            if role and actor not in self.roles:
                self.roles[actor] = role


_PERSONAL_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|President|Senator|Governor|Representative|Congressman|"
    r"Congresswoman|Mayor|Judge|Justice|Secretary|Minister|Ambassador|Chancellor|Speaker|Professor|Prof|"
    r"King|Queen|Pope|Rev|Lt|Col|Capt|Sgt|Adm|Maj)\b\.?$"
)


def _personal_title(title: str, name: str) -> bool:
    """'Mr. Obama', 'Sen. Warren', 'President Obama': a surname after a personal title is a person."""
    return len(name.split()) == 1 and not name.isupper() and bool(_PERSONAL_TITLE.search(title))


# starts with a plain "M" (a fast scan); the word boundary before it is checked in _genders
_HONORIFIC = re.compile(r"(M(?:rs?|s|iss))\b\.?\s+((?:[A-Z][\w'\u2019-]+\s+){0,2}[A-Z][\w'\u2019-]+)")
_FEMALE_ROLE = re.compile(
    r"\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|councilwoman|stateswoman|actress|first lady|queen|"
    r"princess|duchess|wife|mother|daughter|sister|widow|grandmother|woman|girl|lady)\b", re.IGNORECASE)
_MALE_ROLE = re.compile(
    r"\b(?:spokesman|chairman|congressman|businessman|councilman|statesman|actor|king|prince|duke|husband|"
    r"father|son|brother|widower|grandfather|man|boy|sir|lord)\b", re.IGNORECASE)


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Lines written in title case or capitals (headlines, datelines): their capitalised runs are not names."""
    spans, at = [], 0
    for line in text.splitlines(keepends=True):
        tokens = line.split()
        if 3 <= len(tokens) <= 20:  # a paragraph is no heading: skip the work below
            words = [w for w in tokens if len(w) > 3 and w[0].isalpha()]
            unfinished = not re.search(r"[.!?:\"\u201d\u2019']\s*$", line)
            # a line all in title case is a heading even with a full stop ("Obama Says Museum Will Tell of It.")
            share = 0.8 if unfinished else 1.0
            enough = len(words) >= (3 if unfinished else 4)
            if enough and sum(w[0].isupper() for w in words) >= share * len(words):
                spans.append((at, at + len(line)))
        at += len(line)
    return spans


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` falls in one of ``spans`` (sorted, not overlapping): a binary search, since a
    long article has thousands of heading lines and names."""
    index = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]


def _genders(text: str, full_names: dict[str, str]) -> dict[str, str]:
    """'m' or 'f' for people the article calls Mr./Mrs./Ms. (NYT style): {full name: gender}."""
    out: dict[str, str] = {}
    for match in _HONORIFIC.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "_"):
            continue
        surname = match.group(2).split()[-1]
        person = full_names.get(surname, match.group(2))
        out.setdefault(person, "m" if match.group(1) == "Mr" else "f")
    return out


# after a space or a line break: patterns that start with a plain character scan fast
_GENDERED_PRONOUNS = [re.compile(rf"{start}(?:(?P<m>[Hh]e|[Hh]is)|(?P<f>[Ss]he|[Hh]er))\b") for start in (" ", "\n")]


def _genders_by_pronouns(text: str, mentions: list[re.Match], full_names: dict[str, str]) -> dict[str, str]:
    """'m' or 'f' for people whose mentions are mostly followed, before another person is named, by
    'he'/'his' or by 'she'/'her' ("Rosa Vidal ... She said"), twice at least: {full name: gender}."""
    last_words = ((m, m.group(0).rsplit(None, 1)[-1].rstrip(".,")) for m in mentions)
    people = [(m.end(), person) for m, last in last_words
              if (person := full_names.get(last) or (last.lower() in _SUFFIXES and full_names.get(_surname(m.group(0)))))]
    ends = [end for end, _ in people]
    votes: dict[str, list[int]] = {}
    counted = -1
    for pronoun in heapq.merge(*(p.finditer(text) for p in _GENDERED_PRONOUNS), key=lambda m: m.start()):
        index = bisect.bisect_right(ends, pronoun.start()) - 1
        if index < 0 or index == counted or pronoun.start() - ends[index] > 250:
            continue
        counted = index  # the first pronoun after a mention only
        votes.setdefault(people[index][1], [0, 0])[0 if pronoun.group("m") else 1] += 1
    return {p: ("m" if m > f else "f") for p, (m, f) in votes.items() if max(m, f) >= max(2, 2 * min(m, f) + 1)}


def _surname(name: str) -> str:
    """'Lind' from 'Judge Karl Lind Jr.' (the last word before a suffix, without its full stop)."""
    last = name.rsplit(None, 1)[-1].rstrip(".,")
    if last.lower() not in _SUFFIXES:
        return last
    words = name.split()
    return words[-2].rstrip(".,") if len(words) > 1 else ""


def _gender_of_role(role: str) -> str | None:
    """'f' for 'spokeswoman', 'm' for 'chairman', None when the role does not say."""
    if _FEMALE_ROLE.search(role or ""):
        return "f"
    return "m" if _MALE_ROLE.search(role or "") else None


_TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "general", "gen", "senator", "sen", "governor", "gov",
    "mayor", "ambassador", "king", "queen", "chancellor", "representative", "rep", "speaker", "premier",
    "dr", "professor", "prof", "judge", "justice", "commissioner", "chairman", "chairwoman", "director",
    "foreign", "defence", "defense", "finance", "interior", "deputy", "vice", "former", "state", "attorney",
    "colonel", "col", "lieutenant", "lt", "captain", "capt", "sergeant", "admiral", "bishop", "pope", "sheikh",
    "crown", "prince", "princess", "lord", "lady", "sir", "mr", "mrs", "ms", "us", "u.s.",
    "economist", "analyst", "spokesman", "spokeswoman", "spokesperson", "lawyer", "activist", "port",
    "union", "leader", "chief", "executive", "ceo", "founder", "researcher", "historian", "author",
    "retired", "interim", "acting", "rev", "adm", "maj", "sgt",
}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


_ORG_WORDS = {
    "nations", "states", "kingdom", "union", "party", "forces", "council", "house", "department", "ministry",
    "organization", "organisation", "institute", "office", "agency", "assembly", "parliament", "congress",
    "senate", "court", "army", "navy", "committee", "commission", "bank", "group", "university", "times", "post",
    "campaign", "center", "centre", "foundation", "news", "journal", "press", "network", "administration",
    "government", "police", "caucus", "board", "bureau", "coalition", "association", "corporation", "company",
}


def split_title(name: str) -> tuple[str, str]:
    """('Shigeru Ishiba', 'Prime Minister') from 'Prime Minister Shigeru Ishiba' (cut after the last title word)."""
    words = name.split()
    core = len(words)
    while core > 1 and words[core - 1].lower().strip(".,") in _SUFFIXES:
        core -= 1
    cut = 0
    for i, word in enumerate(words[: core - 1]):
        parts = word.lower().strip(".,").replace("\u2019s", "").replace("'s", "").split("-")
        if any(p in _TITLE_WORDS or p in _ORG_WORDS for p in parts):
            cut = i + 1
    return " ".join(words[cut:]), " ".join(words[:cut])


def _role_after(text: str) -> str:
    """The apposition after a name: ', a former official at X,' -> 'a former official at X'."""
    match = re.match(r"^,\s*((?:a|an|the|who is|who was)?\s*[^,.;\u201c\"]{3,120}?)(?:,|\.|;|$)", text)
    if not match:
        return ""
    role = match.group(1).strip()
    if re.match(rf"^(?:{SPEECH_VERBS})\b", role) or len(role.split()) > 16:
        return ""
    return re.sub(r"^(?:who is|who was)\s+", "", role)


def _appositive_role(appos: str | None) -> str:
    """', who was Trump's envoy until December,' -> "Trump's envoy" ('', also on Twitter,' is no role)."""
    role = re.sub(r"^(?:who is|who was|who has been)\s+", "", (appos or "").strip(", "))
    if _NOT_A_ROLE.match(role):
        return ""
    return re.sub(r"\s+(?:until|since|from)\s+[^,]*$", "", role)


# appositions that describe the circumstances, not the speaker: ", also on Twitter,", ", speaking in Rome,"
_NOT_A_ROLE = re.compile(
    r"(?:also|on|in|at|via|during|after|before|from|with|through|for|speaking|writing|"
    r"who (?!is|was|has been)\w+|however|meanwhile|though|too)\b"
)
# "Former US Ambassador to the " before "United Nations Nikki Haley": the title the name's org words finish
_TITLE_OF = re.compile(
    r"((?:[Ff]ormer\s+|[Dd]eputy\s+|[Aa]cting\s+)?(?:[A-Z][\w.'\u2019-]*\s+){0,3}"
    r"(?:Ambassador|Secretary|Minister|Envoy|Representative|Director|Head|President|Chairman|Chairwoman|Chair|"
    r"Governor|Commissioner|Chief|Spokesman|Spokeswoman|Spokesperson|Secretary-General|Member)\s+"
    r"(?:to|of|for|at)\s+(?:the\s+)?)$"
)


def _cue_from(clause: str) -> str:
    """The attributing clause without its leading punctuation ('. McGurk also criticized ...' -> 'McGurk ...')."""
    return clause.lstrip(".!?, ").strip() or "said"


def _role_before(text: str, title: str = "") -> str:
    """The title just before a name ('the former president'), or one that ``title`` completes."""
    match = _TITLE_BEFORE.search(text)
    if match:
        return match.group(1).strip()
    of = _TITLE_OF.search(text) if title else None
    return f"{of.group(1)}{title}".strip() if of else ""


_MARKS = {"\u201c": "\u201d", '"': '"', "''": "''"}


def quoted_passages(text: str, paras: list[Span] | None = None) -> list[tuple[Span, bool]]:
    """(span inside the marks, left open) for quoted passages of at least three words (``paras``:
    the text's paragraphs when already split)."""
    out = []
    paras = paragraphs(text) if paras is None else paras
    for index, para in enumerate(paras):
        if "\u201c" not in para.text and '"' not in para.text and "''" not in para.text and "\u201d" not in para.text:
            continue  # no quotation marks: nothing below can match
        nested = _nested_quotes(para.text)
        for match in _QUOTE.finditer(para.text):
            group = next(g for g in (1, 2, 3, 4) if match.group(g) is not None)
            if group in nested:
                continue
            span = _inner(para.start + match.start(group), match.group(group))
            if span:
                out.append((span, False))
        for pairs in nested.values():
            for start, end in pairs:
                span = _inner(para.start + start, para.text[start:end])
                if span:
                    out.append((span, False))
        following = paras[index + 1].text if index + 1 < len(paras) else ""
        opened = _open_quote(para, following)
        if opened:
            out.append((opened, True))
    return sorted(out, key=lambda q: q[0].start)


_STRAIGHT_OPEN = re.compile(r'(?:(?<=^)|(?<=[\s(\[\u2014\u2013-]))"(?=\S)')
_STRAIGHT_CLOSE = re.compile(r'(?<=\S)"(?=$|[\s.,;:!?)\]\u2014\u2013-])')


def _nested_quotes(para: str) -> dict[int, list[tuple[int, int]]]:
    """Outermost quotes of a paragraph whose quotes nest ("... the “dossier” was ..."), by kind.

    {1: curly pairs, 2: straight pairs} as (start, end) inside the marks; a kind is left out when its
    marks do not nest here, or do not pair up (then the plain pattern's matches stand).
    """
    out: dict[int, list[tuple[int, int]]] = {}
    if para.count("\u201c") > 1 and para.count("\u201c") == para.count("\u201d"):
        marks = [(m.start(), m.group(0) == "\u201c") for m in re.finditer("[\u201c\u201d]", para)]
        pairs = _pairs(marks)
        if pairs is not None:
            out[1] = pairs
    if para.count('"') >= 4 and para.count('"') % 2 == 0:
        opens = {m.start() for m in _STRAIGHT_OPEN.finditer(para)}
        closes = {m.start() for m in _STRAIGHT_CLOSE.finditer(para)}
        marks = [(m.start(), m.start() in opens) for m in re.finditer('"', para)]
        if all((at in opens) != (at in closes) for at, _ in marks):
            pairs = _pairs(marks, need_nesting=False)
            if pairs is not None:
                out[2] = pairs
    return out


def _pairs(marks: list[tuple[int, bool]], need_nesting: bool = True) -> list[tuple[int, int]] | None:
    """Top-level (start, end) of balanced, properly nested marks; None when they do not pair up, or
    (``need_nesting``) when none nest."""
    depth, start, pairs, nested = 0, 0, [], False
    for at, opening in marks:
        if opening:
            if depth == 0:
                start = at + 1
            nested = nested or depth > 0
            depth += 1
        else:
            if depth == 0:
                return None
            depth -= 1
            if depth == 0:
                pairs.append((start, at))
    return pairs if depth == 0 and (nested or not need_nesting) else None


def _inner(start: int, raw: str) -> Span | None:
    inner = raw.strip().rstrip(",")
    if len(inner.split()) < 3:
        return None
    start += len(raw) - len(raw.lstrip())
    return Span(start, start + len(inner), inner)


def _open_quote(para: Span, following: str) -> Span | None:
    """A quote opened in this paragraph and not closed, when the next paragraph opens one again."""
    for mark in ("\u201c", '"', "''"):
        if not following.startswith(mark):
            continue
        at = para.text.rfind(mark)
        closed = para.text.count(mark) % 2 == 0 if mark != "\u201c" else "\u201d" in para.text[at:]
        if at < 0 or closed or (at > 0 and not para.text[at - 1].isspace()):
            continue
        return _inner(para.start + at + len(mark), para.text[at + len(mark):])
    return None


def find_direct_quotes(text: str, paras: list[Span] | None = None) -> list[Span]:
    """Quoted passages of at least three words, with spans of the words inside the marks."""
    return [span for span, _ in quoted_passages(text, paras)]


def _speaker_after(text: str, quote: Span, para: Span, tracker: SpeakerTracker) -> tuple[str, str, str] | None:
    after = re.sub(r"^[,.!?]?(?:[\"\u201d\u2019]|'')", "", text[quote.end: para.end][:201])
    closed = re.search(r"[.!?]$", quote.text) and re.match(r"\s*[A-Z\u201c\"]", after)
    for pattern in (_AFTER_VERB_NAME, _AFTER_NAME_VERB, _AFTER_DASH):
        match = pattern.match(after)
        rest = after[match.end():].split("\n", 1)[0] if match else ""
        if match and pattern is _AFTER_DASH and rest.strip(" ,.\u00a0") and not _role_after(rest):
            continue
        # a quote that closed its sentence: only "Clinton said." belongs to it, not the next sentence
        if not match or (closed and not _TAIL_END.match(after[match.end():])):
            continue
        actor, is_person, title = tracker.resolve(match.group("who"))
        if actor:
            title = " ".join(filter(None, [(match.groupdict().get("desc") or "").strip(), title]))
            role = (_role_after(after[match.end():]) or title) if is_person else ""
            return actor, role or tracker.roles.get(actor, ""), after[: match.end()].strip(" ,")
    return None


# 'Said Ellis: "..."', 'Added the mayor, "..."': the verb first, then the speaker
_SAID_FIRST = re.compile(
    rf"(?:^|[.!?]\s+)(?:Said|Says|Added|Adds|Asked|Wrote|Writes|Explained|Warned)\s+"
    rf"(?P<who>{TITLED}|{NAME}|{_NOMINAL}|{_ORG}|the\s+{NAME})\s*[:,]\s*$"
)
# an apposition that runs into the next sentence ("Halvorn, its rival, was swift. A spokesman ..., said")
_CROSSES_SENTENCE = re.compile(r"[a-z\d)][.!?]\s+[A-Z]")


def _speaker_for_quote(text: str, quote: Span, para: Span, tracker: SpeakerTracker) -> tuple[str, str, str]:
    """(actor, role, cue) for a direct quote, or ('', '', '') when no speaker is found."""
    found = _speaker_after(text, quote, para, tracker)
    if found:
        return found
    before = re.sub(r"(?:''|[\"\u201c])$", "", text[para.start: quote.start])[-250:]
    match = next((m for m in _matches_at_words(_BEFORE, before) if not _CROSSES_SENTENCE.search(m.group("appos") or "")), None)
    if match:
        actor, is_person, title = _resolve_appositive(tracker, match.group("who"), match.group("appos"))
        if actor:
            role = (_role_before(before[: match.start()], title) or title) if is_person else ""
            return actor, role or tracker.roles.get(actor, ""), before[match.start():].strip()
    match = _SAID_FIRST.search(before) if before.rstrip().endswith((":", ",")) else None
    if match:
        actor, _, title = tracker.resolve(match.group("who"))
        if actor:
            return actor, tracker.roles.get(actor, "") or title, before[match.start():].strip(" .!?")
    match = _SUBJECT_VERB.search(before)
    if match:
        actor, is_person, title = tracker.resolve(match.group("who"))
        if actor:
            role = _appositive_role(match.group("appos")) if is_person else ""
            return actor, role or title or tracker.roles.get(actor, ""), _cue_from(match.group(0))
    match = _ACCORDING.search(before + " " + text[quote.end: para.end][:200])
    if match:
        actor, _, title = tracker.resolve(match.group("who"))
        return actor, tracker.roles.get(actor, "") or title, "according to"
    return "", "", ""


def _claim_span(sentence: Span, start: int, end: int) -> Span | None:
    aside = re.search(r"\s(?:[\u2014\u2015]|--)\s", sentence.text[start:end])
    if aside and aside.start() >= 15:  # "to unveil levies — officials are also nervous ...": the aside is not the claim
        end = start + aside.start()
    raw = sentence.text[start:end]
    claim = raw.strip().rstrip(" .!?,")
    if len(claim) < 15:
        return None
    offset = sentence.start + start + (len(raw) - len(raw.lstrip()))
    return Span(offset, offset + len(claim), claim)


# "An investigation by PolitiFact found no such action": the body that looked into it, and what it found
_FOUND_BY = re.compile(
    rf"(?:^|\s)(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[a-z]+\s+)?(?:investigation|inquiry|review|audit|study|analysis|"
    rf"probe|survey|report|examination)\s+by\s+(?P<who>(?:the\s+)?{NAME}|{_NOMINAL}|{_ORG})\s+"
    rf"(?:found|concluded|showed|revealed|determined)\s+(?:that\s+)?(?P<claim>[^;\u201c\"]{{15,}})"
)


def _found_by(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """'A review by the Audit Office found no sign of fraud': the reviewer holds the finding."""
    if " by " not in sentence.text:
        return None
    match = _FOUND_BY.search(sentence.text)
    if not match:
        return None
    span = _claim_span(sentence, match.start("claim"), match.end("claim"))
    return _reported_from(sentence, match.group("who"), "", span, tracker)


def _reported(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """Reported speech in a sentence without a quote: speaker last, in a parenthesis, or first."""
    text = sentence.text
    match = _REPORTED_AFTER.match(text) or (_REPORTED_INSIDE.match(text) if _may_be_inside(text) else None)
    if match:
        who = match.group("who") or match.group("who2")
        if match.re is _REPORTED_INSIDE and len(match.group("pre")) > len(match.group("claim")):
            return _reported_from(sentence, who, "", _claim_span(sentence, 0, match.end("pre")), tracker)
        return _reported_from(sentence, who, "", _claim_span(sentence, match.start("claim"), match.end("claim")), tracker)
    match = (_ACCORDING_AFTER.match(text) or _ACCORDING_BEFORE.match(text)) if "ccording to" in text else None
    if match:
        return _according(sentence, match, tracker)
    match = _AS_BEFORE.match(text) or (_AS_AFTER.match(text) if " as " in text else None)
    if match:
        span = _claim_span(sentence, match.start("claim"), match.end("claim"))
        return _reported_from(sentence, match.group("who"), match.groupdict().get("appos") or "", span, tracker)
    match = _search_words(_REPORTED, text) if _REPORT_HINT.search(text) else None
    if match:
        span = _claim_span(sentence, match.start("claim"), match.end("claim"))
        return _reported_from(sentence, match.group("who"), match.group("appos") or "", span, tracker)
    return _participle(sentence, tracker)


# "Reid mocked Romney for ..., claiming that he ...": the subject's words in a participle clause
_PARTICIPLE_VERBS = (
    r"saying|claiming|arguing|adding|suggesting|insisting|warning|noting|promising|vowing|pledging|accusing|urging|"
    r"calling for|calling on|citing|emphasi[sz]ing|asserting|complaining|contending|stressing|declaring|predicting|"
    r"questioning|explaining|writing|telling [\w\u00c0-\u024f'\u2019. ]{1,30}?"
)
_PARTICIPLE = re.compile(
    rf"(?:[^,;\u201c\"]{{2,60}},\s+)?(?P<who>{WHO})(?P<appos>,\s[^,;\u201c\"]{{3,140}},)?\s+"
    rf"(?!(?:{_REPORT_VERBS})\b)[^;\u201c\"]{{3,160}}?,\s+(?:and\s+)?(?:even\s+|also\s+|then\s+)?"
    rf"(?:{_PARTICIPLE_VERBS})\s+(?:that\s+)?(?P<claim>[^;]{{15,}})"
)
_PARTICIPLE_HINT = re.compile(rf",\s+(?:and\s+)?(?:even\s+|also\s+|then\s+)?(?:{_PARTICIPLE_VERBS})\s")


def _participle(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """A sentence whose subject does something, then says something: ', arguing that ...'."""
    if not _PARTICIPLE_HINT.search(sentence.text):
        return None
    match = _PARTICIPLE.match(sentence.text)
    if not match or match.group("who").lower() in {"it"}:
        return None
    span = _claim_span(sentence, match.start("claim"), match.end("claim"))
    return _reported_from(sentence, match.group("who"), match.group("appos") or "", span, tracker)


# "the senate approved a bill ...", "Saudi Arabia extended curfews ...": an act the article frames as a position
_ACTS = (
    "approved", "passed", "adopted", "vetoed", "ratified", "imposed", "extended", "lifted", "banned", "suspended",
    "revoked", "overturned", "struck down", "endorsed", "voted (?:to|for|against)", "(?:re)?introduced", "planned to",
    "plans to", "intends to", "wants",
    r"withdrew (?:[\w\u00c0-\u024f.' -]{1,30} )?from (?:the |a |an |its |their )?[\w\u00c0-\u024f' -]{0,40}?"
    r"(?:treaty|deal|agreement|accord|pact|convention|alliance|talks|negotiations|organi[sz]ation|council|union)",
)
_ACTION = re.compile(
    rf"(?P<who>{WHO})(?P<appos>(?:,\s[^,;\u201c\"]{{2,140}}){{1,2}},)?\s+{_ADV}"
    rf"(?P<claim>(?:{'|'.join(_ACTS)})\s[^;,\u201c\"]+)"
)
# each act's first word: a cheap test before the pattern ("introduced" is also in "reintroduced")
_ACTION_WORDS = tuple(act.removeprefix("(?:re)?").split()[0] for act in _ACTS)
_ACTION_HINT = re.compile(rf"\s(?:{'|'.join(act.split()[0] for act in _ACTS)})\s")


def _action(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """A sentence whose subject acts on an issue ('the senate approved a bill legalising ...'): the act,
    up to the first comma, is the subject's position."""
    if not any(word in sentence.text for word in _ACTION_WORDS):
        return None
    verbs = [m.start() for m in _ACTION_HINT.finditer(sentence.text)]
    if not verbs:
        return None
    for match in _matches_at_words(_ACTION, sentence.text, verbs[-1]):  # the subject stands before a verb
        if match.group("who").lower() in {"it", "they", "we"}:
            return None
        span = _claim_span(sentence, match.start("claim"), match.end("claim"))
        found = _reported_from(sentence, match.group("who"), match.group("appos") or "", span, tracker)
        if found:
            return found
    return None


# "The plan was condemned by members of the union", "..., but it was rejected by the senate": the agent's side
_PASSIVE = re.compile(
    r"\s(?:was|were|is|are|has been|have been|had been)\s+(?:\w+ly\s+)?"
    r"(?:condemned|criticised|criticized|praised|welcomed|rejected|dismissed|denounced|opposed|supported|backed|"
    r"endorsed|hailed|lauded|applauded|questioned|disputed|challenged|approved|vetoed|blocked|overturned|"
    rf"struck down|slammed|blasted)\s+by\s+(?P<who>(?:the\s+)?{TITLED}|{WHO})"
)
_CLAUSE_START = re.compile(r"(?:^|[;:]\s+|,\s+(?:but|and|while|although|though|whereas|yet)\s+|,\s+(?=which\s|who\s))")


def _passive(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """'X was condemned by Y': Y takes a side on X; the clause up to Y's name is the claim."""
    if "ed by " not in sentence.text and " down by " not in sentence.text:
        return None
    match = _PASSIVE.search(sentence.text)
    if not match:
        return None
    start = max(m.end() for m in _CLAUSE_START.finditer(sentence.text, 0, match.start() + 1))
    span = _claim_span(sentence, start, match.end("who"))
    return _reported_from(sentence, match.group("who"), "", span, tracker)


def _resolve_appositive(tracker: SpeakerTracker, who: str, appos: str | None) -> tuple[str, bool, str]:
    """The speaker, or the name in apposition to an unnamed one ("the state's chairman, Phil Lovas,")."""
    actor, is_person, title = tracker.resolve(who)
    name = (appos or "").strip(" ,")
    nominal = _NOMINAL_RE.fullmatch(who.strip()) or _NOMINAL_RE.fullmatch(who.strip()[:1].lower() + who.strip()[1:])
    titled = who.split()[-1].lower() in _TITLE_WORDS  # "The Senate Minority Leader, Chuck Schumer,"
    if (not is_person or nominal or titled) and name and _NAME_RE.fullmatch(name) and name.split()[0] not in _NOT_NAMES:
        person, _, _ = tracker.resolve(name)
        return person, True, who.strip()
    return actor, is_person, title


# "the ruling party in Cyprus hailed ...": a place after "in" is not the subject; nor is an outlet after
# "according to" ("According to the broadcaster KTV, the mayor, Rosa Vidal, said ...": she said it)
_AFTER_IN = re.compile(r"(?:^|[^\w-])in\s$")
_AFTER_ACCORDING = re.compile(r"[Aa]ccording to(?:\s[a-z-]+){0,3}\s$")


def _after_preposition(text: str, at: int) -> bool:
    """Whether the word at ``at`` follows "in" or "according to" (a place or a source, not a subject)."""
    if _AFTER_IN.search(text, max(0, at - 4), at):
        return True
    window = text[max(0, at - 40):at]
    return "ccording to" in window and bool(_AFTER_ACCORDING.search(window))


def _search_words(pattern: re.Pattern, text: str) -> re.Match | None:
    """``pattern.search`` tried at word starts only (faster, and no match from the middle of a word)."""
    return next(_matches_at_words(pattern, text), None)


def _matches_at_words(pattern: re.Pattern, text: str, stop: int | None = None) -> Iterator[re.Match]:
    """Matches of ``pattern`` starting at the words a speaker can start with, left to right (before ``stop``)."""
    for word in _WORD_START.finditer(text, 0, len(text) if stop is None else stop):
        if not _STARTER.match(text, word.start()):
            continue
        match = pattern.match(text, word.start())
        if match and not _after_preposition(text, word.start()):
            yield match


def _reported_from(sentence: Span, who: str, appos: str, claim: Span | None, tracker: SpeakerTracker) -> Attribution | None:
    if claim is None:
        return None
    actor, is_person, title = _resolve_appositive(tracker, who, appos)
    if not actor or actor.lower() in {"unclear speaker"}:
        return None
    role = _appositive_role(appos) if is_person else ""
    if role and role in actor:  # "the foreign minister, Sameh Shoukry,": the name was the apposition
        role = title
    before = sentence.text[: max(0, claim.start - sentence.start)]
    role = role or (_role_before(before) if is_person else "") or title
    lead = _lead_in(before) if _VERB_FIRST.match(claim.text) else ""  # 'a meeting that X said would ...'
    return Attribution(actor, role or tracker.roles.get(actor, ""), claim, False, "said", sentence.text, lead)


def _according(sentence: Span, match: re.Match, tracker: SpeakerTracker) -> Attribution | None:
    """'..., according to X.': X's phrase gives the speaker (a name in it, or the phrase itself)."""
    phrase = match.group("who").strip()
    after = sentence.text[match.end("who"):]
    named = re.match(rf",\s({NAME})\s*(?:[,.;!?]|$)", after) or re.search(rf",\s({NAME})\s*$", phrase)
    # "according to the foreign minister, Sameh Shoukry": the name wins over "(unnamed)"
    if named and named.group(1).split()[0] not in _NOT_NAMES:
        actor, _, _ = tracker.resolve(named.group(1))
        start = match.start("claim")
        if named.string is not phrase and match.start("claim") > match.end("who"):
            start = max(start, match.end("who") + named.end())  # the claim follows the name
        claim = _claim_span(sentence, start, match.end("claim"))
        title = phrase[: named.start()].strip(" ,") if named.string is phrase else phrase
        if actor and claim is not None:
            return Attribution(actor, re.sub(r"^(?:the|a|an)\s+", "", title), claim, False, "according to", sentence.text)
    who = _PHRASE_WHO.match(phrase) or _BARE_ORG_RE.match(phrase) or _NAME_RE.search(phrase)
    if who is None:
        who_text = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
        if len(who_text.split()) > 4:
            return None
        actor, title = who_text, ""
    else:
        actor, _, title = tracker.resolve(who.group(0))
    claim = _claim_span(sentence, match.start("claim"), match.end("claim"))
    if not actor or claim is None:
        return None
    return Attribution(actor, tracker.roles.get(actor, "") or title, claim, False, "according to", sentence.text)


class _Chain:
    """Quotes that run over paragraphs: an open quote and the quote that continues it share a speaker."""

    def __init__(self) -> None:
        self.pending: list[Span] = []
        self.carry: tuple[str, str, str] | None = None
        self.in_para: tuple[int, tuple[str, str, str]] | None = None  # (paragraph start, its last quote's speaker)

    def same_paragraph(self, para: Span) -> tuple[str, str, str] | None:
        """The speaker of an earlier quote in this paragraph: '"...," she said. "More."' is all hers."""
        return self.in_para[1] if self.in_para and self.in_para[0] == para.start else None

    def settle(self, quote: Span, is_open: bool, continues: bool, who: tuple[str, str, str]) -> tuple[tuple[str, str, str], list[Span]]:
        """The speaker for ``quote`` and earlier open quotes that now get it."""
        if not who[0] and continues and self.carry:
            who = self.carry
        settled = self.pending if (who[0] and continues) else []
        if settled or not continues:
            self.pending = []
        self.carry = who if (is_open and who[0]) else None
        if is_open and not who[0]:
            self.pending.append(quote)
        return who, settled


def attribute(text: str, layout: Layout | None = None,
              passages: list[tuple[Span, bool]] | None = None) -> list[Attribution]:
    """Direct quotes and reported speech with their speakers, in order of appearance (``layout``:
    the text's paragraphs and sentences, ``passages``: its :func:`quoted_passages`, when another
    reader has found them already)."""
    if layout is None or layout.text is not text:
        layout, passages = Layout(text), None
    tracker = SpeakerTracker(text)
    quotes = list(passages) if passages is not None else quoted_passages(text, layout.paragraphs)  # consumed below
    found: list[Attribution] = []
    chain = _Chain()
    lead = ""
    for para in layout.paragraphs:
        turn = _TRANSCRIPT.match(para.text) or _labelled(para.text, tracker)
        if turn:
            transcript = turn.re is _TRANSCRIPT
            actor, _, title = tracker.resolve(turn.group("who").title() if transcript else turn.group("who"))
            content = _claim_span(para, turn.start("said"), len(para.text))
            if actor and content:
                quotes = [q for q in quotes if not para.start <= q[0].start < para.end]
                found.append(Attribution(actor, tracker.roles.get(actor, "") or title, content, transcript,
                                         "" if transcript else ":", para.text))
                tracker.remember(actor, tracker.roles.get(actor, ""))
                continue
        for sentence in layout.sentences_of(para):
            inside = []
            while quotes and quotes[0][0].start < sentence.end:
                inside.append(quotes.pop(0)) if quotes[0][0].start >= sentence.start else quotes.pop(0)
            direct = _direct(text, para, sentence, inside, tracker, chain, lead)
            found += direct
            reported = _reported(sentence, tracker)
            if reported and not any(_overlaps(reported.quote, a.quote) for a in direct):
                found.append(reported)
                tracker.remember(reported.speaker, reported.role)
            elif not direct:
                _note_subject(sentence, tracker)
            found += _extras(sentence, tracker, [*direct, *([reported] if reported else [])])
        lead = para.text if para.text.endswith(":") else ""
    return sorted(found, key=lambda a: a.quote.start)


def _semicolon_clauses(sentence: Span) -> list[Span]:
    """The clauses of a sentence joined by '; ' ("..., Ruiz said; experts called this dubious ..."): each may
    report someone else."""
    if "; " not in sentence.text:
        return []
    cuts = [(m.start(), m.end()) for m in re.finditer(r";\s+", sentence.text)]
    bounds = zip([0, *(end for _, end in cuts)], [*(start for start, _ in cuts), len(sentence.text)])
    return [Span(sentence.start + a, sentence.start + b, sentence.text[a:b]) for a, b in bounds]


# "PENCE: Well, look, ..." (an interview transcript's turn: a name in capitals and a colon)
_TRANSCRIPT = re.compile(r"^(?:[\"\u201c]|'')?(?P<who>[A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){0,2}):\s+(?P<said>\S)")
# "Pat Ruiz: Voters Worried About the Levy" (a headline), "Ellis: “I don't ...”": a name, a colon, what they say
_LABELLED = re.compile(rf"^(?P<who>{NAME}):\s+(?P<said>\S)")
_LABELS = {"Update", "Note", "Editor", "Editors", "Photo", "Video", "Watch", "Related", "Read", "Source", "Correction",
           "Clarification", "Disclosure", "Warning", "Question", "Answer", "Q", "Breaking", "Live", "Listen",
           "Transcript", "Full", "Opinion", "Analysis", "Exclusive", "Credit", "Caption", "Image", "Subscribe", "More"}


_SPEECH_AFTER = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


def _labelled(text: str, tracker: SpeakerTracker) -> re.Match | None:
    """A paragraph opening with a name of up to three words and a colon, four words at least after it,
    that reports no speech of its own ("Islamabad: the minister said ..." is a dateline); in a body
    paragraph (one that ends a sentence) a one-word name only when it is the surname of someone the
    article names in full, not a place ("Islamabad: Fuel prices will rise."); a headline line keeps
    it ("Politifact: Trump Is Right ...")."""
    match = _LABELLED.match(text) if ":" in text[:40] else None
    if not match or len(match.group("who").split()) > 3 or len(text[match.start("said"):].split()) < 4:
        return None
    words = match.group("who").split()
    first = words[0].removesuffix("'s").removesuffix("\u2019s")
    if first in _NOT_NAMES or first in _LABELS or _SPEECH_AFTER.search(text, match.start("said")):
        return None
    line = text.split("\n", 1)[0]
    capitals = [w[:1].isupper() for w in line.split()]
    headline = not _SENTENCE_END.search(line) or sum(capitals) >= 0.6 * len(capitals)  # no full stop, or Title Case
    return match if len(words) > 1 or headline or words[0] in tracker.full_names else None


def _extras(sentence: Span, tracker: SpeakerTracker, taken: list[Attribution]) -> list[Attribution]:
    """Positions a sentence shows besides its speech: a passive judgement, a finding, an act, and
    each clause after a semicolon reported on its own; none overlapping what is ``taken``."""
    out: list[Attribution] = []
    for extra in (_passive(sentence, tracker), _found_by(sentence, tracker), _action(sentence, tracker)):
        if extra and not any(_overlaps(extra.quote, a.quote) for a in [*taken, *out]):
            out.append(extra)
    clauses = _semicolon_clauses(sentence)
    if len(clauses) > 1:  # the clauses do not overlap one another: check each against the rest only
        others = [*taken, *out]
        for clause in clauses:
            extra = _reported(clause, tracker)
            if extra and not any(_overlaps(extra.quote, a.quote) for a in others):
                out.append(extra)
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _direct(text: str, para: Span, sentence: Span, inside: list[tuple[Span, bool]], tracker: SpeakerTracker,
            chain: _Chain, lead: str) -> list[Attribution]:
    """Speakers for the quotes of one sentence; ``lead`` is a paragraph ending in a colon before this one."""
    out = []
    for quote, is_open in inside:
        continues = text[para.start: quote.start].strip() in _MARKS
        who = _speaker_for_quote(text, quote, para, tracker)
        if not who[0] and continues and lead:
            who = _speaker_from_lead(lead, tracker)
        opens_sentence = text[sentence.start: quote.start].strip() in {"", *_MARKS}
        if not who[0] and opens_sentence:
            who = chain.same_paragraph(para) or who
        who, settled = chain.settle(quote, is_open, continues, who)
        actor, role, cue = who
        if actor:
            chain.in_para = (para.start, who)
            outside = sentence.text.replace(quote.text, " ")
            lead = _lead_in(text[sentence.start: quote.start]) if quote.text[:1].islower() else ""
            out += [Attribution(actor, role, q, True, cue, outside, lead if q is quote else "") for q in [*settled, quote]]
            tracker.remember(actor, role)
    return out


_LEAD_CUE = re.compile(rf"\b(?:{_REPORT_VERBS})\s+(?:that\s+)?(?P<lead>[^\u201c\u201d\",;:]{{3,200}}?)\s*(?:''|[\"\u201c])$")


_LEAD_RELATIVE = re.compile(
    rf"\b(?:a|an|the|this)\s+(?P<noun>[a-z]{{3,}})\s+(?:that|which)\s+[^\u201c\u201d\",;:]{{2,60}}?\s+(?:{SPEECH_VERBS})"
    r"\s*(?:''|[\"\u201c])?$"
)


_VERB_FIRST = re.compile(r"(?:would|will|could|should|was|is|were|are|had|has|have|must|might|may|can)\s")


def _lead_in(before: str) -> str:
    """'Kato said Tokyo would "relentlessly ...': the words of the reported clause before a quoted fragment."""
    match = _LEAD_CUE.search(before[-240:])
    lead = match.group("lead").strip() if match else ""
    relative = _LEAD_RELATIVE.search(before[-240:]) if not lead else None
    if relative:  # 'a meeting that Nakatani said would "...' -> 'The meeting would ...'
        lead = f"The {relative.group('noun')}"
    return "" if not lead or lead.split()[-1] in {"to", "as", "of", "the", "a", "an"} else lead


def _speaker_from_lead(lead: str, tracker: SpeakerTracker) -> tuple[str, str, str]:
    """'Caddell continued:' or 'The New York Times reports:' alone in the paragraph before a block quote."""
    match = _search_words(_BEFORE, lead[-250:])
    if not match:
        return "", "", ""
    actor, is_person, title = _resolve_appositive(tracker, match.group("who"), match.group("appos"))
    return actor, (title if is_person else "") or tracker.roles.get(actor, ""), lead[match.start():].strip()


_OPENING_PHRASE = re.compile(r"(?:[A-Z][a-z]+|[Ii]n|[Oo]n|[Aa]t|[Aa]fter|[Dd]uring)\b[^,.;:\u201c\"]{0,60},\s+(?:(?:the\s+)?[a-z]+\s+){0,3}")


def _note_subject(sentence: Span, tracker: SpeakerTracker) -> None:
    """A sentence that opens with a known person makes them the referent of a following 'he'."""
    match = _SUBJECT_NAME.match(sentence.text)
    match = match if match and match.group(0).split()[0] not in _NOT_NAMES else None
    opening = _OPENING_PHRASE.match(sentence.text) if not match else None
    match = match or (_SUBJECT_NAME.match(sentence.text, opening.end()) if opening else None)
    if not match:
        return
    name, _, _ = tracker.resolve(match.group(0)) if match.group(0).lower() not in _PRONOUNS else ("", False, "")
    if name and tracker.full_names.get(name.split()[-1]) == name:
        tracker.mention(name)


_DOCUMENTS = {
    "statement", "report", "poll", "survey", "study", "article", "book", "ad", "video", "database", "letter",
    "memo", "analysis", "paper", "editorial", "filing", "lawsuit", "complaint", "indictment", "petition",
    "resolution", "website", "memoir", "unclear speaker",
}


# news outlets: they report what others say; they hold a position only in their own editorial
_OUTLET = re.compile(
    r"^(?:NPR|BBC|CNN|Reuters|AP|AFP|Associated Press|Agence France-Presse|Al Jazeera|Bloomberg|Xinhua|TASS|"
    r"Interfax|Fox News|MSNBC|ABC|CBS|NBC|PBS|RT|Sputnik|Anadolu|Yonhap|Kyodo|DPA)$|"
    r"\b(?:News|Times|Post|Mail|Journal|Herald|Guardian|Telegraph|Tribune|Gazette|Daily|Reporter|Radio|"
    r"Television|TV|Agency|Press|Chronicle|Observer|Independent|Express|Standard|Sun|Star|Record|Monitor|"
    r"Politico|Axios|Newsweek|magazine|newspaper|outlet|broadcaster|network)$"
)
_EDITORIAL = re.compile(r"\b(?:editorial|opinion piece|leader column|editorial board|op-ed)\b", re.IGNORECASE)


def is_outlet(speaker: str) -> bool:
    """Whether a speaker is a news outlet ("NPR", "Cyprus Mail", "Hurriyet Daily News")."""
    return bool(_OUTLET.search(speaker.strip()))


def shows_position(attribution: Attribution) -> bool:
    """Whether a speaker takes a position here: not a fact sourced "according to" X, not a bare
    "the report", not a news outlet reporting (only its own editorial)."""
    if attribution.cue == "according to" and not attribution.direct:
        return False
    if is_outlet(attribution.speaker) and not _EDITORIAL.search(f"{attribution.cue} {attribution.context}"):
        return False
    return attribution.speaker.lower() not in _DOCUMENTS and not _STATE_DOCUMENT.fullmatch(attribution.speaker)


def modal_claim(text: str) -> str:
    """A normative claim in the text ('Japan needs to do a lot more to defend itself'), if any."""
    match = _MODAL_CLAIM.search(text)
    return match.group("claim").strip() if match else ""
