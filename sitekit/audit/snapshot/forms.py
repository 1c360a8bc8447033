"""Forms: where each starts, its fields, its submit text, whether it asks for an email."""

from __future__ import annotations

from sitekit.audit.snapshot.state import Ctx, Form, State, attr, record
from sitekit.audit.snapshot.tree import Node
from sitekit.models import FormInfo

BUTTON_INPUT_TYPES = frozenset(("submit", "button", "image"))
NON_FIELD_INPUT_TYPES = frozenset(("hidden", "submit", "button", "image", "reset"))


def open_form(tag: Node, st: State) -> int:
    """Start a form at the current word; return its index (the children's `Ctx.form`)."""
    st.forms.append(
        Form(attr(tag, "action"), attr(tag, "method").lower() or "get", st.words, tag.sourceline)
    )
    return len(st.forms) - 1


def open_input(tag: Node, ctx: Ctx, st: State) -> None:
    kind = attr(tag, "type").lower() or "text"
    if kind in BUTTON_INPUT_TYPES:
        idx = record(st, "button", tag, ctx)
        if idx >= 0:
            st.records[idx].text = attr(tag, "value") or attr(tag, "alt") or kind
        if ctx.form >= 0 and not st.forms[ctx.form].submit:
            st.forms[ctx.form].submit = st.records[idx].text if idx >= 0 else kind
    elif kind not in NON_FIELD_INPUT_TYPES and ctx.form >= 0:
        add_field(st.forms[ctx.form], tag, kind)


def add_field(form: Form, tag: Node, kind: str) -> None:
    label = attr(tag, "name") or attr(tag, "id") or attr(tag, "placeholder") or kind
    form.fields.append(f"{label}:{kind}")
    hint = f"{kind} {label} {attr(tag, 'placeholder')} {attr(tag, 'autocomplete')}".lower()
    if kind == "email" or "mail" in hint:
        form.has_email = True


def form_info(form: Form) -> FormInfo:
    return FormInfo(
        action=form.action,
        method=form.method,
        fields=tuple(form.fields),
        submit_text=form.submit,
        position=form.position,
        line=form.line,
        has_email=form.has_email,
    )


# hosts that serve nothing but forms a visitor fills in (a form service's own domain)
FORM_HOSTS = (
    "forms.gle",
    "forms.office.com",
    "forms.microsoft.com",
    "forms.cloud.microsoft",
    "typeform.com",
    "jotform.com",
    "tally.so",
    "wufoo.com",
    "cognitoforms.com",
    "123formbuilder.com",
    "formstack.com",
    "forms.zohopublic.com",
)


def is_form_address(href: str) -> bool:
    """Does an address lead to an online form: a form service's host ('forms.gle',
    'forms.office.com', 'typeform.com', 'jotform.com') or Google's '/forms/' path
    ('docs.google.com/forms/...')?"""
    low = href.lower()
    if not low.startswith(("http:", "https:", "//")):
        return False
    host, _, path = low.split("//", 1)[-1].partition("/")
    host = host.split("@")[-1].split(":")[0]
    if any(host == h or host.endswith("." + h) for h in FORM_HOSTS):
        return True
    return host == "docs.google.com" and path.startswith("forms/")
