/*
 * The scrolling list (see widget-list.h).
 */
#include "config.h"
#include "widget-list.h"

void
list_set_count(struct list_view *l, size_t n)
{
	l->n = n;
	if (n == 0)
		l->sel = l->top = 0;
	else if (l->sel >= n)
		l->sel = n - 1;
	if (l->top > l->sel)
		l->top = l->sel;
}

void
list_scroll(struct list_view *l, int height)
{
	size_t	h = height > 0 ? (size_t)height : 1;

	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	if (l->n > h && l->top > l->n - h)
		l->top = l->n - h;
	if (l->n <= h)
		l->top = 0;
}

bool
list_action(struct list_view *l, enum action a, int height)
{
	size_t	page = height > 1 ? (size_t)height - 1 : 1;

	switch (a) {
	case ACT_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case ACT_DOWN:
		if (l->sel + 1 < l->n)
			l->sel++;
		break;
	case ACT_PAGE_UP:
		l->sel = l->sel > page ? l->sel - page : 0;
		break;
	case ACT_PAGE_DOWN:
		l->sel = l->sel + page < l->n ? l->sel + page :
		    (l->n > 0 ? l->n - 1 : 0);
		break;
	case ACT_HOME:
		l->sel = 0;
		break;
	case ACT_END:
		l->sel = l->n > 0 ? l->n - 1 : 0;
		break;
	default:
		return (false);
	}
	list_scroll(l, height);
	return (true);
}
