"""Split SQL scripts into single statements without asking the database.

Most drivers execute one statement per call, so a migration file must be cut at its
terminators first. Cutting is purely lexical: strings, quoted names, comments, dollar
quotes, the mysql client's DELIMITER command and the BEGIN ... END bodies of stored
programs are recognised, which is all it takes to find where statements end.

Speed comes from one compiled regular expression per dialect that jumps straight to
the next character that can matter (a terminator, a quote or a comment opener), so the
text of ordinary statements is never walked from Python. Only CREATE TRIGGER/PROCEDURE/
FUNCTION/EVENT statements are read word by word, to match BEGIN with END.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NoReturn


@dataclass(frozen=True)
class SplitRules:
    """Which lexical features of a dialect the splitter honours."""

    dollar_quotes: bool = False  # PostgreSQL: $$...$$ and $tag$...$tag$ bodies
    backslash_escapes: bool = False  # MySQL/MariaDB: \' and \\ inside '...' and "..." strings
    hash_comments: bool = False  # MySQL/MariaDB: '# ...' to end of line
    delimiter_command: bool = False  # MySQL client: lines 'DELIMITER //' change the terminator
    nested_block_comments: bool = False  # PostgreSQL: /* /* */ */ nests


@dataclass(frozen=True)
class Statement:
    """One statement of a script, with the line it starts on for error messages."""

    text: str  # as written (inner comments kept), minus outer blanks, comments and terminator
    line: int  # 1-based line of the statement's first non-blank, non-comment character


POSTGRESQL = SplitRules(dollar_quotes=True, nested_block_comments=True)
MYSQL = SplitRules(backslash_escapes=True, hash_comments=True, delimiter_command=True)
SQLITE = SplitRules()

# Possessive quantifiers keep failed matches (unterminated quotes) linear.
_SQ = re.compile(r"'[^']*+(?:''[^']*+)*+'")
_SQ_BS = re.compile(r"'[^'\\]*+(?:(?:\\.|'')[^'\\]*+)*+'", re.S)
_DQ = re.compile(r'"[^"]*+(?:""[^"]*+)*+"')
_DQ_BS = re.compile(r'"[^"\\]*+(?:(?:\\.|"")[^"\\]*+)*+"', re.S)
_BACKTICK = re.compile(r"`[^`]*+(?:``[^`]*+)*+`")
_NESTED_COMMENT = re.compile(r"/\*|\*/")
_DOLLAR = r"\$(?:[^\W\d]\w*)?\$"  # $$ or $tag$; $1 is a parameter, not a quote
_WS = re.compile(r"\s*")
_REST_OF_LINE = re.compile(r"[^\r\n]*")
_DELIMITER_COMMAND = re.compile(r"delimiter(?=\s|\Z)[ \t]*(\S*)", re.I)

# Inside stored-program bodies: words that open a block only where a statement starts.
_STATEMENT_BLOCKS = frozenset({"IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR"})
_BODY_OPENERS = frozenset({"BEGIN", "LOOP", "REPEAT"})  # a statement follows directly
_END_KINDS = frozenset({"IF", "LOOP", "WHILE", "REPEAT"})  # `END IF` can only mean this


@lru_cache(maxsize=64)
def _scanners(rules: SplitRules, delimiter: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Build the (plain, compound) token scanners for a dialect and terminator.

    The plain scanner's alternatives all start with a literal character, which lets the
    regex engine skip ordinary text with a fast character-set search.
    """
    special = ["'", '"', "`", "--", r"/\*"]
    if rules.hash_comments:
        special.append("#")
    if rules.dollar_quotes:
        special.append(_DOLLAR)
    term = re.escape(delimiter)
    plain = re.compile("|".join([term, *special]))
    words = r"([^\W\d][\w$]*)([ \t]*:(?![:=]))?"  # group 4: the colon of a label
    compound = re.compile(rf"({term})|({'|'.join(special)})|{words}|\S")
    return plain, compound


def _comment_regex(nested: bool) -> str:
    """A block comment; when comments nest, up to three levels deep (plenty for a header)."""
    plain = r"(?:[^*]|\*(?!/))*+"
    if not nested:
        return rf"/\*{plain}\*/"
    comment = r"/\*(?:[^*/]|\*(?!/)|/(?!\*))*+\*/"
    for _ in range(2):
        comment = rf"/\*(?:[^*/]|\*(?!/)|/(?!\*)|{comment})*+\*/"
    return comment


@lru_cache(maxsize=16)
def _routine_patterns(rules: SplitRules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Build (routine head, next word): blanks and comments may sit between header words."""
    hashes = r"|#[^\r\n]*" if rules.hash_comments else ""
    gap = rf"(?:\s|--[^\r\n]*|{_comment_regex(rules.nested_block_comments)}{hashes})"
    quoted = r"(?:`[^`]*`|'[^']*'|\"[^\"]*\")"
    definer = rf"(?:DEFINER{gap}*+={gap}*+(?:{quoted}|[^\s`'\"])++{gap}++)?"
    head = re.compile(
        rf"CREATE{gap}++(?:OR{gap}++REPLACE{gap}++)?{definer}"
        rf"(?:(?:TEMP|TEMPORARY|AGGREGATE|CONSTRAINT){gap}++)?"
        rf"(?:TRIGGER|PROCEDURE|FUNCTION|EVENT)\b"
        rf"|ALTER{gap}++{definer}EVENT\b|BEGIN{gap}++NOT{gap}++ATOMIC\b",
        re.I,
    )
    return head, re.compile(rf"{gap}*+([^\W\d]\w*)")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_$"


def split_statements(sql: str, rules: SplitRules) -> list[Statement]:
    """Split a script into statements; raise ValueError on an unterminated quote or comment."""
    return _Splitter(sql, rules).run()


@dataclass
class _Blocks:
    """Open blocks of a stored-program body, and whether the next word starts a statement."""

    stack: list[str] = field(default_factory=list)  # BEGIN, IF, CASE (statement), CASE_EXPR, ...
    at_start: bool = False
    prev: str = ""  # the previous word (upper case) or punctuation, to read it in context


class _Splitter:
    """One pass over one script; the helpers share the text, rules and terminator."""

    def __init__(self, sql: str, rules: SplitRules) -> None:
        self.sql = sql
        self.rules = rules
        self.delimiter = ";"
        self.statements: list[Statement] = []
        self.comments: list[tuple[int, int]] = []  # comment spans of the current statement
        self._line = 1
        self._line_pos = 0
        self._head, self._next_word = _routine_patterns(rules)
        self._plain, self._compound = _scanners(rules, ";")

    def run(self) -> list[Statement]:
        pos = 0
        while (start := self._next_start(pos)) is not None:
            self.comments.clear()
            if self.delimiter == ";" and self._head.match(self.sql, start):
                end, pos = self._scan_compound(start)
            else:
                end, pos = self._scan_plain(start)
            self._emit(start, end)
        return self.statements

    def _next_start(self, pos: int) -> int | None:
        """Skip blanks, comments, empty statements and DELIMITER lines up to a statement."""
        sql = self.sql
        while True:
            pos = _WS.match(sql, pos).end()  # type: ignore[union-attr]
            if pos == len(sql):
                return None
            if sql.startswith(self.delimiter, pos):
                pos += len(self.delimiter)
            elif self._at_comment(pos):
                pos = self._skip(pos, sql[pos : pos + 2])
            elif self.rules.delimiter_command and (after := self._delimiter_line(pos)):
                pos = after
            else:
                return pos

    def _at_comment(self, pos: int) -> bool:
        """MySQL's /*! ... */ is executable, so it counts as statement text, not a comment."""
        sql = self.sql
        if sql.startswith(("--", "/*"), pos):
            return not sql.startswith("/*!", pos)
        return self.rules.hash_comments and sql[pos] == "#"

    def _delimiter_line(self, pos: int) -> int | None:
        """Apply a `DELIMITER x` line starting at pos; return the position after it."""
        sql = self.sql
        match = _DELIMITER_COMMAND.match(sql, pos)
        if match is None or sql[sql.rfind("\n", 0, pos) + 1 : pos].strip():
            return None
        if not match.group(1):
            raise ValueError(f"DELIMITER without a terminator on line {self._line_of(pos)}")
        self.delimiter = match.group(1)
        self._plain = _scanners(self.rules, self.delimiter)[0]
        return _REST_OF_LINE.match(sql, match.end()).end()  # type: ignore[union-attr]

    def _scan_plain(self, pos: int) -> tuple[int, int]:
        """Find the end of an ordinary statement: (end of its text, where to resume)."""
        sql, delimiter = self.sql, self.delimiter
        search = self._plain.search
        while match := search(sql, pos):
            token = match.group()
            if token == delimiter:
                return match.start(), match.end()
            pos = self._skip(match.start(), token)
        return len(sql), len(sql)

    def _scan_compound(self, pos: int) -> tuple[int, int]:
        """Like _scan_plain, but `;` inside BEGIN ... END (and IF, LOOP, ...) does not split."""
        search = self._compound.search
        blocks = _Blocks()
        while match := search(self.sql, pos):
            pos, kind, token = match.end(), match.lastindex, match.group()
            if kind == 1 and not blocks.stack:
                return match.start(), pos
            if kind == 4:  # `lbl:` is followed by BEGIN, LOOP, WHILE, ...
                blocks.at_start, blocks.prev = True, ""
                continue
            if kind == 3:
                pos = self._word(blocks, token.upper(), pos)
                continue
            if kind == 2:
                pos = self._skip(match.start(), token)
                if token[0] in "-/#":
                    continue  # comments change nothing
            blocks.at_start, blocks.prev = kind == 1, "" if kind == 2 else token
        return len(self.sql), len(self.sql)

    def _word(self, blocks: _Blocks, word: str, pos: int) -> int:
        """Track block nesting for one word of a stored-program statement."""
        at_start, prev = blocks.at_start, blocks.prev
        blocks.at_start, blocks.prev = False, word
        if prev == "." or (prev in ("(", ",") and word in ("BEGIN", "END")):
            return pos  # NEW.end, t.begin, (begin, end): column names, not keywords
        if word == "END":
            return self._close(blocks, pos)
        if word == "BEGIN" or (at_start and word in _STATEMENT_BLOCKS):
            blocks.stack.append(word)  # IF(...) and IF EXISTS are not at a statement start
            blocks.at_start = word in _BODY_OPENERS
        elif word == "CASE":
            blocks.stack.append("CASE_EXPR")  # THEN/ELSE in it are followed by expressions
        elif word in ("THEN", "ELSE"):
            blocks.at_start = blocks.stack[-1:] != ["CASE_EXPR"]
        elif word == "DO" or (word == "ROW" and prev == "EACH"):
            blocks.at_start = True
        elif word in ("NOT", "ATOMIC") and prev in ("BEGIN", "NOT"):
            blocks.at_start = at_start
        return pos

    def _close(self, blocks: _Blocks, pos: int) -> int:
        """Handle END [IF|CASE|LOOP|WHILE|REPEAT|FOR]; a qualified END closes only its kind."""
        match = self._next_word.match(self.sql, pos)
        kind = match.group(1).upper() if match else ""
        top = blocks.stack[-1].removesuffix("_EXPR") if blocks.stack else ""
        if match and kind == top and kind in _STATEMENT_BLOCKS:
            blocks.stack.pop()
            return match.end()
        if match and kind in _END_KINDS:
            return match.end()  # END IF of an IF not taken for a block: keep BEGIN open
        if blocks.stack:
            blocks.stack.pop()
        return pos

    def _skip(self, pos: int, token: str) -> int:
        """Return the position after the string, quoted name, comment or dollar body at pos."""
        first = token[0]
        if first == "'":
            escapes = self.rules.backslash_escapes or self._e_string(pos)
            return self._quoted(pos, _SQ_BS if escapes else _SQ, "string")
        if first == '"':
            pattern = _DQ_BS if self.rules.backslash_escapes else _DQ
            return self._quoted(pos, pattern, "double-quoted identifier")
        if first == "`":
            return self._quoted(pos, _BACKTICK, "backtick identifier")
        if first == "$":
            return self._dollar(pos, token)
        if first == "/":
            return self._block_comment(pos)
        end = _REST_OF_LINE.match(self.sql, pos).end()  # type: ignore[union-attr]
        self.comments.append((pos, self._rstrip(pos, end)))
        return end

    def _e_string(self, pos: int) -> bool:
        """PostgreSQL E'...' strings take backslash escapes whatever the rules say."""
        sql = self.sql
        return pos > 0 and sql[pos - 1] in "eE" and (pos == 1 or not _is_word_char(sql[pos - 2]))

    def _quoted(self, pos: int, pattern: re.Pattern[str], what: str) -> int:
        match = pattern.match(self.sql, pos)
        if match is None:
            self._unterminated(what, pos)
        return match.end()

    def _dollar(self, pos: int, tag: str) -> int:
        if pos and _is_word_char(self.sql[pos - 1]):
            return pos + 1  # `$` inside an identifier such as a$b$, not a quote
        end = self.sql.find(tag, pos + len(tag))
        if end < 0:
            self._unterminated(f"dollar-quoted body {tag}", pos)
        return end + len(tag)

    def _block_comment(self, pos: int) -> int:
        if self.rules.nested_block_comments:
            end = self._nested_comment_end(pos)
        else:
            end = self.sql.find("*/", pos + 2) + 2
            if end == 1:
                self._unterminated("block comment", pos)
        if not self.sql.startswith("/*!", pos):
            self.comments.append((pos, end))
        return end

    def _nested_comment_end(self, pos: int) -> int:
        depth, start = 0, pos
        while match := _NESTED_COMMENT.search(self.sql, pos):
            depth += 1 if match.group() == "/*" else -1
            pos = match.end()
            if depth == 0:
                return pos
        self._unterminated("block comment", start)

    def _emit(self, start: int, end: int) -> None:
        """Record sql[start:end] minus trailing blanks and comments; line numbers add up."""
        end = self._rstrip(start, end)
        while self.comments and self.comments[-1][1] == end:
            end = self._rstrip(start, self.comments.pop()[0])
        self._line += self.sql.count("\n", self._line_pos, start)
        self._line_pos = start
        self.statements.append(Statement(self.sql[start:end], self._line))

    def _rstrip(self, start: int, end: int) -> int:
        while end > start and self.sql[end - 1].isspace():
            end -= 1
        return end

    def _line_of(self, pos: int) -> int:
        return self.sql.count("\n", 0, pos) + 1

    def _unterminated(self, what: str, pos: int) -> NoReturn:
        raise ValueError(f"unterminated {what} starting on line {self._line_of(pos)}")
