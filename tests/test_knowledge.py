"""The content API: one loader, read-only results, clear errors."""

import pytest

from mopskit import InputError


from mopskit.content import knowledge
def test_every_content_file_loads():
    assert knowledge.names(), "the kit ships content files"
    for name in knowledge.names():
        assert knowledge.load(name) is not None, name


def test_loaded_content_is_read_only():
    name = knowledge.names()[0]
    data = knowledge.load(name)
    with pytest.raises(TypeError):
        data["new-key"] = "value"  # type: ignore[index]


def test_unknown_content_names_the_known_ones():
    with pytest.raises(InputError) as caught:
        knowledge.load("no-such-content")
    assert "no-such-content" in str(caught.value)
    assert knowledge.names()[0] in str(caught.value)
