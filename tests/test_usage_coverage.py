"""What a log covers, whole, and the [since, as_of] window of the sign-in counts."""

from __future__ import annotations

from datetime import date

import pytest

from mopskit import InputError
from mopskit.stack import LogCoverage, Usage, read_usage


def test_coverage_spans_every_event_not_cut_by_as_of(usage_as_of, usage_corpus):
    usage = read_usage(usage_corpus / "okta-lines.jsonl", as_of=usage_as_of)
    assert usage.coverage == LogCoverage(
        first_day=date(2026, 9, 1),  # 00:30 +02:00 on 2 September is 1 September in UTC
        last_day=date(2026, 11, 3),  # after as_of, still in the log
        events=11,
        event_types=(("user.authentication.sso", 10), ("user.session.start", 1)),
        successful_sign_ins=8,  # FAILURE and DENY are not successes; session.start is no app sign-in
        first_success=date(2026, 9, 1),
        last_success=date(2026, 11, 3),
    )
    assert usage.events == 10  # the relevant events, as before


def test_coverage_adds_up_over_several_logs_and_types_without_a_type_are_sign_ins(usage_as_of, usage_corpus):
    usage = read_usage([usage_corpus / "okta-lines.jsonl", usage_corpus / "clean.csv"], as_of=usage_as_of)
    assert usage.coverage.first_day == date(2026, 8, 1)  # Canva in the CSV
    assert usage.coverage.events == 11 + 13
    assert dict(usage.coverage.event_types) == {"user.authentication.sso": 10, "sign-in": 13, "user.session.start": 1}
    assert usage.coverage.event_types[0] == ("sign-in", 13)  # most frequent first
    assert usage.coverage.successful_sign_ins == 8 + 12


def test_since_bounds_the_count_but_not_the_last_sign_in(usage_as_of, usage_corpus, usage_pairs):
    usage = read_usage(usage_corpus / "okta-lines.jsonl", as_of=usage_as_of, since="2026-10-06")
    result = usage_pairs(usage)
    assert result[("notion", "eva@acme.example")] == ("2026-10-06", 1)  # 5 October is before since
    assert result[("slack", "dan@acme.example")] == ("2026-09-01", 0)  # seen, not in the window
    assert usage.since == date(2026, 10, 6)
    assert read_usage(usage_corpus / "okta-lines.jsonl", as_of=usage_as_of).since is None


def test_since_is_inclusive_and_must_not_pass_as_of(usage_as_of, usage_corpus, usage_pairs):
    usage = read_usage(usage_corpus / "clean.csv", as_of="2026-10-27", since="2026-10-27")
    assert usage_pairs(usage)[("hubspot", "ana@acme.example")] == ("2026-10-27", 2)
    with pytest.raises(InputError, match="since .2026-11-01. is after as_of"):
        read_usage(usage_corpus / "clean.csv", as_of=usage_as_of, since="2026-11-01")


def test_a_log_with_no_events_covers_nothing(usage_as_of, tmp_path):
    header_only = tmp_path / "usage.csv"
    header_only.write_text("timestamp,user,tool,success\n", encoding="utf-8")
    empty_array = tmp_path / "okta.json"
    empty_array.write_text("[]\n", encoding="utf-8")
    for log in (header_only, empty_array):
        usage = read_usage(log, as_of=usage_as_of)
        assert usage.coverage == LogCoverage()
        assert (usage.coverage.events, usage.coverage.first_day, usage.coverage.last_success) == (0, None, None)
        assert len(usage) == 0


def test_from_records_has_coverage_and_since(usage_as_of, usage_pairs):
    usage = Usage.from_records(
        [("Slack", "ana@x.example", "2026-10-30"), ("Slack", "ana@x.example", "2026-10-01"),
         ("Canva", "ion@x.example", "2026-11-02")],
        as_of=usage_as_of, since="2026-10-15",
    )
    assert usage_pairs(usage) == {("slack", "ana@x.example"): ("2026-10-30", 1)}
    assert usage.coverage == LogCoverage(date(2026, 10, 1), date(2026, 11, 2), 3, (("sign-in", 3),), 3,
                                         date(2026, 10, 1), date(2026, 11, 2))
    assert usage.since == date(2026, 10, 15)
