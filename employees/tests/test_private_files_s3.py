"""Private files in an S3-compatible object store: nothing in the bucket is public, nothing on a page links to it,
and the permission-checked views are the only way in (spec 08/10; issue #18, several app servers)."""

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from employees import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    import uuid

    from django.core.files.storage import storages

    from hrms.settings.base import s3_private_storage

    bucket = f"hrms-acl-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, aws_access_key_id="t", aws_secret_access_key="t", region_name="us-east-1"
    )
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": s3_private_storage(bucket=bucket, endpoint_url=s3_endpoint, access_key="t", secret_key="t"),
    }
    return client, bucket, storages["private"]


def test_an_uploaded_personnel_file_is_a_private_object_never_linked(org, users, login, s3_storage):
    client, bucket, storage = s3_storage
    document = services.document_upload(
        employee=org.worker,
        kind="id_copy",
        upload=SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf"),
        by=users["hr"],
    )
    key = f"private/{document.file.name}"
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")], "no public read"
    page = login(users["hr"]).get(reverse("employees:employee_detail", args=[org.worker.pk])).content.decode()
    assert bucket not in page and "X-Amz" not in page
    download = reverse("employees:document_download", args=[org.worker.pk, document.pk])
    assert download in page
    assert login(users["head"]).get(download).status_code == 403
