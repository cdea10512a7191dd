"""School grades and ages: the age a student in a grade has, under Alabama's school-entry cut-off.

Alabama children start kindergarten in the school year in which they turn 5 on or before
September 1 (Code of Alabama §16-28-4; a child must be 6 by then for first grade). A
student who started on time is therefore, during grade G (kindergarten is 0):

- G + 5 on September 1, when the school year starts: the youngest turned 5 on
  September 1 of their kindergarten year, the oldest turns G + 6 the next day;
- G + 6 once their birthday has passed, by the end of the school year in late May for
  all but those born in June to September 1, so most of the year a grade holds two ages.

So a student in grade G is 'usually G + 5 or G + 6': grade 9 is 14–15, grade 11 is 16–17,
grade 12 is 17–18. A listing that states ages only (say 'Ages 16+' or '14–18') is shown
for grade G when its age range holds one of those ages, and the page says why. Students
held back or moved ahead are older or younger, which is why the words are 'usually' and
the listing's own wording is shown beside them.
"""
from __future__ import annotations

ENTRY_CUTOFF = "September 1"  # turn 5 on or before this day to start kindergarten
KINDERGARTEN_AGE = 5


def usual_ages(grade: int) -> tuple[int, int]:
    """Return the youngest and oldest usual age of a student in ``grade`` during the school year."""
    return grade + KINDERGARTEN_AGE, grade + KINDERGARTEN_AGE + 1


def ages_admit_grade(min_age: int | None, max_age: int | None, grade: int) -> bool:
    """Say whether a stated age range holds an age a student in ``grade`` usually has."""
    low, high = usual_ages(grade)
    return (min_age is None or min_age <= high) and (max_age is None or max_age >= low)
