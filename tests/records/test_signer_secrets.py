"""Signers (managers, admins) need a 6+ character secret that is not trivial (issue 10)."""

from __future__ import annotations

import pytest

from deungdae.records import users
from tests.records.integrity_fixtures import fast_argon2, file_key, make_store  # noqa: F401

TRIVIAL = [("2468", "short"), ("12345", "short"), ("000000", "same"), ("aaaaaaa", "same"),
           ("123456", "run"), ("654321", "run"), ("234567", "run"), ("abcdefg", "run"),
           ("987654321", "run"), ("parkjy", "login"), ("PARKJY", "login"),
           ("yjkrap", "login"), ("password", "common"), ("Qwerty", "common"),
           ("123123", "common"), ("1q2w3e4r", "common")]


@pytest.mark.parametrize(("secret", "problem"), TRIVIAL)
@pytest.mark.parametrize("role", users.SIGNER_ROLES)
def test_trivial_signer_secrets_are_refused_with_their_reason(secret, problem, role):
    assert users.secret_problem(secret, role, "parkjy") == problem


@pytest.mark.parametrize("secret", ["246813", "k8s-2026", "975319", "135792", "112358",
                                    "park-pw-1", "123457", "parkjy1"])
def test_good_signer_secrets_pass(secret):
    assert users.secret_problem(secret, "manager", "parkjy") is None


def test_operators_keep_the_four_character_minimum():
    for s in ("1357", "1234", "0000", "kimk"):
        assert users.secret_problem(s, "operator", "kimk") is None
    assert users.secret_problem("123", "operator") == "short"


def test_add_and_set_password_refuse_weak_signer_secrets_and_record_nothing(tmp_path):
    store = make_store(tmp_path, blocks=0, events=0)
    users.add_user(store, "lee", "Lee", "admin", "975319", by="setup")
    before = store.heads()["seq"]
    with pytest.raises(users.WeakSecret, match="at least 6 characters") as exc:
        users.add_user(store, "park", "Park", "manager", "2468", by="lee")
    assert (exc.value.problem, exc.value.minimum) == ("short", 6)
    with pytest.raises(users.WeakSecret, match="run like 123456") as exc:
        users.add_user(store, "park", "Park", "manager", "654321", by="lee")
    with pytest.raises(users.WeakSecret, match="common"):
        users.set_password(store, "lee", "password", by="lee")
    assert store.heads()["seq"] == before  # nothing appended
    users.add_user(store, "kim", "Kim", "operator", "1234", by="lee")  # operators: 4
    store.close()


def test_weak_set_password_for_signer_names_the_login_rule(tmp_path):
    store = make_store(tmp_path, blocks=0, events=0)
    users.add_user(store, "leesoo", "Lee", "admin", "975319", by="setup")
    with pytest.raises(users.WeakSecret) as exc:
        users.set_password(store, "leesoo", "leesoo", by="leesoo")
    assert exc.value.problem == "login"
    store.close()


def test_an_old_short_secret_still_signs_in_but_is_flagged(tmp_path):
    """A manager added under the old 4-character rule (or an operator made manager)."""
    store = make_store(tmp_path, blocks=0, events=0)
    users.add_user(store, "lee", "Lee", "admin", "975319", by="setup")
    users.add_user(store, "park", "Park", "operator", "2468", by="lee")
    assert users.authenticate(store, "park", "2468").weak_secret is False  # operator: fine
    users.set_role(store, "park", "manager", by="lee")
    got = users.authenticate(store, "park", "2468")
    assert got.role == "manager" and got.weak_secret is True
    users.set_password(store, "park", "246813", by="park")
    assert users.authenticate(store, "park", "246813").weak_secret is False
    assert users.authenticate(store, "lee", "975319").weak_secret is False
    store.close()


def test_an_old_short_secret_never_signs(tmp_path):
    """Signing in with it works (the floor is not locked out); a signature is refused and
    nothing is written until the secret is changed."""
    from deungdae.records import signatures

    store = make_store(tmp_path, blocks=1, events=1)
    users.add_user(store, "lee", "Lee", "admin", "975319", by="setup")
    users.add_user(store, "park", "Park", "operator", "2468", by="lee")
    users.set_role(store, "park", "manager", by="lee")
    target = [signatures.refs_for_period(store, 0, 2**62)[0]]
    before = store.query("SELECT count(*) FROM signature")[0][0]
    with pytest.raises(users.WeakSecret, match="cannot sign with this password"):
        signatures.sign(store, "park", "2468", "reviewed", target)
    assert store.query("SELECT count(*) FROM signature")[0][0] == before
    users.set_password(store, "park", "246813", by="park")
    assert signatures.sign(store, "park", "246813", "reviewed", target) > 0
    store.close()
