"""Browser helper for the search-as-you-type pickers (core.pickers, static/js/picker.js)."""


def pick(page, name: str, text: str, *, replace: bool = False) -> None:
    """Choose in the picker of field `name` as a user does with the keyboard: type, wait for the results, Enter.

    With `replace`, the options chosen so far (of a multiple picker) are removed first."""
    if replace:
        while page.locator(f"#div_id_{name} [data-picker-remove]").count():
            page.locator(f"#div_id_{name} [data-picker-remove]").first.click()
    box = page.locator(f"#id_{name}_search")
    box.fill("")
    box.press_sequentially(text)
    page.wait_for_selector(f"#id_{name}_search_results [role=option].active")
    box.press("Enter")
