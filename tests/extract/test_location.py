"""Tests for ingest.extract.location: addresses, cities, states and ZIPs."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.location import STATE_CODES, Location, Places, find_zip, find_zip_near, parse_location, read_places

FUZZ = settings(database=None, deadline=None, max_examples=200)
PLACE_WORDS = st.lists(st.sampled_from([
    "1700 3rd Ave N", "Birmingham", "AL", "al", "Alabama", "35203", "35203-1234", "Southside", "Suite 200",
    "Remote", "USA", "Las Vegas", "NV", ",", ", ", "\n", "205-555-1234", "00000", "IN", "or", "Route 16",
]), max_size=10).map(" ".join)


@pytest.mark.parametrize(("text", "expected"), [
    ("1700 3rd Ave N, Birmingham, AL 35203", Location("1700 3rd Ave N", "Birmingham", "AL", "35203")),
    ("Southside, Birmingham, AL 35205", Location(None, "Birmingham", "AL", "35205")),
    ("Hoover, AL 35244", Location(None, "Hoover", "AL", "35244")),
    ("Hoover AL 35244", Location(None, "Hoover", "AL", "35244")),
    ("Birmingham, Alabama", Location(None, "Birmingham", "AL", None)),
    ("Birmingham, AL 35203-1234", Location(None, "Birmingham", "AL", "35203")),
    ("Birmingham, AL, 35203, USA", Location(None, "Birmingham", "AL", "35203")),
    ("Las Vegas, NV", Location(None, "Las Vegas", "NV", None)),
    ("St. Louis, Missouri, United States", Location(None, "St. Louis", "MO", None)),
    ("Mountain Brook,al", Location(None, "Mountain Brook", "AL", None)),
    ("UAB Hospital, 1802 6th Ave S, Birmingham, AL 35233", Location("1802 6th Ave S", "Birmingham", "AL", "35233")),
    ("1700 3rd Ave N, Suite 200\nBirmingham, AL 35203",
     Location("1700 3rd Ave N, Suite 200", "Birmingham", "AL", "35203")),
    ("1700 3rd Ave N", Location("1700 3rd Ave N", None, None, None)),
    ("Birmingham", Location(None, "Birmingham", None, None)),
    ("Alabama", Location(None, None, "AL", None)),
    ("Remote", Location()),
    ("Virtual", Location()),
    ("Multiple locations", Location()),
    ("Route 16", Location()),
    ("", Location()),
])
def test_parse_location(text: str, expected: Location) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Birmingham, AL 35203", "35203"),
    ("Birmingham, Alabama 35203", "35203"),
    ("Birmingham AL 35203-1234", "35203"),
    ("Call 205-555-1234 or visit 1700 3rd Ave N, Birmingham, AL 35203. Thanks!", "35203"),
    ("35203", "35203"),
    ("ZIP: 35205.", "35205"),
    ("Visit 12345 Main St", None),  # a street number
    ("Phone 205-555-12345", None),
    ("Birmingham, AL", None),
    ("Zip 00000", None),
    ("", None),
])
def test_find_zip(text: str, expected: str | None) -> None:
    assert find_zip(text) == expected


@FUZZ
@given(st.text() | PLACE_WORDS)
def test_parse_location_values_are_well_formed(text: str) -> None:
    place = parse_location(text)
    assert place.state is None or place.state in STATE_CODES
    assert place.zip is None or (len(place.zip) == 5 and place.zip.isdigit())
    assert place.city is None or not any(c.isdigit() for c in place.city)
    zip_code = find_zip(text)
    assert zip_code is None or (len(zip_code) == 5 and zip_code.isdigit())


@FUZZ
@given(st.sampled_from(["Birmingham", "Hoover", "Mountain Brook", "Vestavia Hills", "Bessemer"]),
       st.integers(1, 99999), st.integers(35000, 36999))
def test_written_addresses_are_read_back(city: str, number: int, zip_number: int) -> None:
    text = f"{number} Main St, {city}, AL {zip_number}"
    assert parse_location(text) == Location(f"{number} Main St", city, "AL", str(zip_number))
    assert find_zip(text) == str(zip_number)


# Districts, countries, regions and counties; places outside the US keep their city.
@pytest.mark.parametrize(("text", "expected"), [
    ("Washington, D.C.", Location(None, "Washington", "DC", None)),
    ("Washington DC", Location(None, "Washington", "DC", None)),
    ("Washington DC, District of Columbia", Location(None, "Washington", "DC", None)),
    ("District of Columbia, District of Columbia", Location(None, "Washington", "DC", None)),
    ("United States", Location()),
    ("USA", Location()),
    ("Ireland", Location()),
    ("Canada", Location()),
    ("Île-de-France", Location()),
    ("Americas", Location()),
    ("Global", Location()),
    ("Dublin, Ireland", Location(None, "Dublin", None, None)),
    ("Toronto, Ontario, Canada", Location(None, "Toronto", None, None)),
    ("London, England, United Kingdom", Location(None, "London", None, None)),
    ("Vancouver, BC, Canada", Location(None, "Vancouver", None, None)),
    ("Singapore", Location(None, "Singapore", None, None)),
    ("San Juan, Puerto Rico", Location(None, "San Juan", "PR", None)),
    ("Adams County, Pennsylvania", Location(None, None, "PA", None)),
    ("Orange County, CA", Location(None, None, "CA", None)),
    ("SF and San Diego, CA", Location(None, None, "CA", None)),
])
def test_parse_location_places_as_a_class(text: str, expected: Location) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(("text", "first", "remote"), [
    ("Birmingham, AL; Huntsville, AL; Remote", Location(None, "Birmingham", "AL", None), True),
    ("New York, NY or Washington, DC", Location(None, "New York", "NY", None), False),
    ("Atlanta, GA (Remote)", Location(None, "Atlanta", "GA", None), True),
    ("Remote - Alabama", Location(None, None, "AL", None), True),
    ("Remote, USA", Location(), True),
    ("Remote-India (PEO)", Location(), True),
    ("Portland, OR", Location(None, "Portland", "OR", None), False),
    ("Chicago, IL | Austin, TX", Location(None, "Chicago", "IL", None), False),
])
def test_read_places_gives_the_first_place_and_remote(text: str, first: Location, remote: bool) -> None:
    assert read_places(text) == Places(first, remote)


@pytest.mark.parametrize(("text", "city", "state", "expected"), [
    ("Location: 4500 Industrial Pkwy, Bessemer, AL 35022.", "Bessemer", "AL", "35022"),
    ("Report to 100 Main St, Bessemer, Alabama 35020-1234", "Bessemer", "AL", "35020"),
    ("Mail applications to PO Box 1, Montgomery, AL 36104.", "Bessemer", "AL", None),  # another city's ZIP
    ("Bessemer, AL", "Bessemer", "AL", None),
])
def test_find_zip_near_reads_the_listing_city_zip_from_the_description(
        text: str, city: str, state: str, expected: str | None) -> None:
    assert find_zip_near(text, city, state) == expected
