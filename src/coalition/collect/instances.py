"""Building submission XML from values, as a device would: used by bulk imports and the
demo, so both go through the same receiving path as phones."""

import copy

from lxml import etree

from coalition.collect.xlsform import HTML, XF, safe_parser


def instance_xml(xform: str, values: dict, instance_id: str) -> bytes:
    """The form's primary instance filled with `values`: nested dicts for groups, lists
    of dicts for repeats. Repeat templates are dropped, as devices do."""
    root = etree.fromstring(xform.encode(), parser=safe_parser())
    template = next(iter(root.find(f"{HTML}head/{XF}model/{XF}instance")))
    data = copy.deepcopy(template)
    is_template = "{http://openrosa.org/javarosa}template"

    def fill(element, mapping):
        for child in list(element):
            name = etree.QName(child).localname
            value = mapping.get(name)
            if child.get(is_template) is not None or isinstance(value, list):
                # A repeat: every instance in the form is replaced by the rows given.
                if child.get(is_template) is not None:
                    for row in value or []:
                        row_element = copy.deepcopy(child)
                        del row_element.attrib[is_template]
                        fill(row_element, row)
                        child.addprevious(row_element)
                element.remove(child)
            elif isinstance(value, dict):
                fill(child, value)
            elif len(child):
                fill(child, {})
            elif value is not None:
                child.text = str(value)

    fill(data, values)
    for node in data.iter():
        if etree.QName(node).localname == "instanceID":
            node.text = instance_id
    return etree.tostring(data, xml_declaration=True, encoding="UTF-8")
