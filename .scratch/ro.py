import os, sys, subprocess, tempfile
from pathlib import Path
sys.path.insert(0, os.getcwd()); sys.path.insert(0, os.getcwd()+"/tests")
base = Path(tempfile.mkdtemp(prefix="sl-ro-"))
home, ro = base / "home", base / "ro"
home.mkdir(); ro.mkdir()
os.environ["JURNAL_DESK_HOME"] = str(home)
from workbooks import write_workbook
from tests.cli_helpers import demo_profiles, journal_rows, ACCURATE
from app.profiles.store import Profile
from app.sandbox import Sandbox
from app.cli import main
book = write_workbook(base / "b.xlsx", journal_rows(5))
with Sandbox() as sb, demo_profiles(Profile(ACCURATE, "accurate", url=sb.account_url, sandbox=True)):
    main(["--lang", "en", "post", str(book), "--profile", ACCURATE])
    subprocess.run(["mount", "--bind", str(home), str(ro)], check=True)
    subprocess.run(["mount", "-o", "remount,ro,bind", str(ro)], check=True)
    os.environ["JURNAL_DESK_HOME"] = str(ro)
    try:
        for argv in (["check", "--profile", ACCURATE], ["post", str(book), "--profile", ACCURATE], ["history"]):
            try:
                print(argv[0], "->", main(["--lang", "en", *argv]))
            except BaseException as e:
                import traceback; traceback.print_exc()
    finally:
        subprocess.run(["umount", str(ro)])
