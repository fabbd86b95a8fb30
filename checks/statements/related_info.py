"""STM009 — 政府采购, 机关运行经费 and 车辆 figures of the 相关信息统计表 add up and stay in bounds."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from auditor.model import Figure, Severity
from auditor.registry import register
from auditor.statements import Book, Statement
from auditor.statements.recognise import labelled
from checks.statements._ledger import Relation, StatementCheck, at_most, equal
from checks.statements._pick import named

PROCUREMENT = re.compile(r"政府采购|中小企业|小微企业")
TOTAL = re.compile(r"合计|总额|总计|总数")
RUNNING = re.compile(r"机关运行经费")
VEHICLES = re.compile(r"车辆|用车|国有资产占用")


def _pick(items: list[tuple[str, Figure]], pattern: str) -> Figure | None:
    return next((f for label, f in items if re.search(pattern, label)), None)


@register
class RelatedInfo(StatementCheck):
    """相关信息统计表不平：政府采购总额、机关运行经费或车辆总数与其组成不符。

    What: in the 部门决算公开相关信息统计表 (and budget tables with the same items):
    政府采购 合计/总额 = 货物 + 工程 + 服务; 授予中小企业合同金额 ≤ 总额 (小微 ≤ 中小);
    机关运行经费 = Σ its parts (行政单位 + 参公事业单位) when a total is printed, and
    ≤ 基本支出表 公用经费合计 (基本支出); 车辆数合计 = Σ the vehicle categories (counts, exact).
    Why: these are required disclosures (财预〔2016〕143号) quoted in the 情况说明.
    Failing example (单位：元)::

        政府采购 合计 | 7,349,093.97;  货物 | 4,737,445.50;  工程 | 811,699.10;  服务 | 1,799,949.73
        → STM009 error: 合计 7,349,093.97 ≠ 货物 + 工程 + 服务 7,349,094.33
    """

    code = "STM009"

    @classmethod
    def relations(cls, statements: Book) -> Iterable[Relation | None]:
        detail = statements.first("basic_detail")
        for statement in statements.of("related_info", "three_public"):
            items = labelled(statement)
            if statement.kind.key == "three_public":  # "三公经费、机关运行经费情况表": only the latter here
                yield from _running(cls.code, statement, [(l, f) for l, f in items if RUNNING.search(l)], detail)
                continue
            yield from _procurement(cls.code, statement, [(l, f) for l, f in items if PROCUREMENT.search(l)])
            running = [(l, f) for l, f in items if RUNNING.search(l)]
            yield from _running(cls.code, statement, running, detail)
            cars = [(l, f._replace(unit="辆")) for l, f in items if VEHICLES.search(l) and re.search(r"车", l)]
            yield from _vehicles(cls.code, statement, cars)


def _procurement(code: str, statement: Statement, items) -> Iterator[Relation | None]:
    total = _pick(items, r"(?:^|\|)(?:政府采购)?(?:支出)?(?:合计|总额|总计)(?:\||$)")
    parts = [f for f in (_pick(items, "货物"), _pick(items, "工程"), _pick(items, "服务")) if f is not None]
    if total is not None and parts:
        yield equal(code, total, [(1, f) for f in parts], "政府采购「合计」", "货物 + 工程 + 服务 之和",
                    ("sum-of-rows", total.location), statement.where + "：")
    small = _pick(items, "中小企业")
    if total is not None and small is not None:
        yield at_most(code, total, [small], "政府采购总额", "授予中小企业合同金额", ("bound", small.location),
                      statement.where + "：")
    micro = _pick(items, "小微")
    if small is not None and micro is not None:
        yield at_most(code, small, [micro], "授予中小企业合同金额", "授予小微企业合同金额",
                      ("bound", micro.location), statement.where + "：")


def _running(code: str, statement: Statement, items, detail: Statement | None) -> Iterator[Relation | None]:
    if not items:
        return
    printed = [(label, f) for label, f in items if f.text]
    total = next((f for label, f in printed if TOTAL.search(label.split("|")[1])
                  or (len(printed) > 1 and re.fullmatch(r"机关运行经费(?:支出)?", label.split("|")[1]))), None)
    parts = [f for label, f in items if f is not total and re.search(r"\|[（(]?[一二三四五六七八九十\d]", label)] \
        or [f for _, f in items if f is not total]
    if total is not None and parts:
        yield equal(code, total, [(1, f) for f in parts], "机关运行经费「合计」", "各组成之和",
                    ("sum-of-rows", total.location), statement.where + "：")
    if detail is None:
        return
    public = named([l for l in detail.lines if not l.code], "公用经费合计")
    if public is None:
        return
    basic = next((k for k in public.amounts if "基本" in k), next(iter(public.amounts), None))
    whole = public.amounts.get(basic) if basic else None
    bound = [total] if total is not None else parts
    yield at_most(code, whole, bound, f"{detail.where}「公用经费合计」{basic}", "机关运行经费",
                  ("bound", bound[0].location), statement.where + "：", Severity.WARNING)


def _vehicles(code: str, statement: Statement, items) -> Iterator[Relation | None]:
    total = next((f for label, f in items if TOTAL.search(label)), None)
    parts = [f for label, f in items if f is not total and re.search(r"用车", label)]
    if total is not None and parts:
        yield equal(code, total, [(1, f) for f in parts], "车辆数「合计」", "各类车辆之和",
                    ("sum-of-rows", total.location), statement.where + "：")
