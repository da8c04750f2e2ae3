/* Search-as-you-type pickers (core/pickers.py): a combobox over the hidden <select> that the form submits.
   Typing asks the kind's endpoint for at most 20 matches; arrows, Enter and Escape work as in a select;
   choosing writes the option into the select and fires "change" (htmx attributes on the select still work). */
(function () {
  "use strict";

  function setup(root) {
    if (root.dataset.pickerReady) return;
    root.dataset.pickerReady = "1";
    const select = root.querySelector("select");
    const input = root.querySelector("input[role=combobox]");
    const list = root.querySelector("[role=listbox]");
    const status = root.querySelector(".picker-status");
    const chosenList = root.querySelector(".picker-chosen");
    const multiple = root.hasAttribute("data-picker-multiple");
    const optional = root.hasAttribute("data-picker-optional");
    let results = [];
    let active = -1;
    let timer = null;
    let asked = 0;

    function chosenLabel() {
      const option = select.querySelector("option:checked");
      return option ? option.textContent : "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const items = list.querySelectorAll("[role=option]");
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === index);
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(data) {
      results = data.results;
      list.replaceChildren();
      results.forEach(function (result, i) {
        const item = document.createElement("li");
        item.id = input.id + "_option_" + i;
        item.className = "list-group-item list-group-item-action";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = result.text;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the search box
          choose(i);
        });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      status.textContent = results.length === 0 ? status.dataset.none : data.more ? status.dataset.more : "";
      highlight(results.length ? 0 : -1);
    }

    function search() {
      const ask = ++asked;
      const url = new URL(root.dataset.pickerUrl, window.location.href);
      url.searchParams.set("q", input.value.trim());
      // Narrowed by fields beside (e.g. the positions of the chosen department): "param=element-id …".
      (root.dataset.pickerForward || "").split(" ").filter(Boolean).forEach(function (pair) {
        const [param, name] = pair.split("=");
        const other = select.form && select.form.elements.namedItem(name);
        if (other && other.value) url.searchParams.set(param, other.value);
      });
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (ask === asked) show(data);
        })
        .catch(function () {
          if (ask === asked) {
            close();
            status.textContent = status.dataset.failed;
          }
        });
    }

    function changed() {
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function addChip(value, label) {
      const chip = document.createElement("li");
      chip.className = "badge text-bg-light border fw-normal fs-6";
      chip.dataset.value = value;
      chip.append(label + " ");
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn-close";
      remove.setAttribute("data-picker-remove", "");
      remove.setAttribute("aria-label", (root.dataset.pickerRemoveLabel || "×") + " " + label);
      chip.appendChild(remove);
      chosenList.appendChild(chip);
    }

    function choose(index) {
      const result = results[index];
      if (!result) return;
      if (multiple) {
        if (!Array.from(select.options).some(function (o) { return o.value === result.id; })) {
          select.appendChild(new Option(result.text, result.id, true, true));
          addChip(result.id, result.text);
        }
        input.value = "";
      } else {
        select.replaceChildren(new Option(result.text, result.id, true, true));
        input.value = result.text;
      }
      close();
      status.textContent = "";
      changed();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("focus", function () {
      if (!multiple) input.select();
    });
    input.addEventListener("keydown", function (event) {
      const open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) highlight(Math.min(active + 1, results.length - 1));
        else search();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (open) highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault(); // choose, do not submit the form
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
        if (!multiple) input.value = chosenLabel();
      } else if (event.key === "Backspace" && multiple && input.value === "" && select.options.length) {
        remove(select.options[select.options.length - 1].value);
      }
    });
    input.addEventListener("blur", function () {
      close();
      if (multiple) {
        input.value = "";
      } else if (input.value.trim() === "" && optional && select.value !== "") {
        select.replaceChildren(); // emptied: nothing chosen
        changed();
      } else {
        input.value = chosenLabel();
      }
    });

    function remove(value) {
      Array.from(select.options).forEach(function (o) {
        if (o.value === value) o.remove();
      });
      chosenList.querySelectorAll("li").forEach(function (chip) {
        if (chip.dataset.value === value) chip.remove();
      });
      changed();
      input.focus();
    }

    if (chosenList) {
      chosenList.addEventListener("click", function (event) {
        const button = event.target.closest("[data-picker-remove]");
        if (button) remove(button.closest("li").dataset.value);
      });
    }
  }

  function setupAll(scope) {
    (scope || document).querySelectorAll("[data-picker]").forEach(setup);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    setupAll(event.target);
  });
})();
