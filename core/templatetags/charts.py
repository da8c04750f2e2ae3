"""{% load charts %}{% chart chart "grades" %}: a core.charts.Chart on a page, drawn by the vendored ECharts.

Include the script once per page: {% chart_scripts %} (in the page's `scripts` block or at its end)."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, json_script

register = template.Library()


@register.simple_tag
def chart(chart, id: str):
    option_id = f"chart-option-{id}"
    return format_html(
        '<div class="hrms-chart" id="chart-{}" data-chart="{}" style="height: {}px" role="img" aria-label="{}">'
        "</div>{}",
        id,
        option_id,
        chart.height,
        chart.title,
        json_script(chart.option(), option_id),
    )


@register.simple_tag
def chart_scripts():
    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script>',
        static("vendor/echarts/echarts.min.js"),
        static("js/charts.js"),
    )
