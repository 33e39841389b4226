// perfbot sandbox: every click, choice and message on the page becomes a POST to /sandbox/act,
// which sends the app the request Slack would send. The page is rendered on the server; this
// file only reads what the person entered, sends it, and swaps in the fresh page.
"use strict";
(function () {
  const body = document.body;
  const me = body.dataset.as;
  const where = body.dataset.in;
  let changes = body.dataset.changes;
  let refreshing = false;

  function toast(text) {
    const box = document.getElementById("toast");
    box.textContent = text;
    box.hidden = false;
    setTimeout(() => { box.hidden = true; }, 4000);
  }

  async function call(payload) {
    payload.as = me;
    const response = await fetch("/sandbox/act", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!response.ok) toast(data.error || "HTTP " + response.status);
    else if (data.status && data.status >= 400) toast("/slack/events answered HTTP " + data.status);
    return data;
  }

  async function act(payload) {
    const data = await call(payload);
    await refresh();
    return data;
  }

  // -- reading what the person entered ------------------------------------------------------

  function chosen(options) {
    return Array.from(options).filter((o) => o.value).map((o) => ({ value: o.value, text: o.textContent.trim() }));
  }

  function readElement(el) {
    const type = el.dataset.type;
    if (type === "datepicker" || type === "timepicker") {
      return { selected: el.value ? [{ value: el.value, text: el.value }] : [] };
    }
    if (type === "plain_text_input" || type === "number_input") return { value: el.value };
    if (type === "radio_buttons" || type === "checkboxes") {
      return { selected: Array.from(el.querySelectorAll("input:checked")).map((i) => ({ value: i.value, text: i.value })) };
    }
    if (type && type.endsWith("external_select")) {
      return { selected: chosen(el.querySelector("select").selectedOptions) };
    }
    if (el.tagName === "SELECT") return { selected: chosen(el.selectedOptions) };
    return { value: el.value };
  }

  function collectState(root) {
    const state = {};
    root.querySelectorAll("[data-action-id][data-block-id][data-type]").forEach((el) => {
      const type = el.dataset.type;
      if (type === "button" || type === "overflow") return;
      const block = el.dataset.blockId;
      state[block] = state[block] || {};
      state[block][el.dataset.actionId] = readElement(el);
    });
    return state;
  }

  function dispatch(el) {
    const payload = {
      kind: "action",
      action_id: el.dataset.actionId,
      block_id: el.dataset.blockId,
      raw: el.dataset.type === "button" ? {} : readElement(el),
    };
    const view = el.closest("[data-view-id]");
    if (view && view.dataset.viewId) {
      payload.view_id = view.dataset.viewId;
      payload.state = collectState(view);
    } else {
      const message = el.closest(".message");
      if (!message) return;
      payload.in = where;
      payload.ts = message.dataset.ts;
      payload.ephemeral = message.dataset.ephemeral === "1";
    }
    if (el.dataset.url) window.open(el.dataset.url, "_blank", "noopener");
    act(payload);
  }

  // -- refreshing -------------------------------------------------------------------------------

  function swap(fresh, id) {
    const old = document.getElementById(id);
    const replacement = fresh.getElementById(id);
    if (old && replacement) old.replaceWith(replacement);
  }

  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      const messages = document.getElementById("messages");
      const atBottom = !messages || messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
      ["sidebar", "main-content", "api-panel", "clock-now", "as-picker"].forEach((id) => swap(fresh, id));
      const oldModal = document.querySelector("#modal-root .modal");
      const newModal = fresh.querySelector("#modal-root .modal");
      // A modal the person is typing in stays as it is unless the app changed it.
      if (!oldModal || !newModal || oldModal.dataset.key !== newModal.dataset.key) {
        swap(fresh, "modal-root");
        // As Slack does, bring the first field the app found wrong into view.
        const firstError = document.querySelector("#modal-root .sk-error");
        if (firstError) firstError.scrollIntoView({ block: "center" });
      }
      changes = fresh.body.dataset.changes;
      const newMessages = document.getElementById("messages");
      if (newMessages && atBottom) newMessages.scrollTop = newMessages.scrollHeight;
    } finally {
      refreshing = false;
    }
  }

  async function poll() {
    try {
      const response = await fetch("/sandbox/changes");
      const data = await response.json();
      if (String(data.changes) !== String(changes)) await refresh();
    } catch (e) { /* the sandbox stopped */ }
    setTimeout(poll, 1000);
  }

  // -- events -------------------------------------------------------------------------------------

  document.addEventListener("click", (event) => {
    // A permalink to a message on this page opens it here, as the same person.
    const link = event.target.closest("a[href]");
    if (link && link.href.startsWith(window.location.origin + "/?in=")) {
      event.preventDefault();
      window.location.href = link.href.replace("/?in=", "/?as=" + encodeURIComponent(me) + "&in=");
      return;
    }
    const target = event.target.closest("button, li[data-command], li[data-shortcut]");
    if (!target) return;
    if (target.matches("button[data-dispatch]")) { dispatch(target); return; }
    if (target.matches("[data-clock]")) { act({ kind: "clock", step: target.dataset.clock }); return; }
    if (target.id === "join-button") { act({ kind: "join" }); return; }
    if (target.matches("[data-modal-close]")) {
      const modal = target.closest(".modal");
      act({ kind: "close", view_id: modal.dataset.viewId, state: collectState(modal) });
      return;
    }
    if (target.id === "shortcuts-button") {
      const menu = document.getElementById("shortcuts-menu");
      menu.hidden = !menu.hidden;
      return;
    }
    if (target.dataset.shortcut) {
      document.getElementById("shortcuts-menu").hidden = true;
      act({ kind: "shortcut", callback_id: target.dataset.shortcut });
      return;
    }
    if (target.dataset.command) {
      const composer = document.getElementById("composer");
      composer.value = target.dataset.command + " ";
      document.getElementById("command-hints").hidden = true;
      composer.focus();
    }
  });

  document.addEventListener("change", (event) => {
    const el = event.target;
    if (el.id === "as-picker") {
      window.location.href = "/?as=" + encodeURIComponent(el.value) + "&in=" + encodeURIComponent(where);
      return;
    }
    if (el.classList.contains("msg-shortcuts") && el.value) {
      const message = el.closest(".message");
      act({ kind: "message_shortcut", callback_id: el.value, in: where, ts: message.dataset.ts });
      return;
    }
    const element = el.closest("[data-dispatch][data-action-id]");
    if (element && !element.matches("button")) {
      if (element.dataset.type === "overflow" && !el.value) return;
      dispatch(element);
    }
  });

  let suggestTimer = null;
  document.addEventListener("input", (event) => {
    const el = event.target;
    if (el.id === "composer") {
      const hints = document.getElementById("command-hints");
      const text = el.value;
      let any = false;
      hints.querySelectorAll("li").forEach((li) => {
        const show = text.startsWith("/") && !text.includes(" ") && li.dataset.command.startsWith(text);
        li.hidden = !show;
        any = any || show;
      });
      hints.hidden = !any;
      return;
    }
    if (el.classList.contains("sk-external-query")) {
      clearTimeout(suggestTimer);
      suggestTimer = setTimeout(() => suggest(el), 250);
    }
  });

  async function suggest(input) {
    const holder = input.closest(".sk-external");
    const view = input.closest("[data-view-id]");
    const data = await call({
      kind: "suggest",
      view_id: view.dataset.viewId,
      block_id: holder.dataset.blockId,
      action_id: holder.dataset.actionId,
      value: input.value,
    });
    const select = holder.querySelector("select");
    const kept = Array.from(select.options).filter((o) => o.selected || !o.value);
    select.replaceChildren(...kept);
    (data.options || []).forEach((option) => {
      if (kept.some((o) => o.value === option.value)) return;
      const item = document.createElement("option");
      item.value = option.value;
      item.textContent = option.text;
      select.appendChild(item);
    });
    if (!select.multiple && select.options.length > 1 && !select.value) select.selectedIndex = 1;
  }

  // Slack itself refuses to submit a modal with an empty required input: the app never hears of it.
  function requiredFilled(form) {
    let filled = true;
    form.querySelectorAll(".sk-input-block[data-required]").forEach((block) => {
      const element = block.querySelector("[data-type]");
      const entry = element ? readElement(element) : {};
      const empty = entry.selected ? entry.selected.length === 0 : !String(entry.value || "").trim();
      block.querySelectorAll(".sk-error.sk-required").forEach((e) => e.remove());
      if (empty) {
        const first = filled;
        filled = false;
        const error = document.createElement("div");
        error.className = "sk-error sk-required";
        error.setAttribute("role", "alert");
        error.textContent = body.dataset.required;
        block.appendChild(error);
        if (first) error.scrollIntoView({ block: "center" });
      }
    });
    return filled;
  }

  document.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    if (form.id === "composer-form") {
      const composer = document.getElementById("composer");
      const text = composer.value.trim();
      if (!text) return;
      composer.value = "";
      document.getElementById("command-hints").hidden = true;
      const data = await act({ kind: "send", in: where, text: text });
      if (data.not_a_command) toast(body.dataset.notACommand.replace("{command}", data.not_a_command));
      return;
    }
    if (form.classList.contains("modal") && requiredFilled(form)) {
      act({ kind: "submit", view_id: form.dataset.viewId, state: collectState(form) });
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.target.id === "composer" && event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  });

  if (where === "home") act({ kind: "home" });
  const messages = document.getElementById("messages");
  if (messages) messages.scrollTop = messages.scrollHeight;
  setTimeout(poll, 1000);
})();
