"""The page kinds for the moments after first contact: a customer story, a welcome page and a
referral page. Their front-matter fields, validated into Page fields with located problems."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitekit.errors import Diagnostic
from sitekit.models import Customer, Fit, Link, Step, StoryResult, Support

if TYPE_CHECKING:
    from sitekit.build.content import _PageBuilder

KINDS = ("story", "welcome", "referral")
MAX_REFERRAL_STEPS = 3
KIND_TEXT_FIELDS = (
    "situation",
    "choice",
    "outcome",
    "quote",
    "if_something_goes_wrong",
    "friend_gets",
    "you_get",
)
KIND_FIELDS = (*KIND_TEXT_FIELDS, "customer", "results", "fit", "steps", "contact", "refer")
KIND_SHAPES = {
    "customer": ("name", "role", "company", "photo"),
    "results": ("figure", "label"),
    "fit": ("good", "not_for"),
    "steps": ("when", "what"),
    "contact": ("who", "how", "response_time"),
    "refer": ("label", "url"),
}
KIND_REQUIRED: dict[str, tuple[str, ...]] = {
    "customer": (),
    "results": ("figure",),
    "fit": (),
    "steps": ("what",),
    "contact": (),
    "refer": ("label", "url"),
}
KIND_SHAPE_TEXT = {
    "customer": "a mapping {name, role, company, photo}",
    "results": 'a list of mappings {figure, label}, e.g. {figure: "40%", label: fewer calls}',
    "fit": "a mapping {good, not_for}",
    "steps": "a list of mappings {when, what}",
    "contact": "a mapping {who, how, response_time}",
    "refer": "a mapping {label, url}",
}
# the fields that belong to one kind: a welcome page's `results` is a mistake, said so
OWN_FIELDS = {
    "story": ("customer", "situation", "choice", "outcome", "results", "quote", "fit"),
    "welcome": ("steps", "contact", "if_something_goes_wrong", "refer"),
    "referral": ("friend_gets", "you_get", "steps"),
}


def kind_fields(pb: _PageBuilder, template: str, values: dict[str, Any]) -> dict[str, Any]:
    """The Page keyword arguments of a story, welcome or referral page's own fields; a field
    of another kind is a located warning (it would not show)."""
    owned = OWN_FIELDS.get(template, ())
    for name in KIND_FIELDS:
        if name in values and name not in owned:
            kinds = [k for k, own in OWN_FIELDS.items() if name in own]
            message = (
                f"field '{name}' belongs to a {' or '.join(kinds)} page (template: "
                f"{kinds[0]}); this page's template is '{template}', so it does not show"
            )  # on `template`: the guard's fields of that name are another matter
            pb.diagnostics.append(Diagnostic("warning", message, pb.where(name), "template"))
    out: dict[str, Any] = {n: pb.text(values.get(n), n) for n in KIND_TEXT_FIELDS if n in owned}
    if "customer" in owned and values.get("customer") is not None:
        record = pb.record(values["customer"], "customer", "customer")
        out["customer"] = Customer(**record) if record is not None else None
    if "results" in owned:
        out["results"] = tuple(
            StoryResult(r["figure"], r.get("label", ""))
            for _, r in pb.records(values.get("results"), "results")
        )
    if "fit" in owned and values.get("fit") is not None:
        record = pb.record(values["fit"], "fit", "fit")
        out["fit"] = Fit(**record) if record is not None else None
    if "steps" in owned:
        raw = values.get("steps")
        if isinstance(raw, list):  # a step may be plain text: "A plumber calls you"
            raw = [{"what": s} if isinstance(s, str) else s for s in raw]
        out["steps"] = tuple(
            Step(r["what"], r.get("when", "")) for _, r in pb.records(raw, "steps")
        )
        if template == "referral" and len(out["steps"]) > MAX_REFERRAL_STEPS:
            pb.problem(
                "error",
                "steps",
                f"a referral page has {len(out['steps'])} steps; keep it to "
                f"{MAX_REFERRAL_STEPS} or fewer (a friend should see at once how easy it is)",
            )
    if "contact" in owned and values.get("contact") is not None:
        record = pb.record(values["contact"], "contact", "contact")
        out["contact"] = Support(**record) if record is not None else None
    if "refer" in owned and values.get("refer") is not None:
        record = pb.record(values["refer"], "refer", "refer")
        out["refer"] = Link(record["label"], record["url"]) if record is not None else None
    return out
