"""The declarations a C++ header makes reachable to its users, found without a compiler.

A public header may keep library internals in `namespace detail` and in the private part of
a class; everything else it declares (free functions, public member functions and data, type
aliases, base classes) is API. declarations() walks a header's braces and yields each of
those API declarations with its line and qualified name, so that a check can ask whether its
signature names a `detail::` type. Function bodies and brace initialisers are skipped: what
an inline body uses is not part of its signature. Friend declarations and forward
declarations expose nothing and are skipped too.

This is a scanner for the project's own headers (clang-formatted, no macros that open or
close braces), not a C++ parser. Standard library only.
"""

import re
from dataclasses import dataclass

_COMMENT_OR_LITERAL = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.DOTALL)
_PREPROCESSOR = re.compile(r"^[ \t]*#[^\n]*(?:\\\n[^\n]*)*", re.MULTILINE)
_ACCESS = re.compile(r"^\s*(public|protected|private)\s*:(?!:)")
_FORWARD_DECLARATION = re.compile(r"^(?:class|struct|union)\s+\w+$")
_IDENTIFIER = re.compile(r"(operator\s*(?:\(\)|[^\s(]+)|~?\w+)\s*$")


@dataclass
class Declaration:
    line: int  # 1-based line of the declaration's first character
    name: str  # qualified within the header, e.g. "RuleSet::compiled"
    text: str  # the declaration with whitespace collapsed, bodies left out


@dataclass
class _Scope:
    kind: str  # "namespace", "class", "enum" or "body" (function body or brace initialiser)
    name: str = ""
    public: bool = True  # for a class: whether the current access is public


def _blank(match):
    """Keeps newlines so that offsets still map to the right lines."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _strip(text):
    return _PREPROCESSOR.sub(_blank, _COMMENT_OR_LITERAL.sub(_blank, text))


def _declared_name(head):
    """The name a declaration introduces: before its parameter list, else its last word."""
    if re.search(r"\boperator\b", head):
        return "operator " + head.split("operator", 1)[1].split("(", 1)[0].strip()
    before = head.split("(", 1)[0] if "(" in head else re.split(r"=|\{|\[|(?<!:):(?!:)", head, 1)[0]
    match = _IDENTIFIER.search(before.strip())
    return match.group(1) if match else before.strip()


def declarations(text):
    """Yields every Declaration of `text` (a header's content) that its users can reach."""
    clean = _strip(text)
    stack = []
    start = 0  # offset where the current statement began

    def reachable():
        for scope in stack:
            if scope.kind == "namespace" and scope.name == "detail":
                return False
            if scope.kind == "class" and not scope.public:
                return False
        return not stack or stack[-1].kind in ("namespace", "class")

    def statement(end):
        """The text from `start` to `end`, with any leading access specifiers applied."""
        nonlocal start
        raw = clean[start:end]
        while stack and stack[-1].kind == "class":
            access = _ACCESS.match(raw)
            if not access:
                break
            stack[-1].public = access.group(1) == "public"
            start += access.end()
            raw = raw[access.end():]
        return raw

    def emit(raw, offset):
        head = " ".join(raw.split())
        if not head or not reachable() or head.startswith("friend ") or _FORWARD_DECLARATION.match(head):
            return None
        line = clean.count("\n", 0, offset + len(raw) - len(raw.lstrip())) + 1
        owners = [scope.name for scope in stack if scope.kind == "class" and scope.name]
        return Declaration(line, "::".join(owners + [_declared_name(head)]), head)

    parens = 0  # braces and semicolons inside parentheses (default arguments) open nothing
    for index, char in enumerate(clean):
        inside = stack[-1].kind if stack else "namespace"
        if inside in ("enum", "body"):
            if char == "{":
                stack.append(_Scope("body"))
            elif char == "}":
                finished = stack.pop()
                if finished.kind == "body" and stack and stack[-1].kind in ("namespace", "class"):
                    # A function body ends its declaration; a brace initialiser does not.
                    if "(" in clean[start:index].split("{", 1)[0]:
                        start = index + 1
            continue
        if char in "()":
            parens += 1 if char == "(" else -1
        elif parens > 0:
            continue
        elif char == ";":
            declaration = emit(statement(index), start)
            if declaration:
                yield declaration
            start = index + 1
        elif char == "{":
            raw = statement(index)
            head = " ".join(raw.split())
            kind = re.sub(r"^template\s*<.*?>\s*", "", head)
            if re.match(r"^(inline\s+)?namespace\b", head):
                stack.append(_Scope("namespace", head.split()[-1] if len(head.split()) > 1 else ""))
                start = index + 1
            elif "(" not in head and re.search(r"\benum\b", kind):
                stack.append(_Scope("enum"))
            elif "(" not in head and re.match(r"^(class|struct|union)\b", kind):
                declaration = emit(raw, start)  # the class head: its bases are API too
                if declaration:
                    yield declaration
                name = re.match(r"^(?:class|struct|union)\s+(\w+)", kind)
                stack.append(_Scope("class", name.group(1) if name else "", not kind.startswith("class")))
                start = index + 1
            else:
                if "(" in head:  # a function definition: its signature is the declaration
                    declaration = emit(raw, start)
                    if declaration:
                        yield declaration
                stack.append(_Scope("body"))
        elif char == "}":
            stack.pop()
            start = index + 1
