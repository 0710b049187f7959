"""The posting window and the company's master data: it offers, once and never silently, to
create the data classifications (Kategori Keuangan) the entries name that the Accurate company
lacks, and tells a closing date in one message. The demo company on an in-process sandbox
over real HTTP, the view driven by its buttons."""

from __future__ import annotations

from datetime import date

from app.posting.outbox.ledger import EntryStatus
from app.setup.session import CompanySession
from app.ui.posting.window import Phase, session_company
from app.ui.posting.words import create_classifications_question
from tests.helpers.posting_helpers import entries
from tests.helpers.posting_windows import WAIT_MS, answer, run_to_end


def with_unknown_classification():
    items = entries(3)
    items[1].lines[0].classifications = ("Bali",)
    return items


def test_declining_leaves_the_problem_and_creates_nothing(qtbot, start, make_posting_view):
    demo = start()
    view = make_posting_view(demo, with_unknown_classification())
    view.start()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=WAIT_MS)
    assert "1: Bali" in view.dialog.text() and "Buat sekarang di Accurate?" in view.dialog.text()
    assert sorted(b.text() for b in view.dialog.buttons()) == ["Jangan buat", "Ya, buat"]
    answer(qtbot, view, "Jangan buat")
    assert view.phase is Phase.PROBLEMS
    assert any("Klasifikasi 1 'Bali'" in line for line in view.ui.problems_model.stringList())
    assert demo.sandbox.master_data().classifications_created == 0
    assert demo.sandbox.vouchers() == []


def test_yes_creates_them_checks_again_and_posts(qtbot, start, make_posting_view):
    demo = start()
    view = make_posting_view(demo, with_unknown_classification())
    view.start()
    report = run_to_end(qtbot, view, lambda: answer(qtbot, view, "Ya, buat"))
    assert report.count(EntryStatus.POSTED) == 3
    assert demo.sandbox.master_data().classifications_created == 1
    assert "Bali" in demo.sandbox.master_data().classification_names(1)
    [second] = [v for v in demo.sandbox.vouchers() if v["number"] == "JV-00002"]
    assert second["detailJournalVoucher"][0]["dataClassification1Name"] == "Bali"


def test_the_closing_date_is_one_message_in_the_summary(qtbot, start, make_posting_view):
    demo = start()
    demo.sandbox.master_data().closing_date = date(2026, 8, 10)
    view = make_posting_view(demo, entries(20))  # dated 2 to 21 August
    report = run_to_end(qtbot, view, view.start)
    assert report.count(EntryStatus.POSTED) == 11
    text = view.ui.banner.text()
    assert text.count("tanggal tutup buku perusahaan (10/08/2026)") == 1
    assert "9 jurnal tidak diposting karena bertanggal sebelum" in text


def test_the_check_and_the_post_that_follows_read_each_list_once(
    qtbot, start, make_posting_view, limiters
):
    """On the window's company session, the lists the check read are the ones the post uses."""
    demo = start()
    session = CompanySession(
        demo.profile(demo.accurate.name), demo.secrets, demo.outbox_home, demo=demo
    )
    try:
        items = entries(4)
        items[0].lines[0].department = "umum"
        items[1].lines[1].classifications = ("", "Asia")
        view = make_posting_view(demo, items, connect=session_company(session, limiters))
        report = run_to_end(qtbot, view, view.start)
        assert report.complete
        lists = [r.path for r in demo.sandbox.request_log() if r.path.endswith("/list.do")]
        assert sum(p.endswith("/department/list.do") for p in lists) == 1
        assert sum(p.endswith("/data-classification/list.do") for p in lists) == 1
        assert not any(p.endswith(("/project/list.do", "/customer/list.do")) for p in lists)
        [first] = [v for v in demo.sandbox.vouchers() if v["number"] == "JV-00001"]
        assert first["detailJournalVoucher"][0]["departmentName"] == "Umum"
    finally:
        session.end()


def test_the_question_counts_and_lists_the_classifications_in_the_language_read():
    one = create_classifications_question([(1, "Bali")], "PT Demo")
    assert one.get("en").startswith(
        "1 data classification (Kategori Keuangan) the entries use does not exist in PT Demo "
        "yet: 1: Bali. Create it in Accurate now?"
    )
    many = create_classifications_question([(1, f"Kota {i}") for i in range(17)], "PT Demo")
    assert "yang dipakai jurnal belum ada di PT Demo: 1: Kota 0, 1: Kota 1, " in many.id
    assert many.id.count("Kota") == 15 and "1: Kota 14 .... Buat sekarang" in many.id
    assert many.get("en").startswith("17 data classifications (Kategori Keuangan) the entries")
    # Chinese joins the names with its enumeration comma.
    assert "：1: Kota 0、1: Kota 1、" in many.get("zh") and "1: Kota 14……。" in many.get("zh")
