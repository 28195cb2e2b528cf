import pytest

from jixiao.testing import system

MISSING_PROGRAM = "jixiao-no-such-program"


@pytest.fixture
def system_optional(monkeypatch):
    monkeypatch.delenv(system.REQUIRE_SYSTEM_VARIABLE, raising=False)


@pytest.fixture
def system_required(monkeypatch):
    monkeypatch.setenv(system.REQUIRE_SYSTEM_VARIABLE, "1")


@pytest.fixture
def fonts(monkeypatch):
    monkeypatch.setattr(system, "font_families", lambda: "Noto Serif CJK SC\nAR PL UKai CN\n")


def test_it_returns_the_path_of_an_installed_binary(monkeypatch, system_required):
    monkeypatch.setattr(system.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert system.require_binary("pdftotext", "poppler-utils") == "/usr/bin/pdftotext"


def test_it_skips_naming_the_package_when_a_binary_is_missing(system_optional):
    with pytest.raises(pytest.skip.Exception, match="needs Debian package no-such-package"):
        system.require_binary(MISSING_PROGRAM, "no-such-package")


def test_it_fails_naming_the_package_when_a_binary_is_missing_and_system_is_required(
    system_required,
):
    with pytest.raises(pytest.fail.Exception, match="needs Debian package no-such-package"):
        system.require_binary(MISSING_PROGRAM, "no-such-package")


@pytest.mark.parametrize("value", ["", "0", "true", "yes"])
def test_it_skips_when_the_variable_is_anything_but_1(monkeypatch, value):
    monkeypatch.setenv(system.REQUIRE_SYSTEM_VARIABLE, value)
    with pytest.raises(pytest.skip.Exception):
        system.require_binary(MISSING_PROGRAM, "no-such-package")


def test_it_accepts_an_installed_font_family(system_required, fonts):
    assert system.require_font("Noto Serif CJK SC", "fonts-noto-cjk") is None


def test_it_ignores_case_in_font_families(system_required, fonts):
    assert system.require_font("ar pl ukai", "fonts-arphic-ukai") is None


def test_it_skips_naming_the_package_when_a_font_is_missing(system_optional, fonts):
    with pytest.raises(pytest.skip.Exception, match="needs Debian package fonts-wqy-zenhei"):
        system.require_font("WenQuanYi Zen Hei", "fonts-wqy-zenhei")


def test_it_fails_naming_the_package_when_a_font_is_missing_and_system_is_required(
    system_required, fonts
):
    with pytest.raises(pytest.fail.Exception, match="needs Debian package fonts-wqy-zenhei"):
        system.require_font("WenQuanYi Zen Hei", "fonts-wqy-zenhei")


def test_it_reads_no_fonts_without_fontconfig(monkeypatch):
    monkeypatch.setattr(system.shutil, "which", lambda name: None)
    assert system.font_families() == ""


def test_it_finds_chromium_through_require_binary(monkeypatch, system_required):
    looked_up = []

    def which(name):
        looked_up.append(name)
        return "/usr/bin/chromium"

    monkeypatch.setattr(system.shutil, "which", which)
    assert system.chromium_path() == "/usr/bin/chromium"
    assert looked_up == ["chromium"]


def test_it_skips_naming_the_chromium_package_when_chromium_is_missing(
    monkeypatch, system_optional
):
    monkeypatch.setattr(system.shutil, "which", lambda name: None)
    with pytest.raises(pytest.skip.Exception, match="needs Debian package chromium"):
        system.chromium_path()


def test_it_launches_chromium_offline_and_without_a_sandbox():
    assert system.CHROMIUM_ARGS == [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ]


@pytest.mark.system
@pytest.mark.parametrize(
    ("program", "package"),
    [
        ("pdftotext", "poppler-utils"),
        ("soffice", "libreoffice-writer-nogui"),
        ("chromium", "chromium"),
    ],
)
def test_it_finds_the_programs_the_suite_uses(program, package):
    assert system.require_binary(program, package).endswith(f"/{program}")


@pytest.mark.system
@pytest.mark.parametrize(
    ("family", "package"),
    [("Noto Sans CJK SC", "fonts-noto-cjk"), ("AR PL UKai", "fonts-arphic-ukai")],
)
def test_it_finds_the_fonts_the_suite_uses(family, package):
    assert system.require_font(family, package) is None
