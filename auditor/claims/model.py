"""Claims: what a sentence states, with the figures it states it with.

A ``Token`` is a figure of a passage read in its sentence: its label (the words
naming it, split into a subject and a role such as 年初预算 or 决算), the year it
refers to, and what the grammar made of it (a change, a share, an aside in
parentheses). Claims tie tokens together: a share and its part and whole, a
completion rate and its two amounts, a year-on-year change, a breakdown.
A claim whose operands could not all be found is *unresolved*: it is reported
(coverage gap), never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

from auditor.model import Figure
from auditor.numbers import AMOUNT_UNITS, in_base_unit
from auditor.rounding import Outcome, Quantity, compare, quantity, total

# Count units that name the same thing (人 and 名 both count people).
SAME_COUNT = {"名": "人", "人次": "人次"}


@lru_cache(maxsize=None)
def _kind(unit: str | None) -> str | None:
    if unit in AMOUNT_UNITS:
        return "money"
    if unit in (None, "%", "分", "个百分点"):
        return None
    base = in_base_unit(Decimal(1), unit)[1]
    return SAME_COUNT.get(base, base)


@dataclass(eq=False, slots=True)  # read by the thousand
class Token:
    figure: Figure  # as read; its unit may be corrected (see ``printed_unit``)
    start: int
    end: int
    passage: "object"
    label: str = ""  # the words naming the figure, cleaned
    subject: str = ""  # the label without its role words (inherited when empty)
    role: str = "actual"  # actual | budget | target | prior | change | share | rate
    year: int | None = None
    aside: bool = False  # inside parentheses: "（含参公管理事业编制5人）"
    direction: int = 0  # for role "change": +1 增加, -1 减少
    printed_unit: str | None = None  # set when the unit was corrected
    category: str = ""  # the 功能分类 class of the heading above ("1、一般公共服务支出（类）…（项）。")
    # read once (asked at every pair of figures); a unit fix turns money into money
    is_percent: bool = field(init=False)
    kind: str | None = field(init=False)  # "money" for 元/万元/亿元, the base count unit, None for % and scores

    def __post_init__(self) -> None:
        self.is_percent = self.figure.unit == "%"
        self.kind = _kind(self.figure.unit)

    @property
    def unit(self) -> str | None:
        return self.figure.unit

    @property
    def quantity(self) -> Quantity:
        return quantity(self.figure)

    def with_unit(self, unit: str) -> None:
        self.printed_unit = self.figure.unit
        f = self.figure
        self.figure = Figure(f.text, f.value, unit, f.decimals, f.location)


@dataclass(eq=False)
class Share:
    """"X元，占比Y%" / "占基本支出的Y%": part / whole = share."""

    pct: Token
    part: Token | None
    whole: Token | None = None
    whole_label: str = ""  # the whole as named after 占…的 ("" for 占比)
    strong: bool = False  # the whole was named or heads the list in the same sentence
    group: "Breakdown | None" = None
    candidates: list[Token] = field(default_factory=list)  # wholes to try when none was named

    @property
    def tokens(self) -> list[Token]:
        return [t for t in (self.pct, self.part, self.whole) if t is not None]

    @property
    def resolved(self) -> bool:
        return self.part is not None and (self.whole is not None or self.group is not None)


@dataclass(eq=False)
class Rate:
    """Completion / execution / target rate: numerator / denominator = rate.

    ``strict`` when the phrase names the base it is computed on ("完成年初预算的",
    "占目标任务数12万张的"); an "执行率" next to a 年初预算 may be computed on the
    adjusted budget, so a mismatch there is a warning, not an error."""

    kind: str  # completion | execution | target | count
    pct: Token
    numerator: Token | None = None
    denominator: Token | None = None
    strict: bool = False
    phrase: str = ""

    @property
    def tokens(self) -> list[Token]:
        return [t for t in (self.pct, self.numerator, self.denominator) if t is not None]

    @property
    def resolved(self) -> bool:
        return self.numerator is not None and self.denominator is not None


@dataclass(eq=False)
class Change:
    """Year-on-year: current, prior, change amount and rate, direction word."""

    direction: int  # +1 增加/增长, -1 减少/下降, 0 持平
    word: str
    amount: Token | None = None  # "增加368789.9元"
    pct: Token | None = None  # "增长31.25%"
    current: Token | None = None
    prior: Token | None = None  # stated prior ("较上年1757.02万元", "2022年度…20.50万元")
    anchor: int = 0  # passage offset of the direction word
    strong: bool = False  # the current figure is named, or sits in the change's sentence

    @property
    def tokens(self) -> list[Token]:
        return [t for t in (self.amount, self.pct, self.current, self.prior) if t is not None]

    @property
    def resolved(self) -> bool:
        if self.current is None:
            return False
        if self.direction == 0:
            return self.prior is not None
        return self.amount is not None or self.prior is not None


@dataclass(eq=False)
class Breakdown:
    """A total and the parts listed after 其中/：, with their shares when stated."""

    head: Token | None
    parts: list[Token]
    shares: list[Token | None] = field(default_factory=list)
    strong: bool = False  # the head is in the sentence that opens the list
    complete: bool = False  # the wording says the parts are all of it ("1865人（其中市直209人，各县1656人）")

    @cached_property
    def adds_up(self) -> bool:
        """The parts make the head, within rounding (asked by several checks, after reading)."""
        parts = [p for p in self.parts if p is not self.head]
        return self.head is not None and bool(parts) and \
            compare(self.head.figure, total([(1, p.figure) for p in parts])).outcome is not Outcome.MISMATCH

    @property
    def tokens(self) -> list[Token]:
        return ([self.head] if self.head else []) + self.parts + [s for s in self.shares if s]

    @property
    def resolved(self) -> bool:
        return self.head is not None and bool(self.parts)


@dataclass(eq=False)
class Balance:
    """"年初预算142.4万元…，支出100万元，…结余42.4万元": budget − spent = balance."""

    budget: Token
    spent: Token
    balance: Token

    @property
    def tokens(self) -> list[Token]:
        return [self.balance, self.budget, self.spent]

    @property
    def resolved(self) -> bool:
        return True


@dataclass(eq=False)
class Claims:
    tokens: list[Token]
    shares: list[Share]
    rates: list[Rate]
    changes: list[Change]
    breakdowns: list[Breakdown]
    balances: list[Balance]
    year: int | None  # the document's year (most stated)

    def breakdowns_without_total(self) -> list[Breakdown]:
        """Lists of amounts each with its share and no stated total: the total is their sum
        when the list is complete, else (a named whole found nowhere) it is at least that."""
        groups = {id(s.group): s.group for s in self.shares if s.group is not None and s.group.head is None}
        return [g for g in groups.values() if g.shares and all(g.shares)]

    @property
    def all(self) -> list:
        return [*self.shares, *self.rates, *self.changes, *self.breakdowns, *self.balances]
