"""Pure functions that read typed values (dates, ages, pay, places, kinds) out of listing text."""
