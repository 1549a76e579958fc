"""Synthetic submissions for the demo forms, sent through the same service a phone's
submission goes through, then taken through review so every state is represented."""

import random
import uuid

from coalition.accounts.models import Role, User
from coalition.accounts.services import ensure_role
from coalition.collect import review
from coalition.collect.datasets import write_form_dataset
from coalition.collect.instances import instance_xml
from coalition.collect.models import Form
from coalition.collect.services import publish_form, receive_submission, update_form_settings
from coalition.demo.forms import ACTIVITY_TYPES, AGE_BANDS, DEMO_FORMS, REASONS, SERVICES
from coalition.demo.personas import DEMO_DOMAIN
from coalition.geo.models import Area
from coalition.network.models import Organisation

# Share of the submissions per form, and of review outcomes.
# Community listings are often filled by volunteers without an account: a public link.
PUBLIC_FORMS = {"oos_listing"}
FORM_SHARE = {"school_monitoring": 0.45, "oos_listing": 0.35, "activity_report": 0.20}
OUTCOMES = [("approved", 0.55), ("has_issues", 0.10), ("rejected", 0.05), ("received", 0.30)]


class SubmissionMaker:
    def __init__(self, country: str, rng: random.Random, actor: User):
        self.country, self.rng, self.actor = country, rng, actor
        self.provinces = list(Area.objects.filter(country__code=country, level="province"))

    def publish(self) -> dict[str, Form]:
        forms = {}
        for form_id, build in DEMO_FORMS:
            form = Form.objects.filter(form_id=form_id).first()
            if form is None:
                form = publish_form(
                    content=build(self.country, self.provinces),
                    filename=f"{form_id}.xlsx",
                    actor=self.actor,
                ).form
                if form_id in PUBLIC_FORMS:
                    form = update_form_settings(
                        form=form, changes={"audience": "public_link"}, actor=self.actor
                    )
            forms[form_id] = form
        return forms

    def submitters(self, count: int = 20) -> list[tuple[User, str]]:
        """Focal points for some member organisations, who send the forms, with the
        province each mostly reports from."""
        members = list(
            Organisation.objects.select_related("headquarters")
            .filter(
                is_synthetic=True,
                relationship="member",
                membership_status="active",
                listed_publicly=True,
            )
            .exclude(headquarters=None)
            .order_by("pk")[:count]
        )
        users = []
        for org in members:
            user = ensure_role(
                email=f"focal-{org.pk}@{DEMO_DOMAIN}",
                full_name=f"Focal point, {org.name_en}",
                role=Role.FOCAL_POINT,
                organisation_id=org.pk,
                actor=self.actor,
            )
            users.append((user, org.headquarters.code))
        return users

    def values(self, form_id: str, province: str) -> dict:
        r = self.rng
        if form_id == "school_monitoring":
            girls = int(r.gauss(180, 70)) if r.random() > 0.02 else r.randint(2000, 4000)
            return {
                "province": province,
                "school_name": f"School {r.randint(1, 999)}",
                "level": r.choice(["primary", "primary", "lower_secondary", "upper_secondary"]),
                "enrolment": {"girls": max(girls, 0), "boys": max(int(r.gauss(220, 80)), 0)},
                "teachers": {
                    "female_teachers": r.randint(0, 12),
                    "male_teachers": r.randint(1, 15),
                },
                "services": " ".join(code for code, _ in SERVICES if r.random() < 0.45),
            }
        if form_id == "oos_listing":
            children = []
            for _ in range(r.randint(1, 4)):
                functioning = {
                    f"wg_{d}": r.choices(["none", "some", "a_lot", "cannot"], [85, 10, 4, 1])[0]
                    for d in (
                        "seeing",
                        "hearing",
                        "walking",
                        "cognition",
                        "selfcare",
                        "communication",
                    )
                }
                children.append(
                    {
                        "sex": r.choice(["female", "female", "male"]),
                        "age": r.randint(6, 17),
                        "ever_attended": r.choice(["yes", "no"]),
                        "reason": r.choice([c for c, _ in REASONS]),
                        **functioning,
                    }
                )
            return {
                "province": province,
                "community": f"Village {r.randint(1, 300)}",
                "child": children,
            }
        activities = [
            {
                "activity_type": r.choice([c for c, _ in ACTIVITY_TYPES]),
                "age_band": r.choice([c for c, _ in AGE_BANDS]),
                "female": (f := r.randint(5, 120)),
                "male": (m := r.randint(5, 100)),
                "with_disability": r.randint(0, (f + m) // 10),
            }
            for _ in range(r.randint(1, 3))
        ]
        return {
            "quarter": r.choice(["2026Q1", "2026Q2", "2026Q3"]),
            "province": province,
            "activity": activities,
        }

    def make(self, total: int, progress=None) -> int:
        forms = self.publish()
        if any(form.submissions.exists() for form in forms.values()):
            return 0  # loaded by an earlier run: the demo never duplicates
        submitters = self.submitters()
        staff = self.actor
        made = 0
        for form_id, share in FORM_SHARE.items():
            form = forms[form_id]
            xform = form.current_version.xform
            for _ in range(int(total * share)):
                user, home = self.rng.choice(submitters)
                province = home if self.rng.random() < 0.8 else self.rng.choice(self.provinces).code
                xml = instance_xml(xform, self.values(form_id, province), f"uuid:{uuid.uuid4()}")
                received = receive_submission(xml=xml, actor=user)
                self._review(received.submission, staff)
                made += 1
                if progress and made % 200 == 0:
                    progress(made)
        for form in forms.values():  # what flows on to analysis, written once
            write_form_dataset(form)
        return made

    def _review(self, submission, staff):
        outcome = self.rng.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
        if outcome == "approved":
            review.change_state(
                submission=submission, to_state="approved", actor=staff, refresh=False
            )
        elif outcome == "has_issues":
            review.change_state(
                submission=submission,
                to_state="has_issues",
                actor=staff,
                comment="Please check the enrolment figures (synthetic).",
                refresh=False,
            )
        elif outcome == "rejected":
            review.change_state(
                submission=submission,
                to_state="rejected",
                actor=staff,
                comment="Duplicate visit (synthetic).",
                refresh=False,
            )
