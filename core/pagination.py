"""Pagination for long lists: OFFSET over primary keys only, then the page's rows with their joins.

`Paginator(qs, n).page(k)` asks the database for the full rows (joins, annotations) of everything it skips;
deep pages (page 163 of 16,000 applications) pay for thousands of discarded joined rows. `IdPaginator` pages
over `values_list("pk")` of the same filtered, ordered queryset (an index scan on the ordering index) and
then fetches only the page's rows, in the same order. One query more per page, the same rows and order.
"""

from django.core.paginator import Page, Paginator


class IdPaginator(Paginator):
    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        by_pk = {obj.pk: obj for obj in self._rows(ids)}
        return Page([by_pk[pk] for pk in ids if pk in by_pk], number, self)

    def _rows(self, ids):
        if not ids:
            return []
        # The same queryset (select_related, annotations), restricted to the page's keys: no OFFSET, no ORDER BY.
        return self.object_list.order_by().filter(pk__in=ids)
