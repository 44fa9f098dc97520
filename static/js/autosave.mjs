// Saves a record's draft as it is typed (issue 7, part 3: no lost work). Progressive
// enhancement: without JavaScript the form's own "Save as draft" button does the same.
//
// On a form marked data-autosave-url (recording/partials/autosave_attributes.html):
// - a few seconds after typing stops, and when the page is hidden or left, it posts the
//   form to its own page with autosave=1. The page saves the draft through the same
//   service and version check as the button, and answers in JSON (recording/draft_views.py);
// - after each save it sets the form's hidden version to the new one and says what the
//   server answered in the status line: "Draft saved at 14:32" only when it was saved;
//   a refused save (422) says "Not saved" and lists what to fix;
// - what is typed is also kept in this browser (localStorage, under the user and the
//   form's address) until it is saved, so that a lost connection, a closed tab or an
//   expired session loses nothing: when the form opens again with text it had not
//   saved, the text is put back, the page says so, and it is saved;
// - if the draft was changed elsewhere (409), it says so and stops: the form's own save
//   then shows both versions side by side.
// A strict Content Security Policy allows this file: no inline script or style.

const SAVE_DELAY_MS = 3000;
const KEEP_DELAY_MS = 300;
const RETRY_MS = 15000;
const KEEPALIVE_MAX_CHARACTERS = 60000; // browsers refuse keepalive bodies over 64 kB
const KEY_PREFIX = "practice-record:draft:";
const FORGET_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
const NOT_KEPT = new Set(["csrfmiddlewaretoken", "version", "autosave"]);

const MESSAGES = {
  offline:
    "You're offline — your text is kept in this browser and will be saved when the connection returns.",
  failed:
    "Your draft could not be saved just now. Your text is kept in this browser, and it will be saved when it can be.",
  signedOut:
    "You have been signed out. Your text is kept in this browser; sign in again to save it.",
  conflict: "Someone else has changed this draft — save to see both versions.",
  reload:
    "Your draft could not be saved. Your text is kept in this browser: reload the page to carry on, and it will be put back.",
  notSaved: "Not saved: fix the errors below",
  restored: "We restored text you typed that had not been saved. It is being saved now.",
  restoredSaved: "We restored text you typed that had not been saved. It has been saved now.",
};

function localStore() {
  try {
    const storage = window.localStorage;
    storage.setItem(`${KEY_PREFIX}test`, "1");
    storage.removeItem(`${KEY_PREFIX}test`);
    return storage;
  } catch {
    return null; // private browsing, or storage turned off: autosave still works
  }
}

const storage = localStore();

// The form's fields as name -> values, without the token and the version.
function fieldsOf(form) {
  const fields = {};
  for (const [name, value] of new FormData(form)) {
    if (NOT_KEPT.has(name) || typeof value !== "string") continue;
    (fields[name] ||= []).push(value);
  }
  return fields;
}

// What a person typed: empty values and the row counts ("option_rows") do not count.
function typed(fields) {
  return JSON.stringify(
    Object.keys(fields)
      .filter((name) => !name.endsWith("_rows"))
      .sort()
      .map((name) => [name, fields[name].filter((value) => value !== "")])
      .filter(([, values]) => values.length),
  );
}

// GOV.UK's conditional reveals follow the restored ticks and radios.
function syncReveals(form) {
  form.querySelectorAll("input[aria-controls], input[data-aria-controls]").forEach((input) => {
    const id = input.getAttribute("aria-controls") || input.dataset.ariaControls;
    const target = id && document.getElementById(id);
    if (!target) return;
    const hidden =
      input.type === "radio"
        ? "govuk-radios__conditional--hidden"
        : "govuk-checkboxes__conditional--hidden";
    target.classList.toggle(hidden, !input.checked);
    if (input.hasAttribute("aria-expanded")) {
      input.setAttribute("aria-expanded", String(input.checked));
    }
  });
}

function applyFields(form, fields) {
  const used = {};
  for (const element of form.elements) {
    const { name, type } = element;
    if (!name || NOT_KEPT.has(name) || ["submit", "button", "file", "reset"].includes(type)) {
      continue;
    }
    const values = fields[name] || [];
    if (type === "checkbox" || type === "radio") {
      element.checked = values.includes(element.value);
    } else if (type === "select-multiple") {
      for (const option of element.options) option.selected = values.includes(option.value);
    } else if (name in fields) {
      const index = used[name] || 0;
      used[name] = index + 1;
      element.value = values[index] ?? "";
    }
  }
  // Rows the page no longer shows still go with the form, so nothing typed is dropped.
  for (const [name, values] of Object.entries(fields)) {
    if (form.elements.namedItem(name)) continue;
    for (const value of values) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
  }
  syncReveals(form);
}

function warningText(text, link) {
  const box = document.createElement("div");
  box.className = "govuk-warning-text";
  const icon = document.createElement("span");
  icon.className = "govuk-warning-text__icon";
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = "!";
  const words = document.createElement("strong");
  words.className = "govuk-warning-text__text";
  const hidden = document.createElement("span");
  hidden.className = "govuk-visually-hidden";
  hidden.textContent = "Warning";
  words.append(hidden, ` ${text}`);
  if (link) {
    const anchor = document.createElement("a");
    anchor.className = "govuk-link";
    anchor.href = link.href;
    anchor.textContent = link.text;
    words.append(" ", anchor);
  }
  box.append(icon, words);
  return box;
}

function insetText(text) {
  const box = document.createElement("div");
  box.className = "govuk-inset-text";
  box.textContent = text;
  return box;
}

class DraftAutosave {
  constructor(form) {
    this.form = form;
    this.url = form.dataset.autosaveUrl;
    this.user = form.dataset.autosaveUser;
    this.signInUrl = form.dataset.autosaveSignIn;
    this.versionInput = form.querySelector("[data-autosave-version]");
    this.status = form.querySelector("[data-autosave-status]");
    this.message = form.querySelector("[data-autosave-message]");
    this.changes = 0; // edits since the page opened
    this.savedChanges = 0; // edits the last acknowledged save held
    this.inFlight = null;
    this.again = false;
    this.stopped = false; // after a conflict, a refusal or signing out: keep, do not send
    this.submitted = false;
    this.saveTimer = null;
    this.keepTimer = null;
    this.retryTimer = null;
  }

  get key() {
    return `${KEY_PREFIX}${this.user}:${this.url}`;
  }

  start() {
    if (!this.versionInput || !this.url) return;
    // A form the page shows as sent (after a refusal, "Add another option", or kept
    // while signed out) holds text that is not saved yet.
    if ("autosaveUnsaved" in this.form.dataset) this.changes += 1;
    const restored = this.restore();
    this.keep();
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => this.submitting(event));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.leaving();
    });
    window.addEventListener("pagehide", () => this.leaving());
    window.addEventListener("online", () => this.retry());
    if (restored) {
      this.save();
    } else if (this.changes > this.savedChanges) {
      this.schedule();
    }
  }

  version() {
    return Number(this.versionInput.value) || 0;
  }

  read() {
    if (!storage) return null;
    try {
      const entry = JSON.parse(storage.getItem(this.key));
      return entry && typeof entry.fields === "object" && entry.fields !== null ? entry : null;
    } catch {
      return null;
    }
  }

  // Put back text kept in this browser that the server has not got. Kept text from a
  // form that was sent, when the draft has moved on since, was saved by that sending.
  restore() {
    const entry = this.read();
    if (!entry) return false;
    const version = this.version();
    const same = typed(entry.fields) === typed(fieldsOf(this.form));
    if (same || entry.version > version || (entry.submitted && entry.version < version)) {
      if (this.changes === this.savedChanges) this.forget();
      return false;
    }
    applyFields(this.form, entry.fields);
    // Saved on the version it was typed on: if the draft moved on since, the save is an
    // edit conflict and both versions are shown, never an overwrite.
    this.versionInput.value = String(entry.version);
    this.changes += 1;
    this.restoring = true;
    this.show(insetText(MESSAGES.restored));
    return true;
  }

  keep({ submitted = false } = {}) {
    window.clearTimeout(this.keepTimer);
    if (!storage || this.changes === this.savedChanges) return;
    const entry = {
      version: this.version(),
      fields: fieldsOf(this.form),
      keptAt: Date.now(),
      submitted,
    };
    try {
      storage.setItem(this.key, JSON.stringify(entry));
    } catch {
      // Storage full: the server save is all there is.
    }
  }

  forget() {
    if (storage) storage.removeItem(this.key);
  }

  changed() {
    this.changes += 1;
    window.clearTimeout(this.keepTimer);
    this.keepTimer = window.setTimeout(() => this.keep(), KEEP_DELAY_MS);
    if (!this.stopped) this.schedule();
  }

  schedule() {
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  retry() {
    window.clearTimeout(this.retryTimer);
    if (!this.stopped) this.save();
  }

  leaving() {
    this.keep();
    if (!this.submitted) this.save({ keepalive: true });
  }

  // The form's own buttons: wait for a save on its way, so the form carries the version
  // that save made, not the one before it.
  submitting(event) {
    window.clearTimeout(this.saveTimer);
    if (this.inFlight) {
      event.preventDefault();
      const submitter = event.submitter;
      this.inFlight.finally(() =>
        window.setTimeout(() => this.form.requestSubmit(submitter || undefined), 0),
      );
      return;
    }
    this.keep({ submitted: true });
    this.submitted = true;
  }

  async save({ keepalive = false } = {}) {
    window.clearTimeout(this.saveTimer);
    if (this.stopped || this.submitted || this.changes === this.savedChanges) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.keep();
    const changes = this.changes;
    const body = new FormData(this.form);
    body.set("autosave", "1");
    const small = JSON.stringify(fieldsOf(this.form)).length < KEEPALIVE_MAX_CHARACTERS;
    this.inFlight = this.send(body, changes, keepalive && small);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
    if (this.again) {
      this.again = false;
      this.schedule();
    }
  }

  async send(body, changes, keepalive) {
    let response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual",
        keepalive,
        headers: { Accept: "application/json" },
      });
    } catch {
      this.failed(MESSAGES.offline);
      return;
    }
    if (response.type === "opaqueredirect" || response.status === 401) {
      this.signedOut();
      return;
    }
    let data = {};
    try {
      data = await response.json();
    } catch {
      data = {};
    }
    if (response.ok && Number.isInteger(data.version)) {
      this.saved(data, changes);
    } else if (response.status === 409) {
      this.stop(data.completed ? data.message : MESSAGES.conflict);
    } else if (response.status === 422) {
      // Refused, not saved: the page says so and what to fix. The text is kept here,
      // and the next change tries again.
      this.say(data.status || MESSAGES.notSaved, Array.isArray(data.problems) ? data.problems : []);
    } else if (response.status === 400 || response.status === 403) {
      this.stop(MESSAGES.reload);
    } else {
      this.failed(MESSAGES.failed);
    }
  }

  saved(data, changes) {
    window.clearTimeout(this.retryTimer);
    this.versionInput.value = String(data.version);
    if (typeof data.url === "string" && data.url.startsWith("/") && data.url !== this.url) {
      this.moveTo(data.url);
    }
    this.savedChanges = changes;
    if (this.changes === changes) {
      this.forget();
    } else {
      this.keep(); // typed while the save was on its way: kept on the new version
    }
    // Someone whose text was put back needs to know, after it is saved too.
    this.show(this.restoring ? insetText(MESSAGES.restoredSaved) : null);
    this.restoring = false;
    this.say(data.status || `Draft saved at ${data.saved_at}`);
  }

  // A new record's first save made it: from now on its form is the draft's page.
  moveTo(url) {
    this.forget();
    this.url = url;
    this.form.dataset.autosaveUrl = url;
    this.form.action = url;
    if (window.location.pathname !== url) {
      window.history.replaceState(window.history.state, "", url);
    }
    this.keep();
  }

  failed(text) {
    this.keep();
    this.show(warningText(text));
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.retry(), RETRY_MS);
  }

  signedOut() {
    this.stopped = true;
    this.keep();
    const next = window.location.pathname + window.location.search;
    const href = `${this.signInUrl}?next=${encodeURIComponent(next)}`;
    this.show(warningText(MESSAGES.signedOut, { href, text: "Sign in again" }));
  }

  // Signing out: save what is not saved yet, then no more saving or keeping. True when
  // the server has everything typed here.
  async settle() {
    window.clearTimeout(this.saveTimer);
    while (this.inFlight) await this.inFlight;
    if (!this.stopped && !this.submitted) await this.save();
    window.clearTimeout(this.saveTimer);
    this.submitted = true;
    return this.changes === this.savedChanges;
  }

  stop(text) {
    this.stopped = true;
    this.keep();
    this.show(warningText(text));
  }

  // The status line says what the server answered: saved (and when), or not saved and
  // each problem to fix, linked to its field.
  say(text, problems = []) {
    if (!this.status) return;
    const line = document.createElement("p");
    line.className = "govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-0";
    line.textContent = text;
    const parts = [line];
    if (problems.length) {
      const list = document.createElement("ul");
      list.className = "govuk-list govuk-list--bullet govuk-body-s";
      for (const problem of problems) {
        const item = document.createElement("li");
        const href = typeof problem.href === "string" ? problem.href : "";
        if (href.startsWith("#")) {
          const anchor = document.createElement("a");
          anchor.className = "govuk-link";
          anchor.href = href;
          anchor.textContent = problem.message;
          item.append(anchor);
        } else {
          item.textContent = problem.message;
        }
        list.append(item);
      }
      parts.push(list);
    }
    this.status.replaceChildren(...parts);
  }

  show(element) {
    if (!this.message) return;
    this.message.replaceChildren(...(element ? [element] : []));
  }
}

// Text kept in this browser is sensitive: forget what is a week old, whoever typed it.
function forgetOld() {
  if (!storage) return;
  const now = Date.now();
  for (let index = storage.length - 1; index >= 0; index -= 1) {
    const key = storage.key(index);
    if (!key || !key.startsWith(KEY_PREFIX)) continue;
    try {
      const entry = JSON.parse(storage.getItem(key));
      if (!entry || !(now - entry.keptAt < FORGET_AFTER_MS)) storage.removeItem(key);
    } catch {
      storage.removeItem(key);
    }
  }
}

// Signing out leaves none of this person's text in the browser (a computer may be
// shared): the page's own form is saved first, then their kept text is removed, except
// text this page could not save just now, which is put back when they sign in again.
function forgetOnSignOut(drafts) {
  document.querySelectorAll("form[data-sign-out-user]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (form.dataset.signingOut) return;
      form.dataset.signingOut = "true";
      const unsaved = new Set();
      for (const draft of drafts) {
        if (!(await draft.settle())) unsaved.add(draft.key);
      }
      forgetUser(form.dataset.signOutUser, unsaved);
      form.submit();
    });
  });
}

function forgetUser(user, keep) {
  if (!storage || !user) return;
  const prefix = `${KEY_PREFIX}${user}:`;
  for (let index = storage.length - 1; index >= 0; index -= 1) {
    const key = storage.key(index);
    if (key && key.startsWith(prefix) && !keep.has(key)) storage.removeItem(key);
  }
}

export function initAutosave(root = document) {
  forgetOld();
  const drafts = [];
  root.querySelectorAll("form[data-autosave-url]").forEach((form) => {
    const draft = new DraftAutosave(form);
    draft.start();
    drafts.push(draft);
  });
  forgetOnSignOut(drafts);
}
