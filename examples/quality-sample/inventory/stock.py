"""What is left on the shelf after orders, and when to order more."""


def remaining(stock, ordered):
    if ordered > stock:
        raise ValueError(f"cannot take {ordered} from a stock of {stock}")
    return stock - ordered


def needs_reorder(level, threshold=5):
    return level <= threshold


def label(level):
    if level == 0:
        return "sold out"
    if level < 5:
        return "only a few left"
    return "in stock"
