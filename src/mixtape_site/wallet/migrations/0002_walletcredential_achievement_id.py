import base64
import json

from django.db import migrations, models


def _payload(document):
    """The credential of a stored wallet document (a VC-JWT is kept as {"jwt": …})."""
    token = document.get("jwt") if isinstance(document, dict) else None
    if not isinstance(token, str):
        return document if isinstance(document, dict) else {}
    try:
        segment = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (IndexError, ValueError):
        return {}
    return claims.get("vc", claims) if isinstance(claims, dict) else {}


def _achievement_id(document):
    credential = _payload(document)
    subject = credential.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    if achievement is None:  # an OB 2.0 assertion names its BadgeClass
        achievement = credential.get("badge")
    value = achievement.get("id") if isinstance(achievement, dict) else achievement
    return value[:500] if isinstance(value, str) else ""


def backfill(apps, schema_editor):
    WalletCredential = apps.get_model("wallet", "WalletCredential")
    for row in WalletCredential.objects.only("id", "document").iterator():
        achievement_id = _achievement_id(row.document)
        if achievement_id:
            WalletCredential.objects.filter(pk=row.pk).update(achievement_id=achievement_id)


class Migration(migrations.Migration):
    dependencies = [
        ("wallet", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="walletcredential",
            name="achievement_id",
            field=models.CharField(blank=True, db_index=True, max_length=500),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
