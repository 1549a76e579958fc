"""A small XPath 1.0 evaluator for the expressions XLSForms put in their binds
(`constraint`, `relevant`, `required`), so imported rows are held to the form's rules as a
phone would hold a person filling it.

It covers what forms commonly say: comparisons, and/or/not, arithmetic, `.`, `..`, paths
to other questions (pyxform turns `${name}` into `/data/group/name` or `../name`), and the
usual functions (selected, count-selected, string-length, regex, today, if, coalesce...).
Anything else — predicates, other instances, unknown functions — raises `Unsupported`
when the expression is compiled, and the caller reports that the rule was not checked:
a rule we cannot evaluate exactly is better left to reviewers than guessed.
"""

import math
import re
from dataclasses import dataclass
from datetime import date

EPOCH = date(1970, 1, 1)
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


class Unsupported(ValueError):
    """The expression uses something this evaluator does not implement."""


# --- values -----------------------------------------------------------------------------
# A path evaluates to a NodeSet (its nodes' string values); literals to str, float, bool.


@dataclass(frozen=True)
class NodeSet:
    values: tuple[str, ...]


def to_string(value) -> str:
    if isinstance(value, NodeSet):
        return value.values[0] if value.values else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def to_number(value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    text = to_string(value).strip()
    match = DATE.match(text)
    if match:  # dates count as days since 1970, as in JavaRosa
        try:
            return float((date(*map(int, match.groups())) - EPOCH).days)
        except ValueError:
            return math.nan
    try:
        return float(text)
    except ValueError:
        return math.nan


def to_bool(value) -> bool:
    if isinstance(value, NodeSet):
        return bool(value.values)
    if isinstance(value, float):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, str):
        return bool(value)
    return value


def _compare(op: str, left, right) -> bool:
    # XPath 1.0: a node-set compares through each of its nodes; otherwise booleans,
    # then numbers, then strings decide how = and != compare; < > always compare numbers.
    if isinstance(left, NodeSet):
        return any(_compare(op, v, right) for v in left.values)
    if isinstance(right, NodeSet):
        return any(_compare(op, left, v) for v in right.values)
    if op in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            a, b = to_bool(left), to_bool(right)
        elif isinstance(left, float) or isinstance(right, float):
            a, b = to_number(left), to_number(right)
        else:
            a, b = to_string(left), to_string(right)
        return (a == b) if op == "=" else (a != b)
    a, b = to_number(left), to_number(right)
    return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


# --- the record an expression is evaluated against -----------------------------------------


@dataclass
class Context:
    """A record as nested dicts (repeats as lists of dicts); `here` is the path of the
    question being checked; `item` the repeat row it sits in, if any."""

    record: dict
    here: str
    repeat: str = ""
    item: dict | None = None
    today: date | None = None

    def lookup(self, path: str):
        parts = [p for p in path.split("/") if p]
        if self.repeat and self.item is not None and path.startswith(self.repeat + "/"):
            node, parts = self.item, path[len(self.repeat) + 1 :].split("/")
        else:
            node = self.record
        for part in parts:
            if isinstance(node, list):  # a path through a repeat from outside it
                return [n.get(part) if isinstance(n, dict) else None for n in node]
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    def nodes(self, path: str) -> NodeSet:
        # In a form's instance every question's node exists, answered or not: an
        # unanswered one is a node with an empty value.
        value = self.lookup(path)
        if isinstance(value, list):  # repeat instances, or one value per instance
            return NodeSet(tuple("" if isinstance(v, dict) else _text(v) for v in value))
        if isinstance(value, dict):
            return NodeSet(("",))
        return NodeSet((_text(value),))


def _text(value) -> str:
    return "" if value is None else str(value)


# --- tokens and parsing ----------------------------------------------------------------------

TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d*)?|\.\d+)
    | (?P<string>"[^"]*"|'[^']*')
    | (?P<op>!=|<=|>=|//|\.\.|[=<>+\-*/(),|\[\]@$])
    | (?P<name>[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)
    | (?P<dot>\.)
    )""",
    re.X,
)
WORD_OPS = {"and", "or", "div", "mod"}


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise Unsupported(f"cannot read {text[position:]!r}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class Parser:
    def __init__(self, text: str, here: str):
        self.tokens = tokenize(text)
        self.index = 0
        self.here = here

    def peek(self, offset=0):
        i = self.index + offset
        return self.tokens[i] if i < len(self.tokens) else ("end", "")

    def take(self):
        token = self.peek()
        self.index += 1
        return token

    def expect(self, value):
        _kind, text = self.take()
        if text != value:
            raise Unsupported(f"expected {value!r}, found {text!r}")

    def word(self, *words) -> str | None:
        kind, text = self.peek()
        # "and", "div"... are operators only where an operator can stand.
        if kind == "name" and text in words:
            self.index += 1
            return text
        return None

    def parse(self):
        tree = self.or_expr()
        if self.peek()[0] != "end":
            raise Unsupported(f"unexpected {self.peek()[1]!r}")
        return tree

    def binary(self, next_level, operators, words=()):
        left = next_level()
        while True:
            kind, text = self.peek()
            if kind == "op" and text in operators:
                self.index += 1
            elif words and self.word(*words):
                text = self.tokens[self.index - 1][1]
            else:
                return left
            right = next_level()
            left = _binary(text, left, right)

    def or_expr(self):
        return self.binary(self.and_expr, (), ("or",))

    def and_expr(self):
        return self.binary(self.equality, (), ("and",))

    def equality(self):
        return self.binary(self.relational, ("=", "!="))

    def relational(self):
        return self.binary(self.additive, ("<", ">", "<=", ">="))

    def additive(self):
        return self.binary(self.multiplicative, ("+", "-"))

    def multiplicative(self):
        return self.binary(self.unary, ("*",), ("div", "mod"))

    def unary(self):
        if self.peek() == ("op", "-"):
            self.index += 1
            operand = self.unary()
            return lambda c: -to_number(operand(c))
        return self.primary()

    def primary(self):
        kind, text = self.peek()
        if kind == "number":
            self.index += 1
            value = float(text)
            return lambda c: value
        if kind == "string":
            self.index += 1
            value = text[1:-1]
            return lambda c: value
        if (kind, text) == ("op", "("):
            self.index += 1
            inner = self.or_expr()
            self.expect(")")
            return inner
        if kind == "name" and self.peek(1) == ("op", "("):
            return self.call()
        if kind in ("dot", "name") or text in ("/", ".."):
            return self.path()
        raise Unsupported(f"unexpected {text!r}")

    def call(self):
        name = self.take()[1]
        self.expect("(")
        args = []
        if self.peek() != ("op", ")"):
            args.append(self.or_expr())
            while self.peek() == ("op", ","):
                self.index += 1
                args.append(self.or_expr())
        self.expect(")")
        if name == "current" and not args:
            here = self.here
            return self.path(start=here) if self.peek()[1] == "/" else (lambda c: c.nodes(here))
        function = FUNCTIONS.get(name)
        if function is None:
            raise Unsupported(f"function {name}()")
        return lambda c: function(c, *args)

    def path(self, start: str | None = None):
        """Absolute (/data/a/b), or relative to the question the bind is on."""
        if start is not None:
            return self.rest_of_path(start.split("/") if start else [])
        if self.peek()[1] == "/":
            self.index += 1
            self.take_name()  # the instance root: /data
            return self.rest_of_path([])
        here = self.here.split("/") if self.here else []
        kind, text = self.take()
        if kind == "dot":
            return self.rest_of_path(here)
        if text == "..":
            return self.rest_of_path(here[:-1])
        self.index -= 1
        return self.rest_of_path([*here, self.take_name()])

    def rest_of_path(self, steps: list[str]):
        while self.peek() == ("op", "/"):
            self.index += 1
            if self.peek()[1] == "..":
                self.index += 1
                steps = steps[:-1]
            elif self.peek()[0] == "dot":
                self.index += 1
            else:
                steps = [*steps, self.take_name()]
        if self.peek()[1] in ("[", "//", "@"):
            raise Unsupported("predicates and axes")
        path = "/".join(steps)
        return lambda c: c.nodes(path)

    def take_name(self) -> str:
        kind, text = self.take()
        if kind != "name" or ":" in text:
            raise Unsupported(f"path step {text!r}")
        return text


def _binary(op, left, right):
    if op == "or":
        return lambda c: to_bool(left(c)) or to_bool(right(c))
    if op == "and":
        return lambda c: to_bool(left(c)) and to_bool(right(c))
    if op in ("=", "!=", "<", ">", "<=", ">="):
        return lambda c: _compare(op, left(c), right(c))
    arithmetic = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "div": lambda a, b: a / b if b else (math.nan if a == 0 else math.copysign(math.inf, a)),
        "mod": lambda a, b: math.fmod(a, b) if b else math.nan,
    }[op]
    return lambda c: arithmetic(to_number(left(c)), to_number(right(c)))


# --- functions (ODK XForms) ----------------------------------------------------------------


def _if(c, condition, then, otherwise):
    return then(c) if to_bool(condition(c)) else otherwise(c)


def _coalesce(c, first, second):
    value = to_string(first(c))
    return value if value else to_string(second(c))


def _count(c, nodes):
    value = nodes(c)
    return float(len(value.values)) if isinstance(value, NodeSet) else 0.0


def _regex(c, value, pattern):
    return re.search(to_string(pattern(c)), to_string(value(c))) is not None


def _round(c, value, digits=None):
    number = to_number(value(c))
    places = int(to_number(digits(c))) if digits else 0
    if math.isnan(number) or math.isinf(number):
        return number
    return float(math.floor(number * 10**places + 0.5) / 10**places)


def _today(c):
    return (c.today or date.today()).isoformat()


def _substr(c, value, start, end=None):
    text = to_string(value(c))
    first = int(to_number(start(c)))
    return text[first : int(to_number(end(c))) if end else None]


FUNCTIONS = {
    "not": lambda c, x: not to_bool(x(c)),
    "true": lambda c: True,
    "false": lambda c: False,
    "boolean": lambda c, x: to_bool(x(c)),
    "number": lambda c, x: to_number(x(c)),
    "int": lambda c, x: float(math.trunc(n)) if math.isfinite(n := to_number(x(c))) else n,
    "string": lambda c, x: to_string(x(c)),
    "string-length": lambda c, x: float(len(to_string(x(c)))),
    "normalize-space": lambda c, x: " ".join(to_string(x(c)).split()),
    "concat": lambda c, *xs: "".join(to_string(x(c)) for x in xs),
    "contains": lambda c, a, b: to_string(b(c)) in to_string(a(c)),
    "starts-with": lambda c, a, b: to_string(a(c)).startswith(to_string(b(c))),
    "ends-with": lambda c, a, b: to_string(a(c)).endswith(to_string(b(c))),
    "substr": _substr,
    "selected": lambda c, a, b: to_string(b(c)).strip() in to_string(a(c)).split(),
    "count-selected": lambda c, a: float(len(to_string(a(c)).split())),
    "count": _count,
    "regex": _regex,
    "if": _if,
    "coalesce": _coalesce,
    "round": _round,
    "floor": lambda c, x: float(math.floor(n)) if math.isfinite(n := to_number(x(c))) else n,
    "ceiling": lambda c, x: float(math.ceil(n)) if math.isfinite(n := to_number(x(c))) else n,
    "abs": lambda c, x: abs(to_number(x(c))),
    "today": _today,
}


def compile_expression(text: str, here: str):
    """A function of a Context returning the expression's value, for the question at
    `here` (its path relative to the instance root). Raises Unsupported."""
    return Parser(text, here).parse()
