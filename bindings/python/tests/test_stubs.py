"""The typed stubs ship with the package and describe what the module really has (both ways),
and every public name has a docstring."""

import ast
import inspect
import pathlib
import re

import contrascreen

PACKAGE = pathlib.Path(contrascreen.__file__).parent


def stub_tree():
    return ast.parse((PACKAGE / "__init__.pyi").read_text(encoding="utf-8"))


def test_stubs_and_marker_ship_next_to_the_module():
    assert (PACKAGE / "__init__.pyi").is_file()
    assert (PACKAGE / "py.typed").is_file()


def test_stubs_match_the_module():
    tree = stub_tree()
    aliases = {"DateLike", "Answer", "Intake", "Result"}
    stub_classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    stub_functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    stub_names = set(stub_classes) | stub_functions | {"__version__", "codes"}
    assert stub_names == set(contrascreen.__all__)
    for name in stub_names - aliases:
        assert hasattr(contrascreen, name), name
    for name, node in stub_classes.items():
        runtime = getattr(contrascreen, name)
        if issubclass(runtime, BaseException):
            runtime = runtime("message", [])  # attributes of instances
        members = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
        members |= {item.target.id for item in node.body if isinstance(item, ast.AnnAssign)}
        for member in members - {"__init__"}:
            assert hasattr(runtime, member), f"{name}.{member}"
        if not isinstance(runtime, BaseException):
            public = {m for m in dir(runtime) if not m.startswith("_")}
            assert public <= members, f"{name}: not in the stubs: {sorted(public - members)}"


def signature_names(function):
    """Parameter names from the signature line pybind11 puts first in a docstring (or, for a
    function written in Python, from its signature)."""
    if inspect.isfunction(function):
        return [n for n in inspect.signature(function).parameters if n != "self"]
    first = function.__doc__.splitlines()[0]
    params = first[first.index("(") + 1:first.rindex(")")]
    return [n for n in re.findall(r"(\w+):", params) if n != "self"]


def test_parameters_match():
    tree = stub_tree()
    stubs = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    checked = [(getattr(contrascreen.RuleSet, f.name), f) for f in stubs["RuleSet"].body
               if isinstance(f, ast.FunctionDef) and not f.decorator_list]
    checked += [(getattr(contrascreen, name), f) for name, f in functions.items()]
    for runtime, stub in checked:
        names = [a.arg for a in stub.args.args if a.arg != "self"] + [a.arg for a in stub.args.kwonlyargs]
        assert signature_names(runtime) == names, stub.name


def test_everything_has_a_docstring():
    assert contrascreen.__doc__ and "load" in contrascreen.__doc__
    for name in contrascreen.__all__:
        if name == "__version__":
            continue
        obj = getattr(contrascreen, name)
        assert inspect.getdoc(obj), name
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            for member, value in vars(obj).items():
                if not member.startswith("_"):
                    assert inspect.getdoc(value), f"{name}.{member}"
