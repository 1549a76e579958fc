"""Every write of data collection: publishing forms and receiving submissions."""

import hashlib
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from functools import cache

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from lxml import etree

from coalition.accounts.models import SECRETARIAT_ROLES, Role
from coalition.accounts.roles import scope_of
from coalition.collect import exports
from coalition.collect.datasets import refresh_soon
from coalition.collect.imports import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    parse,
    read_file,
    rules_of,
)
from coalition.collect.instances import instance_xml
from coalition.collect.models import (
    Attachment,
    Audience,
    ExportJob,
    Form,
    FormMedia,
    FormVersion,
    ImportJob,
    QualitySettings,
    Submission,
    SubmissionState,
    SubmissionVersion,
    ValidationRule,
)
from coalition.collect.openrosa import SubmissionError, parse_submission, sha256
from coalition.collect.policies import form_policy
from coalition.collect.quality import OPERATORS, RuleError, parse_side
from coalition.collect.schema import schema_of, typed_values, value_at
from coalition.collect.tasks import run_export, run_import
from coalition.collect.xlsform import HTML, XF, convert_xlsform, safe_parser
from coalition.core.audit import acting_as
from coalition.core.db import insert_with_child, model_from_row, prepared_cursor
from coalition.core.errors import DomainError, NotAllowed
from coalition.geo.models import Area
from coalition.network.models import Organisation

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _with_version(xform: str, version: str) -> str:
    """Write the version into the XForm's primary instance, where devices read it."""
    root = etree.fromstring(xform.encode("utf-8"), parser=safe_parser())
    instance = root.find(f"{HTML}head/{XF}model/{XF}instance")
    next(iter(instance)).set("version", version)
    return etree.tostring(root, encoding="unicode")


MEDIA_REFERENCE = re.compile(r"jr://(?:images|audio|video|file|file-csv)/([^\s\"'<>)]+)")
MAX_MEDIA_BYTES = 20 * 1024 * 1024


def referenced_media(xform: str) -> set[str]:
    """The files a form expects on the device: jr://images/..., jr://file-csv/..."""
    return {os.path.basename(name) for name in MEDIA_REFERENCE.findall(xform)}


def _store_media(version: FormVersion, media: dict[str, bytes], written: list[str]) -> None:
    previous = version.form.versions.exclude(pk=version.pk).order_by("-created_at").first()
    needed = referenced_media(version.xform)
    carried = {m.name: m for m in previous.media.all()} if previous else {}
    missing = sorted(needed - set(media) - set(carried))
    if missing:
        # As ODK Central does: the form is published, phones show it without those
        # images or lists, and the form's page says what to upload.
        version.warnings = "\n".join(
            filter(
                None,
                [
                    version.warnings,
                    _("The form uses files that were not uploaded: %(names)s")
                    % {"names": ", ".join(missing)},
                ],
            )
        )
        version.save(update_fields=["warnings"])
    for name, content in media.items():
        item = FormMedia(
            version=version,
            name=name,
            size=len(content),
            md5=hashlib.md5(content, usedforsecurity=False).hexdigest(),
        )
        item.file.save(name, ContentFile(content), save=False)
        written.append(item.file.name)
        item.save()
    for name in (needed - set(media)) & set(carried):  # unchanged files carry over
        old = carried[name]
        FormMedia.objects.create(
            version=version, name=name, size=old.size, md5=old.md5, file=old.file.name
        )


def publish_form(
    *, content: bytes, filename: str, actor, owner=None, media: dict[str, bytes] | None = None
) -> FormVersion:
    """Upload an XLSForm: a new form, or a new version of the form with the same form_id.

    Raises XLSFormError (with sheet, row, column) for a broken form, DomainError when the
    version label is already used or a file is too large, NotAllowed when the actor may
    not publish it. Nothing is left behind when it fails: no rows, no files.
    """
    form_policy.require(actor, "add")
    scope = scope_of(actor)
    if not scope.holds(*SECRETARIAT_ROLES) and (
        owner is None or owner.pk not in scope.organisations_for(Role.FOCAL_POINT)
    ):
        raise NotAllowed("members publish forms for their own organisation only")
    media = {os.path.basename(k): v for k, v in (media or {}).items()}
    for name, data in media.items():
        if len(data) > MAX_MEDIA_BYTES:
            raise DomainError(_("%(name)s is larger than 20 MB.") % {"name": name}, field="media")
    converted = convert_xlsform(content, filename)
    version = converted.version or timezone.now().strftime("%Y%m%d%H%M%S")
    xform = converted.xform if converted.version else _with_version(converted.xform, version)
    written: list[str] = []  # files saved, removed again if the transaction rolls back
    try:
        with transaction.atomic(), acting_as(actor):
            form = _form_for_new_version(converted, version, owner, actor)
            form_version = FormVersion(
                form=form,
                version=version,
                xform=xform,
                xform_md5=hashlib.md5(xform.encode(), usedforsecurity=False).hexdigest(),
                xlsform_name=os.path.basename(filename)[:200],
                languages=",".join(converted.languages)[:200],
                warnings="\n".join(converted.warnings),
                schema=schema_of(xform),
                created_by=actor,
            )
            form_version.xlsform.save(os.path.basename(filename), ContentFile(content), save=False)
            written.append(form_version.xlsform.name)
            form_version.save()
            _store_media(form_version, media, written)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return form_version


def _form_for_new_version(converted, version: str, owner, actor) -> Form:
    form = Form.objects.select_for_update().filter(form_id=converted.form_id).first()
    if form is None:
        return Form.objects.create(
            form_id=converted.form_id, title=converted.title, owner=owner, created_by=actor
        )
    form_policy.require(actor, "change", form)
    if form.versions.filter(version=version).exists():
        raise DomainError(
            _(
                "Version “%(version)s” of this form already exists: change the "
                "version in the settings sheet."
            )
            % {"version": version},
            field="file",
        )
    form.title = converted.title
    form.save(update_fields=["title", "updated_at"])
    return form


def set_form_open(*, form: Form, is_open: bool, actor) -> Form:
    form_policy.require(actor, "change", form)
    with transaction.atomic(), acting_as(actor):
        form.is_open = is_open
        form.save(update_fields=["is_open", "updated_at"])
    return form


@dataclass
class Received:
    submission: Submission
    outcome: str  # "created", "updated" (an edit), "duplicate", "part" (split, more to come)


def _organisation_of(user) -> int | None:
    """The submitting organisation: the user's own (the first, if several)."""
    own = scope_of(user).organisations_for(Role.FOCAL_POINT, Role.MEMBER_EDITOR)
    return min(own) if own else None


def _area_for(data: dict, organisation_id: int | None) -> int | None:
    """The place a submission is about: a province or district question if the form has
    one, else the submitting organisation's head office."""
    codes = area_ids_by_code()
    for name in ("district", "province"):
        for key in (name, f"location/{name}"):
            code = value_at(data, key)
            if isinstance(code, str) and code.upper() in codes:
                return codes[code.upper()]
    if organisation_id is None:
        return None
    return (
        Organisation.objects.filter(pk=organisation_id)
        .values_list("headquarters_id", flat=True)
        .first()
    )


@cache
def area_ids_by_code() -> dict[str, int]:
    """Areas are reference data loaded by migrations: read them once per process."""
    return {code.upper(): pk for code, pk in Area.objects.values_list("code", "pk")}


def _timestamp(data: dict, path: str):
    value = value_at(data, path) if path else None
    return parse_datetime(value) if isinstance(value, str) else None


def _save_attachments(version: SubmissionVersion, files) -> None:
    if not files:
        return
    existing = set(version.attachments.values_list("name", flat=True))
    for upload in files:
        name = os.path.basename(upload.name or "")[:255]
        if not name or name in existing:
            continue  # a repeated part of a split submission: already stored
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise SubmissionError(_("An attachment is larger than 10 MB."), 413)
        Attachment.objects.create(
            version=version,
            name=name,
            content_type=(upload.content_type or "")[:100],
            size=upload.size,
            file=ContentFile(upload.read(), name=name),
        )
        existing.add(name)


def _form_and_version(form_id: str, label: str) -> tuple[Form | None, FormVersion | None]:
    """The form a submission names and the version it was filled in, if they exist.

    Every submission starts here, so this is one prepared statement rather than a
    queryset: a quarter of the time, and one round trip (bench/ingest.py). Only table
    and column names are put into the text. The version comes without its XForm text."""
    columns = [f.column for f in Form._meta.concrete_fields]
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {', '.join('f.' + quote(c) for c in columns)}, v.id, v.schema "  # noqa: S608
        f"FROM {quote(Form._meta.db_table)} f LEFT JOIN {quote(FormVersion._meta.db_table)} v "
        "ON v.form_id = f.id AND v.version = %s WHERE f.form_id = %s"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [label, form_id])
        row = cursor.fetchone()
    if row is None:
        return None, None
    *values, version_pk, schema = row
    form = model_from_row(Form, values)
    if version_pk is None:
        return form, None
    version = FormVersion.from_db(  # the other fields load on first use
        connection.alias,
        ["id", "form_id", "version", "schema"],
        [version_pk, form.pk, label, _json(schema)],
    )
    version.form = form
    return form, version


def _json(value):
    # Text on SQLite; decoded already by PostgreSQL's jsonb loader.
    return json.loads(value) if isinstance(value, str) else value


def _may_submit(actor, form: Form, public_token: str | None) -> bool:
    if public_token is not None:
        # Anyone holding the form's current public link; a replaced link opens nothing.
        return (
            form.audience == Audience.PUBLIC_LINK
            and bool(form.public_token)
            and secrets.compare_digest(form.public_token, public_token)
        )
    return form_policy.can(actor, "fill", form)


def receive_submission(
    *,
    xml: bytes,
    files=(),
    actor,
    complete: bool = True,
    public_token: str | None = None,
    refresh: bool = True,
) -> Received:
    """Store one submission from a device or the browser, exactly once per instanceID.

    `public_token` is the token of the public link the browser filled the form through;
    such a submission has no submitter and no organisation. `refresh=False` leaves the
    form's dataset to the caller (an import refreshes once, not once per row)."""
    parsed = parse_submission(xml)
    form, version = _form_and_version(parsed.form_id, parsed.version)
    if form is None:
        raise SubmissionError(_("This server has no form “%(id)s”.") % {"id": parsed.form_id}, 404)
    if version is None:
        raise SubmissionError(
            _("Version “%(version)s” of this form is unknown here: download the form again.")
            % {"version": parsed.version},
            400,
        )
    if not form.is_open:
        raise SubmissionError(_("This form is closed and accepts no more submissions."), 403)
    if not _may_submit(actor, form, public_token):
        raise SubmissionError(_("You may not submit to this form."), 403)

    # No acting_as here: submissions keep their own history (versions, events) rather
    # than audit-log entries, and setting the actor costs every request a signal
    # (dis)connection that empties Django's receiver caches.
    try:
        # Most submissions are new: try that first and let the unique instanceID
        # constraint catch the rest, which saves a query on every new one.
        if parsed.deprecated_id or files:
            with transaction.atomic():  # an edit, or files to keep with it
                received = _store_new(parsed, form, version, files, actor, complete)
        else:
            received = _store_first(parsed, form, version, actor, complete)
    except IntegrityError:
        # Sent before (a retry, a later part of a split submission), or the same
        # instanceID arriving twice at once and the other copy won.
        with transaction.atomic():
            return _store_again(parsed, form, files, complete)
    if refresh and received.outcome in ("created", "updated"):
        _refresh_if_analysed_unapproved(form)
    return received


def _refresh_if_analysed_unapproved(form: Form) -> None:
    """Forms whose analysis does not wait for approval take each new submission at once."""
    if not form.analysis_requires_approval:
        refresh_soon(form.pk)


def _store_again(parsed, form, files, complete) -> Received:
    existing = (
        SubmissionVersion.objects.select_for_update()
        .filter(form=form, instance_id=parsed.instance_id)
        .select_related("submission")
        .get()
    )
    if existing.xml_sha256 != sha256(parsed.xml):
        raise SubmissionError(
            _("A different submission with this instanceID was already received."), 409
        )
    _save_attachments(existing, files)
    submission = existing.submission
    if complete and not submission.is_complete:
        submission.is_complete = True
        submission.save(update_fields=["is_complete", "updated_at"])
        return Received(submission, "created")
    return Received(submission, "part" if not complete else "duplicate")


def _store_first(parsed, form, version, actor, complete) -> Received:
    """A new submission without attachments, the usual case: both rows in one insert."""
    submission = _new_submission(parsed, form, version, actor, complete)
    insert_with_child(submission, _version_of(parsed, form, actor), "submission")
    return Received(submission, "created" if complete else "part")


def _store_new(parsed, form, version, files, actor, complete) -> Received:
    previous = None
    if parsed.deprecated_id:
        previous = (
            SubmissionVersion.objects.filter(form=form, instance_id=parsed.deprecated_id)
            .select_related("submission")
            .first()
        )
    if previous is not None:
        submission = previous.submission
        submission.instance_id = parsed.instance_id
        submission.form_version = version
        submission.data = typed_values(parsed.root, version.schema)
        submission.is_complete = complete
        submission.save()
        outcome = "updated"
    else:
        submission = _new_submission(parsed, form, version, actor, complete)
        submission.save(force_insert=True)
        outcome = "created"
    stored = _version_of(parsed, form, actor)
    stored.submission = submission
    stored.save(force_insert=True)
    _save_attachments(stored, files)
    return Received(submission, outcome if complete else "part")


def _new_submission(parsed, form, version, actor, complete) -> Submission:
    data = typed_values(parsed.root, version.schema)
    organisation_id = _organisation_of(actor)
    return Submission(
        form=form,
        form_version=version,
        instance_id=parsed.instance_id,
        data=data,
        submitted_by=actor if getattr(actor, "pk", None) else None,
        organisation_id=organisation_id,
        area_id=_area_for(data, organisation_id),
        device_id=str(value_at(data, "meta/deviceID") or value_at(data, "deviceid") or "")[:100],
        started_at=_timestamp(data, version.schema.get("start", "")),
        ended_at=_timestamp(data, version.schema.get("end", "")),
        is_complete=complete,
    )


def _version_of(parsed, form, actor) -> SubmissionVersion:
    """The record of exactly what was sent, not yet saved."""
    return SubmissionVersion(
        form=form,
        instance_id=parsed.instance_id,
        deprecated_id=parsed.deprecated_id,
        xml=parsed.xml,
        xml_sha256=sha256(parsed.xml),
        submitted_by=actor if getattr(actor, "pk", None) else None,
    )


def update_form_settings(*, form: Form, changes: dict, actor) -> Form:
    """Who may submit, whether the form is open, whether analysis waits for approval."""
    form_policy.require(actor, "change", form)
    with transaction.atomic(), acting_as(actor):
        previous_rule = form.analysis_requires_approval
        for name in ("audience", "is_open", "analysis_requires_approval"):
            if name in changes:
                setattr(form, name, changes[name])
        if form.audience != Audience.PUBLIC_LINK:
            form.public_token = None  # the link stops working with the audience
        elif not form.public_token:
            form.public_token = _new_public_token()
        form.full_clean(exclude=["public_token"])
        form.save()
        if "allowed_organisations" in changes:
            form.allowed_organisations.set(changes["allowed_organisations"])
        if form.analysis_requires_approval != previous_rule:
            refresh_soon(form.pk)  # the dataset now holds other submissions
    return form


def _new_public_token() -> str:
    return secrets.token_urlsafe(24)


def replace_public_link(*, form: Form, actor) -> Form:
    """A new public link; whoever holds the old one can no longer open or submit the form."""
    form_policy.require(actor, "change", form)
    if form.audience != Audience.PUBLIC_LINK:
        raise DomainError(_("This form has no public link."), field="audience")
    with transaction.atomic(), acting_as(actor):
        form.public_token = _new_public_token()
        form.save(update_fields=["public_token", "updated_at"])
    return form


def add_validation_rule(
    *, form: Form, name: str, left: str, operator: str, right: str, actor
) -> ValidationRule:
    """A DHIS2-style rule: both sides must be numbers or numeric questions of the form."""
    form_policy.require(actor, "change", form)
    if operator not in OPERATORS:
        raise DomainError(_("Choose an operator."), field="operator")
    types = (form.current_version.schema if form.current_version else {}).get("types", {})
    for side, text in (("left", left), ("right", right)):
        try:
            terms = parse_side(text)
        except RuleError as error:
            raise DomainError(
                _("Write each side as numbers and question names joined by +."), field=side
            ) from error
        for term in terms:
            is_question = term[0].isalpha() or term[0] == "_"
            if is_question and types.get(term) not in ("int", "decimal"):
                raise DomainError(
                    _("“%(term)s” is not a number question of this form.") % {"term": term},
                    field=side,
                )
    with transaction.atomic(), acting_as(actor):
        return ValidationRule.objects.create(
            form=form,
            name=name.strip()[:200] or left,
            left=left.strip(),
            operator=operator,
            right=right.strip(),
        )


def remove_validation_rule(*, rule, actor) -> None:
    form_policy.require(actor, "change", rule.form)
    with transaction.atomic(), acting_as(actor):
        rule.delete()


def save_quality_settings(
    *, form: Form, key_fields: str, period_field: str, expected_organisations, actor
):
    form_policy.require(actor, "change", form)
    types = (form.current_version.schema if form.current_version else {}).get("types", {})
    keys = [k.strip() for k in key_fields.split(",") if k.strip()]
    unknown = [k for k in [*keys, period_field.strip()] if k and k not in types]
    if unknown:
        raise DomainError(
            _("Not questions of this form: %(names)s") % {"names": ", ".join(unknown)},
            field="key_fields",
        )
    with transaction.atomic(), acting_as(actor):
        quality, _created = QualitySettings.objects.get_or_create(form=form)
        quality.key_fields = ", ".join(keys)
        quality.period_field = period_field.strip()
        quality.save()
        quality.expected_organisations.set(expected_organisations)
    return quality


def start_import(*, form: Form, content: bytes, filename: str, actor) -> ImportJob:
    """Keep the uploaded file and queue its import; the worker does the rest."""
    form_policy.require(actor, "change", form)
    if form.current_version is None:
        raise DomainError(_("Publish the form before importing data into it."))
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise DomainError(_("Import a .csv or .xlsx file."), field="file")
    if len(content) > MAX_IMPORT_BYTES:
        raise DomainError(_("The file is larger than 50 MB: split it."), field="file")
    with transaction.atomic(), acting_as(actor):
        job = ImportJob(form=form, uploaded_by=actor, filename=os.path.basename(filename)[:200])
        job.file.save(os.path.basename(filename), ContentFile(content), save=False)
        job.save()
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


def import_rows(job: ImportJob) -> ImportJob:
    """Check every row, then write all of them or none. Called by the task."""
    version = job.form.current_version
    user = job.uploaded_by
    rules = rules_of(version)

    def progress(done, total):
        job.report_progress(min(89, int(89 * done / total)))

    with translation.override(getattr(user, "preferred_language", "en") or "en"):
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
        try:
            sheets = read_file(job.file.read(), job.filename)
            parsed = parse(sheets, rules, progress=progress)
        except ImportFileError as error:
            parsed = None
            errors = [{"sheet": "", "row": None, "column": "", "message": str(error)}]
        else:
            errors = parsed.errors
        job.refresh_from_db()
        job.unchecked_rules = rules.unchecked
        job.total_rows = len(parsed.records) if parsed else 0
        if not errors:
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.WRITING, progress=90)
            try:
                with transaction.atomic():
                    for instance_id, values in parsed.records:
                        xml = instance_xml(version.xform, values, instance_id)
                        received = receive_submission(xml=xml, actor=user, refresh=False)
                        if received.outcome == "duplicate":
                            job.duplicates += 1
                        else:
                            job.imported += 1
                    if job.imported:
                        _refresh_if_analysed_unapproved(job.form)
            except SubmissionError as error:
                job.imported = job.duplicates = 0
                errors = [{"sheet": "", "row": None, "column": "", "message": error.message}]
        job.errors = errors
        job.status = ImportJob.Status.FAILED if errors else ImportJob.Status.SUCCEEDED
        job.progress = 100
        job.finished_at = timezone.now()
        job.save()
    return job


def export_queryset(form: Form, user, state: str = ""):
    """The submissions an export of `form` by `user` holds: within their scope."""
    submissions = (
        Submission.objects.visible_to(user)
        .filter(form=form)
        .select_related("organisation", "area")
        .order_by("pk")
    )
    if state in SubmissionState.values:
        submissions = submissions.filter(state=state)
    return submissions


def start_export(*, form: Form, actor, state: str = "", labels_language: str = "") -> ExportJob:
    """Queue a large Excel export; the worker writes it and the page shows progress."""
    if not Form.objects.visible_to(actor).filter(pk=form.pk).exists():
        raise NotAllowed("not allowed to export this form")
    with transaction.atomic(), acting_as(actor):
        job = ExportJob.objects.create(
            form=form,
            requested_by=actor,
            state=state if state in SubmissionState.values else "",
            labels_language=labels_language[:8],
        )
        transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def write_export(job: ExportJob) -> ExportJob:
    """Called by the task: write the workbook, updating the progress as it goes."""
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    version = job.form.current_version
    labels = (
        exports.labels_of(version.xform, job.labels_language)
        if job.labels_language and version
        else None
    )
    tables = exports.tables_of(version.schema if version else {})

    def progress(share):
        job.report_progress(int(share * 95))

    submissions = export_queryset(job.form, job.requested_by, job.state)
    with tempfile.TemporaryFile() as target:
        exports.xlsx(tables, exports.Rescan(submissions), labels, target=target, progress=progress)
        target.seek(0)
        job.file.save(f"{job.form.form_id}-{job.pk}.xlsx", File(target), save=False)
    job.status = ExportJob.Status.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.save()
    return job
