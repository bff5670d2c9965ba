"""Settings: the environment over instance/settings.env (or the file UPR_SETTINGS names), each value checked, and
every refusal one line that names the setting and where it was set."""
from pathlib import Path

import pytest

from config import ConfigError, from_environment

NAMES = ["UPR_ENV", "SECRET_KEY", "DATABASE_URL", "HTMX_URL", "HTMX_INTEGRITY", "TOOLBAR_URL",
         "TOOLBAR_INTEGRITY", "DEFAULT_LANGUAGE", "TIMEZONE",
         "RATELIMIT_STORAGE_URI", "LOGIN_RATE_LIMIT", "LOGIN_ACCOUNT_RATE_LIMIT", "HISTORY_PAGE_SIZE",
         "IDLE_TIMEOUT_MINUTES", "SESSION_MAX_HOURS", "INVITATION_DAYS", "RESET_LINK_HOURS", "SMTP_HOST", "SMTP_PORT",
         "SMTP_SECURITY", "SMTP_USER", "SMTP_PASSWORD", "MAIL_FROM", "PROXY_COUNT", "PUBLIC_URL", "TRUSTED_HOSTS",
         "EXPORT_TIMEOUT", "EXPORT_MEMORY_MB", "IMAGE_MAX_MB", "SIGN_IN_NAME", "UPR_SETTINGS"]


@pytest.fixture
def instance(tmp_path, monkeypatch):
    """An instance folder, in an environment that sets none of the app's settings."""
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "instance"
    folder.mkdir()
    return folder


def test_the_instance_folders_file_is_read(instance):
    (instance / "settings.env").write_text(
        "# a comment line\n"
        "UPR_ENV=production\n"
        "SECRET_KEY=from the file  # a comment after a space\n"
        "PUBLIC_URL='https://upr.example.org'\n"
        'MAIL_FROM="coalition #1 <upr@example.org>"\n'
        "SMTP_PASSWORD=pa$$word${HOME}\\n\n"
        "PROXY_COUNT=1\n"
        "SIGN_IN_NAME=Коалиция НПО\n"
        "SMTP_HOST\n")  # a name without a value sets nothing
    settings = from_environment(str(instance))
    assert settings["PRODUCTION"] is True and settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SECRET_KEY"] == "from the file"
    assert settings["PUBLIC_URL"] == "https://upr.example.org"
    assert settings["MAIL_FROM"] == "coalition #1 <upr@example.org>"
    assert settings["SMTP_PASSWORD"] == "pa$$word${HOME}\\n"  # as written: nothing expanded
    assert settings["PROXY_COUNT"] == 1 and settings["SIGN_IN_NAME"] == "Коалиция НПО"
    assert "SMTP_HOST" not in settings


def test_the_environment_wins_over_the_file(instance, monkeypatch):
    (instance / "settings.env").write_text("UPR_ENV=production\nSECRET_KEY=from the file\nPROXY_COUNT=2\n"
                                           "PUBLIC_URL=https://upr.example.org\n")
    monkeypatch.setenv("SECRET_KEY", "from the environment")
    monkeypatch.setenv("PROXY_COUNT", "0")
    settings = from_environment(str(instance))
    assert settings["SECRET_KEY"] == "from the environment" and settings["PROXY_COUNT"] == 0


def test_upr_settings_names_another_file(instance, tmp_path, monkeypatch):
    (instance / "settings.env").write_text("UPR_ENV=production\n")
    elsewhere = tmp_path / "upr.env"
    elsewhere.write_text("UPR_ENV=development\n")
    monkeypatch.setenv("UPR_SETTINGS", str(elsewhere))
    assert from_environment(str(instance))["PRODUCTION"] is False
    monkeypatch.setenv("UPR_SETTINGS", str(tmp_path / "typo.env"))
    with pytest.raises(ConfigError, match=f"^UPR_SETTINGS names {tmp_path}/typo.env, which does not exist.$"):
        from_environment(str(instance))


def test_a_trial_copy_keeps_a_generated_key(instance):
    (instance / "settings.env").write_text("UPR_ENV=development\n")
    first = from_environment(str(instance))
    assert first["PRODUCTION"] is False and first["SESSION_COOKIE_SECURE"] is False
    assert len(first["SECRET_KEY"]) == 64 and from_environment(str(instance))["SECRET_KEY"] == first["SECRET_KEY"]


@pytest.mark.parametrize("text", ["", "UPR_ENV=production\n", "SECRET_KEY=\n"])
def test_production_without_a_key_says_where_to_put_one(instance, text):
    (instance / "settings.env").write_text(text)
    with pytest.raises(ConfigError) as refused:
        from_environment(str(instance))
    message = str(refused.value)
    assert message.startswith("SECRET_KEY is not set and UPR_ENV is production.") and "\n" not in message
    assert f"put SECRET_KEY=… in {instance}/settings.env (deploy/settings.env.example shows how)" in message
    assert "UPR_ENV=development" in message
    assert not (instance / "secret_key").exists()


def test_production_needs_the_public_address_and_answers_only_to_its_host(instance):
    (instance / "settings.env").write_text("UPR_ENV=production\nSECRET_KEY=k\n")
    with pytest.raises(ConfigError) as refused:
        from_environment(str(instance))
    assert str(refused.value).startswith("PUBLIC_URL is not set and UPR_ENV is production.")
    assert "\n" not in str(refused.value)
    with (instance / "settings.env").open("a") as file:
        file.write("PUBLIC_URL=https://upr.example.org:8443/\n")
    settings = from_environment(str(instance))
    assert settings["PUBLIC_URL"] == "https://upr.example.org:8443"
    assert settings["TRUSTED_HOSTS"] == ["upr.example.org"]
    with (instance / "settings.env").open("a") as file:
        file.write("TRUSTED_HOSTS=upr.example.org, www.upr.example.org\n")
    assert from_environment(str(instance))["TRUSTED_HOSTS"] == ["upr.example.org", "www.upr.example.org"]


def test_a_trial_copy_links_to_this_computer_and_answers_any_host(instance):
    (instance / "settings.env").write_text("UPR_ENV=development\n")
    settings = from_environment(str(instance))
    assert settings["PUBLIC_URL"] == "http://127.0.0.1:5000" and settings["TRUSTED_HOSTS"] is None


@pytest.mark.parametrize("line, message", [
    ("PUBLIC_URL=upr.example.org", "PUBLIC_URL in {file} must be an address such as https://upr.example.org, "
                                   "not 'upr.example.org'."),
    ("PROXY_COUNT=abc", "PROXY_COUNT in {file} must be a whole number from 0 up, not 'abc'."),
    ("PROXY_COUNT=-1", "PROXY_COUNT in {file} must be a whole number from 0 up, not '-1'."),
    ("SMTP_PORT=x", "SMTP_PORT in {file} must be a whole number from 1 to 65535, not 'x'."),
    ("SMTP_PORT=70000", "SMTP_PORT in {file} must be a whole number from 1 to 65535, not '70000'."),
    ("HISTORY_PAGE_SIZE=0", "HISTORY_PAGE_SIZE in {file} must be a whole number from 1 up, not '0'."),
    ("SESSION_MAX_HOURS=0", "SESSION_MAX_HOURS in {file} must be a whole number from 1 up, not '0'."),
    ("IMAGE_MAX_MB=0", "IMAGE_MAX_MB in {file} must be a whole number from 1 up, not '0'."),
    ("UPR_ENV=prod", "UPR_ENV in {file} must be production or development, not 'prod'."),
    ("DEFAULT_LANGUAGE=fr", "DEFAULT_LANGUAGE in {file} must be one of kk, ru, en, not 'fr'."),
    ("TIMEZONE=Almaty", "TIMEZONE in {file} must be a time zone such as Asia/Almaty, not 'Almaty'."),
    ("LOGIN_RATE_LIMIT=lots", "LOGIN_RATE_LIMIT in {file} must be a limit such as 10 per minute, not 'lots'."),
    ("SMTP_SECURITY=tls", "SMTP_SECURITY in {file} must be starttls, ssl or none, not 'tls'."),
    ("DATABASE_URL=mysql://upr:secret@db/upr", "DATABASE_URL in {file} must start with sqlite:/// or postgresql://."),
])
def test_a_wrong_value_is_refused_by_name(instance, line, message):
    (instance / "settings.env").write_text(f"UPR_ENV=development\n{line}\n")
    with pytest.raises(ConfigError) as refused:
        from_environment(str(instance))
    assert str(refused.value) == message.format(file=instance / "settings.env")


def test_a_wrong_value_in_the_environment_says_so(instance, monkeypatch):
    monkeypatch.setenv("UPR_ENV", "development")
    monkeypatch.setenv("SMTP_PORT", "x")
    with pytest.raises(ConfigError, match="^SMTP_PORT in the environment must be"):
        from_environment(str(instance))


def test_the_example_for_a_server_names_every_setting_and_only_lacks_a_key(instance, monkeypatch):
    example = Path(__file__).resolve().parents[2] / "deploy" / "settings.env.example"
    text = example.read_text()
    for name in NAMES[:-1]:
        assert f"\n{name}=" in text or f"\n# {name}=" in text, name
    monkeypatch.setenv("UPR_SETTINGS", str(example))
    with pytest.raises(ConfigError, match="^SECRET_KEY is not set"):
        from_environment(str(instance))
    monkeypatch.setenv("SECRET_KEY", "generated")
    settings = from_environment(str(instance))
    assert settings["PRODUCTION"] is True and settings["PROXY_COUNT"] == 1
    assert settings["DATABASE_URL"].startswith("postgresql://") and settings["PUBLIC_URL"].startswith("https://")


@pytest.mark.parametrize("script", ["HTMX", "TOOLBAR"])
def test_a_self_hosted_script_may_come_without_its_hash(instance, script):
    (instance / "settings.env").write_text(f"UPR_ENV=development\n{script}_URL=/static/{script.lower()}.js\n")
    settings = from_environment(str(instance))
    assert settings[f"{script}_URL"] == f"/static/{script.lower()}.js" and settings[f"{script}_INTEGRITY"] == ""


def test_the_pinned_scripts_are_the_default(instance):
    (instance / "settings.env").write_text("UPR_ENV=development\n")
    assert "TOOLBAR_URL" not in from_environment(str(instance))  # DEFAULTS' pinned CDN file stays
