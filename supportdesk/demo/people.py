"""Who is in the demo: the support team, its groups, customer organizations and their people.

All addresses use the reserved `.example` domains (RFC 2606) or example.com, so a demo that is
connected to a real mail server can never write to a real person.
"""

from __future__ import annotations

from dataclasses import dataclass

from supportdesk.accounts.choices import GroupAccess, Role

COMPANY = "Aurora Devices"

# The first group is created first and so becomes the default group for unrouted tickets.
GROUPS: tuple[tuple[str, str], ...] = (
    ("First Level", "Every new inquiry lands here first."),
    ("Billing", "Invoices, payments, refunds and contracts."),
    ("Technical", "Outages, integrations and anything First Level cannot solve."),
    ("DACH", "German-speaking customers in Germany, Austria and Switzerland."),
)


@dataclass(frozen=True)
class DemoStaff:
    email: str
    full_name: str
    role: str
    groups: dict[str, str]
    languages: tuple[str, ...]
    password: str = "agent"


ADMIN_LOGIN = ("admin@example.com", "admin")
AGENT_LOGIN = ("agent@example.com", "agent")
CUSTOMER_LOGIN = ("customer@example.com", "customer")

FULL, WRITE, READ = GroupAccess.FULL, GroupAccess.WRITE, GroupAccess.READ

STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("admin@example.com", "Helena Berg", Role.ADMIN, {"First Level": FULL, "Billing": FULL}, ("en", "de"), password="admin"),
    DemoStaff("agent@example.com", "Max Keller", Role.AGENT, {"First Level": FULL, "Technical": WRITE, "DACH": WRITE}, ("en", "de")),
    DemoStaff(
        "supervisor@example.com", "Sofia Richter", Role.SUPERVISOR, {"First Level": FULL, "Billing": FULL, "DACH": FULL}, ("de", "en")
    ),
    DemoStaff("jonas.weber@example.com", "Jonas Weber", Role.AGENT, {"DACH": FULL, "Technical": WRITE}, ("de", "en")),
    DemoStaff("eszter.nagy@example.com", "Eszter Nagy", Role.AGENT, {"Billing": FULL, "First Level": WRITE}, ("hu", "en", "de")),
    DemoStaff("liga.ozola@example.com", "Līga Ozola", Role.AGENT, {"First Level": FULL, "Technical": FULL}, ("lv", "en")),
    DemoStaff("tom.fletcher@example.com", "Tom Fletcher", Role.AGENT, {"Technical": FULL, "First Level": WRITE}, ("en",)),
    DemoStaff("dora.kiss@example.com", "Dóra Kiss", Role.AGENT, {"Billing": WRITE, "First Level": WRITE}, ("hu", "en")),
    DemoStaff("karlis.berzins@example.com", "Kārlis Bērziņš", Role.AGENT, {"Technical": FULL}, ("lv", "en")),
    # A trainee who may look but not touch: the read-only case of the permission rules.
    DemoStaff("greta.vogel@example.com", "Greta Vogel", Role.AGENT, {"First Level": READ, "Billing": READ}, ("de", "en")),
)


@dataclass(frozen=True)
class DemoOrganization:
    name: str
    domain: str
    language: str
    shared: bool
    people: tuple[str, ...]


ORGANIZATIONS: tuple[DemoOrganization, ...] = (
    DemoOrganization(
        "Brandt & Söhne GmbH",
        "brandt-soehne.example",
        "de",
        True,
        ("Katrin Brandt", "Markus Hoffmann", "Sabine Krüger", "Florian Schäfer"),
    ),
    DemoOrganization(
        "Kessler Logistik GmbH",
        "kessler-logistik.example",
        "de",
        False,
        ("Jürgen Kessler", "Anja Wagner", "Stefan Becker"),
    ),
    DemoOrganization(
        "Dunakavics Kft.",
        "dunakavics.example",
        "hu",
        True,
        ("Kovács Péter", "Szabó Anna", "Tóth Gábor", "Horváth Zsófia"),
    ),
    DemoOrganization(
        "Tisza Pékség Kft.",
        "tiszapekseg.example",
        "hu",
        False,
        ("Varga Márton", "Molnár Judit", "Farkas Bence"),
    ),
    DemoOrganization(
        "SIA Daugavas Serviss",
        "daugavas-serviss.example",
        "lv",
        True,
        ("Jānis Kalniņš", "Ilze Liepiņa", "Andris Ozols", "Dace Krūmiņa"),
    ),
    DemoOrganization(
        "SIA Baltijas Koks",
        "baltijaskoks.example",
        "lv",
        False,
        ("Mārtiņš Zariņš", "Inese Vītola", "Raimonds Siliņš"),
    ),
    DemoOrganization(
        "Harwood & Lane Ltd",
        "harwoodlane.example",
        "en",
        True,
        ("Oliver Bennett", "Charlotte Hughes", "Priya Shah", "Daniel O'Connor"),
    ),
    DemoOrganization(
        "Pennine Outdoor Ltd",
        "pennine-outdoor.example",
        "en",
        False,
        ("Emily Clarke", "George Whitfield", "Hannah Murphy"),
    ),
)

# Customers without an organization: a freelancer, a shop owner abroad, a private buyer.
PRIVATE_CUSTOMERS: tuple[tuple[str, str, str], ...] = (
    ("lukas.meier@mailbox.example", "Lukas Meier", "de"),
    ("nagy.eva@freemail.example", "Nagy Éva", "hu"),
)

CUSTOMER_NAME = "Chris Walker"
CUSTOMER_ORGANIZATION = "Harwood & Lane Ltd"


def email_for(full_name: str, domain: str, language: str) -> str:
    """A plausible address for a person: first.last, ASCII only (Hungarian names are family-first)."""
    parts = full_name.lower().replace("'", "").split()
    if language == "hu":
        parts = [*parts[1:], parts[0]]
    local = ".".join(parts)
    return local.translate(_ASCII) + "@" + domain


_ASCII = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "á": "a",
        "é": "e",
        "í": "i",
        "ó": "o",
        "ő": "o",
        "ú": "u",
        "ű": "u",
        "ā": "a",
        "č": "c",
        "ē": "e",
        "ģ": "g",
        "ī": "i",
        "ķ": "k",
        "ļ": "l",
        "ņ": "n",
        "š": "s",
        "ū": "u",
        "ž": "z",
    }
)
