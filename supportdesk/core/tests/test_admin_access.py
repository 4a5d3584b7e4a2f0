"""Django admin is for superusers only (issue 2)."""

from supportdesk.testing.factories import AdminFactory


def test_admin_site_only_for_superusers(client, agent, db):
    client.force_login(agent)
    assert client.get("/admin/").status_code == 302  # redirected to the admin login
    superuser = AdminFactory.create(email="root@support.example", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/tickets/ticket/").status_code == 200


def test_staff_flag_without_superuser_is_not_enough(client, db):
    staff = AdminFactory.create(email="staff@support.example", is_staff=True, is_superuser=False)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302
