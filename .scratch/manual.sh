set -x
export JURNAL_DESK_HOME=$(mktemp -d)
PY=/work/main/.venv/bin/python
cd /work/wt/storage-limiter
export PYTHONPATH=$PWD
$PY -c "
from app.posting.outbox import Outbox
from tests.posting_helpers import entries
import os
o = Outbox(os.environ['JURNAL_DESK_HOME'] + '/outbox.sqlite3')
for i in range(30): o.create_batch('PT \x1b[2J\x1b]0;pwned\x07A', 'accurate', entries(5), source_file='/x/a\x1b[31mred.xlsx')
"
$PY -m app history --json | head -3; echo "rc=${PIPESTATUS[0]}"
$PY -m app history | head -2; echo "rc=${PIPESTATUS[0]}"
$PY -m app history | cat -v | tail -1
sqlite3 $JURNAL_DESK_HOME/outbox.sqlite3 "PRAGMA user_version=99" 2>/dev/null || $PY -c "import sqlite3,os; c=sqlite3.connect(os.environ['JURNAL_DESK_HOME']+'/outbox.sqlite3'); c.execute('PRAGMA user_version=99'); c.commit()"
$PY -m app --lang en history; echo "rc=$?"
$PY -c "import sqlite3,os; c=sqlite3.connect(os.environ['JURNAL_DESK_HOME']+'/outbox.sqlite3'); c.execute('PRAGMA user_version=3'); c.execute(\"update entries set status='parked' where id=3\"); c.commit()"
$PY -m app --lang en history; echo "rc=$?"
ls -la $JURNAL_DESK_HOME $JURNAL_DESK_HOME/logs
