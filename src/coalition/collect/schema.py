"""What an XForm says about its data: each field's type, the repeat groups, and which
fields the device fills with its start and end time. Computed once when a version is
published and stored with it, then used to type every submission's values."""

from lxml import etree

from coalition.collect.xlsform import XF, safe_parser

JR = "{http://openrosa.org/javarosa}"


def relative_path(nodeset: str) -> str:
    """A path relative to the instance root: "/data/group/field" → "group/field"."""
    parts = [p for p in nodeset.split("/") if p]
    return "/".join(parts[1:])


def schema_of(xform: str) -> dict:
    root = etree.fromstring(xform.encode("utf-8"), parser=safe_parser())
    types, preload = {}, {}
    for bind in root.iter(f"{XF}bind"):
        nodeset = bind.get("nodeset", "")
        path = relative_path(nodeset)
        kind = (bind.get("type") or "string").split(":")[-1]
        types[path] = kind
        if bind.get(f"{JR}preload") == "timestamp":
            preload[bind.get(f"{JR}preloadParams", "")] = path
    # pyxform writes select_multiple binds as plain strings; the body's <select> says it
    # holds a space-separated list.
    for select in root.iter(f"{XF}select"):
        if select.get("ref"):
            types[relative_path(select.get("ref"))] = "select"
    repeats = sorted({relative_path(r.get("nodeset", "")) for r in root.iter(f"{XF}repeat")})
    return {
        "types": types,
        "repeats": repeats,
        "start": preload.get("start", ""),
        "end": preload.get("end", ""),
    }


def typed_value(text: str | None, kind: str | None):
    if text is None or text == "":
        return None
    try:
        if kind == "int":
            return int(text)
        if kind == "decimal":
            return float(text)
        if kind == "select":
            return text.split()
    except ValueError:
        return text  # kept as sent; data quality checks flag it
    return text


def typed_values(root, schema: dict) -> dict:
    """The submission as nested dicts: values typed, repeats as lists of dicts."""
    types = schema.get("types", {})
    repeats = set(schema.get("repeats", []))

    def walk(element, prefix: str) -> dict:
        out: dict = {}
        for child in element:
            if not isinstance(child.tag, str) or child.get(f"{JR}template") is not None:
                continue  # comments, processing instructions, repeat templates
            name = etree.QName(child.tag).localname
            path = f"{prefix}{name}"
            if path in repeats:
                out.setdefault(name, []).append(walk(child, f"{path}/"))
            elif len(child):
                out[name] = walk(child, f"{path}/")
            else:
                out[name] = typed_value((child.text or "").strip(), types.get(path))
        return out

    return walk(root, "")


def value_at(data: dict, path: str):
    node = data
    for part in path.split("/"):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node
