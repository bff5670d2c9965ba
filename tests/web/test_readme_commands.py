"""Every `.venv/bin/flask` line of the README, run as the README writes it from a new shell (bash, an environment
of PATH, HOME and LANG only) in a fresh copy of the checkout: it works, or it says in one line what is wrong,
never with a traceback. The copy has no instance/ folder, as after a clone; the checkout's own is never touched."""
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a trial copy's long password"
# The README's restore line names a backup by an example date: the one its backup line made today.
BACKUP = "upr-$(date +%F).backup"
NOT_COPIED = (".git", ".venv", "vendor", "instance", "tests", "bench", "docs", "__pycache__", ".pytest_cache",
              "test-results")


def readme_commands() -> list[str]:
    """The README's flask command lines, continuations joined, in the README's order."""
    text = (ROOT / "README.md").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith(".venv/bin/flask ")]
    lines = [re.sub(r"upr-\d{4}-\d{2}-\d{2}\.backup", BACKUP, line) for line in lines]
    assert lines and not any("…" in line for line in lines), "a placeholder this test does not fill in"
    return lines


def subcommand(line: str) -> str:
    return line.split("--app app ")[1].split()[0]


COMMANDS = readme_commands()
EXPORT = next(line for line in COMMANDS if subcommand(line) == "export")


# What a person types at the prompts: a new password twice, yes to "Is the app stopped?".
ANSWERS = {"create-user": f"{PASSWORD}\n{PASSWORD}\n", "set-password": f"{PASSWORD}\n{PASSWORD}\n", "restore": "y\n"}


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of the checkout as a clone has it (no instance/), with the same virtualenv."""
    copy = tmp_path / "upr-editor"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
    (copy / ".venv").symlink_to((ROOT / ".venv").resolve())
    (tmp_path / "home").mkdir()
    return copy


def run(copy: Path, line: str, timeout: int = 120) -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(copy.parent / "home"), "LANG": "C.UTF-8"}
    answers = ANSWERS.get(subcommand(line), "") if "--app app " in line else ""
    return subprocess.run(["bash", "-c", line], cwd=copy, env=environment, input=answers, capture_output=True,
                          text=True, timeout=timeout)


def run_all(copy: Path, lines: list[str]) -> list[subprocess.CompletedProcess]:
    """Lines that change nothing, side by side (each is a Python start-up of a second or two)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda line: run(copy, line), lines))


def told(result) -> str:
    return f"exit {result.returncode}\nstdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-3000:]}"


# Without a terminal, Python's getpass asks for a password on stderr, after two warnings.
GETPASS = re.compile(r"GetPassWarning|passwd = fallback_getpass|Warning: Password input may be echoed|"
                     r"(Password|Repeat for confirmation): $")


def one_clear_line(result) -> str:
    """The one line on stderr of a command that failed, besides the prompts for a password."""
    lines = [line for line in result.stderr.splitlines() if not GETPASS.search(line)]
    assert result.returncode == 1 and len(lines) == 1 and lines[0].startswith("Error: "), told(result)
    return lines[0]


def works_or_one_line(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr, told(result)
    if result.returncode != 0:
        one_clear_line(result)


def lists_the_commands(result) -> None:
    assert result.returncode == 0 and "Traceback" not in result.stderr, told(result)
    listed = re.findall(r"^  ([a-z-]+)\s", result.stdout, re.MULTILINE)
    assert {"init-db", "create-user", "seed-demo", "export", "backup", "restore"} <= set(listed), result.stdout


def helps() -> list[str]:
    return [".venv/bin/flask --app app --help"] + [
        f".venv/bin/flask --app app {name} --help" for name in dict.fromkeys(map(subcommand, COMMANDS))]


def shows_help(result) -> None:
    assert result.returncode == 0 and result.stdout.startswith("Usage: ") and not result.stderr, told(result)


def test_without_settings_every_command_says_what_to_set(checkout):
    results = run_all(checkout, COMMANDS + helps() + [".venv/bin/flask --app app run --port 1"])
    for result in results[:len(COMMANDS)] + results[-1:]:  # flask run too: serving, it would not have returned
        line = one_clear_line(result)
        assert "SECRET_KEY is not set" in line and f"{checkout}/instance/settings.env" in line
        assert "deploy/settings.env.example" in line and "UPR_ENV=development" in line
        assert not result.stdout  # refused before any prompt
    lists_the_commands(results[len(COMMANDS)])
    for result in results[len(COMMANDS) + 1:-1]:
        shows_help(result)


def test_on_a_trial_copy_every_command_works(checkout):
    for line in ["make --silent instance/settings.env", ".venv/bin/flask --app app init-db",
                 ".venv/bin/flask --app app seed-demo"]:
        result = run(checkout, line)
        assert result.returncode == 0, told(result)
    # In order (the restore line restores what the backup line made; create-user's group is the demo's), and the
    # export line for Word too.
    for line in COMMANDS + [EXPORT.replace("pdf", "docx")]:
        result = run(checkout, line)
        assert result.returncode == 0 and "Traceback" not in result.stderr, f"{line}\n{told(result)}"
    assert (checkout / "report.pdf").read_bytes().startswith(b"%PDF")
    assert (checkout / "report.docx").read_bytes().startswith(b"PK")
    results = run_all(checkout, helps())
    lists_the_commands(results[0])
    for result in results[1:]:
        shows_help(result)


def test_on_a_trial_copy_before_init_db_each_command_works_or_says_why(checkout):
    assert run(checkout, "make --silent instance/settings.env").returncode == 0
    first = run(checkout, EXPORT)  # on a database without tables
    assert one_clear_line(first) == ("Error: The database has no tables yet: "
                                     "run .venv/bin/flask --app app init-db first.")
    for line in COMMANDS:  # create-user makes the tables, but there is no group and no report yet
        works_or_one_line(run(checkout, line))


def test_a_database_that_cannot_be_reached_is_one_line_without_its_password(checkout):
    (checkout / "instance").mkdir()
    (checkout / "instance" / "settings.env").write_text(
        "UPR_ENV=development\nDATABASE_URL=postgresql://upr:do-not-show@127.0.0.1:1/upr\n")
    run(checkout, f"touch {BACKUP}")  # the file the restore line names, which the backup line could not make
    for result in run_all(checkout, [".venv/bin/flask --app app init-db", *COMMANDS]):
        line = one_clear_line(result)
        assert "do-not-show" not in result.stdout + result.stderr
        assert "127.0.0.1" in line or "pg_restore" in line, line


def test_a_wrong_setting_is_one_line_naming_it(checkout):
    (checkout / "instance").mkdir()
    (checkout / "instance" / "settings.env").write_text("UPR_ENV=development\nPROXY_COUNT=abc\n")
    line = one_clear_line(run(checkout, ".venv/bin/flask --app app init-db"))
    assert line == (f"Error: PROXY_COUNT in {checkout}/instance/settings.env must be a whole number from 0 up, "
                    "not 'abc'.")


def test_gunicorn_without_settings_logs_one_line_and_stops(checkout):
    # One worker: when several fail to boot at once, gunicorn 27 itself may trip over the second while halting.
    result = run(checkout, ".venv/bin/gunicorn --workers 1 --bind 127.0.0.1:0 'app:create_app()'", timeout=60)
    assert result.returncode == 3 and "Traceback" not in result.stderr, told(result)
    errors = [line.split("[ERROR] ", 1)[1] for line in result.stderr.splitlines() if "[ERROR] " in line]
    assert errors[0] == ("SECRET_KEY is not set and UPR_ENV is production. On a server, put SECRET_KEY=… in "
                         f"{checkout}/instance/settings.env (deploy/settings.env.example shows how); to try the app "
                         "on this computer, run make run, or put UPR_ENV=development there."), told(result)
    assert re.fullmatch(r"Worker \(pid:\d+\) exited with code 3\.", errors[1])
    assert errors[2:] == ["Shutting down: Master", "Reason: Worker failed to boot."]


def test_make_run_writes_a_trial_settings_file_once(checkout):
    result = run(checkout, "make instance/settings.env")
    settings = checkout / "instance" / "settings.env"
    assert result.returncode == 0 and "UPR_ENV=development" in result.stdout, told(result)
    lines = settings.read_text().splitlines()
    assert lines[-1] == "UPR_ENV=development"
    assert all(line.startswith("# ") for line in lines[:-1]) and "deploy/settings.env.example" in lines[1]
    settings.write_text("UPR_ENV=development\nSECRET_KEY=kept\n")
    assert run(checkout, "make instance/settings.env").returncode == 0
    assert settings.read_text() == "UPR_ENV=development\nSECRET_KEY=kept\n"


@pytest.mark.parametrize("line, port", [("make -n run", "5000"), ("make -n run PORT=8080", "8080")])
def test_make_run_serves_on_the_port_given(checkout, line, port):
    result = run(checkout, line)
    assert f"flask run --host 127.0.0.1 --port {port}" in result.stdout, told(result)
    assert f"Serving http://127.0.0.1:{port}" in result.stdout


def test_a_dotenv_file_that_flask_reads_is_announced(checkout):
    (checkout / ".env").write_text("UPR_ENV=development\n")  # someone else's; Flask loads it into the environment
    result = run(checkout, ".venv/bin/flask --app app init-db")
    assert result.returncode == 0, told(result)
    assert result.stderr == f"Note: flask read {checkout}/.env into the environment, over instance/settings.env.\n"
