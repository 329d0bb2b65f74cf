"""InputError says where: file, row and column, in that order."""

from mopskit import InputError


def test_message_names_file_row_and_column():
    error = InputError("seats must be a positive whole number", file="inv.csv", row=7, column="seats")
    assert str(error) == "inv.csv, row 7, column 'seats': seats must be a positive whole number"
    assert (error.file, error.row, error.column) == ("inv.csv", 7, "seats")


def test_message_without_location_is_just_the_reason():
    assert str(InputError("nothing to read")) == "nothing to read"


def test_is_a_value_error_so_generic_handlers_still_catch_it():
    assert isinstance(InputError("x"), ValueError)
