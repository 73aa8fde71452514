"""Money: amounts with their currency, and totals per currency that never add two currencies.

An amount is written as people read it, the same on every machine (Babel's data for the language
being rendered, never the process's locale): in English the currency's symbol, the number with
thousands separators and cents only when there are any, then the currency code and the fiscal
year or period it is for: "$280,000 (USD, fiscal year 2018)"; in other languages the language's own
currency format with the same digits: "280.000 US$ (USD, año fiscal 2018)". An amount the plan
does not give (a bare source id, or a link without `amount:`) is counted as "not given", and a
total that misses one says "at least".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from babel.numbers import format_currency, format_decimal, get_currency_symbol

from framework_builder.model.framework import (
    Action,
    Framework,
    FundedAmount,
    FundingLink,
    FundingSource,
    Goal,
    Objective,
)
from framework_builder.model.items import actions
from framework_builder.site.i18n import gettext as _
from framework_builder.site.i18n import ngettext
from framework_builder.site.render.text import number, period_words, written_locale


def money(value: Decimal, currency: str | None) -> str:
    """'$280,000', '€15,000.50', 'CHF 1,000' (a currency without a symbol of its own), '1,000' (none known);
    in Spanish '280.000 US$', '15.000,50 €', '1.000'."""
    whole = value == value.to_integral_value()
    digits = Decimal(f"{value:.0f}" if whole else f"{value:.2f}")  # rounded as before, for every language
    speaking = written_locale()
    written = format_decimal(digits, format="#,##0" if whole else "#,##0.00", locale=speaking)
    if currency is None:
        return written
    if speaking.language != "en":
        pattern = speaking.currency_formats["standard"].pattern.split(";")[0]
        return format_currency(digits, currency, format=pattern.replace("0.00", "0") if whole else pattern,
                               locale=speaking, currency_digits=False)
    symbol = get_currency_symbol(currency, locale=speaking)
    return f"{currency} {written}" if symbol == currency else f"{symbol}{written}"


@dataclass(frozen=True)
class Total:
    """A sum per currency (never added across currencies) and how many amounts were not given."""

    sums: tuple[tuple[str | None, Decimal], ...]  # the framework's currency first, then by code, none last
    not_given: int

    @property
    def named(self) -> bool:
        """True when at least one amount, given or not, went into it."""
        return bool(self.sums) or self.not_given > 0

    def words(self) -> str:
        """'$330,000 and €20,000', 'at least $40,000 (1 amount not given)', '2 amounts not given', 'none named'."""
        amounts = [money(value, currency) for currency, value in self.sums]
        given = reduce(lambda first, second: _("{first} and {second}").format(first=first, second=second),
                       amounts) if amounts else ""
        missing = ngettext("{count} amount not given", "{count} amounts not given",
                           self.not_given).format(count=number(self.not_given))
        if not self.not_given:
            return given or _("none named")
        return _("at least {amounts} ({missing})").format(amounts=given, missing=missing) if given else missing


def total(amounts: Iterable[FundedAmount], default: str | None) -> Total:
    """The total of `amounts` per currency (`default` for those naming none)."""
    sums: dict[str | None, Decimal] = defaultdict(Decimal)
    not_given = 0
    for item in amounts:
        if item.amount is None:
            not_given += 1
        else:
            sums[item.currency or default] += Decimal(str(item.amount))
    order = sorted(sums, key=lambda code: (code is None, code != default, code or ""))
    return Total(tuple((code, sums[code]) for code in order), not_given)


@dataclass(frozen=True)
class Funded:
    """One amount from a source: for the plan as a whole (no action), or for an action."""

    source: FundingSource
    amount: FundedAmount
    goal: Goal | None = None
    objective: Objective | None = None
    action: Action | None = None


@dataclass(frozen=True)
class Funding:
    """A version's money: each source's amounts, and totals per source, per goal and for the plan."""

    currency: str | None  # the framework's currency, for amounts that name none
    for_the_plan: dict[str, list[Funded]]  # source id → its amounts for the plan as a whole
    for_actions: dict[str, list[Funded]]  # source id → its amounts for actions, in reading order
    by_source: dict[str, Total]
    by_goal: list[tuple[Goal, Total]]
    plan_total: Total  # every amount for the plan as a whole
    total: Total  # everything
    amounts_given: bool  # True when any amount at all is given

    def describe(self, amount: FundedAmount) -> str:
        """'$280,000 (USD, fiscal year 2018)', 'amount not given (FY2019-20)', or '' for a bare source id."""
        details = []
        if amount.amount is not None and (amount.currency or self.currency):
            details.append(amount.currency or self.currency)
        if amount.fiscal_year is not None:  # a year, or the budget's own name for it: "FY2019-20"
            year = amount.fiscal_year
            details.append(_("fiscal year {year}").format(year=year) if isinstance(year, int) else year)
        if amount.period is not None:
            details.append(period_words(amount.period))
        if amount.amount is not None:
            head = money(Decimal(str(amount.amount)), amount.currency or self.currency)
        elif details or amount.note:
            head = _("amount not given")
        else:
            return ""
        return _("{amount} ({details})").format(amount=head, details=", ".join(details)) if details else head


def funding(framework: Framework) -> Funding:
    """Every amount of a version, by source, with its totals."""
    default = framework.currency
    for_the_plan = {source.id: [Funded(source, amount) for amount in source.for_the_plan]
                    for source in framework.funding}
    sources = {source.id: source for source in framework.funding}
    for_actions: dict[str, list[Funded]] = {source.id: [] for source in framework.funding}
    per_goal: dict[str, list[FundingLink]] = {goal.id: [] for goal in framework.goals}
    for goal, objective, action in actions(framework):
        for link in action.funding_links():
            for_actions[link.source].append(Funded(sources[link.source], link, goal, objective, action))
            per_goal[goal.id].append(link)
    plan_amounts = [f.amount for amounts in for_the_plan.values() for f in amounts]
    every = plan_amounts + [f.amount for amounts in for_actions.values() for f in amounts]
    return Funding(
        currency=default,
        for_the_plan=for_the_plan,
        for_actions=for_actions,
        by_source={sid: total([f.amount for f in for_the_plan[sid] + for_actions[sid]], default) for sid in sources},
        by_goal=[(goal, total(per_goal[goal.id], default)) for goal in framework.goals],
        plan_total=total(plan_amounts, default),
        total=total(every, default),
        amounts_given=any(item.amount is not None for item in every),
    )


def data_amounts(links: Iterable[FundingLink], default: str | None) -> str:
    """An action's amounts for open data, one per link, numbers without separators:
    'city-budget: 280000 USD, fiscal year 2018; state-grant: amount not given'."""
    entries = []
    for link in links:
        currency = link.currency or default
        if link.amount is None:
            parts = [f"{link.source}: amount not given"]
        else:
            value = int(link.amount) if link.amount.is_integer() else link.amount
            parts = [f"{link.source}: {value}" + (f" {currency}" if currency else "")]
        if link.fiscal_year is not None:
            parts.append(f"fiscal year {link.fiscal_year}")
        if link.period is not None:
            parts.append(f"period {link.period}")
        entries.append(", ".join(parts))
    return "; ".join(entries)
