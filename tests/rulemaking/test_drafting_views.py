"""The drafting screens: the portal's consultation pages and comment form, the office's draft
list and workbench, and scoping (other departments do not see a draft)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from fazhi.core.accounts.session import PUBLIC_SESSION_KEY
from fazhi.core.casework.workflow import take
from fazhi.core.org.scoping import scoped
from fazhi.domains.rulemaking import consultation as consult
from fazhi.domains.rulemaking.models import Comment, Draft, LegalText

from .drafting_world import (
    TEXT,
    World,
    consulted,
    draft_of,
    drafted,
    dworld_fixture,  # noqa: F401  (the fixture ``dworld``)
)


def _open_now(w: World, anonymous: bool = False) -> Any:
    """A consultation open today (the portal's clock is the real one)."""
    today = timezone.localdate()
    case = drafted(w)
    take(
        case,
        "open_consultation",
        w.people.alice,
        on=today,
        data={
            "closes_on": date.fromordinal(today.toordinal() + 31),
            "anonymous_allowed": anonymous,
        },
    )
    return draft_of(case).consultations.get()


def _sign_in_public(client: Any, account: Any) -> None:
    session = client.session
    session[PUBLIC_SESSION_KEY] = {"id": account.pk, "seen": int(timezone.now().timestamp())}
    session.save()


def test_the_portal_lists_and_shows_an_open_consultation(client: Any, dworld: World) -> None:
    c = _open_now(dworld)
    listing = client.get("/consultations/").content.decode()
    assert "鄂州市农贸市场管理办法" in listing and "正在征求意见" in listing
    page = client.get(f"/consultations/{c.publication_id}/").content.decode()
    assert "第三条" in page and "请 <a" in page  # signed out: asked to sign in
    assert 'name="anchor" value="T3"' not in page


def test_a_signed_in_resident_comments_on_an_article(client: Any, dworld: World) -> None:
    c = _open_now(dworld)
    _sign_in_public(client, dworld.citizen)
    page = client.get(f"/consultations/{c.publication_id}/").content.decode()
    assert 'name="anchor" value="T3"' in page
    response = client.post(
        f"/consultations/{c.publication_id}/comment/",
        {"anchor": "T3", "body": "建议增加索证索票。"},
    )
    assert response.status_code == 302
    cm = Comment.objects.get()
    assert cm.account == dworld.citizen and cm.path == "第三条" and cm.status == "pending"
    mine = client.get("/account/submissions/").content.decode()
    assert "鄂州市农贸市场管理办法" in mine


def test_an_anonymous_post_is_refused_unless_allowed(client: Any, dworld: World) -> None:
    c = _open_now(dworld)
    client.post(f"/consultations/{c.publication_id}/comment/", {"body": "匿名"})
    assert not Comment.objects.exists()
    allowed = _open_now_second(dworld)
    client.post(f"/consultations/{allowed.publication_id}/comment/", {"body": "匿名意见"})
    assert Comment.objects.get().display_name == "匿名"


def _open_now_second(w: World) -> Any:
    from fazhi.domains.rulemaking.models import PlanEntry

    entry = PlanEntry.objects.create(
        plan=w.entry.plan,
        number=2,
        title="鄂州市农贸市场管理办法（二）",
        kind="government_rule",
        drafting_unit=w.org.scjg,
    )
    from fazhi.core.casework.workflow import register_case

    case = register_case(
        "rule_drafting",
        w.people.alice,
        {
            "kind": "government_rule",
            "title": entry.title,
            "issuer": w.org.city.pk,
            "plan_entry": entry.pk,
        },
        on=date(2019, 3, 1),
    )
    today = timezone.localdate()
    take(case, "start_drafting", w.people.alice, on=today, data={"draft_text": TEXT})
    take(
        case,
        "open_consultation",
        w.people.alice,
        on=today,
        data={"closes_on": date.fromordinal(today.toordinal() + 30), "anonymous_allowed": True},
    )
    return draft_of(case).consultations.get()


def test_the_feedback_pages_render_and_download(client: Any, dworld: World) -> None:
    case = consulted(dworld)
    feedback = draft_of(case).consultations.get().feedback_publication
    page = client.get(f"/consultations/feedback/{feedback.pk}/").content.decode()
    assert "意见及采纳情况" in page and "第五条" in page
    word = client.get(f"/consultations/feedback/{feedback.pk}/word/")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    listing = client.get("/consultations/").content.decode()
    assert "意见采纳情况" in listing


def test_the_issuing_body_list_is_on_the_portal(client: Any, dworld: World) -> None:
    page = client.get("/consultations/issuers/").content.decode()
    assert dworld.org.city.name in page and "国办发〔2018〕37号" in page


def test_other_departments_do_not_see_a_draft(client: Any, dworld: World) -> None:
    case = drafted(dworld)
    d = draft_of(case)
    assert scoped(dworld.people.alice, Draft).filter(pk=d.pk).exists()
    assert not scoped(dworld.people.bob, Draft).filter(pk=d.pk).exists()
    assert not scoped(dworld.people.bob, LegalText).filter(pk=d.text_id).exists()
    # The legal office (justice bureau) and the issuing government take part and see it.
    assert scoped(dworld.reviewer, Draft).filter(pk=d.pk).exists()
    assert scoped(dworld.gov_clerk, Draft).filter(pk=d.pk).exists()
    client.force_login(dworld.people.bob)
    assert client.get(f"/office/drafting/{case.pk}/").status_code == 404
    assert "鄂州市农贸市场管理办法" not in client.get("/office/drafting/").content.decode()
    # Before the consultation nothing of the draft is public.
    assert not LegalText.objects.get(pk=d.text_id).public
    assert not client.get("/consultations/").content.decode().count("农贸市场")


def test_the_office_workbench_moderates_and_answers(client: Any, dworld: World) -> None:
    c = _open_now(dworld)
    case = c.draft.case
    cm = consult.submit_comment(
        c.publication,
        body="建议。",
        on=timezone.localdate(),
        anchor_key="T4",
        account=dworld.citizen,
    )
    client.force_login(dworld.people.alice)
    listing = client.get("/office/drafting/").content.decode()
    assert "鄂州市农贸市场管理办法" in listing
    page = client.get(f"/office/drafting/{case.pk}/").content.decode()
    assert "第四条" in page and "建议。" in page and "审核" in page
    client.post(
        f"/office/drafting/{case.pk}/comments/{cm.pk}/moderate/",
        {"decision": "rejected", "reason": ""},
    )
    cm.refresh_from_db()
    assert cm.status == "pending"  # refused: no reason
    client.post(f"/office/drafting/{case.pk}/comments/{cm.pk}/moderate/", {"decision": "published"})
    cm.refresh_from_db()
    assert cm.status == "published" and cm.publication is not None
    case_page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "草案条文与公众意见" in case_page and "结束征求意见" in case_page


def test_a_draft_is_registered_from_the_office(client: Any, dworld: World) -> None:
    client.force_login(dworld.people.alice)
    page = client.get("/office/cases/new/rule_drafting/")
    assert page.status_code == 200 and "年度计划项目" in page.content.decode()
    response = client.post(
        "/office/cases/new/rule_drafting/",
        {
            "kind": "government_rule",
            "title": "鄂州市农贸市场管理办法",
            "issuer": dworld.org.city.pk,
            "plan_entry": dworld.entry.pk,
        },
    )
    assert response.status_code == 302
    d = Draft.objects.get()
    assert d.case.state == "research" and d.issuer == dworld.org.city
    page = client.get(f"/office/cases/{d.case_id}/").content.decode()
    assert "完成立项调研" in page and "形成草案" in page
