"""The martech taxonomy and the modernization pairs, as the lessons read them."""

from mopskit.content import knowledge

# Chiefmartec 2022, as DOMAIN.md §4 counts it.
EXPECTED_SUBCATEGORY_COUNTS = {
    "Advertising & Promotion": 7,
    "Content & Experience": 10,
    "Social & Relationships": 10,
    "Commerce & Sales": 6,
    "Data": 9,
    "Management": 7,
}


def test_taxonomy_has_six_categories_in_landscape_order():
    names = [category.name for category in knowledge.taxonomy().categories]
    assert names == list(EXPECTED_SUBCATEGORY_COUNTS)


def test_each_category_has_the_documented_number_of_subcategories():
    counts = {c.name: len(c.subcategories) for c in knowledge.taxonomy().categories}
    assert counts == EXPECTED_SUBCATEGORY_COUNTS
    assert sum(counts.values()) == 49


def test_subcategory_names_are_unique_and_tidy():
    subcategories = knowledge.taxonomy().subcategories
    assert len({s.casefold() for s in subcategories}) == len(subcategories)
    for name in subcategories:
        assert name == name.strip() and name, repr(name)


def test_taxonomy_and_pairs_cite_known_sources():
    assert knowledge.source(knowledge.taxonomy().source).year == 2022
    assert knowledge.source(knowledge.modernization().source).seed == "003"


def test_modernization_pairs_are_the_four_in_the_martech_column():
    modernization = knowledge.modernization()
    pairs = {pair.established: pair.modernized for pair in modernization.pairs}
    assert pairs == {
        "Direct mail": "QR codes",
        "Phone calls": "SMS engagement",
        "Email": "Triggers and journeys",
        "Web": "Web with integrated live chat",
    }
    for pair in modernization.pairs:
        assert pair.why.endswith("."), pair
