import os, sys, subprocess, tempfile
from pathlib import Path
sys.path.insert(0, os.getcwd()); sys.path.insert(0, os.getcwd()+"/tests")
mnt = Path(tempfile.mkdtemp(prefix="sl-disk-"))
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={sys.argv[1]}", "tmpfs", str(mnt)], check=True)
try:
    os.environ["JURNAL_DESK_HOME"] = str(mnt / "home")
    from workbooks import write_workbook
    from tests.cli_helpers import demo_profiles, journal_rows, ACCURATE
    from app.profiles.store import Profile
    from app.sandbox import Sandbox
    from app.cli import main
    book = write_workbook(Path(tempfile.mkdtemp()) / "b.xlsx", journal_rows(int(sys.argv[2])))
    with Sandbox() as sb, demo_profiles(Profile(ACCURATE, "accurate", url=sb.account_url, sandbox=True)):
        free = os.statvfs(mnt).f_bavail * os.statvfs(mnt).f_frsize
        keep = int(sys.argv[3]) * 1024
        with open(mnt / "filler", "wb") as f:
            f.write(b"\0" * (free - keep))
        print("free now", os.statvfs(mnt).f_bavail * os.statvfs(mnt).f_frsize)
        try:
            code = main(["--lang", "en", "post", str(book), "--profile", ACCURATE])
        except BaseException as e:
            import traceback; traceback.print_exc(); code = "EXC"
        print("code", code, "vouchers", len(sb.vouchers()))
        os.system(f"ls -la {mnt}/home")
        (mnt / "filler").unlink()
        code = main(["--lang", "en", "post", str(book), "--profile", ACCURATE])
        nums = [v["number"] for v in sb.vouchers()]
        print("code2", code, "vouchers", len(nums), "distinct", len(set(nums)))
finally:
    subprocess.run(["umount", str(mnt)])
