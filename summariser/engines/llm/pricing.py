"""Known model prices (USD per million tokens), for cost estimates. Unknown model: no estimate."""

from __future__ import annotations

from ...core.schema import Usage

# (input, output) USD per 1M tokens, from the providers' public price lists.
PRICES_PER_MTOK: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-3.5-turbo": (0.50, 1.50),
    "o4-mini": (1.10, 4.40),
    "o3-mini": (1.10, 4.40),
}


def price_for(model: str, overrides: dict[str, tuple[float, float]] | None = None) -> tuple[float, float] | None:
    """(input, output) price per million tokens: an override, the longest known prefix, or None."""
    table = {**PRICES_PER_MTOK, **(overrides or {})}
    for prefix in sorted(table, key=len, reverse=True):
        if model == prefix or model.startswith(prefix + "-"):
            return table[prefix]
    return None


def estimate_cost(model: str, usage: Usage, overrides: dict[str, tuple[float, float]] | None = None) -> float | None:
    price = price_for(model, overrides)
    if price is None:
        return None
    return round((usage.prompt_tokens * price[0] + usage.completion_tokens * price[1]) / 1_000_000, 6)
