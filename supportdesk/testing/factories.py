"""factory_boy factories for plain rows. State that matters (replied, merged...) is built with actions."""

from __future__ import annotations

import factory

from supportdesk.accounts.choices import GroupAccess, Role
from supportdesk.accounts.models import AgentProfile, Group, GroupMembership, Organization, User


class OrganizationFactory(factory.django.DjangoModelFactory[Organization]):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organization {n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Sequence(lambda n: f"User {n}")
    role = Role.CUSTOMER
    password = factory.PostGenerationMethodCall("set_password", "password123")

    @factory.post_generation
    def _save(self, create: bool, extracted: object, **kwargs: object) -> None:
        """Persist the password set above (factory_boy no longer saves after post-generation)."""
        if create:
            self.save()  # type: ignore[attr-defined]


class CustomerFactory(UserFactory):
    email = factory.Sequence(lambda n: f"customer{n}@customer.example")
    role = Role.CUSTOMER


class AgentFactory(UserFactory):
    email = factory.Sequence(lambda n: f"agent{n}@support.example")
    role = Role.AGENT
    profile = factory.RelatedFactory("supportdesk.testing.factories.AgentProfileFactory", factory_related_name="user")


class AdminFactory(AgentFactory):
    email = factory.Sequence(lambda n: f"admin{n}@support.example")
    role = Role.ADMIN


class AgentProfileFactory(factory.django.DjangoModelFactory[AgentProfile]):
    class Meta:
        model = AgentProfile
        django_get_or_create = ("user",)

    languages = ["en"]


class GroupFactory(factory.django.DjangoModelFactory[Group]):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Group {n}")


def add_member(group: Group, user: User, access: str = GroupAccess.FULL) -> GroupMembership:
    """Put an agent in a group at an access level (replacing an existing membership's level)."""
    membership, _created = GroupMembership.objects.update_or_create(group=group, user=user, defaults={"access": access})
    return membership
