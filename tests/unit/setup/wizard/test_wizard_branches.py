"""The wizard's branch step without a window, over real HTTP to the sandbox: a company whose user
sees several branches gets a page to choose the default branch, which the profile keeps; a
company with one branch (or a token that may not list them) goes straight to the name."""

from __future__ import annotations

import json
from collections.abc import Generator

import pytest

from app.profiles.secrets import SecretStore
from app.profiles.store import PROFILES_FILE, ProfileStore
from app.sandbox import MULTI_BRANCHES, Sandbox
from app.setup.wizard import flow as wiz
from app.setup.wizard.flow import PAGES, Connector, CredentialsWizard, Page, PageNotReady
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.wizard_flow import (
    NO_SLEEP,
    accurate_credentials,
    sempoa_credentials,
    to_test_page,
)

BRANCHES = MULTI_BRANCHES


@pytest.fixture
def sb() -> Generator[Sandbox, None, None]:
    with Sandbox(demo_branches=BRANCHES) as sandbox:
        yield sandbox


@pytest.fixture
def store(jurnal_home) -> ProfileStore:
    return ProfileStore(jurnal_home, SecretStore(MemoryKeyring()))


@pytest.fixture
def wizard(store) -> CredentialsWizard:
    return CredentialsWizard(store, connector=Connector(retry=NO_SLEEP))


def connected(wizard: CredentialsWizard, sb: Sandbox) -> CredentialsWizard:
    accurate_credentials(wizard, sb)
    assert to_test_page(wizard)
    return wizard


def test_several_branches_add_a_page_where_the_default_must_be_chosen(sb, wizard, store):
    connected(wizard, sb)
    assert wizard.connection.branches == BRANCHES
    lines = {label.en: value for label, value in wizard.connection.lines()}
    assert lines["Branches"].get("en") == "Pusat, Cabang Surabaya, Cabang Medan"
    assert lines["Branches"].get("zh") == "Pusat、Cabang Surabaya、Cabang Medan"  # 顿号
    assert wizard.pages == PAGES and not wizard.is_last

    assert wizard.next() is Page.BRANCH
    assert wizard.branch_choices == BRANCHES
    assert wizard.state() == wiz.PageState(valid=False)  # nothing chosen for the user
    assert not wizard.can_go_next
    with pytest.raises(PageNotReady):
        wizard.next()
    with pytest.raises(ValueError):
        wizard.choose_branch("Cabang Bandung")

    wizard.choose_branch("Cabang Surabaya")
    assert wizard.valid and wizard.can_go_next
    assert wizard.next() is Page.NAME and wizard.is_last
    profile = wizard.finish()
    assert profile is not None and profile.branch == "Cabang Surabaya"
    saved = json.loads((store.path.parent / PROFILES_FILE).read_text(encoding="utf-8"))
    assert saved["profiles"][0]["branch"] == "Cabang Surabaya"
    assert store.get(profile.name).branch == "Cabang Surabaya"


def test_the_branches_are_read_from_the_companys_data_host(sb, wizard):
    connected(wizard, sb)
    listed = [r for r in sb.request_log() if r.path.endswith("branch/list.do")]
    assert [r.origin for r in listed] == [sb.accurate_host()]


def test_back_and_forth_keeps_the_choice_and_passes_the_branch_page(sb, wizard):
    connected(wizard, sb)
    wizard.next()
    wizard.choose_branch("Cabang Medan")
    wizard.next()
    assert wizard.back() is Page.BRANCH and wizard.branch == "Cabang Medan"
    assert wizard.back() is Page.TEST
    assert wizard.next() is Page.BRANCH and wizard.valid


def test_one_branch_skips_the_page_and_saves_no_default(sb, wizard):
    sb.set_branches(["Pusat"])
    connected(wizard, sb)
    assert wizard.connection.branches == ("Pusat",)
    assert Page.BRANCH not in wizard.pages
    assert wizard.next() is Page.NAME and wizard.is_last
    assert wizard.back() is Page.TEST
    wizard.next()
    profile = wizard.finish()
    assert profile is not None and profile.branch is None


def test_testing_again_after_the_branches_changed_asks_again(sb, wizard):
    connected(wizard, sb)
    wizard.next()
    wizard.choose_branch("Cabang Medan")
    wizard.back()
    sb.set_branches(["Pusat", "Cabang Bali"])
    assert wizard.run_test()
    assert wizard.next() is Page.BRANCH
    assert wizard.branch is None and not wizard.valid
    assert wizard.branch_choices == ("Pusat", "Cabang Bali")


def test_a_token_that_may_not_list_branches_still_connects_with_a_notice(sb, wizard):
    sb.withdraw_scope("branch/list.do")
    connected(wizard, sb)
    assert wizard.valid
    notice = wizard.state().notice
    assert "Settings › Default branch" in notice.en and "Pengaturan › Cabang utama" in notice.id
    assert "jurnal-desk" not in notice.en  # a window user is not sent to the command line
    assert wizard.next() is Page.NAME
    profile = wizard.finish()
    assert profile is not None and profile.branch is None


def test_sempoa_has_no_branch_page(sb, wizard):
    sempoa_credentials(wizard, sb)
    assert to_test_page(wizard)
    assert wizard.connection.branches == () and Page.BRANCH not in wizard.pages
    assert wizard.next() is Page.NAME
