#!/usr/bin/python3
"""Fixtures for lrdecay/torch and lrdecay/transformers: real PyTorch 1.13 and the exact contract.

Writes test/fixtures/torch/*.json, so that the test suite needs no Python. Run it with Debian's
Python and packages (`apt-get install -y python3-torch python3-mpmath python3-numpy`):

    /usr/bin/python3 scripts/torch-fixtures.py --transformers-src PATH/TO/optimization.py

PATH/TO/optimization.py is huggingface/transformers' src/transformers/optimization.py at the commit
given by --transformers-commit (default 005edacb..., the one shared/FRAMEWORKS.md section 3 read).
Only its schedule functions are used (see load_transformers); Debian has no transformers package.
Options: --out DIR (default test/fixtures/torch), --only FAMILY[,FAMILY] (writes only those files),
--allow-dirty (write even when this script has uncommitted changes: for trying things out).

Three runs of every case, each with its own optimizer:
  real      torch.optim.lr_scheduler itself (Debian's python3-torch 1.13.1, glibc libm).
  contract  the same module's source (/usr/lib/python3/dist-packages/torch/optim/lr_scheduler.py),
            transformed with `ast` so that every math.cos / math.log / math.sqrt call and every
            binary `**` calls the correctly rounded functions below, then exec'd as a module. This
            is 1.13's source rather than main's because the real run is 1.13: the two runs then
            differ only where glibc is not correctly rounded (shared/FRAMEWORKS.md 1.5 lists where
            main's source differs; docs/frameworks/torch-notes.md says which of those change
            numbers).
  probe     the same transformation, but each hooked call returns glibc's result and records, when
            it differs from the correctly rounded one, the step, the function, the arguments and
            both results. Its values must equal the real run's bit for bit (checked here), so the
            records say exactly which libm results of the real run were not correctly rounded.
Hugging Face's schedules are its own lr-lambda functions and get_* constructors, taken from the
source with `ast` (not re-typed), exec'd in source order (so a name defined twice is bound as
Python binds it), and run through LambdaLR: the real run with glibc math and torch's LambdaLR, the
contract run transformed as above with the contract module's LambdaLR.

Correct rounding (cr_cos, cr_log, cr_sqrt, cr_pow): mpmath evaluates at 128 bits and more (Ziv's
strategy); the result is taken only when the whole error interval rounds to one double; an
interval that holds a midpoint between two doubles is decided by an exact rational test of that
midpoint (pow and sqrt have exact and midpoint cases, e.g. 81 ** 8.5 = 3**34 is a midpoint; cos
and log of a double other than cos(0) and log(1) are transcendental, so never). Integer powers up
to exponent 4096 are computed exactly with Fractions. Fraction -> float is CPython's correctly
rounded integer division (ties to even). `math.log(x, b)` is log(x) / log(b), each correctly
rounded, then one IEEE division, as CPython computes it. int ** int with a non-negative exponent
stays Python's exact integer power.

FORMAT of each test/fixtures/torch/<family>.json (also in test/fixtures/torch/README.md):
{
  "format": "lrdecay-torch-fixtures/1",
  "family": "CosineAnnealingLR",              one file per scheduler class; "transformers" for HF
  "generator": { versions of torch (and Debian's package), Python, glibc, mpmath, numpy, the CPU,
                 the script's sha256 and git commit, the contract sources' sha256 and the number
                 of call sites the transformation replaced },
  "cases": [ {
    "name": "...",
    "optimizer": {"class": "SGD", "defaults": {...}, "groups": [{...per-group overrides...}]},
    "scheduler": {"class": "...", "args": {...}, "passed": [...]}
        args: every constructor argument after the optimizer, in PyTorch's positional order, with
        its default filled in; passed: the names the case gave. A sub-scheduler is a nested
        {"class", "args", "passed"} object (constructed in list order, before its parent); a
        Python lambda is {"lambda": "<source text>"}; for Hugging Face, "class" is the get_*
        function and "lr_lambda_function" names the lambda function it binds with partial.
    "drive": {"kind": "step", "count": N}           N times opt.step(); sched.step()
           | {"kind": "epochs", "epochs_f64": B64, "python_ints": bool}  sched.step(epoch) for each
                                                    epoch (given as Python ints when python_ints)
           | {"kind": "calls", "calls": [null | number, ...]}  step() for null, step(epoch) else
           | {"kind": "metrics", "metrics_f64": B64}  ReduceLROnPlateau: sched.step(metric)
    "recurrent": true if a value depends on the previous step's lr (so a libm miss carries on),
    "channels": ["lr[0]", "lr[1]", "momentum[0]", "beta1[0]", ...],
    "steps": S,                  values are recorded after construction (step 0) and after each
                                 of the S calls of the drive: S + 1 rows
    "contract_f64": B64,         (S + 1) * channels doubles, row-major: value i is step
                                 floor(i / channels), channel i % channels
    "real_diff": {"i": "0x1.999999999999ap-4", ...}   real torch's value i where it differs
                                 from the contract (Python's float.hex)
    "libm_misses": [[step, "cos"|"log"|"sqrt"|"pow", [args as hex], glibc hex, correct hex], ...]
                                 every libm result of the real run that was not correctly rounded
    "state_dicts": {"step": {...}}  real torch's state_dict() after that step (see to_json)
    "raises_after": {"type": "ValueError", "message": "..."}  (optional) what one more step raises
    "published": {...}           (optional) Hugging Face's own test values for this case
    "summary": {"values": n, "identical": k}
  } ]
}
B64 is base64 of little-endian Float64Array bytes. Floats in JSON are Python's repr (exact round
trip); an infinity is {"float": "inf"} or {"float": "-inf"}; a Counter is {"Counter": [[k, n]..]};
a tuple is a list; an object JSON cannot hold is {"object": "<type name>"}.
errors.json holds the exceptions real torch 1.13 raises for bad arguments (type and message).
"""

from __future__ import annotations

import argparse
import ast
import base64
import builtins
import collections
import functools
import hashlib
import inspect
import json
import math
import os
import platform
import random
import struct
import subprocess
import sys
import types
import typing
import warnings
from fractions import Fraction

import mpmath
import numpy
import torch
import torch.optim.lr_scheduler as real_lr_scheduler
from mpmath import mp, mpf

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TORCH_SRC = real_lr_scheduler.__file__
DEFAULT_HF_COMMIT = "005edacb6b5dabbf0843e92c6623de9e07ca6241"
HF_TESTS_COMMIT = "74714520aed84bb44c9e6724ba805d2cd1e1eff7"
HOOK = "__lrdecay_libm__"
FORMAT = "lrdecay-torch-fixtures/1"

# --------------------------------------------------------------------------------------------
# Correctly rounded cos, log, sqrt and pow on doubles.
# --------------------------------------------------------------------------------------------

# Working precisions of Ziv's loop. 128 bits decides all but about one argument in 2^60; the
# larger ones are there for the rare hard case, and the loop raises rather than guess.
ZIV_PRECISIONS = (128, 256, 512, 1024, 4096)
# mpmath's elementary functions are accurate to within a few units in the last place of the
# working precision; the error interval is taken 2^16 of those units wide, a wide margin.
MP_SLACK_BITS = 16
# Integer powers up to this exponent are computed exactly (Fractions of at most 53 * 4096 bits).
EXACT_INT_POW_MAX = 4096
# The exact test of a pow midpoint m = x^(p/q) is m^q == x^p; beyond these sizes it is skipped
# (an exact case there would need a double whose odd part is a perfect q-th power of a 54-bit
# number, which no double has), and Ziv's loop goes on.
EXACT_TEST_MAX_Q = 1 << 12
EXACT_TEST_MAX_P = 1 << 12


def _fraction_of_mpf(v: mpf) -> Fraction:
    sign, man, exp, _bc = v._mpf_
    f = Fraction(man << exp) if exp >= 0 else Fraction(man, 1 << -exp)
    return -f if sign else f


def _round_ziv(what, evaluate, exact_at=None) -> float:
    """The double nearest to the real value that evaluate() approximates at mp.prec bits."""
    for prec in ZIV_PRECISIONS:
        with mp.workprec(prec):
            v = evaluate()
        if not mpmath.isfinite(v) or v == 0:
            raise ArithmeticError(f"{what}: mpmath gave {v}")
        f = _fraction_of_mpf(v)
        err = abs(f) / (1 << (prec - MP_SLACK_BITS))
        lo, hi = float(f - err), float(f + err)
        if lo == hi:
            return lo
        if exact_at is not None and math.nextafter(lo, math.inf) == hi:
            m = (Fraction(lo) + Fraction(hi)) / 2
            if exact_at(m):
                return float(m)  # an exact midpoint: int / int rounds ties to even
    raise ArithmeticError(f"{what}: not decided at {ZIV_PRECISIONS[-1]} bits")


_cache: dict = {}


def cr_cos(x: float) -> float:
    if x == 0 or not math.isfinite(x):
        return math.cos(x)  # cos(0) = 1 exactly; inf and nan as Python does
    key = ("cos", x)
    if key not in _cache:
        _cache[key] = _round_ziv(f"cos({x!r})", lambda: mpmath.cos(mpf(x)))
    return _cache[key]


def cr_log(x: float) -> float:
    if x == 1 or not (x > 0) or not math.isfinite(x):
        return math.log(x)  # log(1) = 0 exactly; 0, negatives, inf and nan as Python does
    key = ("log", x)
    if key not in _cache:
        _cache[key] = _round_ziv(f"log({x!r})", lambda: mpmath.log(mpf(x)))
    return _cache[key]


def cr_sqrt(x: float) -> float:
    if x <= 0 or not math.isfinite(x):
        return math.sqrt(x)
    key = ("sqrt", x)
    if key not in _cache:
        fx = Fraction(x)
        _cache[key] = _round_ziv(f"sqrt({x!r})", lambda: mpmath.sqrt(mpf(x)), lambda m: m * m == fx)
    return _cache[key]


def _pow_positive(x: float, y: float) -> float:
    """x^y correctly rounded for finite x > 0, x != 1, finite y != 0."""
    fx, fy = Fraction(x), Fraction(y)
    power_of_two = fx.numerator == 1 or (fx.denominator == 1 and fx.numerator & (fx.numerator - 1) == 0)
    if fy.denominator == 1 and (abs(fy.numerator) <= EXACT_INT_POW_MAX or power_of_two):
        return float(fx ** fy.numerator)
    p, q = fy.numerator, fy.denominator

    def exact_at(m: Fraction) -> bool:
        if q > EXACT_TEST_MAX_Q or abs(p) > EXACT_TEST_MAX_P:
            return False
        return m ** q == fx ** p

    return _round_ziv(f"pow({x!r}, {y!r})", lambda: mpmath.power(mpf(x), mpf(y)), exact_at)


def cr_pow_float(x: float, y: float) -> float:
    """CPython's float ** float (float_pow) with the C pow() call correctly rounded."""
    r = x ** y  # CPython's special cases, exceptions and complex results, as they are
    if not isinstance(r, float) or not math.isfinite(x) or not math.isfinite(y):
        return r
    if y == 0 or x == 0 or abs(x) == 1:
        return r  # exact special cases of float_pow
    if x < 0:
        if y != math.floor(y):
            return r  # a complex number, as Python gives
        key = ("pow", -x, y)
        if key not in _cache:
            _cache[key] = _pow_positive(-x, y)
        v = _cache[key]
        return -v if int(y) % 2 else v
    key = ("pow", x, y)
    if key not in _cache:
        _cache[key] = _pow_positive(x, y)
    return _cache[key]


def same_double(a: float, b: float) -> bool:
    return struct.pack("<d", a) == struct.pack("<d", b)


class Libm:
    """What transformed source calls in place of math.cos/log/sqrt and binary **.

    mode "contract" returns the correctly rounded result; mode "probe" returns glibc's (Python's
    own) result and records every call where it is not the correctly rounded one.
    """

    def __init__(self, mode: str) -> None:
        assert mode in ("contract", "probe")
        self.mode = mode
        self.step = 0
        self.misses: list = []

    def _pick(self, name: str, args: tuple, glibc, correct):
        if self.mode == "probe":
            if isinstance(glibc, float) and not same_double(glibc, correct):
                self.misses.append((self.step, name, args, glibc, correct))
            return glibc
        return correct

    def cos(self, x):
        g = math.cos(x)
        return self._pick("cos", (float(x),), g, cr_cos(float(x)))

    def sqrt(self, x):
        g = math.sqrt(x)
        return self._pick("sqrt", (float(x),), g, cr_sqrt(float(x)))

    def _log1(self, x):
        # CPython's loghelper turns an int into a double first (our ints are far below 2^1024).
        x = float(x)
        return self._pick("log", (x,), math.log(x), cr_log(x))

    def log(self, x, base=None):
        if base is None:
            math.log(x)  # Python's exceptions for bad arguments, as they are
            return self._log1(x)
        math.log(x, base)
        num = self._log1(x)
        den = self._log1(base)
        return num / den  # CPython's math.log(x, base) is exactly this division

    def pow(self, a, b):
        g = a ** b
        if not isinstance(g, float):
            return g  # int ** non-negative int: Python's exact integer
        if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            raise TypeError(f"unexpected operands of **: {a!r}, {b!r}")
        x, y = float(a), float(b)
        return self._pick("pow", (x, y), g, cr_pow_float(x, y))


# --------------------------------------------------------------------------------------------
# The source transformation.
# --------------------------------------------------------------------------------------------

HOOKED = ("cos", "log", "sqrt")
# math attributes that are exact or constant and stay as they are.
EXACT_MATH = ("floor", "ceil", "pi", "inf", "isinf", "isnan", "isfinite", "trunc")


class ToLibm(ast.NodeTransformer):
    """math.cos/log/sqrt(...) -> HOOK.cos/log/sqrt(...); a ** b -> HOOK.pow(a, b)."""

    def __init__(self) -> None:
        self.sites: collections.Counter = collections.Counter()

    def _hook(self, attr: str) -> ast.Attribute:
        return ast.Attribute(value=ast.Name(id=HOOK, ctx=ast.Load()), attr=attr, ctx=ast.Load())

    def visit_Attribute(self, node):
        self.generic_visit(node)
        if isinstance(node.value, ast.Name) and node.value.id == "math":
            if node.attr not in HOOKED + EXACT_MATH:
                raise NotImplementedError(f"math.{node.attr} at line {node.lineno} has no hook")
        return node

    def visit_Call(self, node):
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "math" and f.attr in HOOKED:
            self.generic_visit(node)
            self.sites[f.attr] += 1
            node.func = ast.copy_location(self._hook(f.attr), f)
            return node
        if isinstance(f, ast.Name) and f.id == "pow":
            raise NotImplementedError(f"builtin pow() at line {node.lineno} has no hook")
        self.generic_visit(node)
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Pow):
            self.sites["pow"] += 1
            call = ast.Call(func=self._hook("pow"), args=[node.left, node.right], keywords=[])
            return ast.copy_location(call, node)
        return node

    def visit_AugAssign(self, node):
        if isinstance(node.op, ast.Pow):
            raise NotImplementedError(f"**= at line {node.lineno} has no hook")
        self.generic_visit(node)
        return node


def transform(tree: ast.AST) -> tuple[ast.AST, dict]:
    t = ToLibm()
    tree = ast.fix_missing_locations(t.visit(tree))
    return tree, {k: t.sites[k] for k in ("cos", "log", "sqrt", "pow")}


def sha256_text(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def load_scheduler_module(libm: Libm) -> tuple[types.ModuleType, dict]:
    """torch/optim/lr_scheduler.py (1.13) exec'd with its libm calls going to `libm`."""
    with open(TORCH_SRC, encoding="utf-8") as fh:
        src = fh.read()
    tree, sites = transform(ast.parse(src, filename=TORCH_SRC))
    mod = types.ModuleType(f"lrdecay_{libm.mode}_lr_scheduler")
    # __package__ lets the module's own `from .optimizer import Optimizer` find torch's.
    mod.__dict__.update({"__package__": "torch.optim", "__file__": TORCH_SRC, HOOK: libm})
    exec(compile(tree, f"<{libm.mode} {TORCH_SRC}>", "exec"), mod.__dict__)
    return mod, sites


def hf_schedule_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    """The lr-lambda functions and get_* constructors of transformers' optimization.py."""
    keep = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if node.name in ("get_scheduler", "get_adafactor_schedule"):
            continue
        if node.name.startswith("get_") or node.name.startswith("_get_"):
            keep.append(node)
    return keep


def load_transformers(path: str, mode: str, lr_module, libm: Libm | None) -> tuple[dict, dict]:
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    tree = ast.parse(src, filename=path)
    funcs = hf_schedule_functions(tree)
    names = [f.name for f in funcs]
    segments = "\n\n".join(ast.get_source_segment(src, f) for f in funcs)
    module = ast.Module(body=funcs, type_ignores=[])
    sites = {}
    if libm is not None:
        module, sites = transform(module)
    ns = {
        "__name__": f"lrdecay_{mode}_transformers_optimization",
        "math": math,
        "warnings": warnings,
        "partial": functools.partial,
        "Optional": typing.Optional,
        "Union": typing.Union,
        "Optimizer": torch.optim.Optimizer,
        "torch": torch,
        "LambdaLR": lr_module.LambdaLR,
        "ReduceLROnPlateau": lr_module.ReduceLROnPlateau,
        HOOK: libm,
    }
    exec(compile(module, f"<{mode} {path}>", "exec"), ns)
    meta = {
        "functions": sorted(set(names)),
        "defined_twice": sorted({n for n in names if names.count(n) > 1}),
        "functions_sha256": sha256_text(segments),
        "transformed_sites": sites,
    }
    return ns, meta


# --------------------------------------------------------------------------------------------
# Case specifications.
# --------------------------------------------------------------------------------------------


class L:
    """A Python lambda given by its source text, compiled per run (transformed in the contract)."""

    def __init__(self, src: str) -> None:
        self.src = src


class S:
    """A torch scheduler class (by name) and the keyword arguments a case passes."""

    def __init__(self, cls: str, **kwargs) -> None:
        self.cls = cls
        self.kwargs = kwargs


class H:
    """A Hugging Face get_* function (by name) and the keyword arguments a case passes."""

    def __init__(self, fn: str, **kwargs) -> None:
        self.fn = fn
        self.kwargs = kwargs


class Opt:
    def __init__(self, cls: str, groups: list | None = None, **defaults) -> None:
        self.cls = cls
        self.defaults = defaults
        self.groups = groups or [{}]


class Case:
    def __init__(self, name, sched, drive, *, opt=None, recurrent, track=(), state_at=None,
                 raises_after=False, published=None) -> None:
        self.name = name
        self.sched = sched
        self.drive = drive
        self.opt = opt or Opt("SGD", lr=0.1, momentum=0.9)
        self.recurrent = recurrent
        self.track = track
        self.state_at = state_at
        self.raises_after = raises_after
        self.published = published


def steps(n: int) -> dict:
    return {"kind": "step", "count": n}


def epochs(values: list) -> dict:
    return {"kind": "epochs", "values": [float(v) if isinstance(v, float) else v for v in values]}


def calls(values: list) -> dict:
    return {"kind": "calls", "values": values}


def metrics(values: list) -> dict:
    return {"kind": "metrics", "values": values}


def drive_length(drive: dict) -> int:
    return drive["count"] if drive["kind"] == "step" else len(drive["values"])


# --------------------------------------------------------------------------------------------
# Running a case.
# --------------------------------------------------------------------------------------------


class Env:
    """One of the three runs: its scheduler module, its Hugging Face functions, its libm hook."""

    def __init__(self, mode: str, hf_path: str | None) -> None:
        self.mode = mode
        if mode == "real":
            self.libm = None
            self.module = real_lr_scheduler
            self.sites = {}
        else:
            self.libm = Libm(mode)
            self.module, self.sites = load_scheduler_module(self.libm)
        self.hf, self.hf_meta = (load_transformers(hf_path, mode, self.module, self.libm) if hf_path else ({}, {}))

    def compile_lambda(self, src: str):
        tree = ast.parse(src, mode="eval")
        if self.libm is not None:
            tree, _ = transform(tree)
        return eval(compile(tree, f"<{self.mode} lambda>", "eval"), {"math": math, HOOK: self.libm})

    def set_step(self, i: int) -> None:
        if self.libm is not None:
            self.libm.step = i


def build_optimizer(spec: Opt):
    groups = []
    for g in spec.groups:
        p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        p.grad = torch.zeros(1, dtype=torch.float64)
        groups.append({"params": [p], **g})
    return getattr(torch.optim, spec.cls)(groups, **spec.defaults)


def materialize(v, env: Env, opt):
    if isinstance(v, S):
        return build_scheduler(v, env, opt)
    if isinstance(v, L):
        return env.compile_lambda(v.src)
    if isinstance(v, list):
        return [materialize(x, env, opt) for x in v]
    return v


def build_scheduler(spec, env: Env, opt):
    if isinstance(spec, H):
        return env.hf[spec.fn](opt, **{k: materialize(v, env, opt) for k, v in spec.kwargs.items()})
    cls = getattr(env.module, spec.cls)
    kwargs = {k: materialize(v, env, opt) for k, v in spec.kwargs.items()}
    if spec.cls == "ChainedScheduler":
        return cls(**kwargs)  # 1.13's ChainedScheduler takes no optimizer
    return cls(opt, **kwargs)


def read_row(case: Case, sched, opt) -> list:
    group_lrs = [g["lr"] for g in opt.param_groups]
    last = getattr(sched, "_last_lr", None)  # 1.13's ReduceLROnPlateau has it only after a step
    if last is not None:
        assert all(same_double(a, b) for a, b in zip(last, group_lrs)), (case.name, last, group_lrs)
    row = [float(x) for x in group_lrs]
    for what in case.track:
        for g in opt.param_groups:
            row.append(float(g["momentum"] if what == "momentum" else g["betas"][0]))
    return row


def do_call(sched, drive: dict, i: int) -> None:
    kind = drive["kind"]
    if kind == "step":
        sched.step()
    else:
        v = drive["values"][i]
        if kind == "calls" and v is None:
            sched.step()
        else:
            sched.step(v)


def run_case(case: Case, env: Env) -> dict:
    env.set_step(0)
    if env.libm is not None:
        env.libm.misses = []
    opt = build_optimizer(case.opt)
    n = drive_length(case.drive)
    state_at = set(case.state_at if case.state_at is not None else (0, 1, n // 2, n))
    states = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sched = build_scheduler(case.sched, env, opt)
        rows = [read_row(case, sched, opt)]
        if 0 in state_at:
            states[0] = to_json(sched.state_dict())
        for i in range(n):
            env.set_step(i + 1)
            opt.step()
            do_call(sched, case.drive, i)
            rows.append(read_row(case, sched, opt))
            if i + 1 in state_at:
                states[i + 1] = to_json(sched.state_dict())
        raised = None
        if case.raises_after:
            env.set_step(n + 1)
            try:
                opt.step()
                sched.step()
            except Exception as e:  # noqa: BLE001 - recorded, type and message
                raised = {"type": type(e).__name__, "message": str(e)}
            else:
                raise AssertionError(f"{case.name}: expected the step after the last to raise")
    return {
        "rows": rows,
        "states": states,
        "raised": raised,
        "misses": list(env.libm.misses) if env.libm is not None else None,
        "groups": len(opt.param_groups),
    }


# --------------------------------------------------------------------------------------------
# JSON.
# --------------------------------------------------------------------------------------------


def to_json(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if math.isfinite(v):
            return v
        return {"float": "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")}
    if isinstance(v, collections.Counter):
        return {"Counter": [[to_json(k), c] for k, c in v.items()]}
    if isinstance(v, dict):
        return {str(k): to_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, torch.Tensor) and v.numel() == 1:
        return to_json(v.item())
    return {"object": type(v).__name__}


def spec_json(spec, env: Env):
    """Constructor arguments in PyTorch's positional order, defaults filled in."""
    if isinstance(spec, H):
        fn = env.hf[spec.fn]
        sig = inspect.signature(fn)
        bound = sig.bind_partial(None, **spec.kwargs)
    else:
        cls = getattr(real_lr_scheduler, spec.cls)
        sig = inspect.signature(cls.__init__)
        if spec.cls == "ChainedScheduler":
            bound = sig.bind_partial(None, **spec.kwargs)
        else:
            bound = sig.bind_partial(None, None, **spec.kwargs)
    bound.apply_defaults()
    args = {}
    for k, v in bound.arguments.items():
        if k in ("self", "optimizer"):
            continue
        args[k] = arg_json(v, env)
    out = {"class": spec.fn if isinstance(spec, H) else spec.cls, "args": args, "passed": list(spec.kwargs)}
    return out


def arg_json(v, env: Env):
    if isinstance(v, (S, H)):
        return spec_json(v, env)
    if isinstance(v, L):
        return {"lambda": v.src}
    if isinstance(v, list):
        return [arg_json(x, env) for x in v]
    return to_json(v)


def b64_f64(values: list) -> str:
    return base64.b64encode(struct.pack(f"<{len(values)}d", *values)).decode("ascii")


def drive_json(drive: dict) -> dict:
    kind = drive["kind"]
    if kind == "step":
        return dict(drive)
    if kind == "calls":
        return {"kind": "calls", "calls": [to_json(v) for v in drive["values"]]}
    key = "epochs_f64" if kind == "epochs" else "metrics_f64"
    out = {"kind": kind, key: b64_f64([float(v) for v in drive["values"]])}
    if kind == "epochs":
        # Python ints and floats give the same numbers here; the flag says which the case passed.
        out["python_ints"] = all(isinstance(v, int) for v in drive["values"])
    return out


# --------------------------------------------------------------------------------------------
# The cases.
# --------------------------------------------------------------------------------------------

SGD01 = Opt("SGD", lr=0.1, momentum=0.9)
TWO_GROUPS = Opt("SGD", lr=0.1, momentum=0.9, groups=[{"lr": 0.1}, {"lr": 0.05}])


def plateau_metrics(seed: int, n: int, rising: bool, quantum: float | None) -> list:
    """A loss (or accuracy) that improves, stalls, improves: so plateaus and reductions happen."""
    rng = random.Random(seed)
    out = []
    level = 1.0
    for t in range(n):
        if (t // 150) % 3 != 2:  # two stretches of progress, then a stall
            level *= 0.997
        v = level + 0.01 * (rng.random() - 0.5)
        if rising:
            v = 1.0 - v
        if quantum is not None:
            v = round(v / quantum) * quantum  # ties between successive metrics
        out.append(v)
    return out


def torch_cases() -> dict[str, list[Case]]:
    c: dict[str, list[Case]] = {}
    c["LambdaLR"] = [
        Case("0.95 ** e", S("LambdaLR", lr_lambda=L("lambda e: 0.95 ** e")), steps(2000), recurrent=False),
        Case("1 / (1 + e)", S("LambdaLR", lr_lambda=L("lambda e: 1 / (1 + e)")), steps(2000), recurrent=False),
        Case("0.5 ** (e / 1000) (fractional exponents)", S("LambdaLR", lr_lambda=L("lambda e: 0.5 ** (e / 1000)")),
             steps(2000), recurrent=False),
        Case("two groups, a lambda each: e // 30 and 0.95 ** e",
             S("LambdaLR", lr_lambda=[L("lambda e: e // 30"), L("lambda e: 0.95 ** e")]), steps(300),
             opt=TWO_GROUPS, recurrent=False),
    ]
    c["MultiplicativeLR"] = [
        Case("0.95", S("MultiplicativeLR", lr_lambda=L("lambda e: 0.95")), steps(2000), recurrent=True),
        Case("0.999, two groups", S("MultiplicativeLR", lr_lambda=L("lambda e: 0.999")), steps(1500),
             opt=TWO_GROUPS, recurrent=True),
        Case("1 - 1 / (e + 100)", S("MultiplicativeLR", lr_lambda=L("lambda e: 1 - 1 / (e + 100)")), steps(2000),
             recurrent=True),
    ]
    c["StepLR"] = [
        Case("step_size=30, gamma=0.1", S("StepLR", step_size=30, gamma=0.1), steps(2000), recurrent=True),
        Case("step_size=10, gamma=0.5", S("StepLR", step_size=10, gamma=0.5), steps(1000), recurrent=True),
        Case("step_size=100, gamma=0.9, two groups", S("StepLR", step_size=100, gamma=0.9), steps(1500),
             opt=TWO_GROUPS, recurrent=True),
    ]
    c["MultiStepLR"] = [
        Case("milestones [100, 200], gamma 0.1", S("MultiStepLR", milestones=[100, 200], gamma=0.1), steps(1000),
             recurrent=True),
        Case("repeated milestones [30, 80, 80, 120, 120, 120], gamma 0.5",
             S("MultiStepLR", milestones=[30, 80, 80, 120, 120, 120], gamma=0.5), steps(1000), recurrent=True),
        Case("milestones not sorted [1500, 500, 1000], gamma 0.3, two groups",
             S("MultiStepLR", milestones=[1500, 500, 1000], gamma=0.3), steps(1600), opt=TWO_GROUPS, recurrent=True),
    ]
    c["ConstantLR"] = [
        Case("defaults (1/3, 5)", S("ConstantLR"), steps(500), recurrent=True),
        Case("factor 0.1, total_iters 20", S("ConstantLR", factor=0.1, total_iters=20), steps(500), recurrent=True),
        Case("factor 0.7, total_iters 0", S("ConstantLR", factor=0.7, total_iters=0), steps(200), recurrent=True),
        Case("factor 0.3, total_iters 1000, two groups", S("ConstantLR", factor=0.3, total_iters=1000), steps(1500),
             opt=TWO_GROUPS, recurrent=True),
    ]
    c["LinearLR"] = [
        Case("defaults (1/3 -> 1, 5)", S("LinearLR"), steps(500), recurrent=True),
        Case("0.01 -> 1 over 100", S("LinearLR", start_factor=0.01, total_iters=100), steps(1000), recurrent=True),
        Case("1 -> 0.01 over 2000", S("LinearLR", start_factor=1.0, end_factor=0.01, total_iters=2000), steps(2000),
             recurrent=True),
        Case("0.5 -> 0 over 1000, two groups", S("LinearLR", start_factor=0.5, end_factor=0.0, total_iters=1000),
             steps(1200), opt=TWO_GROUPS, recurrent=True),
    ]
    c["ExponentialLR"] = [
        Case("gamma 0.96", S("ExponentialLR", gamma=0.96), steps(2000), recurrent=True),
        Case("gamma 0.999, two groups", S("ExponentialLR", gamma=0.999), steps(1500), opt=TWO_GROUPS, recurrent=True),
        Case("gamma 0.9999", S("ExponentialLR", gamma=0.9999), steps(2500), recurrent=True),
    ]
    c["PolynomialLR"] = [
        Case("total_iters 100, power 1.0", S("PolynomialLR", total_iters=100, power=1.0), steps(300), recurrent=True),
        Case("total_iters 250, power 0.9", S("PolynomialLR", total_iters=250, power=0.9), steps(400), recurrent=True),
        Case("total_iters 2500, power 2.0", S("PolynomialLR", total_iters=2500, power=2.0), steps(2600),
             recurrent=True),
        Case("total_iters 2000, power 0.5, two groups", S("PolynomialLR", total_iters=2000, power=0.5), steps(2000),
             opt=TWO_GROUPS, recurrent=True),
    ]
    c["CosineAnnealingLR"] = [
        Case("T_max 100, eta_min 0.001 (periodic past T_max)", S("CosineAnnealingLR", T_max=100, eta_min=0.001),
             steps(3000), recurrent=True),
        Case("T_max 10, eta_min 1e-4", S("CosineAnnealingLR", T_max=10, eta_min=1e-4), steps(1000), recurrent=True),
        Case("T_max 1, eta_min 0.01", S("CosineAnnealingLR", T_max=1, eta_min=0.01), steps(100), recurrent=True),
        Case("T_max 1000, two groups", S("CosineAnnealingLR", T_max=1000), steps(2000), opt=TWO_GROUPS,
             recurrent=True),
        Case("T_max 10000, eta_min 1e-5", S("CosineAnnealingLR", T_max=10000, eta_min=1e-5), steps(2000),
             recurrent=True),
        Case("T_max 100000", S("CosineAnnealingLR", T_max=100000), steps(3000), recurrent=True),
    ]
    fractional = [e + i / 7 for e in range(60) for i in range(7)]
    c["CosineAnnealingWarmRestarts"] = [
        Case("T_0 10, T_mult 1, step()", S("CosineAnnealingWarmRestarts", T_0=10), steps(1000), recurrent=False),
        Case("T_0 10, T_mult 2, eta_min 0.001, step(), two groups",
             S("CosineAnnealingWarmRestarts", T_0=10, T_mult=2, eta_min=0.001), steps(2000), opt=TWO_GROUPS,
             recurrent=False),
        Case("T_0 1, T_mult 3, step()", S("CosineAnnealingWarmRestarts", T_0=1, T_mult=3), steps(1500),
             recurrent=False),
        Case("T_0 10, T_mult 2, step(epoch) for integer epochs",
             S("CosineAnnealingWarmRestarts", T_0=10, T_mult=2), epochs(list(range(1, 1001))), recurrent=False),
        Case("T_0 5, T_mult 2, step(epoch + i / 7) (the documented fractional use)",
             S("CosineAnnealingWarmRestarts", T_0=5, T_mult=2), epochs(fractional), recurrent=False),
        Case("T_0 5, T_mult 1, step(epoch + i / 7)", S("CosineAnnealingWarmRestarts", T_0=5), epochs(fractional),
             recurrent=False),
        Case("T_0 1, T_mult 3, step(epoch): math.log(243, 3) < 5 at epoch 121",
             S("CosineAnnealingWarmRestarts", T_0=1, T_mult=3), epochs(list(range(1, 801))), recurrent=False),
        Case("T_0 1, T_mult 10, step(epoch): math.log(1000, 10) < 3 at epoch 111",
             S("CosineAnnealingWarmRestarts", T_0=1, T_mult=10), epochs(list(range(1, 801))), recurrent=False),
        Case("T_0 2, T_mult 3, step(epoch): epoch 242",
             S("CosineAnnealingWarmRestarts", T_0=2, T_mult=3), epochs(list(range(1, 801))), recurrent=False),
        Case("T_0 10, T_mult 2, step() and step(epoch) interleaved (the docstring's pattern)",
             S("CosineAnnealingWarmRestarts", T_0=10, T_mult=2),
             calls([None] * 20 + [26] + [None] * 30 + [7.5] + [None] * 40 + [121.25] + [None] * 100),
             recurrent=True),
    ]
    adam = Opt("Adam", lr=0.1, betas=(0.9, 0.999))
    c["CyclicLR"] = [
        Case("triangular, 0.001..0.1, up 200, momentum cycled",
             S("CyclicLR", base_lr=0.001, max_lr=0.1, step_size_up=200), steps(1600), track=("momentum",),
             recurrent=False),
        Case("triangular2, up 100, down 300, no momentum cycling",
             S("CyclicLR", base_lr=0.001, max_lr=0.1, step_size_up=100, step_size_down=300, mode="triangular2",
               cycle_momentum=False), steps(2000), recurrent=False),
        Case("exp_range gamma 0.9995, up 250, momentum cycled",
             S("CyclicLR", base_lr=0.0001, max_lr=0.01, step_size_up=250, mode="exp_range", gamma=0.9995),
             steps(1500), track=("momentum",), recurrent=False),
        Case("scale_fn 0.5 ** x on cycles",
             S("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=150, scale_fn=L("lambda x: 0.5 ** x"),
               scale_mode="cycle", cycle_momentum=False), steps(1200), recurrent=False),
        Case("scale_fn 1 / (1 + 0.001 * x) on iterations",
             S("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=150, scale_fn=L("lambda x: 1 / (1 + 0.001 * x)"),
               scale_mode="iterations", cycle_momentum=False), steps(1200), recurrent=False),
        Case("two groups: lists of base_lr, max_lr, momenta",
             S("CyclicLR", base_lr=[0.001, 0.002], max_lr=[0.1, 0.05], step_size_up=120, step_size_down=80,
               base_momentum=[0.8, 0.85], max_momentum=[0.9, 0.95]), steps(800), opt=TWO_GROUPS,
             track=("momentum",), recurrent=False),
        Case("Adam, no momentum cycling (1.13 cannot cycle beta1 in CyclicLR)",
             S("CyclicLR", base_lr=0.001, max_lr=0.01, step_size_up=100, cycle_momentum=False), steps(600),
             opt=adam, recurrent=False),
    ]
    c["OneCycleLR"] = [
        Case("max_lr 0.1, total_steps 2000, cos, momentum cycled",
             S("OneCycleLR", max_lr=0.1, total_steps=2000), steps(2000), track=("momentum",), recurrent=False,
             raises_after=True),
        Case("linear, three_phase, total_steps 1500",
             S("OneCycleLR", max_lr=0.1, total_steps=1500, anneal_strategy="linear", three_phase=True),
             steps(1500), track=("momentum",), recurrent=False, raises_after=True),
        Case("Adam: beta1 cycled, epochs 20 x steps_per_epoch 100, pct_start 0.25, div 10, final_div 100",
             S("OneCycleLR", max_lr=0.01, epochs=20, steps_per_epoch=100, pct_start=0.25, div_factor=10.0,
               final_div_factor=100.0), steps(2000), opt=adam, track=("beta1",), recurrent=False, raises_after=True),
        Case("cos, three_phase, two groups, no momentum cycling",
             S("OneCycleLR", max_lr=[0.1, 0.05], total_steps=1000, three_phase=True, cycle_momentum=False),
             steps(1000), opt=TWO_GROUPS, recurrent=False, raises_after=True),
        Case("total_steps 300 (shared/FRAMEWORKS.md 1.3)", S("OneCycleLR", max_lr=0.1, total_steps=300), steps(300),
             track=("momentum",), recurrent=False, raises_after=True),
    ]
    c["SequentialLR"] = [
        Case("LinearLR(0.1, 10) then CosineAnnealingLR(290) at 10",
             S("SequentialLR", schedulers=[S("LinearLR", start_factor=0.1, total_iters=10),
                                           S("CosineAnnealingLR", T_max=290)], milestones=[10]),
             steps(2000), recurrent=True),
        Case("ConstantLR(0.1, 20) then ExponentialLR(0.9) at 20 (the docstring's example)",
             S("SequentialLR", schedulers=[S("ConstantLR", factor=0.1, total_iters=20),
                                           S("ExponentialLR", gamma=0.9)], milestones=[20]),
             steps(300), recurrent=True),
        Case("LinearLR, StepLR, CosineAnnealingLR at 100 and 1100, two groups",
             S("SequentialLR", schedulers=[S("LinearLR", start_factor=0.01, total_iters=100),
                                           S("StepLR", step_size=200, gamma=0.5),
                                           S("CosineAnnealingLR", T_max=1000, eta_min=1e-4)],
               milestones=[100, 1100]), steps(2400), opt=TWO_GROUPS, recurrent=True),
        Case("LinearLR then MultiplicativeLR(0.999) at 50 (no closed form: 1.13 leaves lr at the milestone)",
             S("SequentialLR", schedulers=[S("LinearLR", start_factor=0.25, total_iters=50),
                                           S("MultiplicativeLR", lr_lambda=L("lambda e: 0.999"))], milestones=[50]),
             steps(1000), recurrent=True),
    ]
    c["ChainedScheduler"] = [
        Case("LinearLR(0.1, 10) and ExponentialLR(0.99)",
             S("ChainedScheduler", schedulers=[S("LinearLR", start_factor=0.1, total_iters=10),
                                               S("ExponentialLR", gamma=0.99)]), steps(2000), recurrent=True),
        Case("ConstantLR(0.1, 20) and ExponentialLR(0.9) (the docstring's example)",
             S("ChainedScheduler", schedulers=[S("ConstantLR", factor=0.1, total_iters=20),
                                               S("ExponentialLR", gamma=0.9)]), steps(300), recurrent=True),
        Case("CosineAnnealingLR(500, 0.001) and StepLR(1000, 0.5), two groups",
             S("ChainedScheduler", schedulers=[S("CosineAnnealingLR", T_max=500, eta_min=0.001),
                                               S("StepLR", step_size=1000, gamma=0.5)]), steps(2000),
             opt=TWO_GROUPS, recurrent=True),
    ]
    c["ReduceLROnPlateau"] = [
        Case("min, rel (defaults)", S("ReduceLROnPlateau"), metrics(plateau_metrics(1, 1000, False, None)),
             recurrent=True),
        Case("min, abs threshold 1e-3, patience 5, factor 0.5",
             S("ReduceLROnPlateau", mode="min", factor=0.5, patience=5, threshold=1e-3, threshold_mode="abs"),
             metrics(plateau_metrics(2, 1000, False, 1e-3)), recurrent=True),
        Case("max, rel, cooldown 10, min_lr 1e-4",
             S("ReduceLROnPlateau", mode="max", patience=3, cooldown=10, min_lr=1e-4),
             metrics(plateau_metrics(3, 1000, True, None)), recurrent=True),
        Case("max, abs, min_lr per group, two groups",
             S("ReduceLROnPlateau", mode="max", factor=0.3, patience=4, threshold=0.002, threshold_mode="abs",
               min_lr=[1e-3, 1e-5]), metrics(plateau_metrics(4, 1000, True, 5e-4)), opt=TWO_GROUPS, recurrent=True),
        Case("eps 1e-3: reductions smaller than eps are skipped",
             S("ReduceLROnPlateau", factor=0.9, patience=2, eps=1e-3), metrics(plateau_metrics(5, 1000, False, None)),
             opt=Opt("SGD", lr=0.02), recurrent=True),
    ]
    return c


def transformers_cases() -> list[Case]:
    out = []
    hf_opt = Opt("AdamW", lr=10.0)  # HF's ScheduleInitTest: AdamW(m.parameters(), lr=10.0)
    common = {"num_warmup_steps": 2, "num_training_steps": 10}
    published = [  # tests/optimization/test_optimization.py, ScheduleInitTest.test_schedulers
        ("get_constant_schedule", {}, [10.0] * 10),
        ("get_constant_schedule_with_warmup", {"num_warmup_steps": 4},
         [0.0, 2.5, 5.0, 7.5, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0]),
        ("get_linear_schedule_with_warmup", dict(common), [0.0, 5.0, 10.0, 8.75, 7.5, 6.25, 5.0, 3.75, 2.5, 1.25]),
        ("get_cosine_schedule_with_warmup", dict(common), [0.0, 5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38]),
        ("get_cosine_with_hard_restarts_schedule_with_warmup", {**common, "num_cycles": 2},
         [0.0, 5.0, 10.0, 8.53, 5.0, 1.46, 10.0, 8.53, 5.0, 1.46]),
        ("get_polynomial_decay_schedule_with_warmup", {**common, "power": 2.0, "lr_end": 1e-7},
         [0.0, 5.0, 10.0, 7.656, 5.625, 3.906, 2.5, 1.406, 0.625, 0.156]),
        ("get_inverse_sqrt_schedule", {"num_warmup_steps": 2},
         [0.0, 5.0, 10.0, 8.165, 7.071, 6.325, 5.774, 5.345, 5.0, 4.714]),
    ]
    for fn, kwargs, values in published:
        out.append(Case(f"HF's published test: {fn}", H(fn, **kwargs), steps(9), opt=hf_opt, recurrent=False,
                        published={"values": values, "tolerance": 1e-2,
                                   "source": f"huggingface/transformers tests/optimization/test_optimization.py "
                                             f"@ {HF_TESTS_COMMIT}, ScheduleInitTest.test_schedulers"}))
    sgd = Opt("SGD", lr=0.1, momentum=0.9)
    two = Opt("SGD", lr=0.1, momentum=0.9, groups=[{"lr": 0.1}, {"lr": 0.03}])
    out += [
        Case("constant", H("get_constant_schedule"), steps(100), opt=sgd, recurrent=False),
        Case("constant_with_warmup, W 100", H("get_constant_schedule_with_warmup", num_warmup_steps=100),
             steps(500), opt=sgd, recurrent=False),
        Case("linear, W 100, N 1000, past N, two groups",
             H("get_linear_schedule_with_warmup", num_warmup_steps=100, num_training_steps=1000), steps(1200),
             opt=two, recurrent=False),
        Case("cosine, W 0, N 2000, past N (rises again)",
             H("get_cosine_schedule_with_warmup", num_warmup_steps=0, num_training_steps=2000), steps(2500), opt=sgd,
             recurrent=False),
        Case("cosine, W 100, N 1500, num_cycles 2.5, two groups",
             H("get_cosine_schedule_with_warmup", num_warmup_steps=100, num_training_steps=1500, num_cycles=2.5),
             steps(1500), opt=two, recurrent=False),
        Case("cosine_with_restarts, W 100, N 1300, 3 cycles",
             H("get_cosine_with_hard_restarts_schedule_with_warmup", num_warmup_steps=100, num_training_steps=1300,
               num_cycles=3), steps(1500), opt=sgd, recurrent=False),
        Case("polynomial, power 1.0 (lr_init is optimizer.defaults['lr'], not the group's), two groups",
             H("get_polynomial_decay_schedule_with_warmup", num_warmup_steps=100, num_training_steps=1000),
             steps(1200), opt=Opt("SGD", lr=0.1, groups=[{}, {"lr": 0.02}]), recurrent=False),
        Case("polynomial, power 2.0, lr_end 1e-4",
             H("get_polynomial_decay_schedule_with_warmup", num_warmup_steps=50, num_training_steps=1100,
               lr_end=1e-4, power=2.0), steps(1200), opt=sgd, recurrent=False),
        Case("polynomial, power 0.5", H("get_polynomial_decay_schedule_with_warmup", num_warmup_steps=0,
                                        num_training_steps=800, power=0.5), steps(800), opt=sgd, recurrent=False),
        Case("inverse_sqrt, W 100 (timescale defaults to W)",
             H("get_inverse_sqrt_schedule", num_warmup_steps=100), steps(1500), opt=sgd, recurrent=False),
        Case("inverse_sqrt, W 0 (timescale defaults to 10000)",
             H("get_inverse_sqrt_schedule", num_warmup_steps=0), steps(1000), opt=sgd, recurrent=False),
        Case("inverse_sqrt, W 50, timescale 300",
             H("get_inverse_sqrt_schedule", num_warmup_steps=50, timescale=300), steps(800), opt=sgd,
             recurrent=False),
        Case("cosine_with_min_lr, min_lr_rate 0.1, W 100, N 1200, past N",
             H("get_cosine_with_min_lr_schedule_with_warmup", num_warmup_steps=100, num_training_steps=1200,
               min_lr_rate=0.1), steps(1500), opt=sgd, recurrent=False),
        Case("cosine_with_min_lr, min_lr 1e-3 (rate = min_lr / optimizer.defaults['lr'])",
             H("get_cosine_with_min_lr_schedule_with_warmup", num_warmup_steps=10, num_training_steps=800,
               min_lr=1e-3), steps(800), opt=Opt("SGD", lr=0.3), recurrent=False),
        Case("cosine_warmup_with_min_lr, warmup_lr_rate None",
             H("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", num_warmup_steps=100, num_training_steps=1100,
               min_lr_rate=0.05), steps(1200), opt=sgd, recurrent=False),
        Case("cosine_warmup_with_min_lr, warmup_lr_rate 0.01, min_lr 1e-4",
             H("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", num_warmup_steps=100, num_training_steps=1100,
               min_lr=1e-4, warmup_lr_rate=0.01), steps(1200), opt=sgd, recurrent=False),
    ]
    for wt in ("linear", "cosine", "1-sqrt"):
        for dt in ("linear", "cosine", "1-sqrt"):
            out.append(Case(f"warmup_stable_decay, warmup {wt}, decay {dt}, min_lr_ratio 0.1",
                            H("get_wsd_schedule", num_warmup_steps=100, num_decay_steps=400, num_training_steps=700,
                              warmup_type=wt, decay_type=dt, min_lr_ratio=0.1), steps(800), opt=sgd,
                            recurrent=False))
    out.append(Case("warmup_stable_decay, num_stable_steps given, min_lr_ratio 0, num_cycles 1.5",
                    H("get_wsd_schedule", num_warmup_steps=100, num_decay_steps=500, num_stable_steps=200,
                      num_cycles=1.5), steps(900), opt=sgd, recurrent=False))
    return out


# --------------------------------------------------------------------------------------------
# Errors real torch raises for bad arguments.
# --------------------------------------------------------------------------------------------


def error_cases() -> list:
    """(scheduler spec, optimizer, steps to take after construction) that real 1.13 rejects."""
    sgd0 = Opt("SGD", lr=0.1)
    adagrad = Opt("Adagrad", lr=0.1)
    adam = Opt("Adam", lr=0.1)
    return [
        (S("LambdaLR", lr_lambda=[L("lambda e: 1.0"), L("lambda e: 1.0")]), sgd0, 0),
        (S("MultiplicativeLR", lr_lambda=[L("lambda e: 1.0"), L("lambda e: 1.0")]), sgd0, 0),
        (S("StepLR", step_size=0), sgd0, 1),
        (S("ConstantLR", factor=1.5), sgd0, 0),
        (S("ConstantLR", factor=-0.1), sgd0, 0),
        (S("ConstantLR", factor=0.0, total_iters=3), sgd0, 3),
        (S("LinearLR", start_factor=1.5), sgd0, 0),
        (S("LinearLR", start_factor=-0.5), sgd0, 0),
        (S("LinearLR", end_factor=1.5), sgd0, 0),
        (S("LinearLR", start_factor=0.0), sgd0, 1),
        (S("CosineAnnealingLR", T_max=0), sgd0, 1),
        (S("CosineAnnealingWarmRestarts", T_0=-1), sgd0, 0),
        (S("CosineAnnealingWarmRestarts", T_0=0), sgd0, 0),
        (S("CosineAnnealingWarmRestarts", T_0=2.5), sgd0, 0),
        (S("CosineAnnealingWarmRestarts", T_0=10, T_mult=0), sgd0, 0),
        (S("CosineAnnealingWarmRestarts", T_0=10, T_mult=1.5), sgd0, 0),
        (S("CyclicLR", base_lr=0.01, max_lr=0.1, mode="foo"), Opt("SGD", lr=0.1, momentum=0.9), 0),
        (S("CyclicLR", base_lr=0.01, max_lr=0.1), adam, 0),
        (S("CyclicLR", base_lr=[0.01, 0.02], max_lr=0.1), Opt("SGD", lr=0.1, momentum=0.9), 0),
        (S("CyclicLR", base_lr=0.01, max_lr=0.1, step_size_up=0, step_size_down=0), Opt("SGD", lr=0.1, momentum=0.9), 0),
        (S("OneCycleLR", max_lr=0.1), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, total_steps=0), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, total_steps=10.0), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, epochs=0, steps_per_epoch=10), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, epochs=10, steps_per_epoch=-1), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, total_steps=100, pct_start=1.5), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, total_steps=100, pct_start=1), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, total_steps=100, anneal_strategy="cosine"), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, total_steps=100), adagrad, 0),
        (S("OneCycleLR", max_lr=[0.1, 0.2], total_steps=100), sgd0, 0),
        (S("OneCycleLR", max_lr=0.1, total_steps=10), sgd0, 11),
        (S("ReduceLROnPlateau", factor=1.0), sgd0, 0),
        (S("ReduceLROnPlateau", mode="foo"), sgd0, 0),
        (S("ReduceLROnPlateau", threshold_mode="foo"), sgd0, 0),
        (S("ReduceLROnPlateau", min_lr=[0.1, 0.2]), sgd0, 0),
        (S("SequentialLR", schedulers=[S("ConstantLR"), S("ExponentialLR", gamma=0.9)], milestones=[]), sgd0, 0),
    ]


def run_errors(env: Env) -> list:
    out = []
    for spec, opt_spec, n in error_cases():
        opt = build_optimizer(opt_spec)
        where = "construct"
        err = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                sched = build_scheduler(spec, env, opt)
                for i in range(n):
                    where = f"step {i + 1}"
                    opt.step()
                    sched.step()
            except Exception as e:  # noqa: BLE001 - recorded
                err = {"type": type(e).__name__, "message": str(e)}
        if err is None:
            raise AssertionError(f"expected {spec.cls} {spec.kwargs} to raise")
        out.append({"scheduler": spec_json(spec, env), "optimizer": opt_json(opt_spec), "raised_at": where, **err})
    # Direct calls that are not constructions.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opt = build_optimizer(Opt("SGD", lr=0.1))
        sched = real_lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=10)
        try:
            sched.step(-1)
        except ValueError as e:
            out.append({"scheduler": spec_json(S("CosineAnnealingWarmRestarts", T_0=10), env),
                        "optimizer": opt_json(Opt("SGD", lr=0.1)), "raised_at": "step(-1)",
                        "type": type(e).__name__, "message": str(e)})
        try:
            real_lr_scheduler.StepLR(build_optimizer(Opt("SGD", lr=0.1)), step_size=10, last_epoch=5)
        except KeyError as e:
            out.append({"scheduler": spec_json(S("StepLR", step_size=10, last_epoch=5), env),
                        "optimizer": opt_json(Opt("SGD", lr=0.1)), "raised_at": "construct",
                        "type": type(e).__name__, "message": str(e.args[0])})
        try:
            real_lr_scheduler.StepLR("not an optimizer", step_size=10)
        except TypeError as e:
            out.append({"scheduler": {"class": "StepLR", "args": {"step_size": 10}, "passed": ["step_size"]},
                        "optimizer": "the string 'not an optimizer'", "raised_at": "construct",
                        "type": type(e).__name__, "message": str(e)})
    return out


def hf_error_cases() -> list:
    sgd = Opt("SGD", lr=0.1)
    return [
        (H("get_polynomial_decay_schedule_with_warmup", num_warmup_steps=0, num_training_steps=10, lr_end=0.1), sgd),
        (H("get_cosine_with_min_lr_schedule_with_warmup", num_warmup_steps=0, num_training_steps=10), sgd),
        (H("get_cosine_with_min_lr_schedule_with_warmup", num_warmup_steps=0, num_training_steps=10, min_lr=0.01,
           min_lr_rate=0.1), sgd),
        (H("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", num_warmup_steps=0, num_training_steps=10), sgd),
        (H("get_wsd_schedule", num_warmup_steps=10, num_decay_steps=10), sgd),
        (H("get_wsd_schedule", num_warmup_steps=10, num_decay_steps=10, num_training_steps=100,
           warmup_type="exp"), sgd),
        (H("get_wsd_schedule", num_warmup_steps=10, num_decay_steps=10, num_training_steps=100,
           decay_type="exp"), sgd),
    ]


def run_hf_errors(env: Env) -> list:
    out = []
    for spec, opt_spec in hf_error_cases():
        opt = build_optimizer(opt_spec)
        try:
            build_scheduler(spec, env, opt)
        except Exception as e:  # noqa: BLE001 - recorded
            out.append({"function": spec_json(spec, env), "optimizer": opt_json(opt_spec), "raised_at": "construct",
                        "type": type(e).__name__, "message": str(e)})
        else:
            raise AssertionError(f"expected {spec.fn} {spec.kwargs} to raise")
    return out


# --------------------------------------------------------------------------------------------
# Putting it together.
# --------------------------------------------------------------------------------------------


def opt_json(spec: Opt) -> dict:
    return {"class": spec.cls, "defaults": to_json(spec.defaults), "groups": to_json(spec.groups)}


def hexf(x: float) -> str:
    return float.hex(x)


def case_json(case: Case, envs: dict, lambda_fn_of) -> tuple[dict, dict]:
    real = run_case(case, envs["real"])
    probe = run_case(case, envs["probe"])
    contract = run_case(case, envs["contract"])
    flat = lambda rows: [v for row in rows for v in row]  # noqa: E731
    rv, pv, cv = flat(real["rows"]), flat(probe["rows"]), flat(contract["rows"])
    assert len(rv) == len(pv) == len(cv), case.name
    # The probe run must be the real run: the instrumentation changes no number.
    for i, (a, b) in enumerate(zip(rv, pv)):
        assert same_double(a, b), f"{case.name}: probe differs from real torch at value {i}: {a!r} {b!r}"
    assert (real["raised"] == contract["raised"]), (case.name, real["raised"], contract["raised"])
    channels = [f"lr[{g}]" for g in range(real["groups"])]
    for what in case.track:
        channels += [f"{what}[{g}]" for g in range(real["groups"])]
    width = len(channels)
    assert len(rv) == (drive_length(case.drive) + 1) * width
    misses = probe["misses"]
    miss_steps = sorted({m[0] for m in misses})
    diffs = {}
    for i, (a, b) in enumerate(zip(rv, cv)):
        if not same_double(a, b):
            diffs[str(i)] = hexf(a)
            step = i // width
            # Every difference is a libm miss of the real run at this step, or (recurrent) before it.
            explained = (step in miss_steps) if not case.recurrent else (miss_steps and miss_steps[0] <= step)
            assert explained, f"{case.name}: value {i} (step {step}) differs with no libm miss to explain it"
    out = {
        "name": case.name,
        "optimizer": opt_json(case.opt),
        "scheduler": spec_json(case.sched, envs["real"]),
        "drive": drive_json(case.drive),
        "recurrent": case.recurrent,
        "channels": channels,
        "steps": drive_length(case.drive),
        "contract_f64": b64_f64(cv),
        "real_diff": diffs,
        "libm_misses": [[s, fn, [hexf(a) for a in args], hexf(g), hexf(c)] for s, fn, args, g, c in misses],
        "state_dicts": {str(k): v for k, v in real["states"].items()},
    }
    if isinstance(case.sched, H):
        out["scheduler"]["lr_lambda_function"] = lambda_fn_of(case.sched.fn)
    if real["raised"] is not None:
        out["raises_after"] = real["raised"]
    if case.published is not None:
        out["published"] = case.published
    out["summary"] = {"values": len(cv), "identical": len(cv) - len(diffs)}
    stats = {"values": len(cv), "identical": len(cv) - len(diffs), "misses": len(misses),
             "cases": 1, "max_ulp": max((ulps(float.fromhex(h), cv[int(i)]) for i, h in diffs.items()), default=0)}
    return out, stats


def ulps(a: float, b: float) -> int:
    ia = struct.unpack("<q", struct.pack("<d", a))[0]
    ib = struct.unpack("<q", struct.pack("<d", b))[0]
    if (ia < 0) != (ib < 0):
        return abs(ia & 0x7FFFFFFFFFFFFFFF) + abs(ib & 0x7FFFFFFFFFFFFFFF)
    return abs(ia - ib)


def hf_lambda_function_of(env: Env):
    """The lr-lambda function a get_* constructor binds with partial (read from its body)."""
    src_cache = {}

    def of(fn_name: str) -> str:
        if fn_name not in src_cache:
            fn = env.hf[fn_name]
            names = [c for c in fn.__code__.co_names if c.startswith("_get_")]
            src_cache[fn_name] = names[0] if names else None
        return src_cache[fn_name]

    return of


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", REPO, *args], capture_output=True, text=True, check=True).stdout.strip()


def file_sha256(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def dpkg_version(pkg: str) -> str:
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cpu_description() -> str:
    model, fma = "unknown", False
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name") and model == "unknown":
                    model = line.split(":", 1)[1].strip()
                if line.startswith("flags"):
                    fma = " fma " in f" {line.split(':', 1)[1]} "
    except OSError:
        pass
    return f"{model} ({'FMA' if fma else 'no FMA'}: glibc's x86-64 libm picks its FMA variants by this)"


def generator_json(envs: dict, args, script_path: str, hf: bool) -> dict:
    dirty = git("status", "--porcelain", "--", os.path.relpath(script_path, REPO)) != ""
    g = {
        "script": "scripts/torch-fixtures.py",
        "script_sha256": file_sha256(script_path),
        "script_commit": git("log", "-1", "--format=%H", "--", os.path.relpath(script_path, REPO)),
        "script_dirty": dirty,
        "torch": torch.__version__,
        "debian_python3_torch": dpkg_version("python3-torch"),
        "python": platform.python_version(),
        "glibc": os.confstr("CS_GNU_LIBC_VERSION"),
        "mpmath": mpmath.__version__,
        "numpy": numpy.__version__,
        "cpu": cpu_description(),
        "contract_source": {
            "path": TORCH_SRC,
            "sha256": file_sha256(TORCH_SRC),
            "transformed_sites": envs["contract"].sites,
        },
    }
    if hf:
        g["transformers_source"] = {
            "repository": "huggingface/transformers",
            "path": "src/transformers/optimization.py",
            "commit": args.transformers_commit,
            **envs["contract"].hf_meta,
        }
    return g


def write_json(path: str, top: dict, cases: list) -> int:
    head = json.dumps(top, separators=(",", ":"))[:-1]
    lines = [head + ',"cases":[']
    for i, c in enumerate(cases):
        lines.append(json.dumps(c, separators=(",", ":"), allow_nan=False) + ("," if i + 1 < len(cases) else ""))
    lines.append("]}")
    text = "\n".join(lines) + "\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    json.loads(text)  # well-formed
    return len(text.encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--transformers-src", required=True, help="transformers' src/transformers/optimization.py")
    ap.add_argument("--transformers-commit", default=DEFAULT_HF_COMMIT)
    ap.add_argument("--out", default=os.path.join(REPO, "test", "fixtures", "torch"))
    ap.add_argument("--only", default="", help="comma-separated families to write (default: all)")
    ap.add_argument("--allow-dirty", action="store_true")
    args = ap.parse_args()
    script_path = os.path.abspath(__file__)
    if not args.allow_dirty and git("status", "--porcelain", "--", os.path.relpath(script_path, REPO)):
        sys.exit("scripts/torch-fixtures.py has uncommitted changes: commit it first (or --allow-dirty)")
    os.makedirs(args.out, exist_ok=True)
    only = {s for s in args.only.split(",") if s}

    envs = {m: Env(m, args.transformers_src) for m in ("real", "probe", "contract")}
    assert envs["probe"].sites == envs["contract"].sites
    families = torch_cases()
    families["transformers"] = transformers_cases()
    totals = {}
    sizes = {}
    for family, cases in families.items():
        if only and family not in only:
            continue
        is_hf = family == "transformers"
        out_cases = []
        stats = collections.Counter()
        max_ulp = 0
        for case in cases:
            cj, st = case_json(case, envs, hf_lambda_function_of(envs["real"]))
            out_cases.append(cj)
            max_ulp = max(max_ulp, st.pop("max_ulp"))
            stats.update(st)
        top = {"format": FORMAT, "family": family, "framework": "transformers" if is_hf else "torch",
               "generator": generator_json(envs, args, script_path, is_hf)}
        sizes[family] = write_json(os.path.join(args.out, f"{family}.json"), top, out_cases)
        totals[family] = (stats, max_ulp)
        print(f"{family:28s} {stats['cases']:3d} cases {stats['values']:7d} values, "
              f"{stats['identical']:7d} identical real/contract ({100 * stats['identical'] / stats['values']:.2f}%), "
              f"{stats['misses']:4d} libm misses, max {max_ulp} ulp, {sizes[family]:8d} bytes", flush=True)
    if not only or "errors" in only:
        errors = {"format": FORMAT, "family": "errors", "framework": "torch",
                  "generator": generator_json(envs, args, script_path, True),
                  "torch": run_errors(envs["real"]), "transformers": run_hf_errors(envs["real"])}
        top = {k: v for k, v in errors.items() if k not in ("torch", "transformers")}
        head = json.dumps(top, separators=(",", ":"))[:-1]
        parts = [head]
        for key in ("torch", "transformers"):
            rows = ",\n".join(json.dumps(e, separators=(",", ":"), allow_nan=False) for e in errors[key])
            parts.append(f',"{key}":[\n{rows}\n]')
        text = "".join(parts) + "}\n"
        json.loads(text)
        with open(os.path.join(args.out, "errors.json"), "w", encoding="utf-8") as fh:
            fh.write(text)
        sizes["errors"] = len(text.encode("utf-8"))
    vals = sum(s["values"] for s, _ in totals.values())
    ident = sum(s["identical"] for s, _ in totals.values())
    if vals:
        print(f"{'total':28s}     {vals:7d} values, {ident:7d} identical ({100 * ident / vals:.2f}%), "
              f"{sum(sizes.values())} bytes in {len(sizes)} files")


if __name__ == "__main__":
    main()
