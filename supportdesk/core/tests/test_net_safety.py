"""The SSRF guard's address rules (core.net_safety): public only by default; loopback and the
admin's own networks only when the caller allows them; link-local never."""

from __future__ import annotations

import pytest

from supportdesk.core import net_safety

PRIVATE = ["10.1.2.3", "172.16.0.9", "192.168.1.10", "100.64.0.1", "fd12:3456::1"]
NEVER = ["169.254.169.254", "fe80::1", "0.0.0.1", "224.0.0.1", "240.0.0.1", "::ffff:169.254.169.254"]


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert net_safety.address_error(address) == ""


@pytest.mark.parametrize("address", [*PRIVATE, "127.0.0.1", "::1", *NEVER])
def test_everything_else_is_refused_by_default(address: str) -> None:
    assert net_safety.address_error(address) != ""


@pytest.mark.parametrize("address", [*PRIVATE, "127.0.0.1", "::1", "::ffff:192.168.1.10"])
def test_allow_private_admits_the_admins_own_networks(address: str) -> None:
    assert net_safety.address_error(address, allow_private=True) == ""


@pytest.mark.parametrize("address", NEVER)
def test_allow_private_never_admits_link_local_or_reserved(address: str) -> None:
    assert net_safety.address_error(address, allow_private=True) != ""


def test_check_url_applies_allow_private_to_every_resolved_address() -> None:
    def resolve(host: str, port: int) -> list[str]:
        return ["192.168.1.10", "169.254.169.254"]  # one metadata address among private ones

    with pytest.raises(net_safety.UnsafeTarget):
        net_safety.check_url("http://llm.office.lan:11434/v1", allow_private=True, resolve=resolve)
    target = net_safety.check_url("http://llm.office.lan:11434/v1", allow_private=True, resolve=lambda h, p: ["192.168.1.10"])
    assert (target.address, target.port, target.host_header) == ("192.168.1.10", 11434, "llm.office.lan:11434")
    assert "loopback" in net_safety.url_error("http://192.168.1.10/v1")  # refused without the switch
