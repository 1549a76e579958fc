import factory

from coalition.accounts.models import RoleAssignment, User
from coalition.accounts.roles import forget_scope


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery")


def grant(user, role, *, organisation=None, provinces=()):
    assignment = RoleAssignment.objects.create(user=user, role=role, organisation=organisation)
    if provinces:
        assignment.provinces.set(provinces)
    forget_scope(user)
    return user
