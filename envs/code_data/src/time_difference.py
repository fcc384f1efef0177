import random

TITLE = "Time Until the Next Alarm"
DIFFICULTY = "easy"
TAGS = ["parsing", "math"]
KIND = "stdio"
STATEMENT = """
For each pair of clock times `now` and `alarm` (24-hour `HH:MM:SS`), print how long it is from `now` until
the alarm next rings. If the times are equal the alarm rings a full day later (`24:00:00`).

**Input:** the first line holds `t` (1 <= t <= 1000); each of the next `t` lines holds `now alarm`, each time
with `00 <= HH <= 23`, `00 <= MM, SS <= 59`.

**Output:** for each pair, the waiting time as `HH:MM:SS` with two digits per field.
"""
EXAMPLES = [("2\n23:00:00 01:30:15\n12:00:00 12:00:00\n", "02:30:15\n24:00:00\n")]
REFERENCE = r"""
import sys

def seconds(text):
    h, m, s = map(int, text.split(":"))
    return h * 3600 + m * 60 + s

data = sys.stdin.read().split()
out = []
for i in range(int(data[0])):
    wait = (seconds(data[2 + 2 * i]) - seconds(data[1 + 2 * i])) % 86400 or 86400
    out.append(f"{wait // 3600:02d}:{wait // 60 % 60:02d}:{wait % 60:02d}")
print("\n".join(out))
"""
ORACLE = r"""
import datetime

for _ in range(int(input())):
    now, alarm = input().split()
    a = datetime.datetime.strptime("2000-01-01 " + now, "%Y-%m-%d %H:%M:%S")
    b = datetime.datetime.strptime("2000-01-01 " + alarm, "%Y-%m-%d %H:%M:%S")
    if b <= a:
        b += datetime.timedelta(days=1)
    total = int((b - a).total_seconds())
    h, rest = divmod(total, 3600)
    print("%02d:%02d:%02d" % (h, rest // 60, rest % 60))
"""
MUTANTS = [("% 86400 or 86400", "% 86400"), ("{wait // 60 % 60:02d}", "{wait // 60:02d}")]


def inputs() -> list[str]:
    rng = random.Random(277)

    def clock() -> str:
        return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"

    return [
        "1\n00:00:00 00:00:00\n",
        "1\n00:00:00 00:00:01\n",
        "1\n00:00:01 00:00:00\n",
        "1\n23:59:59 00:00:00\n",
        "1\n10:20:30 10:20:29\n",
        "1000\n" + "\n".join(f"{clock()} {clock()}" for _ in range(1000)) + "\n",
        "2\n05:00:00 17:00:00\n17:00:00 05:00:00\n",
        "1\n00:59:59 01:00:00\n",
        "1\n12:34:56 12:34:56\n",
    ]
