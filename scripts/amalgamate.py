#!/usr/bin/env python3
"""Writes single_include/jwtcore.hpp: the whole library as one header, for
projects that vendor a single file. It follows the includes of
include/jwtcore/jwtcore.hpp rather than listing files, so new headers come in
by being included.

  scripts/amalgamate.py                  write single_include/jwtcore.hpp
  scripts/amalgamate.py --output PATH    write PATH instead
  scripts/amalgamate.py --check          exit 1 when the file on disk is not
                                         what would be generated

Every library header is inlined where it is first included and keeps its
include guard, so the single header can be included twice, and mixed with the
headers of include/ of the same version: each part is defined once, by
whichever copy comes first. System includes stay where they are (their order
and the reason given beside each are kept); one is dropped only when the same
header was already included unconditionally earlier, which makes it a no-op.
An include under #if is never moved out of it.
"""

import argparse
import difflib
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE_ROOT = os.path.join(REPO, "include")
ROOT_HEADER = os.path.join(INCLUDE_ROOT, "jwtcore", "jwtcore.hpp")
DEFAULT_OUTPUT = os.path.join(REPO, "single_include", "jwtcore.hpp")
LICENSE = os.path.join(REPO, "LICENSE")

DIRECTIVE = re.compile(r"^\s*#\s*([A-Za-z_]\w*)\s*(.*)$", re.S)
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
VERSION_PART = re.compile(r"^\s*#\s*define\s+JWTCORE_VERSION_(MAJOR|MINOR|PATCH)\s+(\d+)\s*$", re.M)
VERSION_STRING = re.compile(r'^\s*#\s*define\s+JWTCORE_VERSION_STRING\s+"([^"]+)"\s*$', re.M)


class AmalgamationError(Exception):
    pass


def relative(path):
    return os.path.relpath(path, REPO).replace(os.sep, "/")


# ---- reading a header as logical lines ---------------------------------------------
#
# A directive is only recognised where the compiler would see one: at the start
# of a logical line (backslash continuations joined) that does not begin inside
# a block comment or a raw string literal.


class LogicalLine:
    def __init__(self, physical, in_comment):
        self.physical = physical  # the original lines, emitted unchanged
        self.in_comment = in_comment  # began inside a /* */ comment or a raw string
        self.text = "".join(line[:-1] if line.endswith("\\") else line for line in physical)


def strip_comments_and_track(text, state):
    """Returns (code, state): `text` with comments blanked and string contents
    kept, and the lexer state at its end (None, "comment" or ("raw", delimiter))."""
    code = []
    i = 0
    n = len(text)
    while i < n:
        if state == "comment":
            end = text.find("*/", i)
            if end < 0:
                return "".join(code), state
            code.append(" ")
            i = end + 2
            state = None
            continue
        if isinstance(state, tuple):
            closing = ")" + state[1] + '"'
            end = text.find(closing, i)
            if end < 0:
                return "".join(code), state
            code.append(text[i:end + len(closing)])
            i = end + len(closing)
            state = None
            continue
        c = text[i]
        if text.startswith("//", i):
            break
        if text.startswith("/*", i):
            state = "comment"
            i += 2
            continue
        raw = re.match(r'(?:u8|u|U|L)?R"([^()\\\s]{0,16})\(', text[i:])
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            code.append(raw.group(0))
            i += len(raw.group(0))
            state = ("raw", raw.group(1))
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            code.append(text[i:j + 1])
            i = j + 1
            continue
        if c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
                # A pp-number, where ' is a digit separator, not a character literal.
                m = re.match(r"\.?\d(?:[eEpP][+-]|[\w.'])*", text[i:])
                code.append(m.group(0))
                i += len(m.group(0))
                continue
        code.append(c)
        i += 1
    return "".join(code), state


def read_logical_lines(path):
    with open(path, encoding="utf-8") as handle:
        physical = handle.read().replace("\r\n", "\n").split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    lines = []
    state = None
    i = 0
    while i < len(physical):
        group = [physical[i]]
        while group[-1].endswith("\\") and i + 1 < len(physical):
            i += 1
            group.append(physical[i])
        i += 1
        line = LogicalLine(group, state is not None)
        line.code, state = strip_comments_and_track(line.text, state)
        lines.append(line)
    return lines


def directive_of(line):
    """(name, argument) of a preprocessor directive, comments removed; else None."""
    if line.in_comment:
        return None
    match = DIRECTIVE.match(line.code)
    if not match:
        return None
    return match.group(1), match.group(2).strip()


def find_guard(path, lines):
    """Indexes of the include guard's #ifndef and of its #endif, which must be
    the first and last directives of the header."""
    directives = [(index, directive_of(line)) for index, line in enumerate(lines)]
    directives = [(index, d) for index, d in directives if d is not None]
    problem = None
    if len(directives) < 3 or directives[0][1][0] != "ifndef" or directives[1][1][0] != "define":
        problem = "it does not start with #ifndef GUARD / #define GUARD"
    else:
        guard = directives[0][1][1]
        defined = IDENTIFIER.match(directives[1][1][1])
        if not IDENTIFIER.fullmatch(guard) or not defined or defined.group(0) != guard:
            problem = "its first #ifndef and #define name different macros"
        else:
            depth = 0
            for index, (name, _) in directives:
                if name in ("if", "ifdef", "ifndef"):
                    depth += 1
                elif name == "endif":
                    depth -= 1
                    if depth == 0:
                        if index != directives[-1][0]:
                            problem = "its guard's #endif is not the last directive"
                        else:
                            return directives[0][0], index
                        break
            else:
                problem = "its guard is never closed"
    raise AmalgamationError(
        f"{relative(path)} has no usable include guard ({problem}). The single header keeps every guard so "
        "that it can be mixed with include/; #pragma once cannot do that.")


# ---- inlining ------------------------------------------------------------------------


class Amalgamation:
    def __init__(self):
        self.output = []
        self.inlined = set()  # headers inlined outside any #if: later includes of them are no-ops
        self.in_progress = []  # the include chain, for cycles (the guard makes the inner include a no-op)
        self.system_unconditional = set()  # system headers already included outside any #if
        self.files = []  # every header inlined, in order

    def resolve(self, including_file, kind, name):
        """The library header an include names, or None for a system header."""
        candidates = []
        if kind == '"':
            candidates.append(os.path.join(os.path.dirname(including_file), name))
        candidates.append(os.path.join(INCLUDE_ROOT, name))
        for candidate in candidates:
            candidate = os.path.normpath(candidate)
            if os.path.isfile(candidate):
                if os.path.commonpath([candidate, INCLUDE_ROOT]) != INCLUDE_ROOT:
                    raise AmalgamationError(f"{relative(including_file)} includes {name}, which is outside include/")
                return candidate
        if kind == '"':
            raise AmalgamationError(f'{relative(including_file)} includes "{name}", which does not exist')
        return None

    def inline(self, path, outer_conditions):
        """Appends `path` with its library includes inlined. `outer_conditions`
        counts the #if blocks (guards excepted) around the place it is included."""
        self.in_progress.append(path)
        if path not in self.files:
            self.files.append(path)
        lines = read_logical_lines(path)
        guard_open, guard_close = find_guard(path, lines)
        name = relative(path)
        self.output.append(f"// ======== {name} ========")
        conditions = 0  # this file's own open #if blocks, its guard excepted
        for index, line in enumerate(lines):
            directive = directive_of(line)
            if directive is not None and index not in (guard_open, guard_close):
                if directive[0] in ("if", "ifdef", "ifndef"):
                    conditions += 1
                elif directive[0] == "endif":
                    conditions -= 1
                    if conditions < 0:
                        raise AmalgamationError(f"{name}:{index + 1}: #endif without #if")
            if directive is not None and directive[0] == "include":
                match = INCLUDE.match(line.code)
                if match:
                    unconditional = outer_conditions + conditions == 0
                    target = self.resolve(path, match.group(1), match.group(2))
                    if target is not None:
                        if target not in self.inlined and target not in self.in_progress:
                            self.inline(target, outer_conditions + conditions)
                            if unconditional:
                                self.inlined.add(target)
                        continue
                    key = match.group(1) + match.group(2)
                    if key in self.system_unconditional:
                        continue
                    if unconditional:
                        self.system_unconditional.add(key)
            self.output.extend(line.physical)
        if conditions != 0:
            raise AmalgamationError(f"{name}: {conditions} #if block(s) left open")
        self.output.append(f"// ======== end of {name} ========")
        self.in_progress.pop()


def version_of(files):
    for path in files:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        string = VERSION_STRING.search(text)
        if string:
            parts = dict(VERSION_PART.findall(text))
            if set(parts) != {"MAJOR", "MINOR", "PATCH"}:
                raise AmalgamationError(f"{relative(path)} defines JWTCORE_VERSION_STRING but not all of "
                                        "JWTCORE_VERSION_MAJOR, _MINOR and _PATCH")
            return string.group(1), parts
    raise AmalgamationError("no included header defines JWTCORE_VERSION_STRING")


def banner(version, parts):
    with open(LICENSE, encoding="utf-8") as handle:
        license_lines = handle.read().replace("\r\n", "\n").strip("\n").split("\n")
    spdx = "MIT" if license_lines[0].strip() == "MIT License" else None
    lines = [
        f"// jwtcore {version}: the whole library in one header. Mint and verify HS256 JSON Web Tokens;",
        "// no dependencies, no heap on the buffer APIs, builds with -fno-exceptions -fno-rtti.",
        "//",
        "// GENERATED by scripts/amalgamate.py from include/jwtcore/jwtcore.hpp and the headers it",
        "// includes. Do not edit by hand: change include/ and run scripts/amalgamate.py again",
        "// (scripts/amalgamate.py --check tells whether this file is current).",
        "//",
        "// Configure it exactly like include/ (JWTCORE_STD_STRING, JWTCORE_PORTABLE, ... defined",
        "// before the include). It keeps the include guards of the headers it is made of, so it can",
        "// be included twice, or next to <jwtcore/...> headers of the same version.",
        "//",
    ]
    if spdx:
        lines.append(f"// SPDX-License-Identifier: {spdx}")
        lines.append("//")
    lines.extend(("// " + line).rstrip() for line in license_lines)
    lines += [
        "",
        "// Headers of another version included before this one would win silently, guard by guard.",
        "#if defined(JWTCORE_VERSION_MAJOR) && (JWTCORE_VERSION_MAJOR != {MAJOR} || JWTCORE_VERSION_MINOR != {MINOR} || \\"
        .format(**parts),
        "                                       JWTCORE_VERSION_PATCH != {PATCH})".format(**parts),
        f'#  error "this single-header jwtcore is version {version}; jwtcore headers of another version were included before it"',
        "#endif",
        "",
    ]
    return lines


def generate():
    """The single header's text, and the headers it was made of."""
    amalgamation = Amalgamation()
    amalgamation.inline(ROOT_HEADER, 0)
    version, parts = version_of(amalgamation.files)
    return "\n".join(banner(version, parts) + amalgamation.output) + "\n", amalgamation.files


def main():
    parser = argparse.ArgumentParser(description="Writes the single-header jwtcore from include/.")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="where to write (default: single_include/jwtcore.hpp)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the output file differs from what would be generated")
    args = parser.parse_args()
    output = os.path.abspath(args.output)
    shown = relative(output) if os.path.commonpath([output, REPO]) == REPO else output

    try:
        text, files = generate()
    except AmalgamationError as problem:
        print(f"amalgamate: {problem}", file=sys.stderr)
        return 2

    if args.check:
        try:
            with open(output, encoding="utf-8", newline="") as handle:
                current = handle.read()
        except FileNotFoundError:
            print(f"amalgamate: {shown} does not exist; run scripts/amalgamate.py and commit it", file=sys.stderr)
            return 1
        if current == text:
            print(f"amalgamate: {shown} is up to date")
            return 0
        diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(), f"{shown} (on disk)",
                                         f"{shown} (generated from include/)", lineterm=""))
        print(f"amalgamate: {shown} is out of date with include/; run scripts/amalgamate.py and commit it.",
              file=sys.stderr)
        head = 40
        for line in diff[:head]:
            print(line, file=sys.stderr)
        if len(diff) > head:
            print(f"... ({len(diff) - head} more diff lines)", file=sys.stderr)
        return 1

    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print(f"amalgamate: wrote {shown} ({text.count(chr(10))} lines from {len(files)} headers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
