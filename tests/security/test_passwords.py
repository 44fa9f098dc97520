"""Passwords are hashed with Argon2 in production. The test suite swaps in a fast hasher
(tests/conftest.py), so these check the production settings module itself."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.urls import reverse

from config import settings as production_settings
from tests.factories import PASSWORD

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_hashes_with_argon2_first():
    assert production_settings.PASSWORD_HASHERS[0] == ARGON2
    # The older PBKDF2 hashes still verify, so they can be upgraded at sign-in.
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in (
        production_settings.PASSWORD_HASHERS
    )


def test_argon2_is_installed_and_verifies(settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    encoded = make_password("a long passphrase for the test")
    assert encoded.startswith("argon2$argon2id$")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("a long passphrase for the test", encoded)
    assert not check_password("a wrong passphrase", encoded)


@pytest.mark.django_db
def test_a_pbkdf2_password_is_upgraded_to_argon2_at_sign_in(client, settings, practitioner):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    practitioner.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    practitioner.save()
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.password.startswith("argon2$")
