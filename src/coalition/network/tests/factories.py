import factory
from django.utils.text import slugify

from coalition.network.models import MembershipApplication, Organisation, Person


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_en))
    kind = "national_ngo"
    relationship = "member"
    membership_status = "active"
    listed_publicly = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A pending application: the organisation is an applicant, not yet public."""

    class Meta:
        model = MembershipApplication

    organisation = factory.SubFactory(OrganisationFactory, membership_status="applicant")
    contact = factory.SubFactory(
        PersonFactory,
        organisation=factory.SelfAttribute("..organisation"),
        is_focal_point=True,
    )
    motivation = "We teach children in community classes."
