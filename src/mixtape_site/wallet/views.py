"""The learner's wallet pages. Every object is loaded through its owner (404 otherwise)."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mixtape_site.credentials.verification import Outcome, check_rows
from mixtape_site.wallet import selectors, services
from mixtape_site.wallet.forms import IMPORT_FORMS, FilterForm, TagsForm
from mixtape_site.wallet.importing import CODE_NOT_YOURS_EMAIL, RECIPIENT_UNKNOWN
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.wallet.reading import RecipientMatch, token_of
from mixtape_site.wallet.status import wallet_status
from mixtape_site.wallet.views_share import share_context

IMPORTED = _("The credential is now in your wallet.")
REMOVED = _("The credential was removed from your wallet.")
TAGS_SAVED = _("Tags saved.")
ADDED = _("The credential was added to your wallet.")
PAGE_SIZE = 20
_OUTCOMES = {
    WalletCredential.Status.REVOKED: Outcome.REVOKED,
    WalletCredential.Status.SUSPENDED: Outcome.SUSPENDED,
}


@login_required
@require_safe
def wallet_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = FilterForm(request.GET or None, options=selectors.wallet_filter_options(owner=user))
    filters = form.filters() if form.is_bound else {}
    page = Paginator(selectors.wallet_list(owner=user, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for credential in page:
        wallet_status(credential)  # live, but cached for a few minutes
    context = {
        "did": learner_did(user=user),
        "emails": EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
        "discovered": selectors.discovered_credentials(user=user),
        "form": form,
        "page": page,
        "filtered": any(filters.get(k) for k in ("q", "issuer", "skill", "status", "tag")),
        "query": _query_without_page(request),
    }
    return render(request, "wallet/list.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def wallet_import(request: HttpRequest) -> HttpResponse:
    forms = {kind: form_class(prefix=kind) for kind, form_class in IMPORT_FORMS.items()}
    kind, email_help = request.POST.get("form", ""), False
    if request.method == "POST" and kind in IMPORT_FORMS:
        form = forms[kind] = IMPORT_FORMS[kind](request.POST, request.FILES, prefix=kind)
        if form.is_valid():
            try:
                credential = _import(kind, form.cleaned_data, request.user)
            except ValidationError as error:
                form.add_error(next(iter(form.fields)), error)
                email_help = any(e.code == CODE_NOT_YOURS_EMAIL for e in error.error_list)
            else:
                return _imported(request, credential)
    status = 400 if request.method == "POST" else 200
    context = {"forms": forms, "failed": kind, "email_help": email_help}
    return render(request, "wallet/import.html", context, status=status)


def _import(kind: str, data: dict[str, Any], user: Any) -> WalletCredential:
    if kind == "upload":
        return services.wallet_import_file(user=user, data=data["file"].read())
    if kind == "paste":
        return services.wallet_import_text(user=user, text=data["text"])
    return services.wallet_import_url(user=user, url=data["url"])


def _imported(request: HttpRequest, credential: WalletCredential) -> HttpResponse:
    messages.success(request, IMPORTED)
    if (
        selectors.wallet_recipient(credential=credential, user=request.user)
        == RecipientMatch.UNKNOWN
    ):
        messages.warning(request, RECIPIENT_UNKNOWN)
    return redirect("wallet:detail", uuid=credential.uuid)


@login_required
@require_safe
def wallet_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = selectors.wallet_get(owner=request.user, uuid=uuid)
    return _detail(request, credential, TagsForm(initial={"tags": ", ".join(credential.tags)}))


def _detail(
    request: HttpRequest, credential: WalletCredential, tags_form: TagsForm, status: int = 200
) -> HttpResponse:
    live_status, report = wallet_status(credential)
    recipient = selectors.wallet_recipient(credential=credential, user=request.user)
    context = {
        "credential": credential,
        "status": live_status,
        "rows": check_rows(report, _OUTCOMES.get(live_status)) if report else (),
        "recipient_unknown": recipient == RecipientMatch.UNKNOWN,
        "tags_form": tags_form,
        "document_text": json.dumps(credential.document, indent=2, ensure_ascii=False),
        "is_jwt": token_of(credential.document) is not None,
        **share_context(credential),
    }
    return render(request, "wallet/detail.html", context, status=status)


@login_required
@require_POST
def wallet_tags(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = selectors.wallet_get(owner=request.user, uuid=uuid)
    form = TagsForm(request.POST)
    if form.is_valid():
        try:
            tags = form.cleaned_data["tags"]
            services.wallet_set_tags(user=request.user, credential=credential, tags=tags)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, TAGS_SAVED)
            return redirect("wallet:detail", uuid=credential.uuid)
    return _detail(request, credential, form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def wallet_remove(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = selectors.wallet_get(owner=request.user, uuid=uuid)
    if request.method == "POST":
        services.wallet_remove(user=request.user, credential=credential)
        messages.success(request, REMOVED)
        return redirect("wallet:list")
    return render(request, "wallet/remove.html", {"credential": credential})


@login_required
@require_safe
def wallet_download(request: HttpRequest, uuid: UUID) -> HttpResponse:
    credential = selectors.wallet_get(owner=request.user, uuid=uuid)
    token = token_of(credential.document)
    name = slugify(credential.name)[:60] or "credential"
    if token is not None:
        response = HttpResponse(token, content_type="application/jwt")
        filename = f"{name}.jwt"
    else:
        body = json.dumps(credential.document, indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"{name}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def wallet_claim(request: HttpRequest, uuid: UUID) -> HttpResponse:
    issued = selectors.discovered_get(user=request.user, uuid=uuid)
    try:
        credential = services.wallet_claim_discovered(user=request.user, issued_credential=issued)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wallet:list")
    messages.success(request, ADDED)
    return redirect("wallet:detail", uuid=credential.uuid)
