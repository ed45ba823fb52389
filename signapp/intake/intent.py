"""What a reply says: sign, decline, withdraw, a question, or nothing to act on.

Automatic replies are known by their headers first (RFC 3834 ``Auto-Submitted``, the
common ``X-Autoreply`` family, ``Precedence``, mailing-list headers, delivery reports),
then by their subject. The sender's own words are read sentence by sentence in English
and Khmer; a negation before "sign" makes a decline, a question mark makes a question,
and "withdraw our name" outranks everything, since it is the answer that protects people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from signapp.core.review_queue import ReviewAction


@dataclass(frozen=True)
class Intent:
    action: ReviewAction
    anonymous: bool
    reason: str


_AUTO_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto(matic)?[- ]?reply|autoreply|out of (the )?office|"
    r"away from (the )?office|on leave|absence|abwesenheit|réponse automatique|"
    r"respuesta automática|undeliverable|delivery status notification|"
    r"mail delivery (failed|failure)|returned mail|ឆ្លើយតបដោយស្វ័យប្រវត្តិ|"
    r"មិននៅការិយាល័យ)",
    re.IGNORECASE,
)
_AUTO_TEXT = re.compile(
    r"\b(i am|i'm|i will be) (currently )?(out of (the )?office|away|on (annual |maternity )?leave)"
    r"|\bwith limited access to (my )?e-?mail\b|ខ្ញុំមិននៅការិយាល័យ",
    re.IGNORECASE,
)

_NEGATION = (
    r"(can ?not|can't|cannot|could ?not|couldn't|unable to|won't|will not|would not|wouldn't|"
    r"do not|don't|does not|doesn't|are not|aren't|is not|isn't|not able to|"
    r"not in a position to|decided? not to|decline to|declines to|must decline|"
    r"prefer not to|rather not|regret(fully)? (that )?(we )?(can(not|'t)|are unable)|"
    r"not (be )?(going|able) to|no longer)"
)
_SIGN_VERB = r"(sign|co-?sign|endorse|support|join|add our (name|logo|organi[sz]ation)|be listed)"
_WITHDRAW = re.compile(
    r"\b(withdraw|retract|pull|take back|remove)\b[^.?!\n]{0,40}\b(signature|support|"
    r"endorsement|name|sign-?on|organi[sz]ation|logo|us)\b"
    r"|\b(take|remove) (us|our (name|organi[sz]ation|logo)) (off|from)\b"
    r"|\bno longer (wish|want) to (sign|support|endorse|be (listed|named|associated))"
    r"|\bwithdraw(ing)? from (the|this) statement"
    r"|\b(we|i)\b[^.?!\n]{0,30}\b(would like|wish|want|need|have|must|decided) to withdraw\b",
    re.IGNORECASE,
)
_WITHDRAW_KM = re.compile(r"ដក(ឈ្មោះ|ហត្ថលេខា|ខ្លួន|ការគាំទ្រ|ចេញ)|សូមលុបឈ្មោះ")
_DECLINE = re.compile(
    rf"\b{_NEGATION}\b[^.?!\n]{{0,40}}\b{_SIGN_VERB}"
    r"|\b(we|i) (must |have to |will )?(respectfully |regretfully )?decline\b"
    r"|\bwill not be signing\b|\bnot sign(ing)? (on|this)\b|\bwe pass\b"
    r"|\bpass on (this|it)\b|\bsit (this|it) out\b|\bstay out of (this|it)\b",
    re.IGNORECASE,
)
_DECLINE_KM = re.compile(r"មិន(អាច|ចង់|ព្រម)?(ចុះហត្ថលេខា|គាំទ្រ|ចូលរួម|យល់ព្រម)|បដិសេធ|សុំមិនចូលរួម")
_SIGN = re.compile(
    rf"\b(we|i|our (organi[sz]ation|union|network|group|association)|(?-i:[A-Z]{{2,}}))\b"
    rf"[^.?!\n]{{0,60}}\b(would|'d|will|shall|are (happy|glad|pleased|delighted|proud)|"
    rf"hereby|agree|want|wish|like|can|do|am (happy|glad|pleased))\b[^.?!\n]{{0,30}}\b{_SIGN_VERB}"
    r"|\b(happy|glad|pleased|proud|delighted) to (co-?sign|sign|endorse|support|join|add)"
    rf"|\b(would (like|love)|wish(es)?|wants?|agrees?|has decided|have decided) to\b"
    rf"[^.?!\n]{{0,20}}\b{_SIGN_VERB}"
    r"|\b(count|sign) us (in|on|up)\b|\bcount us\b|\bplease count\b[^.?!\n]{1,80}\bin\b"
    r"|\b(please |you (can|may) )?(add|include|list) (us|our (name|logo|organi[sz]ation|"
    r"signature|group|union|network))\b|\b(add|include)\b[^.?!\n]{1,80}\bas (a )?signator"
    r"|\b(we|i) (hereby |fully )?(sign|endorse|co-?sign|support)\b|\bsign(s|ing)? on\b"
    r"|\b(co-?sign|endorses|endorsing)\b|\bconfirm\w*\b[^.?!\n]{0,60}\b(sign|endorse|"
    r"support|join|participat)\w*"
    r"|\b(we|i)\b[^.?!\n]{0,40}\bsupport (this|the) (statement|letter|call)"
    r"|\byes,? (we|i) (will |would )?(sign|endorse|support|join)\b"
    r"|\b(we are|we're|count us) on board\b|^\s*we('re| are) (all )?in\b[\s.!]*$",
    re.IGNORECASE,
)
# "Thank you for inviting us to sign" is about the call, not an answer to it.
_ABOUT_THE_CALL = re.compile(
    r"\b(invit\w*|ask\w*|request\w*|opportunity|chance|call) (us )?to (co-?sign|sign|endorse|"
    r"support|join)\b",
    re.IGNORECASE,
)
_SIGN_KM = re.compile(r"ចុះហត្ថលេខា|យល់ព្រម|គាំទ្រ|ចូលរួម(ជាមួយ|ក្នុង)?|សូមដាក់ឈ្មោះ|សូមបញ្ចូលឈ្មោះ")
_UNDECIDED = re.compile(
    r"\b(whether|check with|consult|get back to you|let you know|discuss (it|this)|"
    r"need (more )?time|considering|will revert|if (the|you|it)|provided that|on condition)\b"
    r"|ពិភាក្សា|សូមពេល|ប្រសិនបើ",
    re.IGNORECASE,
)
_SHORT_YES = re.compile(r"^\s*(yes|yes please|agreed|ok|okay|sure|ចាស|បាទ)[\s,.!]*$", re.I)
_QUESTION_KM = re.compile(r"(តើ|ឬទេ|ឬអត់|ដែរឬទេ)")
_ANONYMOUS = re.compile(
    r"\banonymous(ly)?\b|\bwithout (being )?(named|naming|listing|our name)|"
    r"\b(not|don't|do not|never|rather not|prefer not to) (be )?(publicly )?(named|name us|"
    r"listed|list us|list our name|publish our name|mention our name|identified)|"
    r"\b(keep|leave) (our|the) (name|organi[sz]ation)('s name)? (off|out|confidential)|"
    r"\bnot (be )?(list|name)(ed)? publicly|\bcount(ed)? (us )?(only|among the anonymous)|"
    r"\bconfidential(ly)?\b",
    re.IGNORECASE,
)
_ANONYMOUS_KM = re.compile(
    r"អនាមិក|មិនបញ្ចេញឈ្មោះ|កុំ(ដាក់|បង្ហាញ|បោះពុម្ព)ឈ្មោះ|មិនចង់(ឱ្យ|អោយ)?(បង្ហាញ|ដាក់)ឈ្មោះ"
)
_SENTENCE_END = re.compile(r"(?<=[.!?។៕])\s+|\n+")


def classify(answer: str, subject: str, headers: Mapping[str, str]) -> Intent:
    """The action a reply proposes, whether it asks not to be named, and why."""
    automatic = automatic_reason(subject, headers)
    if automatic:
        return Intent(ReviewAction.IGNORE, False, automatic)
    if _AUTO_TEXT.search(answer[:600]):
        return Intent(ReviewAction.IGNORE, False, "an out-of-office reply")
    anonymous = bool(_ANONYMOUS.search(answer) or _ANONYMOUS_KM.search(answer))
    sentences = [part.strip() for part in _SENTENCE_END.split(answer) if part.strip()]
    action, reason = _decide(sentences, subject)
    if anonymous and action is ReviewAction.SIGN:
        reason += "; asks not to be named"
    return Intent(action, anonymous, reason)


def automatic_reason(subject: str, headers: Mapping[str, str]) -> str | None:
    """Why the message was sent by a machine, or None."""
    lowered = {name.casefold(): value.casefold() for name, value in headers.items()}
    auto_submitted = lowered.get("auto-submitted", "no")
    if auto_submitted and auto_submitted != "no":
        return f"an automatic reply (Auto-Submitted: {auto_submitted})"
    for name in ("x-autoreply", "x-autorespond"):
        if name in lowered:
            return "an automatic reply"
    if lowered.get("precedence", "") in ("auto_reply", "bulk", "junk", "list"):
        return f"sent in bulk (Precedence: {lowered['precedence']})"
    if "list-id" in lowered or "list-unsubscribe" in lowered:
        return "a mailing-list message"
    if lowered.get("x-spam-flag", "") == "yes":
        return "marked as spam"
    if "multipart/report" in lowered.get("content-type", ""):
        return "a delivery report"
    sender = lowered.get("from", "")
    if re.search(r"\b(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@", sender):
        return "sent by a mail system"
    if _AUTO_SUBJECT.match(subject or ""):
        return "an automatic reply (by its subject)"
    return None


def _decide(sentences: list[str], subject: str) -> tuple[ReviewAction, str]:
    found: dict[ReviewAction, str] = {}
    for sentence in sentences:
        if _WITHDRAW.search(sentence) or _WITHDRAW_KM.search(sentence):
            found.setdefault(ReviewAction.WITHDRAW, sentence)
        elif _DECLINE.search(sentence) or _DECLINE_KM.search(sentence):
            found.setdefault(ReviewAction.DECLINE, sentence)
        elif _is_question(sentence) or (
            _UNDECIDED.search(sentence) and (_SIGN.search(sentence) or _SIGN_KM.search(sentence))
        ):
            found.setdefault(ReviewAction.QUESTION, sentence)
        elif (_SIGN.search(sentence) or _SIGN_KM.search(sentence)) and not _ABOUT_THE_CALL.search(
            sentence
        ):
            found.setdefault(ReviewAction.SIGN, sentence)
    for action in (ReviewAction.WITHDRAW, ReviewAction.DECLINE):
        if action in found:
            return action, f"says: “{_short(found[action])}”"
    if ReviewAction.SIGN in found:
        return ReviewAction.SIGN, f"says: “{_short(found[ReviewAction.SIGN])}”"
    if ReviewAction.QUESTION in found:
        return ReviewAction.QUESTION, f"asks: “{_short(found[ReviewAction.QUESTION])}”"
    if (
        sentences
        and _SHORT_YES.match(" ".join(sentences))
        and re.match(r"\s*re\s*:", subject, re.I)
    ):
        return ReviewAction.SIGN, f"answers “{_short(sentences[0])}” to the call"
    return ReviewAction.IGNORE, "says nothing about signing"


_POLITE_REQUEST = re.compile(
    r"^\s*(could|can|would|will) you (please |kindly )?(add|include|list|count|remove|withdraw|"
    r"take|delete|sign)\b",
    re.IGNORECASE,
)


def _is_question(sentence: str) -> bool:
    if _POLITE_REQUEST.match(sentence):
        return False
    return sentence.rstrip().endswith(("?", "？")) or bool(
        _QUESTION_KM.search(sentence) and not _SIGN_KM.search(sentence.split("តើ")[0])
    )


def _short(sentence: str, limit: int = 90) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
