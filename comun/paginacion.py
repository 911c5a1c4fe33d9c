"""Django's paginator, told the total instead of counting it again."""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class PaginadorContado(Paginator):
    """A ``Paginator`` whose total comes from ``contar`` (a number kept per generation, or one an
    earlier query of the same page already counted) rather than from ``object_list.count()``:
    counting a filtered set reads every match, and it is the same on every page of it."""

    def __init__(self, object_list, per_page, *, contar: Callable[[], int], **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.contar = contar

    @cached_property
    def count(self) -> int:
        return self.contar()
