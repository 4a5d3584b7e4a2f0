"""Sign-in and password-reset throttling (BAD-INPUTS 44): bounded mail to a victim, identical answers."""

from django.core import mail


def test_password_reset_mails_at_most_three_per_address(client, agent):
    responses = [client.post("/password-reset/", {"email": agent.email}) for _ in range(10)]
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {"/password-reset/sent/"}
    assert len(mail.outbox) == 3


def test_unknown_address_gets_the_same_answer(client, db):
    response = client.post("/password-reset/", {"email": "nobody@nowhere.example"})
    assert (response.status_code, response["Location"]) == (302, "/password-reset/sent/")
    assert mail.outbox == []


def test_reset_limit_per_ip_across_addresses(client, db):
    for index in range(25):
        client.post("/password-reset/", {"email": f"someone{index}@example.com"}, REMOTE_ADDR="198.51.100.1")
    # Forging X-Forwarded-For does not give a fresh budget: we are not behind a trusted proxy.
    response = client.post(
        "/password-reset/", {"email": "another@example.com"}, REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="192.0.2.50"
    )
    assert response.status_code == 302
    from supportdesk.core.models import RateLimitBucket

    ip_buckets = [b for b in RateLimitBucket.objects.all() if b.count > 20]
    assert len(ip_buckets) == 1 and ip_buckets[0].count == 26


def test_sign_in_is_throttled_after_ten_attempts(client, agent):
    for _ in range(10):
        response = client.post("/login/", {"username": agent.email, "password": "wrong"})
        assert response.status_code == 200
    blocked = client.post("/login/", {"username": agent.email, "password": "password123"})
    assert blocked.status_code == 429
    assert "Too many sign-in attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
