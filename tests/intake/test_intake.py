"""Replies read into the review queue: what each says, who sent it, and that nothing
reaches the statement before it is accepted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from signapp.core import signons
from signapp.core.review_queue import (
    ReviewAction,
    ReviewItem,
    accept_items,
    list_review_items,
    reject_items,
    set_proposal,
    undo_accept,
)
from signapp.core.statements import revise_statement
from signapp.intake.run import intake_mail

from .conftest import Campaign
from .mail import CALL, message, quoted, write_eml, write_mbox


def _queue(db: Database, campaign: Campaign, tmp_path: Path, *mails: object) -> list[ReviewItem]:
    path = write_mbox(tmp_path / "replies.mbox", mails)  # type: ignore[arg-type]
    intake_mail(db, path, campaign.statement_id)
    return list_review_items(db, campaign.statement_id)


def _only(db: Database, campaign: Campaign, tmp_path: Path, mail: object) -> ReviewItem:
    items = _queue(db, campaign, tmp_path, mail)
    assert len(items) == 1
    return items[0]


def test_a_known_contact_signing_is_proposed_for_their_organisation(db, campaign, tmp_path):
    item = _only(
        db,
        campaign,
        tmp_path,
        message(
            "Dara Sok <dara@ccrd.example.org>",
            "Dear colleagues,\n\nCCRD is happy to sign the statement.\n\nBest regards,\nDara"
            + quoted(CALL),
        ),
    )
    assert item.action is ReviewAction.SIGN
    assert item.organisation_id == campaign.rights_centre
    assert item.is_public
    assert "contact" in (item.reason or "")


def test_the_organisations_domain_identifies_a_new_address(db, campaign, tmp_path):
    item = _only(
        db,
        campaign,
        tmp_path,
        message(
            "Programme Officer <officer@riversalliance.example.org>",
            "We would like to endorse this statement.",
        ),
    )
    assert (item.action, item.organisation_id) == (ReviewAction.SIGN, campaign.rivers_alliance)


def test_a_personal_mailbox_is_never_matched_by_its_domain(db, campaign, tmp_path):
    item = _only(
        db,
        campaign,
        tmp_path,
        message(
            "Someone Else <someone.else@gmail.com>",
            "We sign.\n\nRegards,\nSomeone Else\nMekong Youth Network",
        ),
    )
    assert item.organisation_id is None
    assert item.new_organisation == "Mekong Youth Network"
    assert item.proposed_organisation == "new:Mekong Youth Network"


def test_an_organisation_named_in_the_signature_is_found(db, campaign, tmp_path):
    item = _only(
        db,
        campaign,
        tmp_path,
        message(
            "Ratha <ratha.office@gmail.com>",
            "Count us in.\n\nThanks,\nRatha\nPhnom Penh Tenants Union",
        ),
    )
    assert (item.action, item.organisation_id) == (ReviewAction.SIGN, campaign.tenants_union)


@pytest.mark.parametrize(
    ("body", "action"),
    [
        ("Unfortunately we cannot sign this statement at this time.", ReviewAction.DECLINE),
        ("We regret that we are unable to endorse the text.", ReviewAction.DECLINE),
        ("Our board decided not to join this statement.", ReviewAction.DECLINE),
        ("Please withdraw our signature from the statement.", ReviewAction.WITHDRAW),
        ("We no longer wish to be listed; please remove our name.", ReviewAction.WITHDRAW),
        ("Will the statement be published in Khmer as well?", ReviewAction.QUESTION),
        (
            "I will check with our director whether we can sign and get back to you.",
            ReviewAction.QUESTION,
        ),
        ("Thank you for the invitation, noted with thanks.", ReviewAction.IGNORE),
        ("យើងខ្ញុំយល់ព្រមចុះហត្ថលេខាលើសេចក្តីថ្លែងការណ៍រួមនេះ។", ReviewAction.SIGN),
        ("សូមអភ័យទោស យើងខ្ញុំមិនអាចចុះហត្ថលេខាបានទេ។", ReviewAction.DECLINE),
        ("សូមដកឈ្មោះអង្គការយើងខ្ញុំចេញពីសេចក្តីថ្លែងការណ៍។", ReviewAction.WITHDRAW),
        ("តើសេចក្តីថ្លែងការណ៍នេះនឹងផ្សព្វផ្សាយនៅថ្ងៃណា?", ReviewAction.QUESTION),
    ],
)
def test_what_the_reply_says(db, campaign, tmp_path, body, action):
    item = _only(db, campaign, tmp_path, message("Dara Sok <dara@ccrd.example.org>", body))
    assert item.action is action, item.reason


def test_a_quoted_we_sign_is_not_the_senders_answer(db, campaign, tmp_path):
    item = _only(
        db,
        campaign,
        tmp_path,
        message(
            "Dara Sok <dara@ccrd.example.org>",
            "Thanks, we will discuss it at our board meeting next week." + quoted(CALL),
        ),
    )
    assert item.action is not ReviewAction.SIGN
    assert "We sign" not in item.answer_text


@pytest.mark.parametrize(
    ("body", "anonymous"),
    [
        ("We sign, but please do not list our name publicly.", True),
        ("We are happy to sign anonymously.", True),
        ("យើងខ្ញុំគាំទ្រ ប៉ុន្តែសូមកុំដាក់ឈ្មោះអង្គការយើងខ្ញុំ។", True),
        ("We are happy to sign. Please list us as CCRD.", False),
    ],
)
def test_listed_or_anonymous_from_what_the_message_asks(db, campaign, tmp_path, body, anonymous):
    item = _only(db, campaign, tmp_path, message("Dara Sok <dara@ccrd.example.org>", body))
    assert item.action is ReviewAction.SIGN, item.reason
    assert item.is_public is not anonymous


@pytest.mark.parametrize(
    ("headers", "subject"),
    [
        ({"Auto-Submitted": "auto-replied"}, "Re: Call for sign-ons: joint statement"),
        ({"X-Autoreply": "yes"}, "Re: Call for sign-ons"),
        ({}, "Automatic reply: Call for sign-ons: joint statement"),
        ({}, "Out of Office: Call for sign-ons"),
        ({"Precedence": "bulk", "List-Id": "<news.example.org>"}, "Our newsletter"),
    ],
)
def test_automatic_replies_and_unrelated_mail_are_ignored(db, campaign, tmp_path, headers, subject):
    item = _only(
        db,
        campaign,
        tmp_path,
        message(
            "Dara Sok <dara@ccrd.example.org>",
            "I am out of the office until Monday. We sign all our letters by hand.",
            subject=subject,
            headers=headers,
        ),
    )
    assert item.action is ReviewAction.IGNORE


def test_a_forwarded_reply_counts_its_original_sender(db, campaign, tmp_path):
    forwarded = (
        "FYI, see below.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Vanna Keo <vanna@pptu.example.org>\n"
        "Date: Wed, 19 Nov 2026 at 10:12\n"
        "Subject: Re: Call for sign-ons\n"
        "To: Dara Sok <dara@ccrd.example.org>\n\n"
        "Dear Dara, the Tenants Union would like to sign the joint statement.\n"
    )
    item = _only(
        db,
        campaign,
        tmp_path,
        message("Dara Sok <dara@ccrd.example.org>", forwarded, subject="Fwd: Call for sign-ons"),
    )
    assert item.sender == "vanna@pptu.example.org"
    assert (item.action, item.organisation_id) == (ReviewAction.SIGN, campaign.tenants_union)
    assert "forwarded by dara@ccrd.example.org" in (item.reason or "")


def test_html_only_mail_is_read_as_text_and_attachments_are_listed(db, campaign, tmp_path):
    item = _only(
        db,
        campaign,
        tmp_path,
        message(
            "Vanna Keo <vanna@pptu.example.org>",
            html="<html><body><p>We <b>endorse</b> the statement.</p>"
            "<script>alert(1)</script></body></html>",
            attachments=[("logo.png", "image/png", b"\x89PNG\r\n" + b"0" * 500)],
        ),
    )
    assert item.action is ReviewAction.SIGN
    assert "<b>" not in item.answer_text
    assert item.attachments == ("logo.png (image/png, 506 bytes)",)


def test_nothing_is_recorded_until_accepted_and_accepting_can_be_undone(db, campaign, tmp_path):
    items = _queue(
        db,
        campaign,
        tmp_path,
        message("Dara Sok <dara@ccrd.example.org>", "We are happy to sign."),
        message(
            "Info <info@mekongyouth.example.com>",
            "We would like to sign on.\n\nBest regards,\nMekong Youth Network",
        ),
        message("Vanna Keo <vanna@pptu.example.org>", "We cannot sign this statement."),
    )
    assert signons.list_signons(db, campaign.statement_id) == []
    decision = accept_items(db, [item.id for item in items])
    rows = {row.organisation_name: row for row in signons.list_signons(db, campaign.statement_id)}
    assert rows["Cambodian Centre for Rights Defence"].signon.status.value == "confirmed"
    assert rows["Mekong Youth Network"].signon.status.value == "confirmed"
    assert rows["Phnom Penh Tenants Union"].signon.status.value == "declined"
    assert list_review_items(db, campaign.statement_id) == []
    undo_accept(db, decision)
    assert signons.list_signons(db, campaign.statement_id) == []
    assert len(list_review_items(db, campaign.statement_id)) == 3
    names = [row[0] for row in db.execute("SELECT name FROM organisations")]
    assert "Mekong Youth Network" not in names


def test_a_reply_answers_the_version_in_force_at_its_date(db, campaign, tmp_path):
    revise_statement(db, campaign.statement_id, "We, the undersigned, call ...", kind="substantive")
    db.execute(
        "UPDATE statement_versions SET issued_at = '2026-11-25T08:00:00+00:00' "
        "WHERE statement_id = ? AND number = 2",
        [campaign.statement_id],
    )
    items = _queue(
        db,
        campaign,
        tmp_path,
        message(
            "Dara Sok <dara@ccrd.example.org>",
            "We sign.",
            date=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        ),
        message(
            "Vanna Keo <vanna@pptu.example.org>",
            "We sign.",
            date=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
        ),
    )
    assert [item.version_number for item in items] == [1, 2]
    accept_items(db, [item.id for item in items])
    needing = {
        row.organisation_name: row.needs_reconfirmation
        for row in signons.list_signons(db, campaign.statement_id)
    }
    assert needing == {
        "Cambodian Centre for Rights Defence": True,
        "Phnom Penh Tenants Union": False,
    }


def test_an_older_answer_never_replaces_a_newer_one(db, campaign, tmp_path):
    items = _queue(
        db,
        campaign,
        tmp_path,
        message(
            "Dara Sok <dara@ccrd.example.org>",
            "Please withdraw our signature.",
            date=datetime(2026, 11, 28, tzinfo=UTC),
        ),
        message(
            "Dara Sok <dara@ccrd.example.org>",
            "We are happy to sign.",
            date=datetime(2026, 11, 21, tzinfo=UTC),
        ),
    )
    accept_items(db, [items[1].id])  # the withdrawal, received last
    decision = accept_items(db, [items[0].id])
    assert decision.kept_later_answer == [items[0].id]
    (row,) = signons.list_signons(db, campaign.statement_id)
    assert row.signon.status.value == "withdrawn"


def test_the_same_message_is_never_queued_twice(db, campaign, tmp_path):
    reply = message("Dara Sok <dara@ccrd.example.org>", "We sign.")
    no_id = message("Vanna Keo <vanna@pptu.example.org>", "We sign too.", message_id=None)
    path = write_mbox(tmp_path / "replies.mbox", [reply, reply, no_id, no_id])
    first = intake_mail(db, path, campaign.statement_id)
    assert (first.queued, first.already_queued) == (2, 2)
    second = intake_mail(db, path, campaign.statement_id)
    assert (second.queued, second.already_queued) == (0, 4)
    assert len(list_review_items(db, campaign.statement_id)) == 2


def test_a_dry_run_queues_nothing(db, campaign, tmp_path):
    path = write_mbox(
        tmp_path / "replies.mbox", [message("Dara Sok <dara@ccrd.example.org>", "We sign.")]
    )
    result = intake_mail(db, path, campaign.statement_id, dry_run=True)
    assert result.queued == 1 and "would queue 1 (sign 1)" in result.summary_line()
    assert list_review_items(db, campaign.statement_id) == []


def test_a_correction_before_accepting(db, campaign, tmp_path):
    item = _only(
        db,
        campaign,
        tmp_path,
        message("Someone <someone@gmail.com>", "We sign."),
    )
    assert item.proposed_organisation == "new:"
    with pytest.raises(Exception, match="choose an organisation"):
        accept_items(db, [item.id])
    set_proposal(db, item.id, organisation_id=campaign.peace_network, is_public=False)
    accept_items(db, [item.id])
    (row,) = signons.list_signons(db, campaign.statement_id)
    assert (row.signon.organisation_id, row.signon.is_public) == (campaign.peace_network, False)


def test_rejected_items_change_nothing(db, campaign, tmp_path):
    item = _only(db, campaign, tmp_path, message("Dara Sok <dara@ccrd.example.org>", "We sign."))
    reject_items(db, [item.id])
    assert signons.list_signons(db, campaign.statement_id) == []
    assert list_review_items(db, campaign.statement_id) == []


def test_bad_input_gets_a_reason_and_never_stops_the_rest(db, campaign, tmp_path):
    folder = tmp_path / "inbox"
    write_eml(folder, "1-good.eml", message("Dara Sok <dara@ccrd.example.org>", "We sign."))
    (folder / "2-notes.docx").write_bytes(b"PK\x03\x04 not mail")
    (folder / "3-garbage.eml").write_bytes(b"\x00\x01\x02 this is not a message at all")
    (folder / "4-outlook.msg").write_bytes(b"not an Outlook file")
    odd_charset = message("Vanna Keo <vanna@pptu.example.org>", "We endorse the statement.")
    odd_charset.replace_header("Content-Type", 'text/plain; charset="x-unknown-charset"')
    write_eml(folder, "5-charset.eml", odd_charset)
    bomb = "<div>" * 200_000 + "We sign." + "</div>" * 200_000
    write_eml(folder, "6-bomb.eml", message("Bomb <bomb@example.net>", html=bomb))
    result = intake_mail(db, folder, campaign.statement_id)
    reasons = dict(result.problems)
    assert set(reasons) == {
        str(folder / "2-notes.docx"),
        str(folder / "3-garbage.eml"),
        str(folder / "4-outlook.msg"),
    }
    assert "not a mail file" in reasons[str(folder / "2-notes.docx")]
    queued = {item.sender: item for item in list_review_items(db, campaign.statement_id)}
    assert queued["dara@ccrd.example.org"].action is ReviewAction.SIGN
    assert queued["vanna@pptu.example.org"].action is ReviewAction.SIGN
    assert "bomb@example.net" in queued


def test_a_missing_path_is_one_clear_error(db, campaign, tmp_path):
    from signapp.core.errors import SignappError

    with pytest.raises(SignappError, match="no such file or folder"):
        intake_mail(db, tmp_path / "nowhere.mbox", campaign.statement_id)


def test_erasing_an_organisation_erases_its_replies(db, campaign, tmp_path):
    from signapp.core.erase import erase_organisation

    items = _queue(
        db,
        campaign,
        tmp_path,
        message("Dara Sok <dara@ccrd.example.org>", "We sign. Call me on +855 12 345 678."),
        message("Dara Sok <dara@ccrd.example.org>", "Will it be published in Khmer?"),
        message("Vanna Keo <vanna@pptu.example.org>", "We sign."),
    )
    accept_items(db, [items[0].id])
    erase_organisation(db, campaign.rights_centre)
    left = list_review_items(db, campaign.statement_id, state=None)
    assert [item.sender for item in left] == ["vanna@pptu.example.org"]
    dump = "\n".join(db.conn.iterdump())
    assert "dara@ccrd.example.org" not in dump and "345 678" not in dump


@pytest.mark.parametrize(
    ("body", "action"),
    [
        (
            "We are happy to sign.\n\nKind regards,\nDara\n\n"
            "From: Coalition Secretariat <secretariat@landrights-coalition.example.org>\n"
            "Sent: Monday, November 17, 2026 9:00 AM\nTo: Dara\nSubject: Call for sign-ons\n\n"
            "We cannot sign on your behalf; please answer by Friday.\n",
            ReviewAction.SIGN,
        ),
        (
            "Yes, we sign!\n-----Original Message-----\nFrom: Secretariat <s@x.org>\n"
            "Sent: Monday\nSubject: Call\n\nDo you decline or sign?\n",
            ReviewAction.SIGN,
        ),
        (
            "Thanks all. We will discuss it internally.\n\n"
            "On Tue, 18 Nov 2026 at 10:00, Other NGO <other@ngo.example.org> wrote:\n"
            "> We are happy to sign.\n>\n> On Mon, 17 Nov 2026, Secretariat wrote:\n>> Please sign.\n",
            ReviewAction.IGNORE,
        ),
        (
            "We cannot sign this time, sorry.\n\nOn Mon, Nov 17, 2026 at 9:00 AM Coalition "
            "Secretariat <\nsecretariat@landrights-coalition.example.org> wrote:\n\n"
            "> Please let us know. We sign as the convening network.\n",
            ReviewAction.DECLINE,
        ),
    ],
)
def test_only_the_new_text_of_a_reply_chain_counts(db, campaign, tmp_path, body, action):
    item = _only(db, campaign, tmp_path, message("Dara Sok <dara@ccrd.example.org>", body))
    assert item.action is action, (item.answer_text, item.reason)


@pytest.mark.parametrize(
    ("sender", "subject", "body"),
    [
        (
            "Growth Team <deals@seo-boost.example.com>",
            "Grow your NGO's reach today",
            "We are happy to support your organisation with our SEO package. Endorsed by experts.",
        ),
        (
            "Crypto Club <welcome@coin.example.net>",
            "Welcome on board!",
            "We would like to support you with free tokens. Sign up now.",
        ),
    ],
)
def test_spam_from_strangers_is_never_proposed_as_a_sign_on(
    db, campaign, tmp_path, sender, subject, body
):
    item = _only(db, campaign, tmp_path, message(sender, body, subject=subject))
    assert item.action is ReviewAction.IGNORE, item.reason


def test_a_new_message_from_a_stranger_about_the_statement_is_read(db, campaign, tmp_path):
    item = _only(
        db,
        campaign,
        tmp_path,
        message(
            "Lina <lina@mekongyouth.example.com>",
            "We would like to add our name to the statement.\n\nBest,\nLina\nMekong Youth Network",
            subject="Judicial harassment statement",
        ),
    )
    assert (item.action, item.new_organisation) == (ReviewAction.SIGN, "Mekong Youth Network")


def test_outlook_msg_files_are_read_like_any_message(db, campaign, tmp_path):
    from .outlook_files import write_msg

    folder = tmp_path / "outlook"
    folder.mkdir()
    write_msg(
        folder / "reply.msg",
        sender="vanna@pptu.example.org",
        sender_name="Vanna Keo",
        subject="RE: Call for sign-ons",
        body="Unfortunately we are unable to endorse the statement.\r\n\r\nVanna",
    )
    result = intake_mail(db, folder, campaign.statement_id)
    assert result.problems == []
    (item,) = list_review_items(db, campaign.statement_id)
    assert (item.sender, item.action, item.organisation_id) == (
        "vanna@pptu.example.org",
        ReviewAction.DECLINE,
        campaign.tenants_union,
    )
    assert item.received_at == "2026-11-20T02:30:00+00:00"


@pytest.mark.parametrize(
    ("body", "action"),
    [
        ("Happy to co-sign on behalf of the Khmer Youth Association.", ReviewAction.SIGN),
        ("Please count the Cambodian Food Service Workers Federation in.", ReviewAction.SIGN),
        ("We, at LICADHO, support this statement fully.", ReviewAction.SIGN),
        ("Please include Equitable Cambodia as a signatory.", ReviewAction.SIGN),
        ("You can add our name: Mother Nature Cambodia.", ReviewAction.SIGN),
        ("I confirm that Solidarity Center signs on.", ReviewAction.SIGN),
        ("Could you please add us to the list?", ReviewAction.SIGN),
        ("Thanks for inviting us to sign. We sign.", ReviewAction.SIGN),
        ("Thank you for inviting us to sign, we received it.", ReviewAction.IGNORE),
        ("We are in a meeting all day, will reply tomorrow.", ReviewAction.IGNORE),
        ("Thanks for your support!", ReviewAction.IGNORE),
        ("We have to pass on this one.", ReviewAction.DECLINE),
        ("We support your work but cannot sign this one.", ReviewAction.DECLINE),
        ("We would like to withdraw.", ReviewAction.WITHDRAW),
        ("Could you please remove our name from the statement?", ReviewAction.WITHDRAW),
        ("Can we withdraw later if the situation changes?", ReviewAction.QUESTION),
    ],
)
def test_how_people_really_answer(db, campaign, tmp_path, body, action):
    item = _only(db, campaign, tmp_path, message("Dara Sok <dara@ccrd.example.org>", body))
    assert item.action is action, item.reason


@pytest.mark.parametrize(
    ("signature", "name"),
    [
        ("Chea Vanny | Programme Manager | Cambodian Youth Network", "Cambodian Youth Network"),
        ("Dara Sok, Coordinator – Mekong Tenants Union", "Mekong Tenants Union"),
        ("សុខ ដារា\nនាយកប្រតិបត្តិ សមាគមការពារសិទ្ធិមនុស្ស", "សមាគមការពារសិទ្ធិមនុស្ស"),
    ],
)
def test_a_new_organisation_is_named_from_the_signature_block(
    db, campaign, tmp_path, signature, name
):
    item = _only(
        db,
        campaign,
        tmp_path,
        message("Someone <someone@gmail.com>", f"We sign.\n\nBest regards,\n{signature}"),
    )
    assert item.new_organisation == name
