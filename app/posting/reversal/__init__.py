"""Taking a posted batch back: reversing entries, or deleting what it posted (and only that)."""
